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

// binnedWasserstein integrates |F−G| over the bins, taking each CDF as linear
// inside a bin; the open end bins are closed at the smallest and largest
// value either window saw.
func binnedWasserstein(p, q []float64, edges []float64, lo, hi float64) float64 {
	bounds := make([]float64, 0, len(edges)+2)
	bounds = append(bounds, math.Min(lo, firstOr(edges, lo)))
	bounds = append(bounds, edges...)
	bounds = append(bounds, math.Max(hi, lastOr(edges, hi)))
	var fp, fq, total float64
	for i := range p {
		d0 := fp - fq
		fp += p[i]
		fq += q[i]
		d1 := fp - fq
		w := bounds[i+1] - bounds[i]
		if d0*d1 >= 0 {
			total += w * (math.Abs(d0) + math.Abs(d1)) / 2
		} else {
			total += w * (d0*d0 + d1*d1) / (2 * (math.Abs(d0) + math.Abs(d1)))
		}
	}
	return total
}

func firstOr(v []float64, d float64) float64 {
	if len(v) == 0 {
		return d
	}
	return v[0]
}

func lastOr(v []float64, d float64) float64 {
	if len(v) == 0 {
		return d
	}
	return v[len(v)-1]
}
