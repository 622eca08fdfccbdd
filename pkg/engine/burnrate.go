package engine

import "time"

// BurnWindow is one multiwindow burn-rate alert condition (Google SRE
// workbook, "Alerting on SLOs"): it fires when the error budget burns faster
// than Factor over both the long and the short window; the short window
// makes the alert stop soon after recovery.
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

// BurnDurations lists every distinct window length the conditions read,
// shortest first, so a caller asks its source for each once.
func BurnDurations() []time.Duration {
	return []time.Duration{5 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour, 6 * time.Hour, 24 * time.Hour, 72 * time.Hour}
}

// BurnResult is one condition evaluated at one time.
type BurnResult struct {
	Window              BurnWindow
	LongBurn, ShortBurn Metric
	Firing              bool
}

// BurnRate is the error ratio of a window divided by the error budget
// (1 − objective): 1 spends the budget exactly over the SLO period.
// Undefined without counted requests or without a budget.
func BurnRate(s ServingSummary, objective float64) Metric {
	budget := 1 - objective
	rate := s.errorRate()
	if !rate.OK || budget <= 0 {
		return Metric{}
	}
	return definedMetric(rate.Value / budget)
}

// BurnRates evaluates every condition from the summaries of the windows
// ending at the evaluation time, keyed by window length (BurnDurations).
func BurnRates(byLength map[time.Duration]ServingSummary, objective float64) []BurnResult {
	out := make([]BurnResult, len(BurnWindows))
	for i, w := range BurnWindows {
		long := BurnRate(byLength[w.Long], objective)
		short := BurnRate(byLength[w.Short], objective)
		out[i] = BurnResult{Window: w, LongBurn: long, ShortBurn: short,
			Firing: long.OK && short.OK && long.Value > w.Factor && short.Value > w.Factor}
	}
	return out
}
