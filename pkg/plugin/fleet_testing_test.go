package plugin

import (
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/sources/demo"
)

// fleetTestNow is mid-morning, so the demo's scripted behaviours (anchored to
// UTC midnight) are in place and today's bill is still open.
var fleetTestNow = time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)

// demoFleetInputs returns the inputs of a fleet query over the last days on
// the demo fleet with its default catalog, for every model or only the named one.
func demoFleetInputs(t *testing.T, days int, only string) fleetInputs {
	t.Helper()
	fleet := demo.New(demo.Options{Now: func() time.Time { return fleetTestNow }})
	c := demoCatalog(catalog.Catalog{})
	models := c.Models
	if only != "" {
		m, ok := c.Model(only)
		if !ok {
			t.Fatalf("no demo model %q", only)
		}
		models = []catalog.Model{m}
	}
	return fleetInputs{
		models: models, catalog: &c,
		from: fleetTestNow.Add(-time.Duration(days) * 24 * time.Hour), to: fleetTestNow, now: fleetTestNow,
		step: time.Hour, inference: fleet, serving: fleet, billing: fleet, executed: "test",
	}
}

// fleetRow returns the index of the row whose value is value.
func fleetRow(t *testing.T, values []string, value string) int {
	t.Helper()
	for i, v := range values {
		if v == value {
			return i
		}
	}
	t.Fatalf("no row %q in %v", value, values)
	return -1
}
