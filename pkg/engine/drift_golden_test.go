package engine

import (
	"encoding/json"
	"math"
	"os"
	"testing"
)

// Fixtures from tests/golden/gen_drift.py (scipy references).
type driftFixture struct {
	Numeric []struct {
		Name              string    `json:"name"`
		Baseline          []float64 `json:"baseline"`
		Current           []float64 `json:"current"`
		KSStatistic       float64   `json:"ks_statistic"`
		KSPValue          float64   `json:"ks_pvalue"`
		WassersteinNormed float64   `json:"wasserstein_normed"`
	} `json:"numeric"`
	Categorical []struct {
		Name          string   `json:"name"`
		Baseline      []string `json:"baseline"`
		Current       []string `json:"current"`
		Chi2Statistic float64  `json:"chi2_statistic"`
		Chi2PValue    float64  `json:"chi2_pvalue"`
		JSDistance    float64  `json:"js_distance"`
		TVD           float64  `json:"tvd"`
	} `json:"categorical"`
	KolmogorovSF [][2]float64 `json:"kolmogorov_sf"`
	Chi2SF       [][3]float64 `json:"chi2_sf"`
}

func loadDriftFixture(t *testing.T) driftFixture {
	t.Helper()
	raw, err := os.ReadFile("../../tests/golden/fixtures/drift.json")
	if err != nil {
		t.Fatal(err)
	}
	var f driftFixture
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

var numericSchema = Schema{Task: TaskRegression, Numeric: []string{"x"}}
var categoricalSchema = Schema{Task: TaskRegression, Categorical: []string{"c"}}

func numericRows(values []float64) []Row {
	rows := make([]Row, len(values))
	for i, v := range values {
		rows[i] = Row{Num: []float64{v}, Score: 0}
	}
	return rows
}

func categoricalRows(values []string) []Row {
	rows := make([]Row, len(values))
	for i, v := range values {
		rows[i] = Row{Cat: []string{v}}
	}
	return rows
}

// Bounds of the histogram approximations (docs/metrics.md): KS from 100
// quantile bins within 0.01; normed Wasserstein within 0.02.
const (
	ksBound          = 0.01
	wassersteinBound = 0.02
)

func TestNumericDriftMatchesScipy(t *testing.T) {
	for _, c := range loadDriftFixture(t).Numeric {
		b, err := NewBaseline(numericSchema, numericRows(c.Baseline))
		if err != nil {
			t.Fatal(err)
		}
		cur := summarize(b, numericRows(c.Current))
		ks, _ := FeatureDrift(b, cur, DriftKS)
		if d := math.Abs(ks[0].Score - c.KSStatistic); d > ksBound {
			t.Errorf("%s: KS %.4f vs scipy %.4f (off by %.4f > %.2f)", c.Name, ks[0].Score, c.KSStatistic, d, ksBound)
		}
		if (ks[0].PValue.Value < pValueThreshold) != (c.KSPValue < pValueThreshold) {
			t.Errorf("%s: KS drift verdict differs: p %.4g vs scipy %.4g", c.Name, ks[0].PValue.Value, c.KSPValue)
		}
		w, _ := FeatureDrift(b, cur, DriftWasserstein)
		if d := math.Abs(w[0].Score - c.WassersteinNormed); d > wassersteinBound {
			t.Errorf("%s: Wasserstein %.4f vs scipy %.4f (off by %.4f > %.2f)", c.Name, w[0].Score, c.WassersteinNormed, d, wassersteinBound)
		}
	}
}

func TestCategoricalDriftMatchesScipyExactly(t *testing.T) {
	for _, c := range loadDriftFixture(t).Categorical {
		b, err := NewBaseline(categoricalSchema, categoricalRows(c.Baseline))
		if err != nil {
			t.Fatal(err)
		}
		cur := summarize(b, categoricalRows(c.Current))
		chi, _ := FeatureDrift(b, cur, DriftChiSquare)
		js, _ := FeatureDrift(b, cur, DriftJS)
		tvd, _ := FeatureDrift(b, cur, DriftTVD)
		checks := []struct {
			name      string
			got, want float64
		}{
			{"chi2 statistic", chi[0].Score, c.Chi2Statistic},
			{"chi2 p-value", chi[0].PValue.Value, c.Chi2PValue},
			{"JS distance", js[0].Score, c.JSDistance},
			{"TVD", tvd[0].Score, c.TVD},
		}
		for _, k := range checks {
			if math.Abs(k.got-k.want) > 1e-9 {
				t.Errorf("%s: %s %.12g vs scipy %.12g", c.Name, k.name, k.got, k.want)
			}
		}
	}
}

func TestPValueFunctionsMatchScipy(t *testing.T) {
	f := loadDriftFixture(t)
	for _, c := range f.KolmogorovSF {
		if got := kolmogorovSF(c[0]); math.Abs(got-c[1]) > 1e-9 {
			t.Errorf("kstwobign.sf(%v): %.12g vs %.12g", c[0], got, c[1])
		}
	}
	for _, c := range f.Chi2SF {
		if got := chiSquareSF(c[0], c[1]); math.Abs(got-c[2]) > 1e-9 {
			t.Errorf("chi2.sf(%v, %v): %.12g vs %.12g", c[0], c[1], got, c[2])
		}
	}
}
