package engine

import (
	"fmt"
	"math"
	"strconv"
)

// PredictionDrift compares the distribution of the model's outputs: binary
// scores (all rows, labeled or not), multiclass predicted classes, or
// regression predictions.
func PredictionDrift(b *Baseline, cur *Summary, method string) (DriftResult, error) {
	switch b.Schema.Task {
	case TaskBinary:
		return scoreDrift(binned{name: "prediction", numeric: true, base: scoreCounts(b.Summary.Scores), cur: scoreCounts(cur.Scores),
			edges: scoreEdges(), tails: scoreTails(b.Summary.Scores, cur.Scores), std: scoreStd(b.Summary.Scores)}, method)
	case TaskMulticlass:
		return scoreDrift(binned{name: "prediction", base: b.Summary.Confusion.Predicted, cur: cur.Confusion.Predicted}, method)
	default:
		return scoreDrift(numericBins(&b.Prediction, b.Summary.Prediction, cur.Prediction), method)
	}
}

func scoreCounts(h *ScoreHistogram) []int64 {
	out := make([]int64, ScoreBins)
	for i := range out {
		out[i] = h.Pos[i] + h.Neg[i] + h.Unlabeled[i]
	}
	return out
}

// scoreTails are the score sums of the first and last score bins.
func scoreTails(base, cur *ScoreHistogram) tails {
	sum := func(h *ScoreHistogram, i int) float64 { return h.SumPos[i] + h.SumNeg[i] + h.SumUnlabeled[i] }
	return tails{baseLow: sum(base, 0), baseHigh: sum(base, ScoreBins-1), curLow: sum(cur, 0), curHigh: sum(cur, ScoreBins-1)}
}

func scoreEdges() []float64 {
	e := make([]float64, ScoreBins-1)
	for i := range e {
		e[i] = float64(i+1) / ScoreBins
	}
	return e
}

// scoreStd is the baseline score std from the per-bin sums (bin means stand
// in for the scores inside a bin).
func scoreStd(h *ScoreHistogram) float64 {
	var n, sum, sumSq float64
	for i := 0; i < ScoreBins; i++ {
		c := float64(h.Pos[i] + h.Neg[i] + h.Unlabeled[i])
		if c == 0 {
			continue
		}
		m := (h.SumPos[i] + h.SumNeg[i] + h.SumUnlabeled[i]) / c
		n += c
		sum += c * m
		sumSq += c * m * m
	}
	if n == 0 {
		return 0
	}
	mean := sum / n
	return math.Sqrt(math.Max(0, sumSq/n-mean*mean))
}

// conceptBins regroups the 100 score bins into 10.
const conceptBins = 10

// ConceptDrift is the count-weighted mean |P_cur(y=1|score bin) −
// P_base(y=1|score bin)| over 10 score bins, in percent: the same outputs
// leading to different outcomes. Only bins with labeled rows in both windows count.
func ConceptDrift(b *Baseline, cur *Summary) Metric {
	if b.Schema.Task != TaskBinary || cur.Scores == nil {
		return Metric{}
	}
	per := ScoreBins / conceptBins
	var weighted, weight float64
	for g := 0; g < conceptBins; g++ {
		var bp, bn, cp, cn int64
		for i := g * per; i < (g+1)*per; i++ {
			bp, bn = bp+b.Summary.Scores.Pos[i], bn+b.Summary.Scores.Neg[i]
			cp, cn = cp+cur.Scores.Pos[i], cn+cur.Scores.Neg[i]
		}
		if bp+bn == 0 || cp+cn == 0 {
			continue
		}
		diff := math.Abs(float64(cp)/float64(cp+cn) - float64(bp)/float64(bp+bn))
		weighted += float64(cp+cn) * diff
		weight += float64(cp + cn)
	}
	if weight == 0 {
		return Metric{}
	}
	return Metric{Value: 100 * weighted / weight, OK: true}
}

// Distribution is a feature's baseline and current shares over readable
// bins: the ten baseline deciles for numeric features, the known categories
// plus "other" for categorical ones.
type Distribution struct {
	Labels            []string
	Baseline, Current []float64
}

// FeatureDistribution returns the distribution of one feature.
func FeatureDistribution(b *Baseline, cur *Summary, feature string) (Distribution, error) {
	for i, p := range b.Numeric {
		if p.Name != feature {
			continue
		}
		q, _ := shares(b.Summary.Numeric[i].Counts)
		c, _ := shares(cur.Numeric[i].Counts)
		groups := decileGroups(q)
		gc, gq := groupDeciles(c, q)
		return Distribution{Labels: decileLabels(groups, p.Edges), Baseline: gq, Current: gc}, nil
	}
	for i, p := range b.Categorical {
		if p.Name != feature {
			continue
		}
		f := categoricalBins(p.Name, &b.Summary.Categorical[i], &cur.Categorical[i])
		q, _ := shares(f.base)
		c, _ := shares(f.cur)
		return Distribution{Labels: append(append([]string{}, p.Categories...), "other"), Baseline: q, Current: c}, nil
	}
	return Distribution{}, fmt.Errorf("feature %q is not in the model's schema", feature)
}

// decileLabels names each group of bins by its value range.
func decileLabels(groups []int, edges []float64) []string {
	n := groups[len(groups)-1] + 1
	lower := make([]string, n)
	upper := make([]string, n)
	for i, g := range groups {
		if i > 0 && groups[i-1] != g {
			lower[g] = format(edges[i-1])
		}
		if i < len(edges) && (i+1 >= len(groups) || groups[i+1] != g) {
			upper[g] = format(edges[i])
		}
	}
	labels := make([]string, n)
	for g := range labels {
		switch {
		case lower[g] == "" && upper[g] == "":
			labels[g] = "all values"
		case lower[g] == "":
			labels[g] = "< " + upper[g]
		case upper[g] == "":
			labels[g] = "≥ " + lower[g]
		default:
			labels[g] = "[" + lower[g] + ", " + upper[g] + ")"
		}
	}
	return labels
}

// format writes a bin edge the way a reader scans it: 4 significant digits,
// with k/M/G for large values instead of exponents (13.16k, not 1.316e+04).
func format(v float64) string {
	switch a := math.Abs(v); {
	case a >= 1e9:
		return sig4(v/1e9) + "G"
	case a >= 1e6:
		return sig4(v/1e6) + "M"
	case a >= 1e4:
		return sig4(v/1e3) + "k"
	}
	return sig4(v)
}

func sig4(v float64) string { return strconv.FormatFloat(v, 'g', 4, 64) }
