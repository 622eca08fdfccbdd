package engine

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// noiseFloorP95 is the 95th percentile of drift % between a 5,000-row
// baseline and a window of the same N(0,1), per window size: the table in
// docs/metrics.md ("Drift % noise floor").
var noiseFloorP95 = []struct {
	rows int
	p95  float64
}{{30, 11}, {50, 8}, {100, 6}, {200, 5}, {500, 3}, {1000, 2.5}, {5000, 1.5}}

func TestDriftPercentOfIdenticalDistributionsStaysUnderTheDocumentedFloor(t *testing.T) {
	rng := rand.New(rand.NewPCG(20261128, 1))
	normal := func(n int) []float64 {
		out := make([]float64, n)
		for i := range out {
			out[i] = rng.NormFloat64()
		}
		return out
	}
	const reps = 100
	pct := make([][]float64, len(noiseFloorP95)) // per window size, one reading per baseline
	for range reps {
		b, err := NewBaseline(numericSchema, numericRows(normal(5000)))
		if err != nil {
			t.Fatal(err)
		}
		for i, floor := range noiseFloorP95 {
			r := driftOf(t, b, summarize(b, numericRows(normal(floor.rows))), DriftTVD)
			pct[i] = append(pct[i], r.DriftPercent.Value)
		}
	}
	for i, floor := range noiseFloorP95 {
		n, bound, pct := floor.rows, floor.p95, pct[i]
		slices.Sort(pct)
		t.Logf("window of %d rows: drift %% median %.2f, p95 %.2f", n, pct[reps/2], pct[reps*95/100-1])
		if p95 := pct[reps*95/100-1]; p95 > bound {
			t.Errorf("window of %d rows: drift %% p95 %.2f exceeds the documented %.1f", n, p95, bound)
		}
	}
}

// TestSameDistributionIsNotDrift uses scipy-side pairs of N(0,1) samples
// (gen_drift.py "same"): drift % stays near 0, no distance calls drift,
// and KS agrees with scipy's verdict.
func TestSameDistributionIsNotDrift(t *testing.T) {
	for _, c := range loadDriftFixture(t).Same {
		b, err := NewBaseline(numericSchema, numericRows(c.Baseline))
		if err != nil {
			t.Fatal(err)
		}
		cur := summarize(b, numericRows(c.Current))
		for _, method := range []string{DriftTVD, DriftJS, DriftJS2, DriftPSI, DriftWasserstein} {
			r := driftOf(t, b, cur, method)
			if r.Drifted || !r.DriftPercent.OK || r.DriftPercent.Value > 12 {
				t.Errorf("%s/%s: identical distributions read %+v", c.Name, method, r)
			}
			if !r.OK && (!r.TooFewRows || r.Reason == "") {
				t.Errorf("%s/%s: withheld without saying why: %+v", c.Name, method, r)
			}
		}
		if ks := driftOf(t, b, cur, DriftKS); c.KSPValue > 0.2 && ks.Drifted {
			t.Errorf("%s: KS p %.3g calls drift where scipy's p is %.3g", c.Name, ks.PValue.Value, c.KSPValue)
		}
	}
}

func TestTinyWindowIsMarkedNotScored(t *testing.T) {
	b, err := NewBaseline(numericSchema, numericRows(make([]float64, 500)))
	if err != nil {
		t.Fatal(err)
	}
	cur := summarize(b, numericRows(make([]float64, MinDriftRows-1)))
	for _, method := range []string{DriftAuto, DriftKS, DriftTVD} {
		if r := driftOf(t, b, cur, method); r.OK || !r.TooFewRows || r.DriftPercent.OK || r.Reason == "" {
			t.Errorf("%s on %d rows: %+v, want too few rows", method, MinDriftRows-1, r)
		}
	}
}
