package plugin

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// CheckHealth reports every configured connector, each with its own state,
// so one broken connector is named rather than hiding the others.
func (d *Datasource) CheckHealth(ctx context.Context, _ *backend.CheckHealthRequest) (*backend.CheckHealthResult, error) {
	if d.settingsErr != nil {
		return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: "Invalid settings: " + d.settingsErr.Error()}, nil
	}
	var lines []string
	failed := 0
	if d.demo != nil {
		if err := d.checkDemo(ctx); err != nil {
			failed++
			lines = append(lines, "demo fleet: failed: "+err.Error())
		} else {
			lines = append(lines, fmt.Sprintf("demo fleet: OK (%d models)", len(d.settings.Catalog.Models)))
		}
	}
	switch {
	case len(lines) == 0:
		return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: "No connector is configured: enable the built-in demo fleet or configure a connector."}, nil
	case failed > 0:
		return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: fmt.Sprintf("%d of %d connectors failed. %s", failed, len(lines), strings.Join(lines, "; "))}, nil
	default:
		return &backend.CheckHealthResult{Status: backend.HealthStatusOk, Message: strings.Join(lines, "; ")}, nil
	}
}

// checkDemo asks the demo for a minute of every model's telemetry.
func (d *Datasource) checkDemo(ctx context.Context) error {
	now := d.now().UTC().Truncate(time.Minute)
	for _, m := range d.settings.Catalog.Models {
		if _, err := d.demo.Serving(ctx, m.ID, now.Add(-time.Minute), now, time.Minute); err != nil {
			return fmt.Errorf("model %s: %w", m.ID, err)
		}
	}
	return nil
}
