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
		{MetricAccuracy, e.Accuracy}, {MetricPrecision, e.Precision}, {MetricRecall, e.Recall}, {MetricF1, e.F1},
	}
}

// EstimateBinary estimates quality of h's unlabeled rows, calibrating the
// scores on h's own labeled rows (see CalibrationFrom).
func EstimateBinary(h *ScoreHistogram, threshold float64) Estimate {
	return EstimateBinaryWith(CalibrationFrom(h), h, threshold)
}

// EstimateBinaryWith estimates quality of h's unlabeled rows with a given
// calibration map, typically fitted on the baseline window. A bin that
// straddles the threshold is split in proportion to the part of its score
// range above the threshold (scores taken as uniform within the bin); with
// thresholds on a bin edge (multiples of 0.01) the split is exact.
func EstimateBinaryWith(cal Calibration, h *ScoreHistogram, threshold float64) Estimate {
	e := Estimate{Calibrated: cal.fitted, Estimated: true}
	if h == nil {
		return e
	}
	for b := 0; b < ScoreBins; b++ {
		n := float64(h.Unlabeled[b])
		if n == 0 {
			continue
		}
		e.Rows += h.Unlabeled[b]
		p := cal.probability(b, h.SumUnlabeled[b]/n)
		above := shareAbove(b, threshold)
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
func shareAbove(b int, threshold float64) float64 {
	lower, upper := float64(b)/ScoreBins, float64(b+1)/ScoreBins
	switch {
	case threshold <= lower:
		return 1
	case threshold >= upper:
		return 0
	}
	return (upper - threshold) / (upper - lower)
}
