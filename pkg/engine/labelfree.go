package engine

// Estimate is a label-free (CBPE-style) estimate of binary quality for the
// unlabeled rows of a window. Each unlabeled row with calibrated probability p
// adds p to the expected TP (or FN) and 1−p to the expected FP (or TN),
// depending on whether its score reaches the decision threshold.
type Estimate struct {
	Rows                            int64   // unlabeled rows the estimate covers
	ExpectedTP, ExpectedFP          float64 // expected confusion counts
	ExpectedTN, ExpectedFN          float64
	Accuracy, Precision, Recall, F1 Metric
	Calibrated                      bool // a calibration map from labeled rows was used
	Estimated                       bool // always true: these are not measured values
}

// Metrics lists the estimated metrics under the quality metric names.
func (e Estimate) Metrics() []NamedMetric {
	return []NamedMetric{
		{Name: MetricAccuracy, Metric: e.Accuracy}, {Name: MetricPrecision, Metric: e.Precision}, {Name: MetricRecall, Metric: e.Recall}, {Name: MetricF1, Metric: e.F1},
	}
}

// EstimateBinary estimates quality of h's unlabeled rows, calibrating the
// scores on h's own labeled rows (see CalibrationFrom).
func EstimateBinary(h *ScoreHistogram, threshold float64) Estimate {
	return EstimateBinaryWith(CalibrationFrom(h), h, threshold)
}

// EstimateBinaryWith estimates quality of h's unlabeled rows with a given
// calibration map, fitted on the baseline window (same bins as h). A bin
// that straddles the threshold is split in proportion to the part of its
// score range above the threshold (scores taken as uniform within the bin);
// the schema's threshold is always a bin edge, so with it the split is exact.
func EstimateBinaryWith(cal Calibration, h *ScoreHistogram, threshold float64) Estimate {
	if h != nil && cal.fitted && len(cal.prob) != h.Bins() {
		cal = Calibration{} // fitted on other bins: it cannot be read here
	}
	e := Estimate{Calibrated: cal.fitted, Estimated: true}
	if h == nil {
		return e
	}
	for b := range h.Unlabeled {
		n := float64(h.Unlabeled[b])
		if n == 0 {
			continue
		}
		e.Rows += h.Unlabeled[b]
		p := cal.probability(b, h.SumUnlabeled[b]/n)
		above := shareAbove(h.Edges, b, threshold)
		e.ExpectedTP += above * n * p
		e.ExpectedFP += above * n * (1 - p)
		e.ExpectedFN += (1 - above) * n * p
		e.ExpectedTN += (1 - above) * n * (1 - p)
	}
	tp, fp, tn, fn := e.ExpectedTP, e.ExpectedFP, e.ExpectedTN, e.ExpectedFN
	e.Accuracy = metricRatio(tp+tn, tp+fp+tn+fn)
	e.Precision = metricRatio(tp, tp+fp)
	e.Recall = metricRatio(tp, tp+fn)
	e.F1 = metricRatio(2*tp, 2*tp+fp+fn)
	return e
}

// shareAbove is the share of bin b's score range at or above the threshold.
func shareAbove(edges []float64, b int, threshold float64) float64 {
	lower, upper := scoreBinRange(edges, b)
	switch {
	case threshold <= lower:
		return 1
	case threshold >= upper:
		return 0
	}
	return (upper - threshold) / (upper - lower)
}
