package engine

import "math"

// Ranking metrics from the score histogram. Rows in one score bin are
// indistinguishable as far as the histogram knows. Bins follow the
// baseline's scores (scorebins.go), and a score many rows share has a point
// bin of its own, whose rows are truly tied.
//
// AUC-ROC is the Mann–Whitney AUC with pairs inside a bin counted as half:
// exact for point bins (scikit-learn counts ties as half too); elsewhere off
// by at most AUCErrorBound.
//
// PR-AUC is average precision, scikit-learn's step sum Σ(Rₙ−Rₙ₋₁)·Pₙ over
// the distinct score thresholds. A point bin is one threshold, one step with
// every tied row counted: exact. Inside a wider bin the steps are taken
// along the straight line between the bin's cumulative counts (positives and
// negatives evenly interleaved); PRAUCErrorBound bounds the difference.

// AUCROC is the area under the ROC curve, undefined without both classes.
func AUCROC(h *ScoreHistogram) Metric {
	pos, neg := labeledTotals(h)
	if pos == 0 || neg == 0 {
		return Metric{Reason: "needs labeled rows of both classes"}
	}
	var area, tp float64
	for b := h.Bins() - 1; b >= 0; b-- {
		p, n := float64(h.Pos[b]), float64(h.Neg[b])
		area += n * (tp + p/2)
		tp += p
	}
	return definedMetric(area / (pos * neg))
}

// AUCErrorBound is the largest possible difference between AUCROC and the
// AUC of the unbinned scores: half the share of positive/negative pairs that
// share a bin wider than one value.
func AUCErrorBound(h *ScoreHistogram) Metric {
	pos, neg := labeledTotals(h)
	if pos == 0 || neg == 0 {
		return Metric{Reason: "needs labeled rows of both classes"}
	}
	var tied float64
	for b := range h.Pos {
		if !scorePointBin(h.Edges, b) {
			tied += float64(h.Pos[b]) * float64(h.Neg[b])
		}
	}
	return definedMetric(tied / (2 * pos * neg))
}

// PRAUC is average precision, undefined without positives (scikit-learn
// warns and returns a meaningless value there).
func PRAUC(h *ScoreHistogram) Metric {
	ap, _, ok := averagePrecision(h)
	if !ok {
		return Metric{Reason: "needs labeled positive rows"}
	}
	return definedMetric(ap)
}

// PRAUCErrorBound is the largest possible difference between PRAUC and the
// average precision of the unbinned scores: per bin, how far the estimate
// is from the lowest and highest precision sums any order of the bin's rows
// could give.
func PRAUCErrorBound(h *ScoreHistogram) Metric {
	_, bound, ok := averagePrecision(h)
	if !ok {
		return Metric{Reason: "needs labeled positive rows"}
	}
	return definedMetric(bound)
}

func averagePrecision(h *ScoreHistogram) (ap, bound float64, ok bool) {
	pos, _ := labeledTotals(h)
	if pos == 0 {
		return 0, 0, false
	}
	var tp, fp float64
	for b := h.Bins() - 1; b >= 0; b-- {
		p, n := float64(h.Pos[b]), float64(h.Neg[b])
		if p > 0 {
			if scorePointBin(h.Edges, b) || n == 0 && fp == 0 {
				ap += p * (tp + p) / (tp + fp + p + n)
			} else {
				est := binPrecisionArea(tp, tp+fp, p, n)
				// fewest: every negative of the bin ranked first; most: every
				// positive first and tied
				lo := precisionSum(tp, tp+fp+n, p)
				hi := p * (tp + p) / (tp + fp + p)
				ap += est
				bound += math.Max(hi-est, est-lo)
			}
		}
		tp += p
		fp += n
	}
	return ap / pos, bound / pos, true
}

// binPrecisionArea is ∫₀ᵖ precision dx while x positives and x·n/p negatives
// of a bin are added to tp0 true and pred0 predicted positives: with
// r = (p+n)/p, ∫ (tp0+x)/(pred0+r·x) dx = p/r + (tp0 − pred0/r)/r · ln(1 + r·p/pred0).
func binPrecisionArea(tp0, pred0, p, n float64) float64 {
	r := (p + n) / p
	area := p / r
	if pred0 > 0 {
		area += (tp0 - pred0/r) / r * math.Log1p(r*p/pred0)
	}
	return area
}

// precisionSum is Σⱼ₌₁ᵖ (a+j)/(c+j) = p − (c−a)·(ψ(c+p+1) − ψ(c+1)).
func precisionSum(a, c, p float64) float64 {
	return p - (c-a)*(digamma(c+p+1)-digamma(c+1))
}

// digamma is ψ(x) for x > 0: the recurrence ψ(x) = ψ(x+1) − 1/x up to 6,
// then the asymptotic series (error below 1e-12).
func digamma(x float64) float64 {
	var acc float64
	for x < 6 {
		acc -= 1 / x
		x++
	}
	f := 1 / (x * x)
	return acc + math.Log(x) - 0.5/x - f*(1.0/12-f*(1.0/120-f*(1.0/252-f*(1.0/240-f/132))))
}

// labeledTotals are the labeled positive and negative row counts.
func labeledTotals(h *ScoreHistogram) (pos, neg float64) {
	if h == nil {
		return 0, 0
	}
	for b := range h.Pos {
		pos += float64(h.Pos[b])
		neg += float64(h.Neg[b])
	}
	return pos, neg
}
