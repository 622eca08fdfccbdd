package engine

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// Helpers that build the engine's component types straight from rows, so
// quality and fairness tests do not depend on the summarizer.

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

// qualityScoreBin is the histogram bin of a score in [0, 1].
func qualityScoreBin(s float64) int {
	return min(int(s*ScoreBins), ScoreBins-1)
}

// qualityHistogram bins labeled binary rows; labels < 0 mark unlabeled rows.
func qualityHistogram(scores []float64, labels []int) *ScoreHistogram {
	const eps = 2.220446049250313e-16 // float64 machine ε, scikit-learn's log-loss clip
	h := &ScoreHistogram{}
	for i, s := range scores {
		b := qualityScoreBin(s)
		switch labels[i] {
		case 1:
			h.Pos[b]++
			h.SumPos[b] += s
		case 0:
			h.Neg[b]++
			h.SumNeg[b] += s
		default:
			h.Unlabeled[b]++
			h.SumUnlabeled[b] += s
			continue
		}
		p := min(max(s, eps), 1-eps)
		y := float64(labels[i])
		h.LogLossSum -= y*math.Log(p) + (1-y)*math.Log(1-p)
		h.BrierSum += (s - y) * (s - y)
	}
	return h
}

// qualityConfusion counts labeled (actual, predicted) pairs into a K×K matrix.
func qualityConfusion(k int, actual, predicted []int) *Confusion {
	c := &Confusion{Matrix: make([][]int64, k), Predicted: make([]int64, k)}
	for i := range c.Matrix {
		c.Matrix[i] = make([]int64, k)
	}
	for i, a := range actual {
		c.Predicted[predicted[i]]++
		if a >= 0 {
			c.Matrix[a][predicted[i]]++
		}
	}
	return c
}

// qualityRegression sums the errors of labeled regression rows.
func qualityRegression(target, prediction []float64) *RegressionSums {
	r := &RegressionSums{}
	for i, y := range target {
		e := prediction[i] - y
		r.N++
		r.SumAbsErr += math.Abs(e)
		r.SumSqErr += e * e
		r.SumY += y
		r.SumYSq += y * y
		if y != 0 {
			r.SumAbsPct += math.Abs(e / y)
			r.NPct++
		}
	}
	return r
}

// assertMetric compares a metric with a reference value; nil means undefined.
func assertMetric(t *testing.T, name string, got Metric, want *float64, tol float64) {
	t.Helper()
	if want == nil {
		if got.OK {
			t.Errorf("%s = %v, want undefined", name, got.Value)
		}
		return
	}
	if !got.OK {
		t.Errorf("%s is undefined, want %v", name, *want)
		return
	}
	if diff := math.Abs(got.Value - *want); diff > tol*math.Max(1, math.Abs(*want)) {
		t.Errorf("%s = %.12g, want %.12g (diff %.3g > tol %.3g)", name, got.Value, *want, diff, tol)
	}
}
