package monitor

import (
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/demo"
)

// seriesOf reads a configuration-drift series by its check label.
func seriesOf(t *testing.T, f *data.Frame, model, check string) []*float64 {
	t.Helper()
	for _, field := range f.Fields[1:] {
		if field.Labels["model"] == model && field.Labels["check"] == check {
			out := make([]*float64, field.Len())
			for i := range out {
				out[i] = field.At(i).(*float64)
			}
			return out
		}
	}
	t.Fatalf("no %s series for %s", check, model)
	return nil
}

// Recommendation AI's 3.2.0 became champion six hours before its rollout:
// before it was registered the registry cannot judge, in between 3.1.0
// served off the registry's version, after the rollout the configuration
// matches the registry but serves a version the baseline never saw.
func TestConfigurationDriftFollowsTheRelease(t *testing.T) {
	s := newDemoSetup(t, fleetTestNow)
	got, err := s.answer(t, map[string]any{"queryType": "configurationDrift", "model": demo.RecommendationAI}, 7*day, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	ts, table := got[0], got[1]
	times := ts.Fields[0]
	off, fresh := seriesOf(t, ts, demo.RecommendationAI, "registry"), seriesOf(t, ts, demo.RecommendationAI, "baseline")
	rec, _ := s.catalog.Model(demo.RecommendationAI)
	registered, rolledOut := rec.Registry.ProductionSince, rec.Registry.ProductionSince.Add(6*time.Hour+2*time.Hour)
	for i := range off {
		start := times.At(i).(time.Time)
		switch {
		case !start.Add(time.Hour).After(registered):
			if off[i] != nil {
				t.Errorf("%s: off-registry %v before 3.2.0 was registered, want undefined", start, *off[i])
			}
		case start.Before(registered.Add(6 * time.Hour)):
			if off[i] == nil || *off[i] < 0.99 {
				t.Errorf("%s: off-registry %v while 3.1.0 still served, want 1", start, off[i])
			}
		case !start.Before(rolledOut):
			if off[i] == nil || *off[i] != 0 || fresh[i] == nil || *fresh[i] != 1 {
				t.Errorf("%s: off-registry %v, without baseline %v after the rollout, want 0 and 1", start, off[i], fresh[i])
			}
		}
		if start.Add(time.Hour).Before(registered) && (fresh[i] == nil || *fresh[i] != 0) {
			t.Errorf("%s: without baseline %v while the baseline's 3.1.0 served, want 0", start, fresh[i])
		}
	}
	if prod := stringsOf(t, table, "productionVersion")[0]; prod != "3.2.0" || stringsOf(t, table, "servingNow")[0] != "3.2.0 (100%)" || stringsOf(t, table, "baselineVersions")[0] != "3.1.0" {
		t.Errorf("versions table %v", table)
	}
}

func TestConfigurationDriftIsUndefinedWithoutAVersionSource(t *testing.T) {
	s := newDemoSetup(t, fleetTestNow)
	s.conns.Meters = sources.Meters{}
	got, err := s.answer(t, map[string]any{"queryType": "configurationDrift"}, day, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	for _, field := range got[0].Fields[1:] {
		for i := range field.Len() {
			if v := field.At(i).(*float64); v != nil {
				t.Fatalf("%s %v = %v with nothing reporting versions, want undefined", field.Name, field.Labels, *v)
			}
		}
	}
	if n := got[0].Meta.Notices; len(n) == 0 || !strings.Contains(n[0].Text, "no connection reports which model version serves") {
		t.Errorf("notices %v: say why it is undefined", n)
	}
}
