package engine

import (
	"math"
	"testing"
)

// rankingTol bounds |binned − exact| for AUC-ROC and PR-AUC on the fixtures
// (100 score bins; see classification_ranking.go).
const rankingTol = 0.005

type binaryFixture struct {
	Cases []struct {
		Name      string
		Threshold float64
		Label     []int
		Score     []float64
		Expected  map[string]any
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
			pred := make([]int, len(tc.Score))
			for i, s := range tc.Score {
				if s >= tc.Threshold {
					pred[i] = 1
				}
			}
			c := qualityConfusion(2, tc.Label, pred)
			h := qualityHistogram(tc.Score, tc.Label)
			r, err := BinaryQuality(c, h)
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{MetricAccuracy, MetricPrecision, MetricRecall, MetricF1, MetricLogLoss, MetricBrier, MetricECE} {
				assertMetric(t, name, r.Get(name), qualityExpected(t, tc.Expected, name), qualityTol)
			}
			for _, name := range []string{MetricAUCROC, MetricPRAUC} {
				assertMetric(t, name, r.Get(name), qualityExpected(t, tc.Expected, name), rankingTol)
			}
			if want := qualityExpected(t, tc.Expected, MetricAUCROC); want != nil {
				bound := AUCErrorBound(h)
				if diff := math.Abs(r.Get(MetricAUCROC).Value - *want); !bound.OK || diff > bound.Value+1e-12 {
					t.Errorf("AUC diff %.3g exceeds its bound %v", diff, bound)
				}
			}
			if r.Labeled != int64(len(tc.Label)) {
				t.Errorf("labeled = %d, want %d", r.Labeled, len(tc.Label))
			}
			want := tc.Expected["confusion"].([]any)
			for i, row := range ConfusionMatrix(c) {
				for j, n := range row {
					if w := want[i].([]any)[j].(float64); float64(n) != w {
						t.Errorf("confusion[%d][%d] = %d, want %v", i, j, n, w)
					}
				}
			}
			assertReliability(t, Reliability(h), qualityExpectedList(tc.Expected, "reliabilityObserved"), qualityExpectedList(tc.Expected, "reliabilityPredicted"))
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
		if b.MeanPredicted < b.Lower || b.MeanPredicted >= b.Upper {
			t.Errorf("bin [%v, %v) has mean score %v outside it", b.Lower, b.Upper, b.MeanPredicted)
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
			r, err := MulticlassQuality(qualityConfusion(tc.Classes, tc.Label, tc.Pred))
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
			r := RegressionQuality(qualityRegression(tc.Target, tc.Prediction))
			for _, m := range r.Metrics {
				assertMetric(t, m.Name, m.Metric, qualityExpected(t, tc.Expected, m.Name), qualityTol)
			}
			if len(r.Metrics) != 4 {
				t.Errorf("got %d metrics, want 4", len(r.Metrics))
			}
		})
	}
}
