package engine

import "math"

// Drift statistics on two count vectors over the same bins (docs/metrics.md).

// psiEpsilon replaces empty shares so ln(p/q) stays finite (Evidently's choice).
const psiEpsilon = 1e-4

func shares(counts []int64) ([]float64, int64) {
	var n int64
	for _, c := range counts {
		n += c
	}
	out := make([]float64, len(counts))
	if n == 0 {
		return out, 0
	}
	for i, c := range counts {
		out[i] = float64(c) / float64(n)
	}
	return out, n
}

// totalVariation is ½Σ|pᵢ−qᵢ|: the share of the distribution that moved.
func totalVariation(p, q []float64) float64 {
	s := 0.0
	for i := range p {
		s += math.Abs(p[i] - q[i])
	}
	return s / 2
}

// psi is Σ(pᵢ−qᵢ)·ln(pᵢ/qᵢ) with ε-smoothed shares; p is the current, q the baseline share.
func psi(p, q []float64) float64 {
	s := 0.0
	for i := range p {
		a, b := math.Max(p[i], psiEpsilon), math.Max(q[i], psiEpsilon)
		s += (a - b) * math.Log(a/b)
	}
	return s
}

// jensenShannon is the Jensen–Shannon distance in base 2, as
// scipy.spatial.distance.jensenshannon(p, q, base=2).
func jensenShannon(p, q []float64) float64 {
	kl := func(a, m []float64) float64 {
		s := 0.0
		for i := range a {
			if a[i] > 0 {
				s += a[i] * math.Log2(a[i]/m[i])
			}
		}
		return s
	}
	m := make([]float64, len(p))
	for i := range p {
		m[i] = (p[i] + q[i]) / 2
	}
	return math.Sqrt(math.Max(0, (kl(p, m)+kl(q, m))/2))
}

// chiSquare is Pearson's χ² test of homogeneity on the 2×K table of baseline
// and current counts, as scipy.stats.chi2_contingency(correction=False);
// categories empty in both are dropped.
func chiSquare(base, cur []int64) (stat, pValue float64, ok bool) {
	var nb, nc float64
	for i := range base {
		nb += float64(base[i])
		nc += float64(cur[i])
	}
	if nb == 0 || nc == 0 {
		return 0, 0, false
	}
	n := nb + nc
	k := 0
	for i := range base {
		col := float64(base[i] + cur[i])
		if col == 0 {
			continue
		}
		k++
		eb, ec := nb*col/n, nc*col/n
		stat += (float64(base[i])-eb)*(float64(base[i])-eb)/eb + (float64(cur[i])-ec)*(float64(cur[i])-ec)/ec
	}
	if k < 2 {
		return 0, 1, true
	}
	return stat, chiSquareSF(stat, float64(k-1)), true
}

// binnedKS is the largest CDF gap at the bin boundaries, with the asymptotic
// two-sample p-value. Values inside one bin are indistinguishable, so the
// statistic can only miss a gap inside a bin (bounded by that bin's mass).
func binnedKS(p, q []float64, n1, n2 int64) (d, pValue float64) {
	var fp, fq float64
	for i := range p {
		fp += p[i]
		fq += q[i]
		d = math.Max(d, math.Abs(fp-fq))
	}
	en := float64(n1) * float64(n2) / float64(n1+n2)
	return d, kolmogorovSF(math.Sqrt(en) * d)
}

// tails are the sums of the values in each window's open end bins.
type tails struct {
	baseLow, baseHigh, curLow, curHigh float64
}

// binnedWasserstein integrates |F−G| over the bins, taking each CDF as linear
// inside an inner bin. In the open end bins the area under each CDF is known
// exactly from the bin's count and value sum — ∫_{−∞}^{e₀} F = (c·e₀ − Σv)/n —
// so the tails contribute the difference of those areas (exact unless the
// CDFs cross inside the tail).
func binnedWasserstein(p, q []float64, nCur, nBase int64, edges []float64, t tails) float64 {
	if len(edges) == 0 {
		return math.Abs(t.curLow/float64(nCur) - t.baseLow/float64(nBase))
	}
	first, last := edges[0], edges[len(edges)-1]
	lowCur := p[0]*first - t.curLow/float64(nCur)
	lowBase := q[0]*first - t.baseLow/float64(nBase)
	total := math.Abs(lowCur - lowBase)
	fp, fq := p[0], q[0]
	for i := 1; i < len(p)-1; i++ {
		d0 := fp - fq
		fp += p[i]
		fq += q[i]
		d1 := fp - fq
		w := edges[i] - edges[i-1]
		if d0*d1 >= 0 {
			total += w * (math.Abs(d0) + math.Abs(d1)) / 2
		} else {
			total += w * (d0*d0 + d1*d1) / (2 * (math.Abs(d0) + math.Abs(d1)))
		}
	}
	k := len(p) - 1
	highCur := t.curHigh/float64(nCur) - p[k]*last
	highBase := t.baseHigh/float64(nBase) - q[k]*last
	return total + math.Abs(highCur-highBase)
}
