package engine

import "math"

// ReliabilityBin is one point of the reliability (calibration) curve. Bins
// are closed on the right, as scikit-learn's calibration_curve puts them
// (np.searchsorted(edges, score), side "left"): (Lower, Upper], the first
// one [0, 0.1]. A score of exactly 0.1 is in the first bin.
type ReliabilityBin struct {
	Lower, Upper  float64 // score range (Lower, Upper]
	MeanPredicted float64 // mean score of the labeled rows in the bin
	ObservedRate  float64 // share of those rows that are positive
	Count         int64   // labeled rows in the bin
}

// Reliability returns the non-empty bins of the 10-bin reliability curve
// over labeled rows, as sklearn.calibration.calibration_curve(n_bins=10,
// strategy="uniform") does. Every calibration edge is a point bin of the
// score histogram, so each score bin lies in exactly one reliability bin and
// the mean score is exact thanks to the per-bin score sums.
func Reliability(h *ScoreHistogram) []ReliabilityBin {
	if h == nil {
		return nil
	}
	grid := calibrationEdges()
	var pos, n [CalibrationBins]int64
	var sum [CalibrationBins]float64
	for b := range h.Pos {
		lo, _ := scoreBinRange(h.Edges, b)
		g := binOf(grid, math.Nextafter(lo, math.Inf(-1))) // edges strictly below the bin's lowest score
		pos[g] += h.Pos[b]
		n[g] += h.Pos[b] + h.Neg[b]
		sum[g] += h.SumPos[b] + h.SumNeg[b]
	}
	bounds := append(append([]float64{0}, grid...), 1)
	var out []ReliabilityBin
	for g := range CalibrationBins {
		if n[g] == 0 {
			continue
		}
		out = append(out, ReliabilityBin{
			Lower:         bounds[g],
			Upper:         bounds[g+1],
			MeanPredicted: sum[g] / float64(n[g]),
			ObservedRate:  float64(pos[g]) / float64(n[g]),
			Count:         n[g],
		})
	}
	return out
}

// ECE is the expected calibration error over the 10 reliability bins:
// Σ (nᵦ/N)·|observed rateᵦ − mean scoreᵦ|, undefined without labeled rows.
func ECE(h *ScoreHistogram) Metric {
	var total, weighted float64
	for _, b := range Reliability(h) {
		n := float64(b.Count)
		total += n
		weighted += n * math.Abs(b.ObservedRate-b.MeanPredicted)
	}
	return labeledRatio(weighted, total)
}

// LogLoss is the mean binary cross-entropy of the labeled rows, exact from the
// per-row sum (scores clipped to [ε, 1−ε] by the summarizer, as scikit-learn does).
func LogLoss(h *ScoreHistogram) Metric {
	pos, neg := labeledTotals(h)
	if h == nil {
		return Metric{Reason: "no score histogram"}
	}
	return labeledRatio(h.LogLossSum, pos+neg)
}

// Brier is the mean squared difference between score and label of the
// labeled rows, exact from the per-row sum.
func Brier(h *ScoreHistogram) Metric {
	pos, neg := labeledTotals(h)
	if h == nil {
		return Metric{Reason: "no score histogram"}
	}
	return labeledRatio(h.BrierSum, pos+neg)
}

// labeledRatio is a mean over labeled rows, undefined without any.
func labeledRatio(num, den float64) Metric {
	if den == 0 {
		return Metric{Reason: "no labeled rows"}
	}
	return definedMetric(num / den)
}
