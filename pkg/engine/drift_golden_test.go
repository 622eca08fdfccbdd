package engine

import (
	"math"
	"testing"
)

// Fixtures from tests/golden/gen_drift.py (scipy references); every case
// goes through NewBaseline and the Summarizer.
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
		JSDistance2   float64  `json:"js_distance_base2"`
		TVD           float64  `json:"tvd"`
	} `json:"categorical"`
	Scores []struct {
		Name        string    `json:"name"`
		Baseline    []float64 `json:"baseline"`
		Current     []float64 `json:"current"`
		KSStatistic float64   `json:"ks_statistic"`
	} `json:"scores"`
	Same []struct {
		Name     string    `json:"name"`
		Baseline []float64 `json:"baseline"`
		Current  []float64 `json:"current"`
		KSPValue float64   `json:"ks_pvalue"`
	} `json:"same"`
	KolmogorovSF [][2]float64 `json:"kolmogorov_sf"`
	Chi2SF       [][3]float64 `json:"chi2_sf"`
	KSExact      [][4]float64 `json:"ks_exact"`
}

func loadDriftFixture(t *testing.T) driftFixture {
	t.Helper()
	var f driftFixture
	loadQualityFixture(t, "drift.json", &f)
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

// Bounds of the bin approximations on continuous features
// (docs/metrics.md): KS from 1% quantile bins within 0.01, normed
// Wasserstein within 2% of its value (or 0.02). Discrete features, whose
// every value has its own bin, match to 1e-9.
const (
	ksBound          = 0.01
	wassersteinBound = 0.02
	exactTol         = 1e-9
)

func driftOf(t *testing.T, b *Baseline, cur *Summary, method string) DriftResult {
	t.Helper()
	r, err := FeatureDrift(b, cur, method)
	if err != nil {
		t.Fatal(err)
	}
	return r[0]
}

func within(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

func TestNumericDriftMatchesScipy(t *testing.T) {
	for _, c := range loadDriftFixture(t).Numeric {
		t.Run(c.Name, func(t *testing.T) {
			b, err := NewBaseline(numericSchema, numericRows(c.Baseline))
			if err != nil {
				t.Fatal(err)
			}
			cur := summarize(b, numericRows(c.Current))
			discrete := b.Numeric[0].Discrete
			ksTol, wTol := ksBound, wassersteinBound
			if discrete {
				ksTol, wTol = exactTol, exactTol
			}
			ks := driftOf(t, b, cur, DriftKS)
			if !ks.OK || math.Abs(ks.Score-c.KSStatistic) > ksTol {
				t.Errorf("KS %.6f vs scipy %.6f (tolerance %g, discrete %v): %+v", ks.Score, c.KSStatistic, ksTol, discrete, ks)
			}
			if discrete && !within(ks.PValue.Value, c.KSPValue, exactTol) {
				t.Errorf("KS p-value %.12g vs scipy %.12g", ks.PValue.Value, c.KSPValue)
			}
			if clear := c.KSPValue < 0.01 || c.KSPValue > 0.2; clear && ks.Drifted != (c.KSPValue < pValueThreshold) {
				t.Errorf("KS verdict differs: p %.4g vs scipy %.4g", ks.PValue.Value, c.KSPValue)
			}
			if got := ksPValue(c.KSStatistic, int64(len(c.Baseline)), int64(len(c.Current))); !within(got, c.KSPValue, exactTol) {
				t.Errorf("p-value of scipy's statistic %.12g vs scipy %.12g", got, c.KSPValue)
			}
			w := driftOf(t, b, cur, DriftWasserstein)
			switch {
			case w.TooFewRows:
				if w.Reason == "" || w.OK {
					t.Errorf("a window too small for Wasserstein must say so: %+v", w)
				}
			case !within(w.Score, c.WassersteinNormed, wTol):
				t.Errorf("Wasserstein %.6f vs scipy %.6f (tolerance %g, discrete %v)", w.Score, c.WassersteinNormed, wTol, discrete)
			}
			if math.IsInf(w.Score, 0) || math.IsNaN(w.Score) {
				t.Errorf("Wasserstein %v is not finite", w.Score)
			}
			moved := c.KSStatistic > 0.5
			for _, method := range []string{DriftPSI, DriftJS, DriftTVD} {
				if r := driftOf(t, b, cur, method); moved && (!r.OK || !r.Drifted) {
					t.Errorf("%s must see a distribution that moved by KS %.2f: %+v", method, c.KSStatistic, r)
				}
			}
		})
	}
}

// TestConstantBaselineStaysQuiet: a constant that stays constant is no drift.
func TestConstantBaselineStaysQuiet(t *testing.T) {
	for _, c := range loadDriftFixture(t).Numeric {
		if c.KSStatistic != 0 {
			continue
		}
		b, _ := NewBaseline(numericSchema, numericRows(c.Baseline))
		cur := summarize(b, numericRows(c.Current))
		for _, method := range []string{DriftAuto, DriftPSI, DriftKS, DriftWasserstein, DriftJS, DriftTVD} {
			if r := driftOf(t, b, cur, method); !r.OK || r.Drifted || r.Score != 0 && method != DriftKS || r.DriftPercent.Value != 0 {
				t.Errorf("%s/%s: %+v", c.Name, method, r)
			}
		}
	}
}

func TestCategoricalDriftMatchesScipyExactly(t *testing.T) {
	for _, c := range loadDriftFixture(t).Categorical {
		t.Run(c.Name, func(t *testing.T) {
			b, err := NewBaseline(categoricalSchema, categoricalRows(c.Baseline))
			if err != nil {
				t.Fatal(err)
			}
			cur := summarize(b, categoricalRows(c.Current))
			chi := driftOf(t, b, cur, DriftChiSquare)
			js := driftOf(t, b, cur, DriftJS)
			js2 := driftOf(t, b, cur, DriftJS2)
			tvd := driftOf(t, b, cur, DriftTVD)
			if js.LogBase != math.E || js2.LogBase != 2 {
				t.Errorf("JS bases %v and %v, want e and 2", js.LogBase, js2.LogBase)
			}
			checks := []struct {
				name      string
				got, want float64
			}{
				{"chi2 statistic", chi.Score, c.Chi2Statistic},
				{"chi2 p-value", chi.PValue.Value, c.Chi2PValue},
				{"JS distance (natural log)", js.Score, c.JSDistance},
				{"JS distance (base 2)", js2.Score, c.JSDistance2},
				{"drift % (TVD less the noise floor)", tvd.DriftPercent.Value, math.Max(0, 100*c.TVD-tvd.NoiseFloor)},
			}
			if !js.OK || !js2.OK {
				t.Fatalf("JS withheld: %s", js.Reason)
			}
			for _, k := range checks {
				if !within(k.got, k.want, exactTol) {
					t.Errorf("%s %.12g vs scipy %.12g", k.name, k.got, k.want)
				}
			}
			self := DataQuality(b, b.Summary)
			if q := self.Features[0]; q.Validity.Value != 1 || self.IssueShare.Value != 0 {
				t.Errorf("a baseline against itself has validity %v and issue share %v, want 1 and 0", q.Validity, self.IssueShare)
			}
		})
	}
}

func TestScoreBinsSeeSqueezedScoresMove(t *testing.T) {
	for _, c := range loadDriftFixture(t).Scores {
		b := binaryBaseline(t, 0.5, binaryRows(c.Baseline, make([]int, len(c.Baseline))))
		cur := summarize(b, binaryRows(c.Current, make([]int, len(c.Current))))
		ks, err := PredictionDrift(b, cur, DriftKS)
		if err != nil {
			t.Fatal(err)
		}
		psi, _ := PredictionDrift(b, cur, DriftPSI)
		if math.Abs(ks.Score-c.KSStatistic) > ksBound || !ks.Drifted || !psi.Drifted {
			t.Errorf("%s: KS %v (scipy %v), PSI %+v", c.Name, ks.Score, c.KSStatistic, psi)
		}
	}
}

func TestPValueFunctionsMatchScipy(t *testing.T) {
	f := loadDriftFixture(t)
	for _, c := range f.KolmogorovSF {
		if got := kolmogorovSF(c[0]); math.Abs(got-c[1]) > exactTol {
			t.Errorf("kstwobign.sf(%v): %.12g vs %.12g", c[0], got, c[1])
		}
	}
	for _, c := range f.Chi2SF {
		if got := chiSquareSF(c[0], c[1]); math.Abs(got-c[2]) > exactTol {
			t.Errorf("chi2.sf(%v, %v): %.12g vs %.12g", c[0], c[1], got, c[2])
		}
	}
	for _, c := range f.KSExact {
		if got := ksExact(c[2], int64(c[0]), int64(c[1])); !within(got, c[3], exactTol) {
			t.Errorf("exact KS p(n1=%v, n2=%v, D=%v): %.12g vs scipy %.12g", c[0], c[1], c[2], got, c[3])
		}
	}
}
