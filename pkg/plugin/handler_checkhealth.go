package plugin

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/aiperf/monitor/pkg/fault"
)

// healthTimeout bounds each role's check, so one dead server is reported
// instead of hanging the page.
const healthTimeout = 10 * time.Second

// CheckHealth tests every configured role, each with its own verdict, so
// one broken connector is named rather than hiding the others; then the
// catalog against what the connectors serve.
func (d *Datasource) CheckHealth(ctx context.Context, _ *backend.CheckHealthRequest) (*backend.CheckHealthResult, error) {
	if d.settingsErr != nil {
		return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: "Invalid settings: " + d.settingsErr.Error()}, nil
	}
	if len(d.checks) == 0 {
		return &backend.CheckHealthResult{Status: backend.HealthStatusError,
			Message: "No connection is configured: configure at least one section (Inference logs, Serving telemetry, Billing, Model registry) or turn on the demo fleet."}, nil
	}
	var lines []string
	failed := 0
	for _, c := range d.checks {
		detail, err := d.checkRole(ctx, c)
		if err != nil {
			failed++
			lines = append(lines, fmt.Sprintf("%s: failed: %v", c.label, err))
			continue
		}
		lines = append(lines, fmt.Sprintf("%s: OK (%s)", c.label, detail))
	}
	if problem := d.checkCatalog(ctx); problem != "" {
		failed++
		lines = append(lines, problem)
	}
	if failed > 0 {
		return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: fmt.Sprintf("%d of %d checks failed. %s", failed, len(lines), strings.Join(lines, "; "))}, nil
	}
	return &backend.CheckHealthResult{Status: backend.HealthStatusOk, Message: strings.Join(lines, "; ")}, nil
}

func (d *Datasource) checkRole(ctx context.Context, c roleCheck) (string, error) {
	if c.err != nil {
		return "", c.err
	}
	if c.checker == nil {
		return "opened", nil
	}
	ctx, cancel := context.WithTimeout(ctx, healthTimeout)
	defer cancel()
	return c.checker.CheckHealth(ctx)
}

// checkCatalog reports declared models the inference source does not know,
// which would fail every query on them.
func (d *Datasource) checkCatalog(ctx context.Context) string {
	cat, err := d.catalogs.get(ctx)
	if err != nil {
		return "Catalog: " + err.Error()
	}
	if d.conns.Inference == nil {
		return ""
	}
	var unknown []string
	for _, m := range cat.Models {
		if _, err := d.conns.Inference.Schema(ctx, m.ID); err != nil && fault.IsUser(err) {
			unknown = append(unknown, m.ID)
		}
	}
	if len(unknown) == 0 {
		return ""
	}
	if len(unknown) > 20 {
		unknown = append(unknown[:20], fmt.Sprintf("and %d more", len(unknown)-20))
	}
	if d.settings.DemoEnabled {
		return fmt.Sprintf("Catalog: models %s are declared but the demo fleet does not simulate them: remove them from the Models section, or turn the demo off and configure your own connectors", strings.Join(unknown, ", "))
	}
	return fmt.Sprintf("Catalog: models %s are declared but the inference-log source has no data for them: check their ids against the store's model column", strings.Join(unknown, ", "))
}
