package demo

import (
	"math"
	"testing"
)

func TestNormalCDFIsWithin1e11OfErfc(t *testing.T) {
	worst, at := 0.0, 0.0
	for i := range 2_000_001 {
		z := -10 + 20*float64(i)/2_000_000
		exact := 0.5 * math.Erfc(-z/math.Sqrt2)
		if d := math.Abs(normalCDF(z) - exact); d > worst {
			worst, at = d, z
		}
	}
	if worst > 1e-11 {
		t.Fatalf("normalCDF is %g from Φ at z = %g, want within 1e-11", worst, at)
	}
	t.Logf("largest difference %.2g at z = %.4f", worst, at)
}

func TestNormalCDFIsMonotoneAndBounded(t *testing.T) {
	prev := 0.0
	for i := range 200_001 {
		z := -10 + 20*float64(i)/200_000
		c := normalCDF(z)
		if c < prev || c < 0 || c > 1 {
			t.Fatalf("Φ(%g) = %g after %g: not a distribution function", z, c, prev)
		}
		prev = c
	}
	if normalCDF(math.NaN()) != 0 || normalCDF(math.Inf(-1)) != 0 || normalCDF(math.Inf(1)) != 1 {
		t.Fatal("NaN and -Inf must give 0, +Inf 1")
	}
}
