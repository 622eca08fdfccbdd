package engine

import "math"

// Special functions behind the drift p-values (stdlib only).

// kolmogorovSF is the survival function of the limiting Kolmogorov
// distribution, P(K > z) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²z²}: scipy's
// kstwobign.sf, which ks_2samp(method="asymp") evaluates at √(n₁n₂/(n₁+n₂))·D.
func kolmogorovSF(z float64) float64 {
	if z <= 0 {
		return 1
	}
	if z < 0.2 {
		return 1 // the series converges slowly here and the value is 1 to double precision
	}
	sum := 0.0
	for k := 1; k <= 100; k++ {
		term := math.Exp(-2 * float64(k*k) * z * z)
		if k%2 == 1 {
			sum += term
		} else {
			sum -= term
		}
		if term < 1e-17 {
			break
		}
	}
	return math.Max(0, math.Min(1, 2*sum))
}

// chiSquareSF is P(X > x) for X ~ χ²(dof): the regularized upper incomplete
// gamma Q(dof/2, x/2).
func chiSquareSF(x, dof float64) float64 {
	if x <= 0 {
		return 1
	}
	return upperGammaQ(dof/2, x/2)
}

// upperGammaQ is Q(a, x) by series (x < a+1) or continued fraction
// (Numerical Recipes §6.2), accurate to ~1e-14.
func upperGammaQ(a, x float64) float64 {
	lgA, _ := math.Lgamma(a)
	if x < a+1 {
		sum, term := 1/a, 1/a
		for n := 1; n < 1000; n++ {
			term *= x / (a + float64(n))
			sum += term
			if math.Abs(term) < math.Abs(sum)*1e-16 {
				break
			}
		}
		return 1 - sum*math.Exp(-x+a*math.Log(x)-lgA)
	}
	const tiny = 1e-300
	b := x + 1 - a
	c := 1 / tiny
	d := 1 / b
	h := d
	for i := 1; i < 1000; i++ {
		an := -float64(i) * (float64(i) - a)
		b += 2
		d = an*d + b
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = b + an/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		delta := d * c
		h *= delta
		if math.Abs(delta-1) < 1e-16 {
			break
		}
	}
	return math.Exp(-x+a*math.Log(x)-lgA) * h
}
