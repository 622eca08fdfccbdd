package engine

import (
	"strings"
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

// fairnessGroups summarizes labeled rows of one sensitive attribute through
// the production baseline and summarizer; a prediction of 1 is a score of 1.
func fairnessGroups(t *testing.T, groups []string, labels, preds []int) map[string]*GroupCounts {
	t.Helper()
	rows := make([]Row, len(groups))
	for i, g := range groups {
		rows[i] = Row{Sens: []string{g}, Score: float64(preds[i]), Label: float64(labels[i]), Labeled: true}
	}
	b, err := NewBaseline(Schema{Task: TaskBinary, Sensitive: []string{"segment"}}, rows)
	if err != nil {
		t.Fatal(err)
	}
	return b.Summary.Groups[0]
}

func TestFairnessMatchesFairlearn(t *testing.T) {
	var fx fairnessFixture
	loadQualityFixture(t, "fairness_groups.json", &fx)
	for _, tc := range fx.Cases {
		counts := fairnessGroups(t, tc.Group, tc.Label, tc.Pred)
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
				withoutPositives := ""
				for _, g := range r.Groups {
					want := tc.Expected.Groups[g.Group]
					if float64(g.N) != *want["n"] {
						t.Errorf("%s n = %d, want %v", g.Group, g.N, *want["n"])
					}
					if g.Small != (g.Labeled < fx.MinGroupSize) {
						t.Errorf("%s small = %v with %d labeled rows", g.Group, g.Small, g.Labeled)
					}
					assertMetric(t, g.Group+" selectionRate", g.SelectionRate, want["selectionRate"], qualityTol)
					assertMetric(t, g.Group+" fpr", g.FPR, want["fpr"], qualityTol)
					assertMetric(t, g.Group+" ppv", g.PPV, want["ppv"], qualityTol)
					assertMetric(t, g.Group+" accuracy", g.Accuracy, want["accuracy"], qualityTol)
					if c := counts[g.Group]; c.TP+c.FN == 0 {
						// fairlearn reports 0; the engine: undefined, with the reason
						if g.TPR.OK || g.TPR.Reason == "" || want["tpr"] == nil || *want["tpr"] != 0 {
							t.Errorf("%s has no positives: TPR %+v (fairlearn %v)", g.Group, g.TPR, want["tpr"])
						}
						if !g.Small {
							withoutPositives = g.Group
						}
						continue
					}
					assertMetric(t, g.Group+" tpr", g.TPR, want["tpr"], qualityTol)
				}
				want := tc.Expected.Disparities[mode]
				for _, d := range r.Disparities {
					if !d.Value.OK && d.Pass {
						t.Errorf("%s passes although undefined", d.Criterion)
					}
					needsTPR := d.Criterion == CriterionEqualOpportunityDifference || d.Criterion == CriterionEqualizedOddsDifference
					if withoutPositives != "" && needsTPR {
						if d.Value.OK || !strings.Contains(d.Value.Reason, withoutPositives) {
							t.Errorf("%s with group %s lacking positives: %+v, want undefined naming the group", d.Criterion, withoutPositives, d.Value)
						}
						continue
					}
					var w *float64
					if want != nil {
						w = want[d.Criterion]
					}
					assertMetric(t, d.Criterion, d.Value, w, qualityTol)
				}
			})
		}
	}
}
