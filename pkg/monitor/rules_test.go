package monitor

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/demo"
)

// stalled reports the model's latest prediction long ago.
type stalled struct {
	sources.InferenceSource
	last time.Time
}

func (s stalled) LastPrediction(context.Context, string, time.Time) (time.Time, bool, error) {
	return s.last, true, nil
}

// The P0 pipeline rule fires on a measured gap: no prediction for longer
// than the model's expected gap.
func TestPipelineStoppedIsMeasured(t *testing.T) {
	s := newDemoSetup(t, fleetTestNow)
	s.conns.Inference = stalled{s.conns.Inference, fleetTestNow.Add(-3 * time.Hour)}
	frames, err := s.answer(t, map[string]any{"queryType": "fleetHealth", "model": demo.FraudDetection}, day, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	f := frames[0]
	if sev := stringsOf(t, f, "severity")[0]; sev != string(engine.SeverityP0) {
		t.Fatalf("no predictions for 3 h against the 60-minute expected gap: severity %s, want P0", sev)
	}
	if action := stringsOf(t, f, "action")[0]; !strings.Contains(action, "pipeline") {
		t.Fatalf("action %q, want the pipeline's", action)
	}
	s.catalog.Models[1].ExpectedGapMinutes = 240
	if frames, err = s.answer(t, map[string]any{"queryType": "fleetHealth", "model": demo.FraudDetection}, day, time.Hour); err != nil {
		t.Fatal(err)
	}
	if action := stringsOf(t, frames[0], "action")[0]; strings.Contains(action, "pipeline") {
		t.Fatalf("a 3 h gap within a declared 4 h expected gap is normal, got action %q", action)
	}
}

// The declared fleet budget is read: the cost summary's fleet row holds it.
func TestFleetBudgetIsRead(t *testing.T) {
	f := fleetAnswer(t, "costSummary", 7, "")[0]
	row := fleetRow(t, stringsOf(t, f, "model"), fleetTotal)
	if v := nullableAt(t, f, "budget", row); v == nil || *v != 60000 {
		t.Fatalf("fleet budget %v, want the declared 60000", deref(v))
	}
	if v := nullableAt(t, f, "budgetVariance", row); v == nil {
		t.Fatal("the fleet's forecast is compared with its budget")
	}
}

// meanOnly is a runtime that exposes latency sum and count but no histogram.
type meanOnly struct{ sources.ServingSource }

func (m meanOnly) Serving(ctx context.Context, model string, w []sources.Window) ([]engine.ServingSummary, error) {
	out, err := m.ServingSource.Serving(ctx, model, w)
	for i := range out {
		out[i].LatencySumMs, out[i].LatencyCount = 120*out[i].Requests, out[i].Requests
		out[i].Latency = engine.LatencyHistogram{}
	}
	return out, err
}

// Without a histogram the latency series is the mean, called a mean.
func TestLatencyWithoutAHistogramIsAMeanNotAPercentile(t *testing.T) {
	s := newDemoSetup(t, testNow)
	s.conns.Serving = meanOnly{s.conns.Serving}
	frames, err := s.answer(t, map[string]any{"queryType": "latency", "model": demo.FraudDetection}, 6*time.Hour, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	f := frames[0]
	if _, i := f.FieldByName("p95"); i >= 0 {
		t.Fatal("no histogram, no p95")
	}
	if v := fieldValues(t, f, "mean"); len(v) == 0 || v[0] != 120 {
		t.Fatalf("mean latency %v, want 120 ms", v)
	}
	if len(f.Meta.Notices) == 0 || !strings.Contains(f.Meta.Notices[0].Text, "not a percentile") {
		t.Fatal("the frame must say the series is a mean")
	}
}
