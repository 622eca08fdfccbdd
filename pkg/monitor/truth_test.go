package monitor

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources/demo"
)

// An open window's rate is per elapsed time: 20 minutes into an hour, the
// hour's throughput reads like the full hours around it, not a third of them.
func TestOpenWindowRatesArePerElapsedTime(t *testing.T) {
	s := newDemoSetup(t, testNow.Add(20*time.Minute))
	frames, err := s.answer(t, map[string]any{"queryType": "throughput", "model": demo.FraudDetection}, 6*time.Hour, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	rps := fieldValues(t, frames[0], "requests")
	last, previous := rps[len(rps)-1], rps[len(rps)-2]
	if math.Abs(last-previous)/previous > 0.25 {
		t.Fatalf("open hour %.2f req/s against %.2f in the full hour before: the open hour must be divided by its elapsed minutes", last, previous)
	}
}

// The trend and the table assess a window the same way: over one window,
// the table's score is the trend's point.
func TestHealthTrendAndTableAgreeOnTheSameWindow(t *testing.T) {
	s := newDemoSetup(t, fleetTestNow)
	hour := fleetTestNow.Truncate(time.Hour).Add(-3 * time.Hour)
	answerOver := func(body map[string]any) *engineFrame {
		r := s.request(t, body, time.Hour, time.Hour)
		r.Range, _ = NewRange(hour, hour.Add(time.Hour), fleetTestNow)
		frames, err := Answer(t.Context(), r)
		if err != nil {
			t.Fatal(err)
		}
		return &engineFrame{frames[0]}
	}
	for _, m := range []string{demo.RiskAssessment, demo.RecommendationAI, demo.DemandForecast} {
		table := answerOver(map[string]any{"queryType": "fleetHealth", "model": m})
		trend := answerOver(map[string]any{"queryType": "healthTrend", "model": m})
		if trend.Rows() != 1 {
			t.Fatalf("%s: %d trend points over one hour", m, trend.Rows())
		}
		for _, field := range append([]string{"healthScore"}, engine.DimensionModelPerformance, engine.DimensionInfrastructure,
			engine.DimensionDataQuality, engine.DimensionResponseTimeSLA, engine.DimensionCompliance) {
			a, b := nullableAt(t, table.Frame, field, 0), nullableAt(t, trend.Frame, field, 0)
			if (a == nil) != (b == nil) || (a != nil && math.Abs(*a-*b) > 1e-9) {
				t.Errorf("%s %s: table %v, trend %v", m, field, deref(a), deref(b))
			}
		}
	}
}

// Every dimension of the trend is measured on the demo, which configures
// every role, or its absence is explained on the frame.
func TestHealthTrendComputesEveryDimension(t *testing.T) {
	f := fleetAnswer(t, "healthTrend", 7, "")[0]
	for _, d := range []string{engine.DimensionModelPerformance, engine.DimensionInfrastructure, engine.DimensionDataQuality,
		engine.DimensionResponseTimeSLA, engine.DimensionCompliance, engine.DimensionCostEfficiency} {
		if len(fieldValues(t, f, d)) < f.Rows()/2 {
			t.Errorf("%s is measured in %d of %d windows", d, len(fieldValues(t, f, d)), f.Rows())
		}
	}
	var explained bool
	for _, n := range f.Meta.Notices {
		explained = explained || strings.Contains(n.Text, "not billed yet")
	}
	if !explained {
		t.Error("today's windows have no cost score: the frame must say why")
	}
}

// The table's SLA column counts every serving objective, so a model over
// its latency target cannot read as 100% while its last issue is latency.
func TestSLAAttainmentCountsTheLatencyObjective(t *testing.T) {
	f := fleetAnswer(t, "fleetHealth", 1, demo.RecommendationAI)[0]
	if v := nullableAt(t, f, "slaAttainment", 0); v == nil || *v >= 1 {
		t.Fatalf("recommendation-ai is over its p95 target: SLA objectives met %v, want below 1", deref(v))
	}
}

// The declared accuracyDropAlert moves the quality severities the status uses.
func TestAccuracyDropAlertDrivesTheStatus(t *testing.T) {
	status := func(alert float64) string {
		s := newDemoSetup(t, fleetTestNow)
		for i := range s.catalog.Models {
			s.catalog.Models[i].Targets.AccuracyDropAlert = alert
		}
		frames, err := s.answer(t, map[string]any{"queryType": "fleetHealth", "model": demo.RiskAssessment}, 7*day, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		return stringsOf(t, frames[0], "severity")[0]
	}
	strict, lax := status(0.01), status(0.5)
	if strict != string(engine.SeverityP0) || lax == strict {
		t.Fatalf("risk-assessment's drop is over twice a 1%% alert (P0) and far under a 50%% one: got %s and %s", strict, lax)
	}
}

type engineFrame struct{ *data.Frame }

func deref(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}
