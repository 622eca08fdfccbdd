package engine

import "math"

// Drift statistics on two count vectors over the same bins (docs/metrics.md).

// psiEpsilon replaces empty shares so ln(p/q) stays finite (Evidently's choice).
const psiEpsilon = 1e-4

func total(counts []int64) int64 {
	var n int64
	for _, c := range counts {
		n += c
	}
	return n
}

func shares(counts []int64, n int64) []float64 {
	out := make([]float64, len(counts))
	if n == 0 {
		return out
	}
	for i, c := range counts {
		out[i] = float64(c) / float64(n)
	}
	return out
}

func identityGroups(n int) []int {
	g := make([]int, n)
	for i := range g {
		g[i] = i
	}
	return g
}

// decileGroups groups consecutive bins so each group holds about a tenth of
// the baseline share q: the 1% quantile bins become the 10 PSI bins. Bins
// below the baseline's first value and above its last form groups of their
// own, so a window that moves off a constant baseline (or beyond its range)
// is never folded into the baseline's mass.
func decileGroups(q []float64) []int {
	first, last := -1, -1
	for i, share := range q {
		if share > 0 {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	group := make([]int, len(q))
	if first < 0 {
		return group
	}
	g := 0
	if first > 0 {
		g = 1 // group 0 is everything below the baseline
	}
	cum, decile := 0.0, 0
	for i := first; i <= last; i++ {
		group[i] = g
		cum += q[i]
		if i < last && decile < 9 && cum >= float64(decile+1)/10-1e-9 {
			for decile < 9 && cum >= float64(decile+1)/10-1e-9 {
				decile++
			}
			g++
		}
	}
	for i := last + 1; i < len(q); i++ {
		group[i] = g + 1
	}
	return group
}

func regroup(shares []float64, groups []int) []float64 {
	out := make([]float64, groups[len(groups)-1]+1)
	for i, s := range shares {
		out[groups[i]] += s
	}
	return out
}

// totalVariation is ½Σ|pᵢ−qᵢ|: the share of the distribution that moved.
func totalVariation(p, q []float64) float64 {
	s := 0.0
	for i := range p {
		s += math.Abs(p[i] - q[i])
	}
	return s / 2
}

// tvdNoiseFloor is the total variation distance expected between two
// samples of sizes nb and nc drawn from the same distribution q: each
// group's share difference is about normal with variance
// qᵢ(1−qᵢ)(1/nb + 1/nc), so E|pᵢ−qᵢ| = √(2/π)·σᵢ. Drift % subtracts it.
func tvdNoiseFloor(q []float64, nb, nc int64) float64 {
	k := 1/float64(nb) + 1/float64(nc)
	s := 0.0
	for _, share := range q {
		s += math.Sqrt(2 / math.Pi * share * (1 - share) * k)
	}
	return s / 2
}

// expectedNoise is the score a distance method reads, on average, between
// two samples of sizes nb and nc from the baseline's distribution q (the
// grouped shares gq): PSI ≈ χ²/n ≈ (k−1)(1/nb+1/nc) over k groups; JSD ≈
// (k−1)(1/nb+1/nc)/8 nats; E|F̂−Ĝ|(x) = √(2/π)·√(F(1−F)(1/nb+1/nc)), which
// integrated over the inner bins gives Wasserstein's. Tests (KS, χ², Z)
// account for the sample sizes in their p-values, and TVD is corrected, so
// they have none.
func expectedNoise(method string, f binned, q, gq []float64, nb, nc int64) float64 {
	k := 1/float64(nb) + 1/float64(nc)
	groups := 0.0
	for _, share := range gq {
		if share > 0 {
			groups++
		}
	}
	switch method {
	case DriftPSI:
		return math.Max(0, groups-1) * k
	case DriftJS:
		return math.Sqrt(math.Max(0, groups-1) * k / 8)
	case DriftJS2:
		return math.Sqrt(math.Max(0, groups-1) * k / 8 / math.Ln2)
	case DriftWasserstein:
		spread := func(F float64) float64 { return math.Sqrt(math.Max(0, F*(1-F))) }
		area, before := 0.0, q[0] // the baseline CDF at the start of bin i
		for i := 1; i < len(q)-1; i++ {
			after := before + q[i]
			area += (f.edges[i] - f.edges[i-1]) * (spread(before) + spread(after)) / 2
			before = after
		}
		return math.Sqrt(2/math.Pi*k) * area / math.Max(f.std, wassersteinStdFloor)
	}
	return 0
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

// jensenShannon is the Jensen–Shannon distance √JSD in the given logarithm
// base, as scipy.spatial.distance.jensenshannon(p, q, base).
func jensenShannon(p, q []float64, base float64) float64 {
	kl := func(a, m []float64) float64 {
		s := 0.0
		for i := range a {
			if a[i] > 0 {
				s += a[i] * math.Log(a[i]/m[i])
			}
		}
		return s
	}
	m := make([]float64, len(p))
	for i := range p {
		m[i] = (p[i] + q[i]) / 2
	}
	return math.Sqrt(math.Max(0, (kl(p, m)+kl(q, m))/2/math.Log(base)))
}

// chiSquare is Pearson's χ² test of homogeneity on the 2×K table of baseline
// and current counts, as scipy.stats.chi2_contingency(correction=False);
// categories empty in both are dropped.
func chiSquare(base, cur []int64) (stat, pValue float64) {
	nb, nc := float64(total(base)), float64(total(cur))
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
		return 0, 1
	}
	return stat, chiSquareSF(stat, float64(k-1))
}

// twoProportionZ is Evidently's two-proportion Z-test for a two-valued
// feature: the share of rows that are not the smaller value, pooled
// variance, two-sided normal p-value; 1 when both windows hold one and the
// same value. The statistic is reported as |z|.
func twoProportionZ(f binned, nb, nc int64) (z, pValue float64) {
	n1, n2 := float64(nb), float64(nc)
	p1 := 1 - float64(f.base[f.zeroKey])/n1
	p2 := 1 - float64(f.cur[f.zeroKey])/n2
	pooled := (p1*n1 + p2*n2) / (n1 + n2)
	if pooled == 0 || pooled == 1 {
		return 0, 1
	}
	z = math.Abs(p1-p2) / math.Sqrt(pooled*(1-pooled)*(1/n1+1/n2))
	return z, math.Erfc(z / math.Sqrt2)
}

// binnedKS is the largest CDF gap at the bin boundaries with its two-sided
// p-value (ksPValue). Values inside one bin are indistinguishable, so the
// statistic can only miss a gap inside a bin (bounded by that bin's mass);
// on discrete features every value has its own bin and it is exact.
func binnedKS(p, q []float64, n1, n2 int64) (d, pValue float64) {
	var fp, fq float64
	for i := range p {
		fp += p[i]
		fq += q[i]
		d = math.Max(d, math.Abs(fp-fq))
	}
	return d, ksPValue(d, n1, n2)
}

// binnedWasserstein is ∫|F−G| from the counts and per-bin offsets. Inside
// every bin the signed area ∫(F−G) is exact: ∫_a^b F = (b−a)·F(b) − Σ(v−a)/n
// for an inner bin, Σ(e₀−v)/n below the first edge and ∫(1−F) = Σ(v−e)/n
// above the last. Its absolute value is the distance unless the CDFs cross
// inside the bin; where they cross between the bin's ends, the distance of
// CDFs linear inside the bin is used when larger.
func binnedWasserstein(f binned, nb, nc int64) float64 {
	n1, n2 := float64(nc), float64(nb) // F is the window's CDF, G the baseline's
	if len(f.edges) == 0 {
		return math.Abs(f.curOffsets[0]/n1 - f.baseOffsets[0]/n2)
	}
	last := len(f.cur) - 1
	var dist, fc, fb float64
	for i := range f.cur {
		oc, ob := f.curOffsets[i]/n1, f.baseOffsets[i]/n2
		switch i {
		case 0:
			dist += math.Abs(oc - ob)
		case last:
			dist += math.Abs(ob - oc)
		default:
			w := f.edges[i] - f.edges[i-1]
			d0 := fc - fb
			d1 := d0 + float64(f.cur[i])/n1 - float64(f.base[i])/n2
			area := math.Abs(w*d1 - (oc - ob))
			if d0*d1 < 0 {
				area = math.Max(area, w*(d0*d0+d1*d1)/(2*(math.Abs(d0)+math.Abs(d1))))
			}
			dist += area
		}
		fc += float64(f.cur[i]) / n1
		fb += float64(f.base[i]) / n2
	}
	return dist
}
