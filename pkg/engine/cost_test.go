package engine

import (
	"math"
	"testing"
)

func assertCostMetric(t *testing.T, name string, got Metric, want float64) {
	t.Helper()
	if !got.OK || math.Abs(got.Value-want) > 1e-12 {
		t.Errorf("%s = %+v, want %v", name, got, want)
	}
}

func assertCostUndefined(t *testing.T, name string, got Metric) {
	t.Helper()
	if got.OK {
		t.Errorf("%s = %v, want undefined", name, got.Value)
	}
}

func TestCostUnitCosts(t *testing.T) {
	// $125 over 50,000 predictions is $0.0025 each; $42 over 1.4M tokens is $0.03 per 1k.
	assertCostMetric(t, "cost per prediction", CostPerPrediction(125, 50_000), 0.0025)
	assertCostMetric(t, "cost per 1k tokens", CostPer1kTokens(42, 1_400_000), 0.03)
	assertCostUndefined(t, "cost per prediction without predictions", CostPerPrediction(125, 0))
	assertCostUndefined(t, "cost per 1k tokens without tokens", CostPer1kTokens(42, 0))
}

func TestCostBudgetVariance(t *testing.T) {
	assertCostMetric(t, "over budget", BudgetVariance(12_000, 10_000), 0.2)
	assertCostMetric(t, "under budget", BudgetVariance(7_500, 10_000), -0.25)
	assertCostUndefined(t, "no budget", BudgetVariance(7_500, 0))
}

func TestROI(t *testing.T) {
	// Value $50k for $10k of cost returns 4× the cost: ROI 400%.
	assertCostMetric(t, "roi", ROI(50_000, 10_000), 4)
	assertCostMetric(t, "loss", ROI(5_000, 10_000), -0.5)
	assertCostUndefined(t, "roi without cost", ROI(5_000, 0))
}

func TestCostMonthlyRateAndForecast(t *testing.T) {
	assertCostMetric(t, "monthly rate", MonthlyRate(700, 7), 100*365.2425/12)
	assertCostUndefined(t, "monthly rate over no days", MonthlyRate(700, 0))
	// $3,000 over the first 20 days of a 30-day month: $150/day for 30 days.
	assertCostMetric(t, "month-end forecast", MonthEndForecast(3_000, 20, 30), 4_500)
	assertCostUndefined(t, "month-end forecast before the first day closes", MonthEndForecast(0, 0, 30))
}

func TestMonthEndSpendForecast(t *testing.T) {
	// Spend rising $2/day from $100: the 10 days left of a 30-day month cost
	// 140+142+…+158 = 1,490 on top of the $3,000 billed so far, with no spread.
	rising := make([]float64, 20)
	for i := range rising {
		rising[i] = 100 + 2*float64(i)
	}
	f := MonthEndSpendForecast(3_000, rising, 20, 30)
	assertCostMetric(t, "trend forecast", f.Point, 4_490)
	if f.Upper.Value-f.Lower.Value > 1e-6 || !f.Lower.OK {
		t.Errorf("a perfect trend has no spread: %+v", f)
	}

	noisy := []float64{150, 162, 141, 155, 149, 158, 143, 151, 160, 146}
	g := MonthEndSpendForecast(1_500, noisy, 10, 30)
	if !(g.Lower.Value < g.Point.Value && g.Point.Value < g.Upper.Value) {
		t.Errorf("noisy spend needs an interval around the point: %+v", g)
	}
	if g.Point.Value < 1_500+20*130 || g.Point.Value > 1_500+20*170 {
		t.Errorf("flat noisy spend near $150/day: point %v", g.Point.Value)
	}

	short := MonthEndSpendForecast(300, []float64{150, 150}, 2, 30)
	assertCostMetric(t, "run rate with too little history", short.Point, 4_500)
	if short.Lower.OK || short.Upper.OK {
		t.Error("the run-rate fallback has no interval")
	}
	done := MonthEndSpendForecast(4_000, rising, 30, 30)
	assertCostMetric(t, "a closed month is its bill", done.Point, 4_000)
}

func TestSavingsIdleGPU(t *testing.T) {
	// GPUs busy 20% on average against an 80% target: three quarters of $2,000.
	if got := IdleGPUSavings(2_000, 0.20, 0.80); math.Abs(got-1_500) > 1e-9 {
		t.Errorf("idle GPU savings = %v, want 1500", got)
	}
	if got := IdleGPUSavings(0, 0.20, 0.80); got != 0 {
		t.Errorf("idle GPU savings without GPU spend = %v, want 0", got)
	}
}

func TestSavingsOverProvisioning(t *testing.T) {
	// Peak 40% against an 80% target: half the capacity suffices.
	if got := OverProvisioningSavings(1_000, 0.40, 0.80); math.Abs(got-500) > 1e-9 {
		t.Errorf("over-provisioning savings = %v, want 500", got)
	}
	for _, peak := range []float64{0.80, 0.95, 0} {
		if got := OverProvisioningSavings(1_000, peak, 0.80); got != 0 {
			t.Errorf("over-provisioning savings at peak %v = %v, want 0", peak, got)
		}
	}
}

func TestCostProRatedBusinessValue(t *testing.T) {
	// A month's value over half a mean month.
	if got := ProRated(100_000, DaysPerMonth/2); math.Abs(got-50_000) > 1e-9 {
		t.Errorf("pro-rated value = %v, want 50000", got)
	}
}

func TestResourceUseIsTimeWeightedAndMergeable(t *testing.T) {
	var a, b ResourceUse
	a.Add(0.2, 10)
	a.Add(0.6, 10)
	b.Add(0.4, 20)
	a.Merge(b)
	assertCostMetric(t, "mean", a.Mean(), 0.4)
	assertCostMetric(t, "peak", a.Max(), 0.6)
	var none ResourceUse
	assertCostUndefined(t, "mean of nothing", none.Mean())
	assertCostUndefined(t, "peak of nothing", none.Max())
	u := UtilizationSummary{CPU: a}
	assertCostMetric(t, "busiest", u.Busiest(), 0.6)
	assertCostUndefined(t, "busiest of nothing", UtilizationSummary{}.Busiest())
}
