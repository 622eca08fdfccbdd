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
	DriftJS          = "js"
	DriftChiSquare   = "chisquare"
	DriftTVD         = "tvd"
)

// Thresholds: PSI ≥ 0.1 is moderate drift; KS and χ² drift when p < 0.05;
// normed Wasserstein, JS and TVD drift above 0.1.
const (
	psiThreshold      = 0.1
	pValueThreshold   = 0.05
	distanceThreshold = 0.1
	// autoSmallSample: Evidently's switch from tests to distances.
	autoSmallSample = 1000
	// DatasetDriftShare of drifted features makes the dataset drifted.
	DatasetDriftShare = 0.5
)

// DriftResult is one feature's drift in one window. For KS and χ² the score
// is the statistic and the threshold applies to the p-value.
type DriftResult struct {
	Feature      string
	Method       string
	Score        float64
	Threshold    float64
	PValue       Metric // defined for KS and χ²
	Drifted      bool
	DriftPercent float64 // total variation distance × 100
	OK           bool    // false when either window has no values: nothing is claimed
}

// binned is one feature as two count vectors over shared bins.
type binned struct {
	name      string
	numeric   bool
	base, cur []int64
	edges     []float64 // numeric only
	tails     tails     // numeric only
	std       float64   // numeric only: baseline std
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
		r, err := scoreDrift(categoricalBins(b.Categorical[i].Name, &b.Summary.Categorical[i], &cur.Categorical[i]), method)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func numericBins(p *NumericProfile, base, cur *NumericSummary) binned {
	return binned{name: p.Name, numeric: true, base: base.Counts, cur: cur.Counts, edges: p.Edges,
		tails: tails{baseLow: base.LowTailSum, baseHigh: base.HighTailSum, curLow: cur.LowTailSum, curHigh: cur.HighTailSum}, std: p.Std}
}

// categoricalBins appends the unseen ("other") count as a last category.
func categoricalBins(name string, base, cur *CategoricalSummary) binned {
	return binned{name: name, base: append(append([]int64{}, base.Counts...), base.Unseen), cur: append(append([]int64{}, cur.Counts...), cur.Unseen)}
}

func scoreDrift(f binned, method string) (DriftResult, error) {
	q, nb := shares(f.base)
	p, nc := shares(f.cur)
	if method == "" || method == DriftAuto {
		method = autoMethod(f.numeric, nb)
	}
	r := DriftResult{Feature: f.name, Method: method}
	if nb == 0 || nc == 0 {
		r.Threshold = thresholdOf(method)
		return r, nil
	}
	r.OK = true
	r.DriftPercent = 100 * totalVariation(p, q)
	switch method {
	case DriftPSI:
		gp, gq := p, q
		if f.numeric {
			gp, gq = groupDeciles(p, q)
		}
		r.Score, r.Threshold = psi(gp, gq), psiThreshold
		r.Drifted = r.Score >= psiThreshold
	case DriftKS:
		d, pv := binnedKS(p, q, nb, nc)
		r.Score, r.PValue, r.Threshold = d, Metric{Value: pv, OK: true}, pValueThreshold
		r.Drifted = pv < pValueThreshold
	case DriftWasserstein:
		if !f.numeric {
			return r, fmt.Errorf("feature %s is categorical: Wasserstein distance needs a numeric feature", f.name)
		}
		r.Threshold = distanceThreshold
		w := binnedWasserstein(p, q, nc, nb, f.edges, f.tails)
		if f.std > 0 {
			r.Score = w / f.std
		} else if w > 0 {
			r.Score = math.Inf(1)
		}
		r.Score = math.Min(r.Score, math.MaxFloat64)
		r.Drifted = r.Score > distanceThreshold
	case DriftJS:
		r.Score, r.Threshold = jensenShannon(p, q), distanceThreshold
		r.Drifted = r.Score > distanceThreshold
	case DriftChiSquare:
		stat, pv, _ := chiSquare(f.base, f.cur)
		r.Score, r.PValue, r.Threshold = stat, Metric{Value: pv, OK: true}, pValueThreshold
		r.Drifted = pv < pValueThreshold
	case DriftTVD:
		r.Score, r.Threshold = r.DriftPercent/100, distanceThreshold
		r.Drifted = r.Score > distanceThreshold
	default:
		return r, fmt.Errorf("drift method %q is unknown: use auto, psi, ks, wasserstein, js, chisquare or tvd", method)
	}
	return r, nil
}

// autoMethod follows Evidently: tests for small baselines, distances for large ones.
func autoMethod(numeric bool, baselineRows int64) string {
	switch {
	case numeric && baselineRows <= autoSmallSample:
		return DriftKS
	case numeric:
		return DriftWasserstein
	case baselineRows <= autoSmallSample:
		return DriftChiSquare
	default:
		return DriftJS
	}
}

func thresholdOf(method string) float64 {
	switch method {
	case DriftPSI:
		return psiThreshold
	case DriftKS, DriftChiSquare:
		return pValueThreshold
	default:
		return distanceThreshold
	}
}

// decileGroups groups consecutive bins so each group holds about a tenth of
// the baseline: the 100 quantile bins become the 10 PSI bins.
func decileGroups(q []float64) []int {
	group := make([]int, len(q))
	cum, g := 0.0, 0
	for i, share := range q {
		group[i] = g
		cum += share
		if g < 9 && cum >= float64(g+1)/10-1e-9 {
			g++
		}
	}
	return group
}

func groupDeciles(p, q []float64) (gp, gq []float64) {
	groups := decileGroups(q)
	n := groups[len(groups)-1] + 1
	gp, gq = make([]float64, n), make([]float64, n)
	for i, g := range groups {
		gp[g] += p[i]
		gq[g] += q[i]
	}
	return gp, gq
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
