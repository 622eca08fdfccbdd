package engine

import "fmt"

// BinaryQuality computes binary classification quality. The threshold metrics
// (accuracy, precision, recall, F1) come from c, a 2×2 matrix with class 1 as
// the positive class; the score metrics (AUC-ROC, PR-AUC, log loss, Brier, ECE)
// come from h. Either may be nil, leaving its metrics undefined.
//
// Undefined cases follow scikit-learn's zero_division rules but are reported
// as undefined instead of 0: precision when TP+FP = 0, recall when TP+FN = 0,
// F1 when 2TP+FP+FN = 0 (F1 = 2TP/(2TP+FP+FN), as scikit-learn ≥ 1.3 computes it).
func BinaryQuality(c *Confusion, h *ScoreHistogram) (QualityReport, error) {
	r := QualityReport{Task: TaskBinary}
	noMatrix := undefinedMetric("no confusion counts")
	acc, prec, rec, f1 := noMatrix, noMatrix, noMatrix, noMatrix
	if c != nil {
		if err := checkConfusion(c, 2); err != nil {
			return r, err
		}
		tn, fp := float64(c.Matrix[0][0]), float64(c.Matrix[0][1])
		fn, tp := float64(c.Matrix[1][0]), float64(c.Matrix[1][1])
		r.Labeled = c.Matrix[0][0] + c.Matrix[0][1] + c.Matrix[1][0] + c.Matrix[1][1]
		acc = metricRatio(tp+tn, tp+tn+fp+fn)
		prec = metricRatio(tp, tp+fp)
		rec = metricRatio(tp, tp+fn)
		f1 = metricRatio(2*tp, 2*tp+fp+fn)
	}
	noScores := undefinedMetric("no score histogram")
	auc, aucBound, prAUC, prBound, logLoss, brier, ece := noScores, noScores, noScores, noScores, noScores, noScores, noScores
	if h != nil {
		auc, aucBound = AUCROC(h), AUCErrorBound(h)
		prAUC, prBound = PRAUC(h), PRAUCErrorBound(h)
		logLoss = LogLoss(h)
		brier = Brier(h)
		ece = ECE(h)
	}
	r.Metrics = []NamedMetric{
		{Name: MetricAccuracy, Metric: acc}, {Name: MetricPrecision, Metric: prec}, {Name: MetricRecall, Metric: rec}, {Name: MetricF1, Metric: f1},
		{Name: MetricAUCROC, Metric: auc, ErrorBound: aucBound}, {Name: MetricPRAUC, Metric: prAUC, ErrorBound: prBound},
		{Name: MetricLogLoss, Metric: logLoss}, {Name: MetricBrier, Metric: brier}, {Name: MetricECE, Metric: ece},
	}
	return r, nil
}

// BinaryMetric is one metric of BinaryQuality, computed the same way but
// alone: a score metric without the confusion metrics and error bounds, a
// confusion metric without reading the scores.
func BinaryMetric(name string, c *Confusion, h *ScoreHistogram) (Metric, error) {
	score := map[string]func(*ScoreHistogram) Metric{
		MetricAUCROC: AUCROC, MetricPRAUC: PRAUC, MetricLogLoss: LogLoss, MetricBrier: Brier, MetricECE: ECE,
	}[name]
	if score == nil {
		r, err := BinaryQuality(c, nil)
		return r.Get(name), err
	}
	if c != nil {
		if err := checkConfusion(c, 2); err != nil {
			return Metric{}, err
		}
	}
	if h == nil {
		return undefinedMetric("no score histogram"), nil
	}
	return score(h), nil
}

// MulticlassQuality computes accuracy and macro/weighted precision, recall and
// F1 from a K×K confusion matrix. A class whose metric is undefined (no
// predictions for precision, no support for recall) is left out of the
// average, as scikit-learn does with zero_division=np.nan; weighted averages
// weight each class by its support (true count).
func MulticlassQuality(c *Confusion) (QualityReport, error) {
	r := QualityReport{Task: TaskMulticlass}
	if c == nil {
		return r, fmt.Errorf("multiclass quality: confusion matrix is missing")
	}
	k := len(c.Matrix)
	if err := checkConfusion(c, k); err != nil {
		return r, err
	}
	support := make([]float64, k)
	predicted := make([]float64, k)
	var correct, total float64
	for i, row := range c.Matrix {
		for j, n := range row {
			support[i] += float64(n)
			predicted[j] += float64(n)
			total += float64(n)
		}
		correct += float64(row[i])
	}
	r.Labeled = int64(total)
	var prec, rec, f1 classAverage
	for i := 0; i < k; i++ {
		tp := float64(c.Matrix[i][i])
		prec.add(metricRatio(tp, predicted[i]), support[i])
		rec.add(metricRatio(tp, support[i]), support[i])
		f1.add(metricRatio(2*tp, support[i]+predicted[i]), support[i])
	}
	r.Metrics = []NamedMetric{
		{Name: MetricAccuracy, Metric: metricRatio(correct, total)},
		{Name: MetricPrecisionMacro, Metric: prec.macro()}, {Name: MetricRecallMacro, Metric: rec.macro()}, {Name: MetricF1Macro, Metric: f1.macro()},
		{Name: MetricPrecisionWeighted, Metric: prec.weighted()}, {Name: MetricRecallWeighted, Metric: rec.weighted()}, {Name: MetricF1Weighted, Metric: f1.weighted()},
	}
	return r, nil
}

// classAverage accumulates per-class metrics, skipping undefined ones.
type classAverage struct {
	sum, n              float64
	weightedSum, weight float64
}

func (a *classAverage) add(m Metric, support float64) {
	if !m.OK {
		return
	}
	a.sum += m.Value
	a.n++
	a.weightedSum += m.Value * support
	a.weight += support
}

func (a *classAverage) macro() Metric    { return metricRatio(a.sum, a.n) }
func (a *classAverage) weighted() Metric { return metricRatio(a.weightedSum, a.weight) }

// ConfusionMatrix returns a copy of the labeled K×K counts (rows: actual,
// columns: predicted) for the `confusionMatrix` frame.
func ConfusionMatrix(c *Confusion) [][]int64 {
	if c == nil {
		return nil
	}
	out := make([][]int64, len(c.Matrix))
	for i, row := range c.Matrix {
		out[i] = append([]int64(nil), row...)
	}
	return out
}

func checkConfusion(c *Confusion, k int) error {
	if len(c.Matrix) != k {
		return fmt.Errorf("confusion matrix has %d rows, want %d (one per class): check the model's classes", len(c.Matrix), k)
	}
	for i, row := range c.Matrix {
		if len(row) != k {
			return fmt.Errorf("confusion matrix row %d has %d columns, want %d: every row needs one count per class", i, len(row), k)
		}
		for j, n := range row {
			if n < 0 {
				return fmt.Errorf("confusion matrix cell [%d][%d] is negative (%d): counts must be ≥ 0", i, j, n)
			}
		}
	}
	return nil
}
