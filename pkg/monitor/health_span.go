package monitor

import (
	"fmt"

	"github.com/aiperf/monitor/pkg/engine"
)

// spanTotals are a series' mergeable summaries added up over a span of
// windows; nil where the series did not read them or the span's measures
// do not need them.
type spanTotals struct {
	serving *engine.ServingSummary
	summary *engine.Summary
	spend   bool // measure the budget variance of the span
	savings bool // measure the savings identified over the span
	// measures are the only measures wanted of the span; nil: all of them.
	measures map[engine.Measure]bool
}

// wants reports whether measure m of the span is wanted.
func (t spanTotals) wants(m engine.Measure) bool { return t.measures == nil || t.measures[m] }

// single is window i on its own.
func (s *modelSeries) single(i int) spanTotals {
	t := spanTotals{spend: true}
	if s.serving != nil {
		t.serving = &s.serving[i]
	}
	if s.md != nil {
		t.summary = s.md.summaries[i]
	}
	return t
}

// mergeAll adds up every window.
func (s *modelSeries) mergeAll() (spanTotals, error) {
	t := spanTotals{spend: true, savings: true}
	if s.serving != nil {
		total, err := engine.MergeServing(s.serving...)
		if err != nil {
			return t, fmt.Errorf("merging the serving telemetry of %s: %w", s.model.ID, err)
		}
		t.serving = &total
	}
	if s.md != nil {
		total, err := s.md.total()
		if err != nil {
			return t, fmt.Errorf("merging the prediction summaries of %s: %w", s.model.ID, err)
		}
		t.summary = total
	}
	return t, nil
}

// inputs are the health inputs of windows [lo, hi), whose summaries add up
// to totals. The same function measures one window, the whole range and,
// for the alert history, every lookback of every step.
func (s *modelSeries) inputs(lo, hi int, totals spanTotals) (engine.HealthInputs, error) {
	in := engine.HealthInputs{
		LatencyTargetMs: s.targets.P95LatencyMs, UtilisationTarget: s.targets.Utilisation, QualityDropAlert: s.targets.AccuracyDropAlert,
	}
	if totals.serving != nil {
		if totals.wants(engine.MeasureDowntime) || totals.wants(engine.MeasureLatency) {
			sw := engine.SummarizeServing(*totals.serving)
			in.Availability, in.LatencyP95Ms = sw.Availability, sw.LatencyP95Ms
			in.DowntimeMinutes = engine.Metric{Value: sw.DowntimeMinutes, OK: sw.Availability.OK}
		}
		if totals.wants(engine.MeasureSaturation) {
			in.Utilisation = busiestWindows(s.util[lo:hi])
		}
		if totals.wants(engine.MeasureDegradation) {
			in.Degrading = s.degrading(lo, hi)
		}
	}
	if totals.summary != nil {
		if err := s.judge.apply(&in, totals.summary, totals.wants); err != nil {
			return in, err
		}
		if err := s.judge.applySpan(&in, s.windows.List[lo:hi], s.md.summaries[lo:hi], totals.summary, s.closed(lo, hi), totals.wants); err != nil {
			return in, err
		}
	}
	from, to := s.windows.List[lo].From, s.windows.List[hi-1].To
	if s.spend != nil && totals.spend {
		in.CostVariance = s.spend.variance(from, to, s.model.BudgetPerMonth)
	}
	if s.costs != nil && totals.savings {
		var util []engine.UtilizationSummary
		if s.util != nil {
			util = s.util[lo:hi]
		}
		in.SavingsShare = savingsShare(s.model, s.costs, s.currency, from, to, util, s.targets.Utilisation)
	}
	return in, nil
}

// closed is the number of windows of [lo, hi) that have ended: all of them
// but a still running last one.
func (s *modelSeries) closed(lo, hi int) int {
	if s.open && hi == len(s.windows.List) {
		return hi - lo - 1
	}
	return hi - lo
}

// busiestWindows is, per measured resource, the mean utilisation of its
// busiest window.
func busiestWindows(windows []engine.UtilizationSummary) []engine.NamedMetric {
	resources := []struct {
		name string
		pick func(engine.UtilizationSummary) engine.ResourceUse
	}{
		{"gpu", func(u engine.UtilizationSummary) engine.ResourceUse { return u.GPU }},
		{"cpu", func(u engine.UtilizationSummary) engine.ResourceUse { return u.CPU }},
		{"memory", func(u engine.UtilizationSummary) engine.ResourceUse { return u.Memory }},
		{"storage", func(u engine.UtilizationSummary) engine.ResourceUse { return u.Storage }},
	}
	var out []engine.NamedMetric
	for _, r := range resources {
		if peak := hourlyPeak(windows, r.pick); peak.OK {
			out = append(out, engine.NamedMetric{Name: r.name, Metric: peak})
		}
	}
	return out
}

// Serving signals the degradation rule watches.
const (
	signalLatencyP95 = "latencyP95"
	signalErrorRate  = "errorRate"
)

// degrading compares the latest closed window of [lo, hi) with the ones
// before it, for p95 latency and error rate. An error-rate outlier counts
// only above the model's error-rate target: on a quiet model one failed
// request is an outlier against hours of none, not a degradation.
func (s *modelSeries) degrading(lo, hi int) []engine.NamedMetric {
	end := lo + s.closed(lo, hi)
	start := max(lo, end-engine.DegradationWindow-1)
	if end-start < engine.DegradationWindow+1 {
		return nil
	}
	p95, errors := make([]float64, 0, end-start), make([]float64, 0, end-start)
	for _, sum := range s.serving[start:end] {
		w := engine.SummarizeServing(sum)
		if !w.LatencyP95Ms.OK || !w.ErrorRate.OK {
			return nil // a gap in the series: nothing to compare
		}
		p95, errors = append(p95, w.LatencyP95Ms.Value), append(errors, w.ErrorRate.Value)
	}
	errorDegrading := engine.Degradation(errors, engine.DegradationWindow, true)
	if errorDegrading.Value > 0 && errors[len(errors)-1] <= s.targets.ErrorRate {
		errorDegrading = engine.Metric{Value: 0, OK: true}
	}
	return []engine.NamedMetric{
		{Name: signalLatencyP95, Metric: engine.Degradation(p95, engine.DegradationWindow, true)},
		{Name: signalErrorRate, Metric: errorDegrading},
	}
}
