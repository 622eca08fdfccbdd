package engine

import "math"

// CalibrationBins is the number of equal-width bins of the reliability curve
// and ECE; each groups ScoreBins/CalibrationBins histogram bins.
const CalibrationBins = 10

// ReliabilityBin is one point of the reliability (calibration) curve.
type ReliabilityBin struct {
	Lower, Upper  float64 // score range [Lower, Upper)
	MeanPredicted float64 // mean score of the labeled rows in the bin
	ObservedRate  float64 // share of those rows that are positive
	Count         int64   // labeled rows in the bin
}

// Reliability returns the non-empty bins of the 10-bin reliability curve over
// labeled rows, as sklearn.calibration.calibration_curve(n_bins=10,
// strategy="uniform") does. The mean score is exact thanks to the per-bin
// score sums.
func Reliability(h *ScoreHistogram) []ReliabilityBin {
	if h == nil {
		return nil
	}
	const group = ScoreBins / CalibrationBins
	var out []ReliabilityBin
	for g := 0; g < CalibrationBins; g++ {
		var pos, n int64
		var sum float64
		for b := g * group; b < (g+1)*group; b++ {
			pos += h.Pos[b]
			n += h.Pos[b] + h.Neg[b]
			sum += h.SumPos[b] + h.SumNeg[b]
		}
		if n == 0 {
			continue
		}
		out = append(out, ReliabilityBin{
			Lower:         float64(g) / CalibrationBins,
			Upper:         float64(g+1) / CalibrationBins,
			MeanPredicted: sum / float64(n),
			ObservedRate:  float64(pos) / float64(n),
			Count:         n,
		})
	}
	return out
}

// ECE is the expected calibration error over 10 equal-width bins:
// Σ (nᵦ/N)·|observed rateᵦ − mean scoreᵦ|, undefined without labeled rows.
func ECE(h *ScoreHistogram) Metric {
	var total, weighted float64
	for _, b := range Reliability(h) {
		n := float64(b.Count)
		total += n
		weighted += n * math.Abs(b.ObservedRate-b.MeanPredicted)
	}
	return metricRatio(weighted, total)
}

// LogLoss is the mean binary cross-entropy of the labeled rows, exact from the
// per-row sum (scores clipped to [ε, 1−ε] by the summarizer, as scikit-learn does).
func LogLoss(h *ScoreHistogram) Metric {
	pos, neg := labeledTotals(h)
	if h == nil {
		return Metric{}
	}
	return metricRatio(h.LogLossSum, pos+neg)
}

// Brier is the mean squared difference between score and label of the
// labeled rows, exact from the per-row sum.
func Brier(h *ScoreHistogram) Metric {
	pos, neg := labeledTotals(h)
	if h == nil {
		return Metric{}
	}
	return metricRatio(h.BrierSum, pos+neg)
}
