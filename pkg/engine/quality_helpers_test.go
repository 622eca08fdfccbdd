package engine

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// Quality and fairness tests build their summaries the way production does:
// rows through NewBaseline (sketch, bins) and the Summarizer.

const qualityTol = 1e-9

// loadQualityFixture decodes a golden fixture written by tests/golden/gen_*.py.
func loadQualityFixture(t testing.TB, name string, v any) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "tests", "golden", "fixtures", name))
	if err != nil {
		t.Fatalf("read fixture %s (regenerate with tests/golden/run.sh): %v", name, err)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("decode fixture %s: %v", name, err)
	}
}

// binaryRows are binary predictions; a label below 0 leaves the row unlabeled.
func binaryRows(scores []float64, labels []int) []Row {
	rows := make([]Row, len(scores))
	for i, s := range scores {
		rows[i] = Row{Score: s, Label: float64(max(labels[i], 0)), Labeled: labels[i] >= 0}
	}
	return rows
}

// binaryBaseline profiles baseline rows of a binary model.
func binaryBaseline(t testing.TB, threshold float64, rows []Row) *Baseline {
	t.Helper()
	b, err := NewBaseline(Schema{Task: TaskBinary, Threshold: threshold}, rows)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// binaryWindow is the summary of binary rows that are their own baseline.
func binaryWindow(t testing.TB, scores []float64, labels []int) *Summary {
	t.Helper()
	return binaryBaseline(t, 0.5, binaryRows(scores, labels)).Summary
}

// multiclassWindow summarizes (actual, predicted) pairs; actual < 0 is unlabeled.
func multiclassWindow(t testing.TB, k int, actual, predicted []int) *Summary {
	t.Helper()
	classes := make([]string, k)
	for i := range classes {
		classes[i] = string(rune('a' + i))
	}
	rows := make([]Row, len(actual))
	for i, a := range actual {
		rows[i] = Row{Pred: predicted[i], Label: float64(max(a, 0)), Labeled: a >= 0}
	}
	b, err := NewBaseline(Schema{Task: TaskMulticlass, Classes: classes}, rows)
	if err != nil {
		t.Fatal(err)
	}
	return b.Summary
}

// regressionWindow summarizes labeled regression rows.
func regressionWindow(t testing.TB, target, prediction []float64) *Summary {
	t.Helper()
	rows := make([]Row, len(target))
	for i, y := range target {
		rows[i] = Row{Score: prediction[i], Label: y, Labeled: true}
	}
	b, err := NewBaseline(Schema{Task: TaskRegression}, rows)
	if err != nil {
		t.Fatal(err)
	}
	return b.Summary
}

// summarize adds rows to a new summary binned with b.
func summarize(b *Baseline, rows []Row) *Summary {
	s := NewSummarizer(b)
	for i := range rows {
		s.Add(&rows[i])
	}
	return s.Summary()
}

// assertMetric compares a metric with a reference value; nil means undefined.
func assertMetric(t *testing.T, name string, got Metric, want *float64, tol float64) {
	t.Helper()
	if want == nil {
		if got.OK {
			t.Errorf("%s = %v, want undefined", name, got.Value)
		} else if got.Reason == "" {
			t.Errorf("%s is undefined without a reason", name)
		}
		return
	}
	if !got.OK {
		t.Errorf("%s is undefined (%s), want %v", name, got.Reason, *want)
		return
	}
	if diff := math.Abs(got.Value - *want); diff > tol*math.Max(1, math.Abs(*want)) {
		t.Errorf("%s = %.12g, want %.12g (diff %.3g > tol %.3g)", name, got.Value, *want, diff, tol)
	}
}
