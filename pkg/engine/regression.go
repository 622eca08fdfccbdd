package engine

import "math"

// RegressionQuality computes MAE, RMSE, MAPE and R² from the labeled error sums.
//
// MAPE averages |e/y| over rows with y ≠ 0 only; scikit-learn instead divides
// by max(|y|, machine ε), which turns a zero target into an enormous error.
// MAPE is undefined when every target is zero. R² = 1 − SSE/SST with SST the
// targets' centred sum of squares (Welford/Chan moments, exact far from
// zero); it is undefined when the targets have no variance
// (scikit-learn's force_finite=True would return 1 or 0 there).
func RegressionQuality(r *RegressionSums) QualityReport {
	q := QualityReport{Task: TaskRegression}
	mae, rmse, mape, r2 := undefinedMetric("no labeled rows"), undefinedMetric("no labeled rows"), undefinedMetric("no labeled rows"), undefinedMetric("no labeled rows")
	if r != nil && r.N > 0 {
		n := float64(r.N)
		q.Labeled = r.N
		mae = definedMetric(r.SumAbsErr / n)
		rmse = definedMetric(math.Sqrt(r.SumSqErr / n))
		mape = metricRatio(r.SumAbsPct, float64(r.NPct))
		if r.NPct == 0 {
			mape = undefinedMetric("every target is 0")
		}
		r2 = undefinedMetric("the targets are constant")
		if sst := r.Target.M2; sst > 0 {
			r2 = definedMetric(1 - r.SumSqErr/sst)
		}
	}
	q.Metrics = []NamedMetric{{Name: MetricMAE, Metric: mae}, {Name: MetricRMSE, Metric: rmse}, {Name: MetricMAPE, Metric: mape}, {Name: MetricR2, Metric: r2}}
	return q
}
