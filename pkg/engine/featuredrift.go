package engine

import (
	"fmt"
	"math"
)

// Drift methods (DESIGN.md "Metric definitions").
const (
	DriftAuto        = "auto"
	DriftPSI         = "psi"
	DriftKS          = "ks"
	DriftWasserstein = "wasserstein"
	DriftJS          = "js"  // Jensen–Shannon distance, natural log (as Evidently)
	DriftJS2         = "js2" // Jensen–Shannon distance, base 2
	DriftChiSquare   = "chisquare"
	DriftZTest       = "ztest" // two-proportion Z-test, for two-valued features
	DriftTVD         = "tvd"
)

// Thresholds: PSI ≥ 0.1 is moderate drift; KS, χ² and Z drift when p < 0.05;
// normed Wasserstein and TVD drift above 0.1, JS at 0.1 or more.
const (
	psiThreshold      = 0.1
	pValueThreshold   = 0.05
	distanceThreshold = 0.1
	// autoSmallSample: Evidently's switch from tests to distances, on the
	// reference's row count.
	autoSmallSample = 1000
	// DatasetDriftShare of drifted features makes the dataset drifted.
	DatasetDriftShare = 0.5
	// MinDriftRows is the fewest values a window (and the baseline) needs for
	// a feature to be scored; smaller windows are marked TooFewRows.
	MinDriftRows = 30
	// maxValueGroups is the most distinct baseline values a numeric feature
	// may have for drift %, PSI and JS to compare it value by value (as
	// Evidently bins numeric columns with at most 20 values); others use the
	// baseline's deciles.
	maxValueGroups = 20
	// wassersteinStdFloor keeps a constant baseline's normed distance finite
	// (Evidently: max(std, 0.001)).
	wassersteinStdFloor = 0.001
)

// DriftResult is one feature's drift in one window. For KS, χ² and the
// Z-test the score is the statistic and the threshold applies to the p-value.
type DriftResult struct {
	Feature   string
	Method    string
	Score     float64
	Threshold float64
	PValue    Metric // defined for KS, χ² and the Z-test
	// LogBase is the logarithm base of a Jensen–Shannon distance (e or 2);
	// 0 for other methods.
	LogBase float64
	Drifted bool
	// DriftPercent is the share of the distribution that moved, × 100: the
	// total variation distance over coarse groups less the sampling noise
	// expected between two samples of the same distribution (NoiseFloor).
	// Defined whenever both sides have MinDriftRows values, even when the
	// method's own score is withheld.
	DriftPercent Metric
	NoiseFloor   float64 // the drift % two samples of these sizes show with no drift
	OK           bool    // the method's score and verdict are measured; false: Reason says why
	// TooFewRows marks a window too small to score: fewer than MinDriftRows
	// values, or so few that the method's distance between two samples of
	// one distribution would, on average, reach half its threshold.
	TooFewRows bool
	Reason     string
}

// binned is one feature as two count vectors over shared bins.
type binned struct {
	name                    string
	numeric                 bool
	discrete                bool // few values, each in its own bin: drift % and JS compare them value by value
	base, cur               []int64
	edges                   []float64 // numeric only
	baseOffsets, curOffsets []float64 // numeric only: Σ distance from each bin's anchor
	std                     float64   // numeric only: baseline std
	distinct                int       // distinct values in baseline and window together, capped at distinctCap+1
	zeroKey                 int       // two-valued features: the bin of the smaller value (Evidently's key)
}

// FeatureDrift scores every feature of cur against the baseline with method
// (empty or "auto" picks per feature).
func FeatureDrift(b *Baseline, cur *Summary, method string) ([]DriftResult, error) {
	if len(cur.Numeric) != len(b.Numeric) || len(cur.Categorical) != len(b.Categorical) {
		return nil, fmt.Errorf("the summary was not binned with this baseline")
	}
	out := make([]DriftResult, 0, len(b.Numeric)+len(b.Categorical))
	for i := range b.Numeric {
		r, err := scoreDrift(numericBins(&b.Numeric[i], &b.Summary.Numeric[i], &cur.Numeric[i]), method)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	for i := range b.Categorical {
		r, err := scoreDrift(categoricalBins(&b.Categorical[i], &b.Summary.Categorical[i], &cur.Categorical[i]), method)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func numericBins(p *NumericProfile, base, cur *NumericSummary) binned {
	f := binned{name: p.Name, numeric: true, base: base.Counts, cur: cur.Counts, edges: p.Edges,
		baseOffsets: base.Offsets, curOffsets: cur.Offsets, std: p.Std, discrete: p.Discrete && len(p.Edges)/2 <= maxValueGroups}
	values := unionDistinct(base.Distinct, cur.Distinct)
	f.distinct = len(values)
	if len(values) > 0 {
		f.zeroKey = binOf(p.Edges, values[0])
	}
	return f
}

// categoricalBins appends the "other known" and "unseen" counts as two last
// bins. Values the baseline never had share the unseen bin; as the baseline
// share of each is 0, JS, TVD and PSI are the same as with one bin apiece.
func categoricalBins(p *CategoricalProfile, base, cur *CategoricalSummary) binned {
	f := binned{name: p.Name,
		base: append(append([]int64{}, base.Counts...), base.Other, base.Unseen),
		cur:  append(append([]int64{}, cur.Counts...), cur.Other, cur.Unseen)}
	values := unionDistinct(base.Distinct, cur.Distinct)
	f.distinct = len(values)
	if len(values) > 0 {
		f.zeroKey = len(f.base) - 1
		if k, ok := p.index[values[0]]; ok {
			f.zeroKey = min(k, len(p.Categories))
		}
	}
	return f
}

func scoreDrift(f binned, method string) (DriftResult, error) {
	nb, nc := total(f.base), total(f.cur)
	if method == "" || method == DriftAuto {
		method = autoMethod(f.numeric, nb, f.distinct)
	}
	r := DriftResult{Feature: f.name, Method: method, Threshold: thresholdOf(method), LogBase: logBaseOf(method)}
	switch method {
	case DriftPSI, DriftKS, DriftWasserstein, DriftJS, DriftJS2, DriftChiSquare, DriftZTest, DriftTVD:
	default:
		return r, fmt.Errorf("drift method %q is unknown: use auto, psi, ks, wasserstein, js, js2, chisquare, ztest or tvd", method)
	}
	if method == DriftWasserstein && !f.numeric {
		return r, fmt.Errorf("feature %s is categorical: Wasserstein distance needs a numeric feature", f.name)
	}
	switch {
	case nb == 0 || nc == 0:
		r.Reason = "no values in the baseline or the window"
		r.DriftPercent = undefinedMetric(r.Reason)
		return r, nil
	case nb < MinDriftRows || nc < MinDriftRows:
		r.TooFewRows = true
		r.Reason = fmt.Sprintf("too few rows: %d in the baseline, %d in the window (at least %d each)", nb, nc, MinDriftRows)
		r.DriftPercent = undefinedMetric(r.Reason)
		return r, nil
	}
	q, p := shares(f.base, nb), shares(f.cur, nc)
	groups := identityGroups(len(q))
	if f.numeric && !f.discrete {
		groups = decileGroups(q)
	}
	gp, gq := regroup(p, groups), regroup(q, groups)
	tvd, floor := totalVariation(gp, gq), tvdNoiseFloor(gq, nb, nc)
	r.NoiseFloor = 100 * floor
	r.DriftPercent = definedMetric(100 * math.Max(0, tvd-floor))
	if noise := expectedNoise(method, f, q, gq, nb, nc); noise >= r.Threshold/2 {
		r.TooFewRows = true
		r.Reason = fmt.Sprintf("too few rows for %s: two samples of %d and %d rows from one distribution read about %.3g (threshold %g)", method, nb, nc, noise, r.Threshold)
		return r, nil
	}
	r.OK = true
	switch method {
	case DriftPSI:
		r.Score = psi(gp, gq)
		r.Drifted = r.Score >= psiThreshold
	case DriftKS:
		d, pv := binnedKS(p, q, nb, nc)
		r.Score, r.PValue = d, definedMetric(pv)
		r.Drifted = pv < pValueThreshold
	case DriftWasserstein:
		w := binnedWasserstein(f, nb, nc)
		r.Score = w / math.Max(f.std, wassersteinStdFloor)
		r.Drifted = r.Score > distanceThreshold
	case DriftJS, DriftJS2:
		r.Score = jensenShannon(gp, gq, r.LogBase)
		r.Drifted = r.Score >= distanceThreshold
	case DriftChiSquare:
		stat, pv := chiSquare(f.base, f.cur)
		r.Score, r.PValue = stat, definedMetric(pv)
		r.Drifted = pv < pValueThreshold
	case DriftZTest:
		z, pv := twoProportionZ(f, nb, nc)
		r.Score, r.PValue = z, definedMetric(pv)
		r.Drifted = pv < pValueThreshold
	case DriftTVD:
		r.Score = r.DriftPercent.Value / 100
		r.Drifted = r.Score > distanceThreshold
	}
	return r, nil
}

// autoMethod is Evidently's default per column, decided on the reference's
// row count n and the distinct values u of reference and window together:
// numeric u > 5 → KS (n ≤ 1000) or normed Wasserstein; numeric 3 ≤ u ≤ 5
// and categorical u > 2 → χ² (n ≤ 1000) or JS; u ≤ 2 → Z-test (n ≤ 1000) or
// JS. JS here is natural-log, as Evidently's.
func autoMethod(numeric bool, n int64, u int) string {
	switch {
	case numeric && u > distinctCap && n <= autoSmallSample:
		return DriftKS
	case numeric && u > distinctCap:
		return DriftWasserstein
	case n > autoSmallSample:
		return DriftJS
	case u > 2:
		return DriftChiSquare
	default:
		return DriftZTest
	}
}

// logBaseOf is the logarithm base a method's distance is stated in.
func logBaseOf(method string) float64 {
	switch method {
	case DriftJS:
		return math.E
	case DriftJS2:
		return 2
	}
	return 0
}

func thresholdOf(method string) float64 {
	switch method {
	case DriftPSI:
		return psiThreshold
	case DriftKS, DriftChiSquare, DriftZTest:
		return pValueThreshold
	default:
		return distanceThreshold
	}
}

// DatasetDrift reports whether at least half of the scored features drifted.
func DatasetDrift(results []DriftResult) (drifted bool, share float64) {
	scored, n := 0, 0
	for _, r := range results {
		if r.OK {
			scored++
			if r.Drifted {
				n++
			}
		}
	}
	if scored == 0 {
		return false, 0
	}
	share = float64(n) / float64(scored)
	return share >= DatasetDriftShare, share
}
