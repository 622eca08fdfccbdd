package engine

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestBinaryQualityEmptyWindowIsUndefined(t *testing.T) {
	b := binaryBaseline(t, 0.5, binaryRows([]float64{0.2, 0.8}, []int{0, 1}))
	s := NewSummarizer(b).Summary()
	r, err := BinaryQuality(s.Confusion, s.Scores)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Metrics) != 9 {
		t.Fatalf("got %d metrics, want 9", len(r.Metrics))
	}
	for _, m := range r.Metrics {
		if m.OK || m.Ptr() != nil || m.Reason == "" {
			t.Errorf("%s = %+v on an empty window, want undefined with a reason", m.Name, m.Metric)
		}
	}
}

func TestBinaryQualityAllUnlabeledWindow(t *testing.T) {
	s := binaryWindow(t, []float64{0.1, 0.7, 0.9}, []int{-1, -1, -1})
	r, err := BinaryQuality(s.Confusion, s.Scores)
	if err != nil {
		t.Fatal(err)
	}
	if r.Labeled != 0 || s.Confusion.Predicted[1] != 2 {
		t.Errorf("labeled %d, predicted positives %d; want 0 and 2", r.Labeled, s.Confusion.Predicted[1])
	}
	for _, m := range r.Metrics {
		if m.OK {
			t.Errorf("%s = %v without labels, want undefined", m.Name, m.Value)
		}
	}
}

func TestBinaryQualityNilInputsLeaveTheirMetricsUndefined(t *testing.T) {
	c := &Confusion{Matrix: [][]int64{{40, 10}, {5, 45}}}
	r, err := BinaryQuality(c, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Get(MetricAccuracy); !got.OK || got.Value != 0.85 {
		t.Errorf("accuracy = %+v, want 0.85", got)
	}
	if r.Get(MetricAUCROC).OK || r.Get(MetricECE).OK {
		t.Error("score metrics must be undefined without a histogram")
	}
	if got := *r.Get(MetricPrecision).Ptr(); got != 45.0/55 {
		t.Errorf("precision = %v, want 45/55", got)
	}
}

func TestConfusionShapeErrorsExplainTheFix(t *testing.T) {
	cases := map[string]*Confusion{
		"rows":     {Matrix: [][]int64{{1, 2}}},
		"columns":  {Matrix: [][]int64{{1, 2}, {3}}},
		"negative": {Matrix: [][]int64{{1, -2}, {3, 4}}},
	}
	for want, c := range cases {
		if _, err := BinaryQuality(c, nil); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want one mentioning %q", err, want)
		}
	}
	if _, err := MulticlassQuality(nil); err == nil {
		t.Error("a missing multiclass matrix must be an error")
	}
}

func TestAUCOfSeparatedAndTiedScores(t *testing.T) {
	// two rows whose scores sit in what used to be one 0.01-wide bin
	squeezed := binaryWindow(t, []float64{0.001, 0.009}, []int{0, 1}).Scores
	if got, bound := AUCROC(squeezed), AUCErrorBound(squeezed); got.Value != 1 || bound.Value != 0 {
		t.Errorf("AUC = %v bound %v, want 1 and 0", got, bound)
	}
	if got := PRAUC(squeezed); got.Value != 1 {
		t.Errorf("PR-AUC = %v, want 1", got)
	}
	// a positive and a negative with the same score are a true tie: AUC 0.5 exactly
	tied := binaryWindow(t, []float64{0.5, 0.5, 0.1, 0.9}, []int{0, 1, 0, 1}).Scores
	if got, bound := AUCROC(tied), AUCErrorBound(tied); got.Value != 0.875 || bound.Value != 0 {
		t.Errorf("tied AUC = %v bound %v, want 0.875 and 0", got, bound)
	}
}

func TestQualityReportSelectKeepsRequestedOrder(t *testing.T) {
	r := RegressionQuality(regressionWindow(t, []float64{1, 2, 4}, []float64{1.5, 2, 3}).Regression)
	sel := r.Select([]string{MetricR2, "nope", MetricMAE})
	if len(sel.Metrics) != 2 || sel.Metrics[0].Name != MetricR2 || sel.Metrics[1].Name != MetricMAE {
		t.Errorf("select = %+v, want r2 then mae", sel.Metrics)
	}
	if got := r.Select(nil); len(got.Metrics) != 4 {
		t.Errorf("empty selection kept %d metrics, want all 4", len(got.Metrics))
	}
	if r.Get("nope").OK {
		t.Error("unknown metric must be undefined")
	}
}

func TestRegressionQualityEdgeCases(t *testing.T) {
	empty := RegressionQuality(&RegressionSums{})
	for _, m := range empty.Metrics {
		if m.OK || m.Reason == "" {
			t.Errorf("%s = %+v on an empty window, want undefined with a reason", m.Name, m.Metric)
		}
	}
	zeros := RegressionQuality(regressionWindow(t, []float64{0, 0}, []float64{1, -1}).Regression)
	if zeros.Get(MetricMAPE).OK || !zeros.Get(MetricMAE).OK {
		t.Errorf("all-zero targets: mape %v mae %v, want undefined and defined", zeros.Get(MetricMAPE), zeros.Get(MetricMAE))
	}
}

func TestHigherIsBetter(t *testing.T) {
	if !HigherIsBetter(MetricAccuracy) || HigherIsBetter(MetricLogLoss) || HigherIsBetter(MetricRMSE) {
		t.Error("accuracy improves upwards; log loss and RMSE downwards")
	}
}

func TestMulticlassQualityEdgeCases(t *testing.T) {
	empty, err := MulticlassQuality(multiclassWindow(t, 3, nil, nil).Confusion)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range empty.Metrics {
		if m.OK {
			t.Errorf("%s = %v on an empty window, want undefined", m.Name, m.Value)
		}
	}
	// only class 1 occurs and is always predicted right: classes 0 and 2 drop out
	one, err := MulticlassQuality(multiclassWindow(t, 3, []int{1, 1, 1}, []int{1, 1, 1}).Confusion)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range one.Metrics {
		if !m.OK || m.Value != 1 {
			t.Errorf("%s = %+v with one perfectly predicted class, want 1", m.Name, m.Metric)
		}
	}
}

// A metric computed alone is the report's, to the bit, with or without
// labels and scores.
func TestBinaryMetricIsTheReportsMetric(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	scores, labels := make([]float64, 5000), make([]int, 5000)
	for i := range scores {
		scores[i] = rng.Float64()
		labels[i] = -1 // unlabeled
		if i%3 != 0 {
			labels[i] = 0
			if rng.Float64() < scores[i] {
				labels[i] = 1
			}
		}
	}
	s := binaryWindow(t, scores, labels)
	names := []string{MetricAccuracy, MetricPrecision, MetricRecall, MetricF1, MetricAUCROC, MetricPRAUC, MetricLogLoss, MetricBrier, MetricECE, "unknown"}
	for _, c := range []*Confusion{s.Confusion, nil} {
		for _, h := range []*ScoreHistogram{s.Scores, nil} {
			report, err := BinaryQuality(c, h)
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range names {
				got, err := BinaryMetric(name, c, h)
				if want := report.Get(name); err != nil || got != want {
					t.Errorf("%s (confusion %v, scores %v): %+v %v, want %+v", name, c != nil, h != nil, got, err, want)
				}
			}
		}
	}
	if _, err := BinaryMetric(MetricAUCROC, &Confusion{Matrix: [][]int64{{1}}}, s.Scores); err == nil {
		t.Error("a malformed confusion matrix is an error whichever metric is asked for")
	}
}
