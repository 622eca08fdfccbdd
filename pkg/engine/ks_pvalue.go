package engine

import "math"

// KS p-values as scipy.stats.ks_2samp(method="auto") computes them, which is
// what Evidently calls: exact when both samples have at most
// ksExactMaxN values, asymptotic otherwise.
const (
	ksExactMaxN = 10000
	// ksExactMaxCells caps the exact lattice-path count for unequal sample
	// sizes (O(n₁·n₂) work, ~20 ms at the cap); past it the asymptotic
	// p-value is used, which differs from the exact one by O(1/√n).
	ksExactMaxCells = 10_000_000
)

// ksPValue is the two-sided p-value of the two-sample KS statistic d.
func ksPValue(d float64, n1, n2 int64) float64 {
	if max(n1, n2) <= ksExactMaxN && (n1 == n2 || n1*n2 <= ksExactMaxCells) {
		return ksExact(d, n1, n2)
	}
	en := float64(n1) * float64(n2) / float64(n1+n2)
	return kolmogorovSF(math.Sqrt(en) * d)
}

// ksExact is P(D ≥ d) under the null, as scipy's _attempt_exact_2kssamp:
// d is snapped to the lattice h/lcm(n₁, n₂); equal sizes use the closed form
// of _compute_prob_outside_square, unequal sizes count the lattice paths
// from (0, 0) to (n₁, n₂) that stay strictly inside |i/n₁ − j/n₂| < d.
func ksExact(d float64, n1, n2 int64) float64 {
	g := gcd(n1, n2)
	lcm := n1 / g * n2
	h := int64(math.Round(d * float64(lcm)))
	if h == 0 {
		return 1
	}
	if n1 == n2 {
		return clamp01(probOutsideSquare(n1, h))
	}
	return clamp01(1 - probInside(n1, n2, h*g))
}

// probOutsideSquare is scipy's Horner-form sum
// 2·Σₖ (−1)^(k−1)·C(2n, n−kh)/C(2n, n) for n₁ = n₂ = n.
func probOutsideSquare(n, h int64) float64 {
	p := 0.0
	for k := n / h; k >= 0; k-- {
		p1 := 1.0
		for j := int64(0); j < h; j++ {
			p1 = float64(n-k*h-j) * p1 / float64(n+k*h+j+1)
		}
		p = p1 * (1 - p)
	}
	return 2 * p
}

// probInside is the share of lattice paths from (0, 0) to (m, n) that keep
// |i·n − j·m| < bound at every step (the normalised recursion of
// Kim & Jennrich, as R's psmirnov uses).
func probInside(m, n, bound int64) float64 {
	if m < n {
		m, n = n, m
	}
	inside := func(i, j int64) bool { return abs64(i*n-j*m) < bound }
	u := make([]float64, n+1)
	for j := int64(0); j <= n; j++ {
		if inside(0, j) {
			u[j] = 1
		} else {
			break
		}
	}
	for i := int64(1); i <= m; i++ {
		w := float64(i) / float64(i+n)
		if inside(i, 0) {
			u[0] *= w
		} else {
			u[0] = 0
		}
		for j := int64(1); j <= n; j++ {
			if inside(i, j) {
				u[j] = w*u[j] + u[j-1]
			} else {
				u[j] = 0
			}
		}
	}
	return u[n]
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}
