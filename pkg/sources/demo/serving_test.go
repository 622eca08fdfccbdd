package demo

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/sources"
)

func serving(t testing.TB, f *Fleet, model string, from, to time.Time, step time.Duration) []sources.ServingPoint {
	t.Helper()
	points, err := f.Serving(context.Background(), model, from, to, step)
	if err != nil {
		t.Fatalf("Serving(%s): %v", model, err)
	}
	return points
}

func TestServingIsDeterministicAndAligned(t *testing.T) {
	f := newTestFleet()
	from, to := testAnchor.Add(-7*oneDay), testAnchor
	for _, spec := range Models() {
		all := serving(t, f, spec.ID, from, to, time.Hour)
		if len(all) != 7*24 {
			t.Fatalf("%s: %d hourly points over 7 days", spec.ID, len(all))
		}
		again := serving(t, newTestFleet(), spec.ID, from, to, time.Hour)
		if !slices.Equal(all, again) {
			t.Fatalf("%s: two identical calls returned different series", spec.ID)
		}
		// An unaligned sub-range yields the same aligned points.
		sub := serving(t, f, spec.ID, from.Add(50*time.Hour+20*time.Minute), from.Add(60*time.Hour), time.Hour)
		if !slices.Equal(sub, all[50:60]) {
			t.Fatalf("%s: sub-range points differ from the larger range", spec.ID)
		}
	}
}

func TestServingStepsAggregateMinutes(t *testing.T) {
	f := newTestFleet()
	from := testAnchor.Add(-2 * oneDay)
	minutes := serving(t, f, FraudDetection, from, from.Add(time.Hour), time.Minute)
	hour := serving(t, f, FraudDetection, from, from.Add(time.Hour), time.Hour)
	var requests, errs float64
	for _, m := range minutes {
		requests += m.Requests
		errs += m.Errors
	}
	if len(minutes) != 60 || len(hour) != 1 || hour[0].Requests != requests || hour[0].Errors != errs {
		t.Fatalf("hour point %+v does not sum its %d minutes (requests %v, errors %v)", hour, len(minutes), requests, errs)
	}
}

func TestServingValuesArePlausible(t *testing.T) {
	f := newTestFleet()
	for _, spec := range Models() {
		var requests, errs float64
		for _, p := range serving(t, f, spec.ID, testAnchor.Add(-30*oneDay), testAnchor, time.Hour) {
			if !(p.P50Ms > 0 && p.P50Ms <= p.P95Ms && p.P95Ms <= p.P99Ms) {
				t.Fatalf("%s: percentiles out of order at %s: %+v", spec.ID, p.Time, p)
			}
			if p.Requests <= 0 || p.Errors < 0 || p.Errors > p.Requests {
				t.Fatalf("%s: implausible counts at %s: %+v", spec.ID, p.Time, p)
			}
			requests += p.Requests
			errs += p.Errors
		}
		if rate := errs / requests; rate < 0.001 || rate > 0.01 {
			t.Errorf("%s: 30-day error rate %.4f, want 0.1%%..1%%", spec.ID, rate)
		}
	}
}

// Recommendation AI: p95 roughly doubles after the release and crosses its target.
func TestRecommendationLatencyRegression(t *testing.T) {
	f := newTestFleet()
	onset := latencyOnset(testAnchor)
	meanP95 := func(from, to time.Time) float64 {
		points := serving(t, f, RecommendationAI, from, to, time.Hour)
		sum := 0.0
		for _, p := range points {
			sum += p.P95Ms
		}
		return sum / float64(len(points))
	}
	before := meanP95(onset.Add(-7*oneDay), onset)
	after := meanP95(onset.Add(latencyRollout), testAnchor)
	target := recommendationSpec.LatencyTargetP95Ms
	if before >= target || after <= target {
		t.Errorf("p95 %.0f ms before and %.0f ms after the release; want below, then above the %v ms target", before, after, target)
	}
	if ratio := after / before; ratio < 1.7 || ratio > 2.3 {
		t.Errorf("p95 grew %.2f×, want about 2×", ratio)
	}
}

func TestAssistantLatencyHasItsOwnTarget(t *testing.T) {
	points := serving(t, newTestFleet(), CustomerAIAssistant, testAnchor.Add(-7*oneDay), testAnchor, time.Hour)
	target := assistantSpec.LatencyTargetP95Ms
	sum, over := 0.0, 0
	for _, p := range points {
		sum += p.P95Ms
		if p.P95Ms > target {
			over++
		}
	}
	if mean := sum / float64(len(points)); mean < 800 || mean > target {
		t.Errorf("assistant mean p95 %.0f ms, want 800 ms..the %v ms target", mean, target)
	}
	if share := float64(over) / float64(len(points)); share > 0.05 {
		t.Errorf("assistant p95 above its target in %.0f%% of hours, want under 5%% (incidents only)", share*100)
	}
}

func TestServingRejectsBadInput(t *testing.T) {
	f := newTestFleet()
	ctx := context.Background()
	cases := []struct {
		name     string
		model    string
		from, to time.Time
		step     time.Duration
		want     string
	}{
		{"unknown model", "gpt-42", testAnchor.Add(-time.Hour), testAnchor, time.Minute, `"gpt-42"`},
		{"step below a minute", RiskAssessment, testAnchor.Add(-time.Hour), testAnchor, time.Second, "at least 1m"},
		{"reversed range", RiskAssessment, testAnchor, testAnchor.Add(-time.Hour), time.Minute, "swap from and to"},
		{"too many points", RiskAssessment, testAnchor.Add(-400 * oneDay), testAnchor, time.Minute, "larger step"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := f.Serving(ctx, c.model, c.from, c.to, c.step); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Serving error %v, want one containing %q", err, c.want)
			}
			if _, err := f.Utilization(ctx, c.model, c.from, c.to, c.step); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Utilization error %v, want one containing %q", err, c.want)
			}
		})
	}
}

func TestServingHonoursCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f := newTestFleet()
	if _, err := f.Serving(ctx, RiskAssessment, testAnchor.Add(-oneDay), testAnchor, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("Serving on a cancelled context: %v", err)
	}
	if _, err := f.Utilization(ctx, RiskAssessment, testAnchor.Add(-oneDay), testAnchor, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("Utilization on a cancelled context: %v", err)
	}
}

func TestUtilization(t *testing.T) {
	f := newTestFleet()
	mean := func(model string) sources.UtilizationPoint {
		points, err := f.Utilization(context.Background(), model, testAnchor.Add(-7*oneDay), testAnchor, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		var m sources.UtilizationPoint
		for _, p := range points {
			for _, v := range []float64{p.GPU, p.CPU, p.Memory, p.Storage} {
				if v < 0 || v > 1 {
					t.Fatalf("%s: utilisation outside 0..1 at %s: %+v", model, p.Time, p)
				}
			}
			m.GPU += p.GPU / float64(len(points))
			m.CPU += p.CPU / float64(len(points))
		}
		return m
	}
	if gpu := mean(CustomerAIAssistant).GPU; gpu < 0.6 {
		t.Errorf("assistant GPU %.2f, want GPU-heavy (≥ 0.6)", gpu)
	}
	if gpu := mean(RecommendationAI).GPU; gpu < 0.6 {
		t.Errorf("recommendation GPU %.2f, want GPU-heavy (≥ 0.6)", gpu)
	}
	if gpu := mean(FraudDetection).GPU; gpu <= 0 || gpu > 0.3 {
		t.Errorf("fraud GPU %.2f, want allocated but mostly idle (0..0.3)", gpu)
	}
	if m := mean(RiskAssessment); m.GPU != 0 || m.CPU < 0.3 {
		t.Errorf("risk-assessment is CPU-only: got %+v", m)
	}
}

func BenchmarkServing30DaysHourlyAllModels(b *testing.B) {
	f := newTestFleet()
	ctx := context.Background()
	for b.Loop() {
		for _, spec := range Models() {
			if _, err := f.Serving(ctx, spec.ID, testAnchor.Add(-30*oneDay), testAnchor, time.Hour); err != nil {
				b.Fatal(err)
			}
			if _, err := f.Utilization(ctx, spec.ID, testAnchor.Add(-30*oneDay), testAnchor, time.Hour); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func TestSeriesEndAtNow(t *testing.T) {
	f := newTestFleet()
	points := serving(t, f, RiskAssessment, testNow.Add(-3*time.Hour), testNow.Add(5*time.Hour), time.Hour)
	last := points[len(points)-1]
	if len(points) != 4 || !last.Time.Equal(testNow.Truncate(time.Hour)) {
		t.Fatalf("%d points ending at %s; want the series to stop at now (%s)", len(points), last.Time, testNow)
	}
	if full := points[len(points)-2]; last.Requests >= full.Requests {
		t.Errorf("the step containing now has %v requests, a full step %v; want only the minutes so far", last.Requests, full.Requests)
	}
	utilization, err := f.Utilization(context.Background(), RiskAssessment, testNow.Add(-3*time.Hour), testNow.Add(5*time.Hour), time.Hour)
	if err != nil || len(utilization) != 4 {
		t.Fatalf("%d utilisation points, error %v; want 4 ending at now", len(utilization), err)
	}
	rows := collectRows(t, f, RiskAssessment, testNow.Add(-time.Hour), testNow.Add(time.Hour))
	if len(rows) == 0 || !rows[len(rows)-1].ts.Before(testNow) {
		t.Fatalf("rows run past now: %d rows", len(rows))
	}
}
