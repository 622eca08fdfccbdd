package engine

import "testing"

func TestIncidentServingWindow(t *testing.T) {
	w := SummarizeServing([]ServingStep{
		{Minutes: 60, P95Ms: 100, Requests: 300, Errors: 3, Available: true},
		{Minutes: 60, P95Ms: 300, Requests: 100, Errors: 5, Available: true},
		{Minutes: 30, P95Ms: 0, Requests: 0, Errors: 0, Available: false},
	})
	// 120 of 150 minutes up; 8 errors in 400 requests; p95 (100·300 + 300·100)/400.
	assertCostMetric(t, "availability", w.Availability, 0.8)
	assertCostMetric(t, "error rate", w.ErrorRate, 0.02)
	assertCostMetric(t, "p95", w.LatencyP95Ms, 150)
	if w.DowntimeMinutes != 30 {
		t.Errorf("downtime = %v, want 30", w.DowntimeMinutes)
	}
	empty := SummarizeServing(nil)
	assertCostUndefined(t, "availability of no steps", empty.Availability)
	assertCostUndefined(t, "p95 without requests", empty.LatencyP95Ms)
}
