package engine

import (
	"math"
	"testing"
)

// rankingTol is how close AUC-ROC from score bins must be to scikit-learn's
// on every fixture, squeezed and rare-event models included, and PR-AUC on
// windows of at least prTolRows labeled rows (on a few hundred rows, a bin
// of two or three rows mixes classes and PR-AUC can be further off). Both
// must always lie within the error bound the engine reports.
const (
	rankingTol = 0.005
	prTolRows  = 1000
)

type binaryFixture struct {
	Cases []struct {
		Name          string
		Threshold     float64
		Label         []int
		Score         []float64
		BaselineScore []float64
		BaselineLabel []int
		Expected      map[string]any
	}
}

func qualityExpected(t *testing.T, exp map[string]any, key string) *float64 {
	t.Helper()
	v, ok := exp[key]
	if !ok {
		t.Fatalf("fixture has no expected %q", key)
	}
	if v == nil {
		return nil
	}
	f := v.(float64)
	return &f
}

func qualityExpectedList(exp map[string]any, key string) []float64 {
	var out []float64
	for _, v := range exp[key].([]any) {
		out = append(out, v.(float64))
	}
	return out
}

func TestBinaryQualityMatchesScikitLearn(t *testing.T) {
	var fx binaryFixture
	loadQualityFixture(t, "quality_binary.json", &fx)
	for _, tc := range fx.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			window := binaryRows(tc.Score, tc.Label)
			baselineRows := window
			if tc.BaselineScore != nil {
				baselineRows = binaryRows(tc.BaselineScore, tc.BaselineLabel)
			}
			s := summarize(binaryBaseline(t, tc.Threshold, baselineRows), window)
			r, err := BinaryQuality(s.Confusion, s.Scores)
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{MetricAccuracy, MetricPrecision, MetricRecall, MetricF1, MetricLogLoss, MetricBrier, MetricECE} {
				assertMetric(t, name, r.Get(name), qualityExpected(t, tc.Expected, name), qualityTol)
			}
			for _, m := range r.Metrics {
				if m.Name != MetricAUCROC && m.Name != MetricPRAUC {
					continue
				}
				want := qualityExpected(t, tc.Expected, m.Name)
				if m.Name == MetricAUCROC || len(tc.Label) >= prTolRows {
					assertMetric(t, m.Name, m.Metric, want, rankingTol)
				}
				if want == nil {
					continue
				}
				if diff := math.Abs(m.Value - *want); !m.ErrorBound.OK || diff > m.ErrorBound.Value+1e-9 {
					t.Errorf("%s = %.6f, scikit-learn %.6f: diff %.3g exceeds the reported bound %+v", m.Name, m.Value, *want, diff, m.ErrorBound)
				}
			}
			if r.Labeled != int64(len(tc.Label)) {
				t.Errorf("labeled = %d, want %d", r.Labeled, len(tc.Label))
			}
			want := tc.Expected["confusion"].([]any)
			for i, row := range ConfusionMatrix(s.Confusion) {
				for j, n := range row {
					if w := want[i].([]any)[j].(float64); float64(n) != w {
						t.Errorf("confusion[%d][%d] = %d, want %v", i, j, n, w)
					}
				}
			}
			assertReliability(t, Reliability(s.Scores), qualityExpectedList(tc.Expected, "reliabilityObserved"), qualityExpectedList(tc.Expected, "reliabilityPredicted"))
		})
	}
}

func assertReliability(t *testing.T, got []ReliabilityBin, observed, predicted []float64) {
	t.Helper()
	if len(got) != len(observed) {
		t.Fatalf("reliability has %d bins, want %d", len(got), len(observed))
	}
	for i, b := range got {
		assertMetric(t, "observedRate", definedMetric(b.ObservedRate), &observed[i], qualityTol)
		assertMetric(t, "meanPredicted", definedMetric(b.MeanPredicted), &predicted[i], qualityTol)
		// bins are (Lower, Upper], the first one [0, Upper]; the mean of
		// scores equal to Upper may round past it by an ulp or two
		if b.MeanPredicted > b.Upper+1e-12 || b.MeanPredicted < b.Lower || b.MeanPredicted == b.Lower && b.Lower > 0 {
			t.Errorf("bin (%v, %v] has mean score %v outside it", b.Lower, b.Upper, b.MeanPredicted)
		}
	}
}

type multiclassFixture struct {
	Cases []struct {
		Name     string
		Classes  int
		Label    []int
		Pred     []int
		Expected map[string]any
	}
}

func TestMulticlassQualityMatchesScikitLearn(t *testing.T) {
	var fx multiclassFixture
	loadQualityFixture(t, "quality_multiclass.json", &fx)
	for _, tc := range fx.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			r, err := MulticlassQuality(multiclassWindow(t, tc.Classes, tc.Label, tc.Pred).Confusion)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range r.Metrics {
				assertMetric(t, m.Name, m.Metric, qualityExpected(t, tc.Expected, m.Name), qualityTol)
			}
			if len(r.Metrics) != 7 {
				t.Errorf("got %d metrics, want 7", len(r.Metrics))
			}
		})
	}
}

type regressionFixture struct {
	Cases []struct {
		Name       string
		Target     []float64
		Prediction []float64
		Expected   map[string]any
	}
}

func TestRegressionQualityMatchesScikitLearn(t *testing.T) {
	var fx regressionFixture
	loadQualityFixture(t, "quality_regression.json", &fx)
	for _, tc := range fx.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			r := RegressionQuality(regressionWindow(t, tc.Target, tc.Prediction).Regression)
			for _, m := range r.Metrics {
				assertMetric(t, m.Name, m.Metric, qualityExpected(t, tc.Expected, m.Name), qualityTol)
			}
			if len(r.Metrics) != 4 {
				t.Errorf("got %d metrics, want 4", len(r.Metrics))
			}
		})
	}
}
