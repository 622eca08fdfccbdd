package plugin

import (
	"context"
	"fmt"
	"io"

	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/cache"
	"github.com/aiperf/monitor/pkg/sources/demo"
	"github.com/aiperf/monitor/pkg/sources/inference/logstore"
)

// roleCheck is what the health check tests for one role: the connector, or
// the error that kept it from opening.
type roleCheck struct {
	label   string // "Inference logs (postgres)"
	checker sources.HealthChecker
	err     error
}

// connect opens every configured role's connector behind the caching
// decorators. A connector that cannot open is replaced by one that fails
// with its error, so only that role's queries fail.
func (d *Datasource) connect(ctx context.Context) {
	d.catalogs = newCatalogs(d.settings.Catalog, d.now)
	opts := cache.Options{Now: d.now, LabelDelay: d.catalogs.labelDelay}
	if d.settings.DemoEnabled {
		fleet := demo.New(demo.Options{Now: d.now})
		d.conns = sources.Connections{
			Inference: cache.Inference(fleet, opts), Serving: cache.Serving(fleet, opts),
			Incidents: fleet, Endpoints: fleet, Billing: cache.Billing(fleet, opts), Registry: fleet,
		}
		d.catalogs.registry = fleet
		d.conns.Meters.Adopt(fleet, "Demo fleet")
		d.conns.Meters = cache.Meters(d.conns.Meters, opts)
		d.checks = append(d.checks, roleCheck{label: "Demo fleet", checker: fleet})
		return
	}
	var feeds []sources.NamedBilling
	for _, cfg := range d.settings.Roles {
		label := fmt.Sprintf("%s (%s)", roleLabels[cfg.Role], cfg.Connector)
		if cfg.Role == RoleBilling {
			label = fmt.Sprintf("%s %s (%s)", roleLabels[cfg.Role], cfg.Name, cfg.Connector)
		}
		var conn any
		var err error
		switch cfg.Role {
		case RoleInference:
			var src sources.InferenceSource
			if src, err = open(ctx, cfg, inferenceConnectors); err != nil {
				src = sources.Failing{Err: err}
			}
			d.conns.Inference, conn = cache.Inference(src, opts), src
			d.inspector, _ = src.(logstore.Inspector)
		case RoleServing:
			var src sources.ServingSource
			if src, err = open(ctx, cfg, servingConnectors); err != nil {
				src = sources.Failing{Err: err}
			}
			d.conns.Serving, conn = cache.Serving(src, opts), src
			if incidents, ok := src.(sources.IncidentSource); ok {
				d.conns.Incidents = incidents
			}
		case RoleEndpoints:
			var src sources.EndpointSource
			if src, err = open(ctx, cfg, endpointConnectors); err != nil {
				src = sources.Failing{Err: err}
			}
			d.conns.Endpoints, conn = src, src
		case RoleBilling:
			var src sources.BillingSource
			if src, err = open(ctx, cfg, billingConnectors); err != nil {
				src = sources.Failing{Err: err}
			}
			feeds, conn = append(feeds, sources.NamedBilling{Name: cfg.Name, Source: src}), src
		case RoleRegistry:
			var src sources.RegistrySource
			if src, err = open(ctx, cfg, registryConnectors); err != nil {
				src = sources.Failing{Err: err}
			}
			d.conns.Registry, d.catalogs.registry, conn = src, src, src
		default:
			err = unknownConnector(cfg, map[string]struct{}{})
		}
		check := roleCheck{label: label, err: err}
		if c, ok := conn.(sources.HealthChecker); ok && err == nil {
			check.checker = c
		}
		d.conns.Meters.Adopt(conn, label)
		if c, ok := conn.(io.Closer); ok {
			d.closers = append(d.closers, c)
		}
		d.checks = append(d.checks, check)
	}
	if len(feeds) > 0 {
		d.conns.Billing = cache.Billing(sources.CombinedBilling(feeds), opts)
	}
	d.conns.Meters = cache.Meters(d.conns.Meters, opts)
}
