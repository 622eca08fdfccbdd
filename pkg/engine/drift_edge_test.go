package engine

import (
	"math"
	"testing"
)

func TestDriftEdgeCases(t *testing.T) {
	schema := Schema{Task: TaskRegression, Numeric: []string{"constant", "allMissing", "x"}, Categorical: []string{"c"}}
	base := make([]Row, 500)
	for i := range base {
		base[i] = Row{Num: []float64{7, math.NaN(), float64(i % 50)}, Cat: []string{[]string{"a", "b"}[i%2]}, Score: 1, Label: 1, Labeled: true}
	}
	b, err := NewBaseline(schema, base)
	if err != nil {
		t.Fatal(err)
	}

	empty := NewSummarizer(b).Summary()
	results, err := FeatureDrift(b, empty, DriftAuto)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if r.OK || r.Drifted || math.IsNaN(r.Score) {
			t.Errorf("%s: an empty window must be reported as not scored, got %+v", r.Feature, r)
		}
	}
	if drifted, share := DatasetDrift(results); drifted || share != 0 {
		t.Error("an empty window has no dataset drift")
	}

	cur := NewSummarizer(b)
	for i := 0; i < 300; i++ {
		x := float64(i % 50)
		if i%10 == 0 {
			x = math.Inf(1) // counted as invalid, never binned
		}
		cur.Add(&Row{Num: []float64{7, math.NaN(), x}, Cat: []string{[]string{"a", "b", "z"}[i%3]}, Score: 1})
	}
	s := cur.Summary()
	results, _ = FeatureDrift(b, s, DriftAuto)
	byName := map[string]DriftResult{}
	for _, r := range results {
		byName[r.Feature] = r
		if math.IsNaN(r.Score) || math.IsInf(r.Score, 0) {
			t.Errorf("%s: score %v leaks a non-finite value", r.Feature, r.Score)
		}
	}
	if r := byName["constant"]; !r.OK || r.Drifted || r.DriftPercent.Value != 0 {
		t.Errorf("a constant feature that stays constant has no drift: %+v", r)
	}
	if r := byName["allMissing"]; r.OK {
		t.Errorf("an all-missing feature cannot be scored: %+v", r)
	}
	if r := byName["c"]; !r.Drifted || r.DriftPercent.Value < 25 || r.DriftPercent.Value > 100.0/3 {
		t.Errorf("the unseen category z (a third of the rows) must count as drift: %+v", r)
	}
	if n := s.Numeric[2]; n.NonFinite != 30 || n.Count != 270 {
		t.Errorf("±Inf values: %d invalid, %d counted", n.NonFinite, n.Count)
	}
	dq := DataQuality(b, s)
	if got := dq.Features[1].Completeness.Value; got != 0 {
		t.Errorf("all-missing completeness %v", got)
	}
	if got := dq.Features[2].SchemaConformance.Value; math.Abs(got-0.9) > 1e-12 {
		t.Errorf("schema conformance with 10%% ±Inf: %v", got)
	}
	if got := dq.Features[3].Validity.Value; math.Abs(got-2.0/3) > 1e-12 {
		t.Errorf("validity with a third unseen categories: %v", got)
	}
}

func TestSummariesMergeByAddition(t *testing.T) {
	schema := Schema{Task: TaskBinary, Numeric: []string{"x"}, Sensitive: []string{"g"}}
	rows := make([]Row, 400)
	for i := range rows {
		rows[i] = Row{Num: []float64{float64(i)}, Sens: []string{[]string{"m", "f"}[i%2]}, Score: float64(i%100) / 100, Label: float64(i % 2), Labeled: i%3 != 0}
	}
	b, _ := NewBaseline(schema, rows)
	whole := summarize(b, rows)
	merged, err := MergeAll(summarize(b, rows[:150]), summarize(b, rows[150:]))
	if err != nil {
		t.Fatal(err)
	}
	if merged.Rows != whole.Rows || merged.Labeled != whole.Labeled || math.Abs(merged.Scores.LogLossSum-whole.Scores.LogLossSum) > 1e-9 ||
		merged.Confusion.Matrix[1][1] != whole.Confusion.Matrix[1][1] || *merged.Groups[0]["f"] != *whole.Groups[0]["f"] ||
		merged.Numeric[0].Counts[37] != whole.Numeric[0].Counts[37] || merged.Numeric[0].Min != whole.Numeric[0].Min ||
		math.Abs(merged.Numeric[0].Moments.M2-whole.Numeric[0].Moments.M2) > 1e-6 || math.Abs(merged.Numeric[0].Offsets[37]-whole.Numeric[0].Offsets[37]) > 1e-9 {
		t.Fatal("merging two halves must equal summarizing all rows")
	}
	other, _ := NewBaseline(Schema{Task: TaskRegression, Numeric: []string{"x", "y"}}, []Row{{Num: []float64{1, 2}}})
	if err := merged.Merge(NewSummarizer(other).Summary()); err == nil {
		t.Fatal("summaries of different baselines must not merge")
	}
}
