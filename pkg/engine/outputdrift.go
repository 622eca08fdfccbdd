package engine

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// PredictionDrift compares the distribution of the model's outputs: binary
// scores (all rows, labeled or not), multiclass predicted classes, or
// regression predictions.
func PredictionDrift(b *Baseline, cur *Summary, method string) (DriftResult, error) {
	switch b.Schema.Task {
	case TaskBinary:
		return scoreDrift(scoreBins(b.Summary.Scores, cur.Scores), method)
	case TaskMulticlass:
		f := binned{name: "prediction", base: b.Summary.Confusion.Predicted, cur: cur.Confusion.Predicted}
		f.distinct, f.zeroKey = occupiedBins(f.base, f.cur)
		return scoreDrift(f, method)
	default:
		return scoreDrift(numericBins(&b.Prediction, b.Summary.Prediction, cur.Prediction), method)
	}
}

// scoreBins lays out the score histograms as a numeric feature. Scores that
// all sit in point bins are discrete: their distinct values are the
// occupied bins.
func scoreBins(base, cur *ScoreHistogram) binned {
	f := binned{name: "prediction", numeric: true, edges: base.Edges,
		base: scoreCounts(base), cur: scoreCounts(cur), std: scoreStd(base)}
	f.baseOffsets, f.curOffsets = scoreOffsets(base), scoreOffsets(cur)
	f.discrete = true
	for i := range f.base {
		if (f.base[i] > 0 || f.cur[i] > 0) && !scorePointBin(base.Edges, i) {
			f.discrete = false
		}
	}
	f.distinct, f.zeroKey = distinctCap+1, 0
	if f.discrete {
		f.distinct, f.zeroKey = occupiedBins(f.base, f.cur)
		values := 0
		for _, c := range f.base {
			if c > 0 {
				values++
			}
		}
		f.discrete = values <= maxValueGroups
	}
	return f
}

// occupiedBins counts the bins with rows in either window (capped like a
// distinct-value set) and returns the first of them.
func occupiedBins(base, cur []int64) (n, first int) {
	first = -1
	for i := range base {
		if base[i] > 0 || cur[i] > 0 {
			if first < 0 {
				first = i
			}
			n++
		}
	}
	return min(n, distinctCap+1), max(first, 0)
}

func scoreCounts(h *ScoreHistogram) []int64 {
	out := make([]int64, h.Bins())
	for i := range out {
		out[i] = h.Pos[i] + h.Neg[i] + h.Unlabeled[i]
	}
	return out
}

// scoreOffsets turns the per-bin score sums into the offsets a numeric
// summary keeps (distance from each bin's anchor edge).
func scoreOffsets(h *ScoreHistogram) []float64 {
	out := make([]float64, h.Bins())
	for i := range out {
		n := float64(h.Pos[i] + h.Neg[i] + h.Unlabeled[i])
		sum := h.SumPos[i] + h.SumNeg[i] + h.SumUnlabeled[i]
		switch {
		case len(h.Edges) == 0:
			out[i] = -sum
		case i == 0:
			out[i] = n*h.Edges[0] - sum
		default:
			out[i] = sum - n*h.Edges[i-1]
		}
	}
	return out
}

// scoreStd is the baseline score std from the per-bin sums (bin means stand
// in for the scores inside a bin, each at most 1/ScoreQuantiles of the rows).
func scoreStd(h *ScoreHistogram) float64 {
	var m Moments
	for i := range h.Pos {
		c := h.Pos[i] + h.Neg[i] + h.Unlabeled[i]
		if c == 0 {
			continue
		}
		mean := (h.SumPos[i] + h.SumNeg[i] + h.SumUnlabeled[i]) / float64(c)
		m.Merge(Moments{N: c, Mean: mean})
	}
	return m.Std()
}

// ConceptDrift is the count-weighted mean |P_cur(y=1|score bin) −
// P_base(y=1|score bin)| over the baseline's score deciles, in percent: the
// same outputs leading to different outcomes. Only deciles with labeled rows
// in both windows count.
func ConceptDrift(b *Baseline, cur *Summary) Metric {
	if b.Schema.Task != TaskBinary || cur.Scores == nil {
		return Metric{}
	}
	base := b.Summary.Scores
	labeled := make([]int64, base.Bins())
	for i := range labeled {
		labeled[i] = base.Pos[i] + base.Neg[i]
	}
	groups := decileGroups(shares(labeled, total(labeled)))
	n := groups[len(groups)-1] + 1
	bp, bn, cp, cn := make([]int64, n), make([]int64, n), make([]int64, n), make([]int64, n)
	for i, g := range groups {
		bp[g], bn[g] = bp[g]+base.Pos[i], bn[g]+base.Neg[i]
		cp[g], cn[g] = cp[g]+cur.Scores.Pos[i], cn[g]+cur.Scores.Neg[i]
	}
	var weighted, weight float64
	for g := range n {
		if bp[g]+bn[g] == 0 || cp[g]+cn[g] == 0 {
			continue
		}
		diff := math.Abs(float64(cp[g])/float64(cp[g]+cn[g]) - float64(bp[g])/float64(bp[g]+bn[g]))
		weighted += float64(cp[g]+cn[g]) * diff
		weight += float64(cp[g] + cn[g])
	}
	if weight == 0 {
		return Metric{}
	}
	return Metric{Value: 100 * weighted / weight, OK: true}
}

// distributionCategories is how many categories a distribution shows one by
// one; the rest are shown together as "other".
const distributionCategories = 50

// Distribution is a feature's baseline and current shares over readable
// bins: the baseline deciles (or values, for a discrete feature) for numeric
// features, the most frequent categories plus "other" for categorical ones.
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
		base, now := b.Summary.Numeric[i].Counts, cur.Numeric[i].Counts
		q, c := shares(base, total(base)), shares(now, total(now))
		groups := decileGroups(q)
		if p.Discrete {
			groups = identityGroups(len(q))
		}
		return withoutEmptyGroups(Distribution{Labels: groupLabels(groups, p.Edges), Baseline: regroup(q, groups), Current: regroup(c, groups)}), nil
	}
	for i, p := range b.Categorical {
		if p.Name != feature {
			continue
		}
		f := categoricalBins(&b.Categorical[i], &b.Summary.Categorical[i], &cur.Categorical[i])
		q, c := shares(f.base, total(f.base)), shares(f.cur, total(f.cur))
		shown := min(len(p.Categories), distributionCategories)
		groups := make([]int, len(q))
		for k := range groups {
			groups[k] = min(k, shown)
		}
		return Distribution{Labels: append(append([]string{}, p.Categories[:shown]...), "other"), Baseline: regroup(q, groups), Current: regroup(c, groups)}, nil
	}
	return Distribution{}, fmt.Errorf("feature %q is not in the model's schema", feature)
}

// withoutEmptyGroups drops the groups neither window has values in (the
// gaps between a discrete feature's values, the ranges beyond its baseline).
func withoutEmptyGroups(d Distribution) Distribution {
	var out Distribution
	for i, label := range d.Labels {
		if d.Baseline[i] > 0 || d.Current[i] > 0 {
			out.Labels = append(out.Labels, label)
			out.Baseline = append(out.Baseline, d.Baseline[i])
			out.Current = append(out.Current, d.Current[i])
		}
	}
	return out
}

// groupLabels names each group of bins by its value range; a group that is
// one point bin reads "= v", and an edge up(v) reads as "> v" or "v]".
func groupLabels(groups []int, edges []float64) []string {
	n := groups[len(groups)-1] + 1
	labels := make([]string, n)
	for g := range n {
		first, last := -1, -1
		for i, gi := range groups {
			if gi == g {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
		var lo, hi string
		if first > 0 {
			lo = "[" + format(edges[first-1])
			if first > 1 && edges[first-1] == up(edges[first-2]) {
				lo = "(" + format(edges[first-2])
			}
		}
		if last < len(edges) {
			hi = format(edges[last]) + ")"
			if last > 0 && edges[last] == up(edges[last-1]) {
				hi = format(edges[last-1]) + "]"
			}
		}
		switch {
		case first > 0 && first == last && last < len(edges) && isPointBin(edges[first-1], edges[last]):
			labels[g] = "= " + format(edges[first-1])
		case lo == "" && hi == "":
			labels[g] = "all values"
		case lo == "" && strings.HasSuffix(hi, "]"):
			labels[g] = "≤ " + strings.TrimSuffix(hi, "]")
		case lo == "":
			labels[g] = "< " + strings.TrimSuffix(hi, ")")
		case hi == "" && strings.HasPrefix(lo, "("):
			labels[g] = "> " + strings.TrimPrefix(lo, "(")
		case hi == "":
			labels[g] = "≥ " + strings.TrimPrefix(lo, "[")
		default:
			labels[g] = lo + ", " + hi
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
