package engine

import (
	"math"
	"testing"
)

// Fixture from tests/golden/gen_evidently.py: the drift test Evidently
// 0.7.23 picks per column, and its score.
type autoFixture struct {
	Cases []struct {
		Name     string
		Kind     string
		Baseline []any
		Current  []any
		Method   string
		Score    float64
		Drifted  bool
	}
}

func rowsOf(t *testing.T, kind string, values []any) []Row {
	t.Helper()
	if kind == "numeric" {
		v := make([]float64, len(values))
		for i, x := range values {
			v[i] = x.(float64)
		}
		return numericRows(v)
	}
	v := make([]string, len(values))
	for i, x := range values {
		v[i] = x.(string)
	}
	return categoricalRows(v)
}

// TestAutoMethodIsEvidentlysRule: the method is Evidently's on every case;
// JS (natural log) and the Z-test match its score to 1e-9, KS on discrete
// values too; KS on continuous values and Wasserstein agree within the bin
// bounds; χ² (contingency table here, goodness of fit in Evidently) and
// continuous KS agree on the verdict.
func TestAutoMethodIsEvidentlysRule(t *testing.T) {
	var fx autoFixture
	loadQualityFixture(t, "evidently_auto.json", &fx)
	for _, c := range fx.Cases {
		t.Run(c.Name, func(t *testing.T) {
			schema := numericSchema
			if c.Kind != "numeric" {
				schema = categoricalSchema
			}
			b, err := NewBaseline(schema, rowsOf(t, c.Kind, c.Baseline))
			if err != nil {
				t.Fatal(err)
			}
			r := driftOf(t, b, summarize(b, rowsOf(t, c.Kind, c.Current)), DriftAuto)
			if r.Method != c.Method {
				t.Fatalf("auto picked %s, Evidently %s", r.Method, c.Method)
			}
			if !r.OK {
				t.Fatalf("not scored: %s", r.Reason)
			}
			got := r.Score
			if r.PValue.OK {
				got = r.PValue.Value
			}
			discrete := c.Kind != "numeric" || b.Numeric[0].Discrete
			switch {
			case r.Method == DriftJS || r.Method == DriftZTest || r.Method == DriftKS && discrete:
				if math.Abs(got-c.Score) > exactTol {
					t.Errorf("%s %.12g vs Evidently %.12g", r.Method, got, c.Score)
				}
			case r.Method == DriftWasserstein:
				if !within(got, c.Score, wassersteinBound) {
					t.Errorf("Wasserstein %.6f vs Evidently %.6f", got, c.Score)
				}
			}
			if r.Drifted != c.Drifted {
				t.Errorf("%s verdict %v (%.4g), Evidently %v (%.4g)", r.Method, r.Drifted, got, c.Drifted, c.Score)
			}
			if r.Method == DriftJS && r.LogBase != math.E {
				t.Errorf("auto JS uses base %v, Evidently's natural log", r.LogBase)
			}
		})
	}
}
