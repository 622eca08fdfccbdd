package engine

import (
	"strings"
	"testing"
)

func fairnessDisparity(t *testing.T, r FairnessReport, criterion string) FairnessDisparity {
	t.Helper()
	for _, d := range r.Disparities {
		if d.Criterion == criterion {
			return d
		}
	}
	t.Fatalf("report has no %s", criterion)
	return FairnessDisparity{}
}

func TestFairnessFourFifthsRule(t *testing.T) {
	cases := []struct {
		name        string
		otherSelect int64
		wantPass    bool
	}{
		{"ratio 0.8 passes", 40, true},
		{"ratio 0.79 fails", 39, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			groups := map[string]*GroupCounts{
				"a": {N: 100, Selected: 50, TP: 50, TN: 50},
				"b": {N: 100, Selected: tc.otherSelect, TP: tc.otherSelect, TN: 100 - tc.otherSelect},
			}
			r, err := Fairness("sex", groups, FairnessOptions{})
			if err != nil {
				t.Fatal(err)
			}
			d := fairnessDisparity(t, r, CriterionDemographicParityRatio)
			if d.Pass != tc.wantPass || d.Target != DefaultFairnessRatioTarget {
				t.Errorf("ratio %v pass=%v target=%v, want pass=%v target 0.8", d.Value, d.Pass, d.Target, tc.wantPass)
			}
			if !r.Failed() {
				t.Error("a 10-point selection gap must fail the 5% difference target")
			}
		})
	}
}

func TestFairnessDifferenceTargetBoundary(t *testing.T) {
	// selection rates 0.5 and 0.25 (exact in binary floating point): gap 0.25
	groups := map[string]*GroupCounts{
		"a": {N: 100, Selected: 50, TP: 50, TN: 50},
		"b": {N: 100, Selected: 25, TP: 25, TN: 75},
	}
	cases := []struct {
		target   float64
		wantPass bool
	}{{0.25, false}, {0.2500001, true}}
	for _, tc := range cases {
		r, err := Fairness("age", groups, FairnessOptions{DifferenceTarget: tc.target})
		if err != nil {
			t.Fatal(err)
		}
		d := fairnessDisparity(t, r, CriterionDemographicParityDifference)
		if d.Value.Value != 0.25 || d.Pass != tc.wantPass || d.Target != tc.target {
			t.Errorf("target %v: gap %v pass=%v, want 0.25 pass=%v", tc.target, d.Value, d.Pass, tc.wantPass)
		}
	}
}

func TestFairnessSmallGroupsReportedNotCompared(t *testing.T) {
	groups := map[string]*GroupCounts{
		"big":   {N: 200, Selected: 100, TP: 80, FP: 20, TN: 80, FN: 20},
		"other": {N: 150, Selected: 75, TP: 60, FP: 15, TN: 60, FN: 15},
		"tiny":  {N: 10, Selected: 10, TP: 5, FP: 5},
	}
	r, err := Fairness("region", groups, FairnessOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Groups) != 3 || r.Groups[2].Group != "tiny" || !r.Groups[2].Small {
		t.Fatalf("groups = %+v, want tiny reported and marked small", r.Groups)
	}
	// big and other have identical rates; tiny's differ but must not count
	for _, d := range r.Disparities {
		want := 0.0
		if d.Criterion == CriterionDemographicParityRatio {
			want = 1
		}
		if !d.Value.OK || d.Value.Value != want || !d.Pass {
			t.Errorf("%s = %+v pass=%v, want %v and passing", d.Criterion, d.Value, d.Pass, want)
		}
	}
}

func TestFairnessSelectionRateCountsUnlabeledRows(t *testing.T) {
	groups := map[string]*GroupCounts{
		"a": {N: 100, Selected: 30, TP: 10, TN: 30}, // 60 rows still unlabeled
		"b": {N: 100, Selected: 30, TP: 10, TN: 30},
	}
	r, err := Fairness("x", groups, FairnessOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if g := r.Groups[0]; g.SelectionRate.Value != 0.3 || g.Labeled != 40 {
		t.Errorf("selection rate %v over %d labeled, want 0.3 over all 100 rows and 40 labeled", g.SelectionRate, g.Labeled)
	}
}

func TestFairnessUndefinedCases(t *testing.T) {
	one := map[string]*GroupCounts{"only": {N: 100, Selected: 40, TP: 30, FP: 10, TN: 50, FN: 10}}
	two := map[string]*GroupCounts{
		"a": {N: 100, Selected: 0, TN: 100}, // no positives: TPR undefined
		"b": {N: 100, Selected: 0, TN: 100},
	}
	cases := []struct {
		name   string
		groups map[string]*GroupCounts
		opts   FairnessOptions
	}{
		{"single group", one, FairnessOptions{}},
		{"empty window", map[string]*GroupCounts{}, FairnessOptions{}},
		{"named reference absent", two, FairnessOptions{Reference: ReferenceNamed, ReferenceGroup: "c"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Fairness("x", tc.groups, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range r.Disparities {
				if d.Value.OK || d.Pass {
					t.Errorf("%s = %+v pass=%v, want undefined and not passing", d.Criterion, d.Value, d.Pass)
				}
			}
			if r.Failed() {
				t.Error("undefined criteria must not count as failures")
			}
		})
	}
	r, err := Fairness("x", two, FairnessOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d := fairnessDisparity(t, r, CriterionEqualOpportunityDifference); d.Value.OK {
		t.Errorf("equal opportunity %v with no positives, want undefined", d.Value)
	}
	if d := fairnessDisparity(t, r, CriterionDemographicParityRatio); d.Value.OK {
		t.Errorf("parity ratio %v with nobody selected, want undefined (0/0)", d.Value)
	}
	if d := fairnessDisparity(t, r, CriterionDemographicParityDifference); !d.Value.OK || d.Value.Value != 0 {
		t.Errorf("parity difference %v, want 0", d.Value)
	}
}

func TestFairnessOptionErrorsNameTheField(t *testing.T) {
	cases := map[string]FairnessOptions{
		"minGroupSize":     {MinGroupSize: -1},
		"differenceTarget": {DifferenceTarget: 1.5},
		"ratioTarget":      {RatioTarget: -0.2},
		"referenceGroup":   {Reference: ReferenceNamed},
		"unknown":          {Reference: "worst"},
	}
	for field, opts := range cases {
		_, err := Fairness("x", nil, opts)
		if err == nil || !strings.Contains(err.Error(), field) {
			t.Errorf("%s: err = %v, want an error naming %q", field, err, field)
		}
	}
}
