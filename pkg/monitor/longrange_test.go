package monitor

import (
	"testing"
	"time"
)

// Grafana's "Last 1 year" answers on every fleet query: windows widen with
// the range instead of exceeding a point limit.
func TestLastYearAnswersOnFleetQueries(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates a year of the demo fleet")
	}
	s := newDemoSetup(t, fleetTestNow)
	loads := NewLoads()
	for _, qt := range []string{"fleetHealth", "kpis", "slaMatrix", "healthTrend"} {
		r := s.request(t, map[string]any{"queryType": qt}, 365*day, time.Hour)
		r.Loads = loads
		frames, err := Answer(t.Context(), r)
		if err != nil {
			t.Fatalf("%s over a year: %v", qt, err)
		}
		if frames[0].Rows() == 0 {
			t.Fatalf("%s over a year: no rows", qt)
		}
	}
}
