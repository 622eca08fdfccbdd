package monitor

import (
	"context"
	"fmt"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
)

// versionDrift compares the version the model registry reports for a model
// with the catalog's: 1 when a declared version differs from the
// registry's (the model changed without the catalog, and its baseline,
// following), 0 when they agree, undefined without a registry that knows
// the model's version.
func (r *Request) versionDrift(ctx context.Context, m catalog.Model, notes *[]string) (engine.Metric, error) {
	src := r.Conns.Registry
	if src == nil {
		*notes = append(*notes, "no model registry: configuration drift is not measured")
		return engine.Metric{}, nil
	}
	models, err := remember(r.Loads, "registry", func() ([]catalog.Model, error) { return src.Models(ctx) })
	if err != nil {
		return engine.Metric{}, fmt.Errorf("reading the model registry: %w", err)
	}
	for _, registered := range models {
		if registered.ID != m.ID {
			continue
		}
		if registered.Version == "" || m.Version == "" {
			break
		}
		if registered.Version != m.Version {
			return engine.Metric{Value: 1, OK: true}, nil
		}
		return engine.Metric{Value: 0, OK: true}, nil
	}
	*notes = append(*notes, "the registry reports no version for "+m.ID+": configuration drift is not measured")
	return engine.Metric{}, nil
}
