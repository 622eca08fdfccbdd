package engine

import (
	"testing"
)

type fairnessFixture struct {
	MinGroupSize int64
	Cases        []struct {
		Name           string
		Group          []string
		Label          []int
		Pred           []int
		NamedReference string
		Expected       struct {
			Groups      map[string]map[string]*float64
			Disparities map[string]map[string]*float64
		}
	}
}

// fairnessCounts tallies labeled rows per group.
func fairnessCounts(groups []string, labels, preds []int) map[string]*GroupCounts {
	out := map[string]*GroupCounts{}
	for i, g := range groups {
		c := out[g]
		if c == nil {
			c = &GroupCounts{}
			out[g] = c
		}
		c.N++
		c.Selected += int64(preds[i])
		switch {
		case labels[i] == 1 && preds[i] == 1:
			c.TP++
		case labels[i] == 0 && preds[i] == 1:
			c.FP++
		case labels[i] == 0:
			c.TN++
		default:
			c.FN++
		}
	}
	return out
}

func TestFairnessMatchesFairlearn(t *testing.T) {
	var fx fairnessFixture
	loadQualityFixture(t, "fairness_groups.json", &fx)
	for _, tc := range fx.Cases {
		counts := fairnessCounts(tc.Group, tc.Label, tc.Pred)
		modes := map[string]FairnessOptions{
			"best":    {MinGroupSize: fx.MinGroupSize},
			"largest": {MinGroupSize: fx.MinGroupSize, Reference: ReferenceLargest},
			"named":   {MinGroupSize: fx.MinGroupSize, Reference: ReferenceNamed, ReferenceGroup: tc.NamedReference},
		}
		for mode, opts := range modes {
			t.Run(tc.Name+"/"+mode, func(t *testing.T) {
				r, err := Fairness("segment", counts, opts)
				if err != nil {
					t.Fatal(err)
				}
				if len(r.Groups) != len(tc.Expected.Groups) {
					t.Fatalf("got %d groups, want %d", len(r.Groups), len(tc.Expected.Groups))
				}
				for _, g := range r.Groups {
					want := tc.Expected.Groups[g.Group]
					if float64(g.N) != *want["n"] {
						t.Errorf("%s n = %d, want %v", g.Group, g.N, *want["n"])
					}
					if g.Small != (g.Labeled < fx.MinGroupSize) {
						t.Errorf("%s small = %v with %d labeled rows", g.Group, g.Small, g.Labeled)
					}
					assertMetric(t, g.Group+" selectionRate", g.SelectionRate, want["selectionRate"], qualityTol)
					assertMetric(t, g.Group+" tpr", g.TPR, want["tpr"], qualityTol)
					assertMetric(t, g.Group+" fpr", g.FPR, want["fpr"], qualityTol)
					assertMetric(t, g.Group+" ppv", g.PPV, want["ppv"], qualityTol)
					assertMetric(t, g.Group+" accuracy", g.Accuracy, want["accuracy"], qualityTol)
				}
				want := tc.Expected.Disparities[mode]
				for _, d := range r.Disparities {
					var w *float64
					if want != nil {
						w = want[d.Criterion]
					}
					assertMetric(t, d.Criterion, d.Value, w, qualityTol)
					if !d.Value.OK && d.Pass {
						t.Errorf("%s passes although undefined", d.Criterion)
					}
				}
			})
		}
	}
}
