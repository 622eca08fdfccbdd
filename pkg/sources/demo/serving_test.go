package demo

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
)

// windowsOf cuts [from, to) into windows of step.
func windowsOf(from, to time.Time, step time.Duration) []sources.Window {
	var out []sources.Window
	for t := from; t.Before(to); t = t.Add(step) {
		out = append(out, sources.Window{From: t, To: earlier(t.Add(step), to)})
	}
	return out
}

func serving(t testing.TB, f *Fleet, model string, from, to time.Time, step time.Duration) []engine.ServingSummary {
	t.Helper()
	s, err := f.Serving(context.Background(), model, windowsOf(from, to, step))
	if err != nil {
		t.Fatalf("Serving(%s): %v", model, err)
	}
	return s
}

func TestServingIsDeterministicAndAdditive(t *testing.T) {
	f := newTestFleet()
	from := testAnchor.Add(-2 * oneDay)
	for _, spec := range Models() {
		minutes := serving(t, f, spec.ID, from, from.Add(time.Hour), time.Minute)
		hour := serving(t, newTestFleet(), spec.ID, from, from.Add(time.Hour), time.Hour)[0]
		merged, err := engine.MergeServing(minutes...)
		if err != nil {
			t.Fatal(err)
		}
		if merged.Requests != hour.Requests || merged.Errors != hour.Errors || merged.Minutes != 60 || merged.UpMinutes+merged.DownMinutes != 60 {
			t.Fatalf("%s: the hour %+v is not the sum of its 60 minutes %+v", spec.ID, hour, merged)
		}
		for i := range hour.Latency.Counts {
			if math.Abs(hour.Latency.Counts[i]-merged.Latency.Counts[i]) > 1e-6*(1+hour.Latency.Counts[i]) {
				t.Fatalf("%s: latency bucket %d differs between the hour and its minutes", spec.ID, i)
			}
		}
		if math.Abs(hour.Latency.Total()-hour.Requests) > 1e-6*hour.Requests {
			t.Fatalf("%s: the histogram counts %v requests of %v", spec.ID, hour.Latency.Total(), hour.Requests)
		}
	}
}

func TestServingValuesArePlausible(t *testing.T) {
	f := newTestFleet()
	for _, spec := range Models() {
		var total engine.ServingSummary
		for _, s := range serving(t, f, spec.ID, testAnchor.Add(-30*oneDay), testAnchor, time.Hour) {
			w := engine.SummarizeServing(s)
			if !(w.LatencyP50Ms.Value > 0 && w.LatencyP50Ms.Value <= w.LatencyP95Ms.Value && w.LatencyP95Ms.Value <= w.LatencyP99Ms.Value) {
				t.Fatalf("%s: percentiles out of order: %+v", spec.ID, w)
			}
			if s.Requests <= 0 || s.Errors < 0 || s.Errors > s.Requests {
				t.Fatalf("%s: implausible counts: %+v", spec.ID, s)
			}
			if err := total.Merge(s); err != nil {
				t.Fatal(err)
			}
		}
		if rate := total.Errors / total.Requests; rate < 0.001 || rate > 0.01 {
			t.Errorf("%s: 30-day error rate %.4f, want 0.1%%..1%%", spec.ID, rate)
		}
	}
}

// The histogram's p95 must be the log-normal's own: median·e^(1.645σ).
func TestHistogramPercentileMatchesTheSimulatedDistribution(t *testing.T) {
	p, _ := lookup(FraudDetection)
	h := engine.NewLatencyHistogram(latencyBounds)
	addLatency(&h, 1000, 50, p.latencySigma)
	want := 50 * math.Exp(1.6449*p.latencySigma)
	if got := h.Quantile(0.95); !got.OK || math.Abs(got.Value-want)/want > 0.02 {
		t.Fatalf("p95 %v, want %.1f ms within 2%%", got, want)
	}
}

// Recommendation AI: p95 roughly doubles after the release and crosses its target.
func TestRecommendationLatencyRegression(t *testing.T) {
	f := newTestFleet()
	onset := latencyOnset(testAnchor)
	p95 := func(from, to time.Time) float64 {
		merged, err := engine.MergeServing(serving(t, f, RecommendationAI, from, to, time.Hour)...)
		if err != nil {
			t.Fatal(err)
		}
		return engine.SummarizeServing(merged).LatencyP95Ms.Value
	}
	before := p95(onset.Add(-7*oneDay), onset)
	after := p95(onset.Add(latencyRollout), testAnchor)
	target := recommendationSpec.LatencyTargetP95Ms
	if before >= target || after <= target {
		t.Errorf("p95 %.0f ms before and %.0f ms after the release; want below, then above the %v ms target", before, after, target)
	}
	if ratio := after / before; ratio < 1.7 || ratio > 2.3 {
		t.Errorf("p95 grew %.2f×, want about 2×", ratio)
	}
}

func TestAssistantLatencyHasItsOwnTarget(t *testing.T) {
	target := assistantSpec.LatencyTargetP95Ms
	over, hours := 0, serving(t, newTestFleet(), CustomerAIAssistant, testAnchor.Add(-7*oneDay), testAnchor, time.Hour)
	for _, s := range hours {
		if engine.SummarizeServing(s).LatencyP95Ms.Value > target {
			over++
		}
	}
	if share := float64(over) / float64(len(hours)); share > 0.05 {
		t.Errorf("assistant p95 above its target in %.0f%% of hours, want under 5%% (incidents only)", share*100)
	}
}

func TestServingRejectsBadInput(t *testing.T) {
	f := newTestFleet()
	ctx := context.Background()
	cases := []struct {
		name    string
		model   string
		windows []sources.Window
		want    string
	}{
		{"unknown model", "gpt-42", windowsOf(testAnchor.Add(-time.Hour), testAnchor, time.Minute), `"gpt-42"`},
		{"reversed window", RiskAssessment, []sources.Window{{From: testAnchor, To: testAnchor.Add(-time.Hour)}}, "swap From and To"},
		{"too much work", RiskAssessment, []sources.Window{{From: testAnchor.Add(-800 * oneDay), To: testAnchor.Add(-oneDay)}, {From: testAnchor.Add(-800 * oneDay), To: testAnchor}}, "narrow the range"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := f.Serving(ctx, c.model, c.windows); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Serving error %v, want one containing %q", err, c.want)
			}
			if _, err := f.Utilization(ctx, c.model, c.windows); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Utilization error %v, want one containing %q", err, c.want)
			}
		})
	}
}

func TestServingHonoursCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f := newTestFleet()
	w := windowsOf(testAnchor.Add(-3*oneDay), testAnchor, oneDay)
	if _, err := f.Serving(ctx, RiskAssessment, w); !errors.Is(err, context.Canceled) {
		t.Errorf("Serving on a cancelled context: %v", err)
	}
	if _, err := f.Utilization(ctx, RiskAssessment, w); !errors.Is(err, context.Canceled) {
		t.Errorf("Utilization on a cancelled context: %v", err)
	}
}

func TestUtilization(t *testing.T) {
	f := newTestFleet()
	week := func(model string) engine.UtilizationSummary {
		hours, err := f.Utilization(context.Background(), model, windowsOf(testAnchor.Add(-7*oneDay), testAnchor, time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		var u engine.UtilizationSummary
		for _, h := range hours {
			for _, r := range []engine.ResourceUse{h.GPU, h.CPU, h.Memory, h.Storage} {
				if m := r.Mean(); m.OK && (m.Value < 0 || m.Value > 1) {
					t.Fatalf("%s: utilisation outside 0..1: %+v", model, h)
				}
			}
			u.Merge(h)
		}
		return u
	}
	if gpu := week(CustomerAIAssistant).GPU.Mean(); gpu.Value < 0.6 {
		t.Errorf("assistant GPU %v, want GPU-heavy (≥ 0.6)", gpu)
	}
	if gpu := week(RecommendationAI).GPU.Mean(); gpu.Value < 0.6 {
		t.Errorf("recommendation GPU %v, want GPU-heavy (≥ 0.6)", gpu)
	}
	if gpu := week(FraudDetection).GPU.Mean(); gpu.Value <= 0 || gpu.Value > 0.3 {
		t.Errorf("fraud GPU %v, want allocated but mostly idle (0..0.3)", gpu)
	}
	if u := week(RiskAssessment); u.GPU.Mean().OK || u.CPU.Mean().Value < 0.3 {
		t.Errorf("risk-assessment is CPU-only: its GPU must be unmeasured, not 0: %+v", u)
	}
}

func BenchmarkServing30DaysHourlyAllModels(b *testing.B) {
	f := newTestFleet()
	ctx := context.Background()
	w := windowsOf(testAnchor.Add(-30*oneDay), testAnchor, time.Hour)
	for b.Loop() {
		for _, spec := range Models() {
			if _, err := f.Serving(ctx, spec.ID, w); err != nil {
				b.Fatal(err)
			}
			if _, err := f.Utilization(ctx, spec.ID, w); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func TestSeriesEndAtNow(t *testing.T) {
	f := newTestFleet()
	hours := serving(t, f, RiskAssessment, testNow.Add(-3*time.Hour).Truncate(time.Hour), testNow.Add(5*time.Hour), time.Hour)
	open := hours[3]
	if want := float64(testNow.Sub(testNow.Truncate(time.Hour)) / time.Minute); open.Minutes != want {
		t.Fatalf("the hour containing now covers %v minutes, want the %v elapsed", open.Minutes, want)
	}
	if hours[4].Minutes != 0 || hours[4].Requests != 0 {
		t.Fatalf("an hour after now must be empty: %+v", hours[4])
	}
	rows := collectRows(t, f, RiskAssessment, testNow.Add(-time.Hour), testNow.Add(time.Hour))
	if len(rows) == 0 || !rows[len(rows)-1].ts.Before(testNow) {
		t.Fatalf("rows run past now: %d rows", len(rows))
	}
}

func TestNothingBeforeTheHistory(t *testing.T) {
	f := newTestFleet()
	before := historyStart(testAnchor).Add(-oneDay)
	s := serving(t, f, RiskAssessment, before, before.Add(oneDay), oneDay)[0]
	if s.Minutes != 0 || s.Requests != 0 || len(collectRows(t, f, RiskAssessment, before, before.Add(oneDay))) != 0 {
		t.Fatalf("the demo's history starts %d days back; a day before it must be empty: %+v", HistoryDays, s)
	}
}

// addLatency skips the buckets below −6σ by search, reads the bounds'
// logarithms from a table and interpolates Φ: every bucket must hold the
// log-normal mass math.Erfc gives it to within 1e-10 of the requests, no
// bucket may go negative, and the buckets must add up to the requests.
func TestLatencyBucketsMatchTheLogNormalCDF(t *testing.T) {
	direct := func(h *engine.LatencyHistogram, requests, median, sigma float64) {
		mu := math.Log(median)
		lo, hi := math.Exp(mu-6*sigma), math.Exp(mu+6*sigma)
		below := 0.0
		for i, b := range h.Bounds {
			switch {
			case math.IsInf(b, 1):
				h.Counts[i] += requests * (1 - below)
				return
			case b < lo:
				continue
			}
			c := 0.5 * math.Erfc(-(math.Log(b)-mu)/(sigma*math.Sqrt2))
			h.Counts[i] += requests * (c - below)
			below = c
			if b > hi {
				h.Counts[i] += requests * (1 - below)
				return
			}
		}
	}
	for i := range 2000 {
		median := math.Exp(-1 + 12*uniform(1, int64(i), 1)) // 0.4 ms to 60 s and beyond
		sigma := 0.05 + 1.5*uniform(1, int64(i), 2)
		got, want := engine.NewLatencyHistogram(latencyBounds), engine.NewLatencyHistogram(latencyBounds)
		addLatency(&got, 37, median, sigma)
		direct(&want, 37, median, sigma)
		total := 0.0
		for k := range want.Counts {
			if d := math.Abs(got.Counts[k] - want.Counts[k]); d > 37e-10 || got.Counts[k] < 0 {
				t.Fatalf("median %g σ %g: bucket %d holds %v, want %v", median, sigma, k, got.Counts[k], want.Counts[k])
			}
			total += got.Counts[k]
		}
		if math.Abs(total-37) > 1e-9 {
			t.Fatalf("median %g σ %g: buckets add up to %v, want 37", median, sigma, total)
		}
	}
}
