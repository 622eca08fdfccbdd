package engine

import "math"

// RegressionQuality computes MAE, RMSE, MAPE and R² from the labeled error sums.
//
// MAPE averages |e/y| over rows with y ≠ 0 only; scikit-learn instead divides
// by max(|y|, machine ε), which turns a zero target into an enormous error.
// MAPE is undefined when every target is zero. R² = 1 − SSE/SST is undefined
// when the targets have no variance (scikit-learn's force_finite=True would
// return 1 or 0 there).
func RegressionQuality(r *RegressionSums) QualityReport {
	q := QualityReport{Task: TaskRegression}
	var mae, rmse, mape, r2 Metric
	if r != nil && r.N > 0 {
		n := float64(r.N)
		q.Labeled = r.N
		mae = definedMetric(r.SumAbsErr / n)
		rmse = definedMetric(math.Sqrt(r.SumSqErr / n))
		mape = metricRatio(r.SumAbsPct, float64(r.NPct))
		sst := r.SumYSq - r.SumY*r.SumY/n
		// SST below rounding noise of the sums means constant targets.
		if sst > 1e-12*r.SumYSq {
			r2 = definedMetric(1 - r.SumSqErr/sst)
		}
	}
	q.Metrics = []NamedMetric{{MetricMAE, mae}, {MetricRMSE, rmse}, {MetricMAPE, mape}, {MetricR2, r2}}
	return q
}
