package monitor

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/query"
	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/cache"
	"github.com/aiperf/monitor/pkg/sources/demo"
)

const day = 24 * time.Hour

// testNow fixes the demo's anchor so every test sees the same fleet.
var testNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// fleetTestNow is mid-morning, so the demo's scripted behaviours (anchored to
// UTC midnight) are in place and today's bill is still open.
var fleetTestNow = time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)

// demoSetup is the demo fleet as the plugin wires it: behind the caching
// decorators, its catalog from its registry, a declared budget and register.
type demoSetup struct {
	now     time.Time
	conns   sources.Connections
	catalog *catalog.Catalog
}

func newDemoSetup(t testing.TB, now time.Time) *demoSetup {
	t.Helper()
	clock := func() time.Time { return now }
	fleet := demo.New(demo.Options{Now: clock})
	models, err := fleet.Models(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	declared := catalog.Catalog{MonthlyBudget: 60000, Regulations: []catalog.Regulation{
		{Regulation: "EU AI Act", Scope: "High-risk models", Owner: "Compliance", Status: "In progress", LastReview: "2026-09-15", NextReview: "2027-03-15"},
		{Regulation: "GDPR", Owner: "DPO", Status: "Compliant"},
	}}
	c := declared.WithRegistry(models)
	opts := cache.Options{Now: clock, LabelDelay: func(string) time.Duration { return 48 * time.Hour }}
	s := &demoSetup{now: now, catalog: &c, conns: sources.Connections{
		Inference: cache.Inference(fleet, opts), Serving: cache.Serving(fleet, opts),
		Incidents: fleet, Billing: cache.Billing(fleet, opts), Registry: fleet,
	}}
	s.conns.Meters.Adopt(fleet, "Demo fleet")
	return s
}

// request builds the request a panel would send over the last span.
func (s *demoSetup) request(t testing.TB, body map[string]any, span, interval time.Duration) *Request {
	t.Helper()
	raw, _ := json.Marshal(body)
	q, err := query.Parse(raw, "")
	if err != nil {
		t.Fatal(err)
	}
	rng, err := NewRange(s.now.Add(-span), s.now, s.now)
	if err != nil {
		t.Fatal(err)
	}
	return &Request{Query: q, Range: rng, Interval: interval, Catalog: s.catalog, Conns: s.conns, Loads: NewLoads()}
}

func (s *demoSetup) answer(t testing.TB, body map[string]any, span, interval time.Duration) (data.Frames, error) {
	t.Helper()
	return Answer(t.Context(), s.request(t, body, span, interval))
}

// answer runs a query on the demo at testNow and fails the test on error.
func answer(t *testing.T, body map[string]any, span, interval time.Duration) data.Frames {
	t.Helper()
	frames, err := newDemoSetup(t, testNow).answer(t, body, span, interval)
	if err != nil {
		t.Fatalf("%v: %v", body, err)
	}
	return frames
}

// fleetAnswer runs a fleet query at fleetTestNow over the last days with
// hourly windows, for every model or only the named one.
func fleetAnswer(t *testing.T, queryType string, days int, only string) data.Frames {
	t.Helper()
	body := map[string]any{"queryType": queryType}
	if only != "" {
		body["model"] = only
	}
	frames, err := newDemoSetup(t, fleetTestNow).answer(t, body, time.Duration(days)*day, time.Hour)
	if err != nil {
		t.Fatalf("%s: %v", queryType, err)
	}
	return frames
}

func frameNamed(t *testing.T, fs data.Frames, name string) *data.Frame {
	t.Helper()
	for _, f := range fs {
		if f.Name == name {
			return f
		}
	}
	t.Fatalf("no frame %s", name)
	return nil
}

func fieldValues(t *testing.T, f *data.Frame, name string) []float64 {
	t.Helper()
	field, idx := f.FieldByName(name)
	if idx < 0 {
		t.Fatalf("frame %s has no field %s", f.Name, name)
	}
	out := make([]float64, 0, field.Len())
	for i := 0; i < field.Len(); i++ {
		if v, ok := field.ConcreteAt(i); ok {
			switch x := v.(type) {
			case float64:
				out = append(out, x)
			case int64:
				out = append(out, float64(x))
			}
		}
	}
	return out
}

func stringsOf(t *testing.T, f *data.Frame, name string) []string {
	t.Helper()
	field, idx := f.FieldByName(name)
	if idx < 0 {
		t.Fatalf("frame %s has no field %s", f.Name, name)
	}
	out := make([]string, field.Len())
	for i := range out {
		out[i] = field.At(i).(string)
	}
	return out
}

func nullableAt(t *testing.T, f *data.Frame, name string, row int) *float64 {
	t.Helper()
	field, idx := f.FieldByName(name)
	if idx < 0 {
		t.Fatalf("frame %s has no field %s", f.Name, name)
	}
	v, _ := field.At(row).(*float64)
	return v
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

func mean(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}
