package engine

import "time"

// BurnWindow is one multiwindow burn-rate alert condition: it fires when the
// error budget burns faster than Factor over both the long and the short
// window (the short one makes the alert stop soon after recovery).
type BurnWindow struct {
	Long, Short time.Duration
	Factor      float64
}

// BurnWindows are DESIGN.md's conditions: 14.4× 1h/5m, 6× 6h/30m, 3× 1d/2h, 1× 3d/6h.
var BurnWindows = []BurnWindow{
	{time.Hour, 5 * time.Minute, 14.4},
	{6 * time.Hour, 30 * time.Minute, 6},
	{24 * time.Hour, 2 * time.Hour, 3},
	{72 * time.Hour, 6 * time.Hour, 1},
}

// BurnResult is one condition evaluated at the end of the steps.
type BurnResult struct {
	Window              BurnWindow
	LongBurn, ShortBurn Metric
	Firing              bool
}

// BurnRate is the error rate over the window divided by the error budget
// (1 − objective): 1 spends the budget exactly over the SLO period.
func BurnRate(steps []ServingStep, from, to time.Time, objective float64) Metric {
	var requests, errs float64
	for _, s := range steps {
		if !s.Start.Before(from) && s.Start.Before(to) {
			requests += s.Requests
			errs += s.Errors
		}
	}
	budget := 1 - objective
	if requests == 0 || budget <= 0 {
		return Metric{}
	}
	return Metric{Value: errs / requests / budget, OK: true}
}

// BurnRates evaluates every BurnWindows condition at end.
func BurnRates(steps []ServingStep, end time.Time, objective float64) []BurnResult {
	out := make([]BurnResult, len(BurnWindows))
	for i, w := range BurnWindows {
		long := BurnRate(steps, end.Add(-w.Long), end, objective)
		short := BurnRate(steps, end.Add(-w.Short), end, objective)
		out[i] = BurnResult{Window: w, LongBurn: long, ShortBurn: short,
			Firing: long.OK && short.OK && long.Value > w.Factor && short.Value > w.Factor}
	}
	return out
}

// SLACompliance is the share of values meeting the objective.
func SLACompliance(values []float64, objective float64, higherIsBetter bool) Metric {
	if len(values) == 0 {
		return Metric{}
	}
	met := 0
	for _, v := range values {
		if (higherIsBetter && v >= objective) || (!higherIsBetter && v <= objective) {
			met++
		}
	}
	return Metric{Value: float64(met) / float64(len(values)), OK: true}
}
