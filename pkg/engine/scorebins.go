package engine

// ScoreQuantiles is the number of baseline score quantile steps behind the
// score bins. Bins follow the baseline's scores, not a fixed grid, so a
// squeezed or rare-event model (every score below 0.02) still spreads over
// all of them: no bin holds more than about 1/ScoreQuantiles of the
// baseline, which keeps AUCErrorBound near or below 1/(2·ScoreQuantiles).
const ScoreQuantiles = 200

// LabelScoreQuantiles is the number of quantile steps taken on each class's
// baseline scores: with 0.5% positives, the positives still spread over
// this many bins, which keeps AUCErrorBound below 1/(2·LabelScoreQuantiles)
// and the average precision of the top-ranked rows close.
const LabelScoreQuantiles = 100

// CalibrationBins is the number of equal-width bins of the reliability
// curve and ECE.
const CalibrationBins = 10

// calibrationEdges are the inner edges of the reliability bins, computed as
// numpy's linspace(0, 1, 11) does (i·0.1, so 0.30000000000000004), because
// a score equal to an edge must land where scikit-learn puts it.
func calibrationEdges() []float64 {
	e := make([]float64, CalibrationBins-1)
	for i := range e {
		e[i] = float64(i+1) * (1.0 / CalibrationBins)
	}
	return e
}

// scoreEdges are the score bins' inner edges: the baseline's score values
// (at most MaxDiscreteScores of them) or the quantiles of all its scores and of each class's,
// a point bin at each calibration edge so the reliability bins can be
// closed on either side, and the decision threshold, so the label-free
// estimate splits no bin.
func scoreEdges(threshold float64, stats ...NumericStats) []float64 {
	var edges []float64
	for _, st := range stats {
		var more []float64
		switch {
		case st.Values != nil:
			more = pointEdges(st.Values)
		case st.Count > 0:
			more = quantileEdges(st.Quantiles)
		}
		for _, e := range more {
			edges = withEdge(edges, e)
		}
	}
	for _, e := range calibrationEdges() {
		edges = withPoint(edges, e)
	}
	return withEdge(edges, threshold)
}

// scoreBinRange is bin i's score range [lo, hi) within [0, 1].
func scoreBinRange(edges []float64, i int) (lo, hi float64) {
	lo, hi = 0, 1
	if i > 0 {
		lo = edges[i-1]
	}
	if i < len(edges) {
		hi = edges[i]
	}
	return lo, hi
}

// scorePointBin tells whether every score in bin i is the same value, so its
// rows are truly tied. The last bin [e, 1] is a point when e = 1.
func scorePointBin(edges []float64, i int) bool {
	lo, hi := scoreBinRange(edges, i)
	return isPointBin(lo, hi) || (i == len(edges) && lo == 1)
}
