package engine

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

func ptr(v float64) *float64 { return &v }

func TestSchemaConformanceCountsWhatUsersMean(t *testing.T) {
	schema := Schema{Task: TaskRegression, Numeric: []string{"age"}, Categorical: []string{"plan", "city"},
		Domains: map[string]Domain{"age": {Min: ptr(0), Max: ptr(120)}, "plan": {Values: []string{"free", "pro"}}}}
	base := make([]Row, 100)
	for i := range base {
		base[i] = Row{Num: []float64{float64(20 + i%50)}, Cat: []string{"free", "paris"}}
	}
	b, err := NewBaseline(schema, base)
	if err != nil {
		t.Fatal(err)
	}
	// 20 rows: 10 good, then one each of missing, wrong type, unparsable,
	// +Inf, out of domain (−5, which is also out of range), and 5 good
	ages := []float64{30, 31, 32, 33, 34, 35, 36, 37, 38, 39, Missing, WrongType, Unparsable, math.Inf(1), -5, 40, 41, 42, 43, 44}
	cur := NewSummarizer(b)
	for i, a := range ages {
		plan := "free"
		if i%4 == 0 {
			plan = "enterprise" // outside the declared values, and unseen
		}
		cur.Add(&Row{Num: []float64{a}, Cat: []string{plan, "paris"}})
	}
	s := cur.Summary()
	n := s.Numeric[0]
	if n.Missing != 1 || n.WrongType != 1 || n.Unparsable != 1 || n.NonFinite != 1 || n.OutOfDomain != 1 || n.Count != 16 || n.Issues != 5 {
		t.Fatalf("counts %+v", n)
	}
	dq := DataQuality(b, s)
	age, plan, city := dq.Features[0], dq.Features[1], dq.Features[2]
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"age completeness", age.Completeness.Value, 19.0 / 20},
		{"age conformance", age.SchemaConformance.Value, 15.0 / 19},
		{"age validity", age.Validity.Value, 15.0 / 19},
		{"plan conformance", plan.SchemaConformance.Value, 15.0 / 20},
		{"plan validity", plan.Validity.Value, 15.0 / 20},
		{"issue share", dq.IssueShare.Value, (5.0 + 5 + 0) / 60},
	} {
		if math.Abs(c.got-c.want) > 1e-12 {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if plan.OutlierRate.OK || !strings.Contains(plan.OutlierRate.Reason, "numeric") {
		t.Errorf("categorical outlier rate must be undefined with a reason: %+v", plan.OutlierRate)
	}
	if city.SchemaConformance.OK || city.SchemaConformance.Reason == "" {
		t.Errorf("without declared values, conformance is not measured: %+v", city.SchemaConformance)
	}
	// the overall row averages only what was measured
	if got, want := dq.Overall.SchemaConformance.Value, (15.0/19+15.0/20)/2; math.Abs(got-want) > 1e-12 {
		t.Errorf("overall conformance %v, want %v", got, want)
	}
	if got := dq.Overall.OutlierRate; !got.OK || got.Value != age.OutlierRate.Value {
		t.Errorf("overall outlier rate %+v, want the numeric feature's %v", got, age.OutlierRate)
	}
	if len(dq.Checks) != 4 || dq.Checks[2].Categorical != "" {
		t.Errorf("checks %+v must say outliers do not apply to categorical features", dq.Checks)
	}
	halves, err := MergeAll(summarize(b, base[:40]), summarize(b, base[40:]))
	if err != nil || halves.Numeric[0].Issues != b.Summary.Numeric[0].Issues || halves.Categorical[0].OutOfDomain != b.Summary.Categorical[0].OutOfDomain {
		t.Errorf("quality counters must merge by addition: %v", err)
	}
}

func TestManyCategoriesAreAllKnown(t *testing.T) {
	for _, k := range []int{60, MaxCategories + 200} {
		rows := make([]Row, 30*k)
		for i := range rows {
			rows[i] = Row{Cat: []string{fmt.Sprintf("v%05d", i%k)}}
		}
		b, err := NewBaseline(categoricalSchema, rows)
		if err != nil {
			t.Fatal(err)
		}
		dq := DataQuality(b, b.Summary)
		if dq.Features[0].Validity.Value != 1 || dq.IssueShare.Value != 0 {
			t.Errorf("%d categories against themselves: validity %+v, issue share %+v", k, dq.Features[0].Validity, dq.IssueShare)
		}
		// the rarer half of the values disappearing (half of the rows moved)
		// must read as drift: 50% less at most the noise floor
		var common []Row
		for i := range rows {
			if i%k < k/2 {
				common = append(common, rows[i])
			}
		}
		if r := driftOf(t, b, summarize(b, common), DriftTVD); !r.OK || r.DriftPercent.Value < 50-r.NoiseFloor-1 {
			t.Errorf("%d categories, half of them gone: %+v", k, r)
		}
	}
}

func TestTooManyBaselineCategoriesLeaveValidityUndefined(t *testing.T) {
	rows := make([]Row, MaxKnownCategories+10)
	for i := range rows {
		rows[i] = Row{Cat: []string{fmt.Sprintf("id-%d", i)}}
	}
	b, err := NewBaseline(categoricalSchema, rows)
	if err != nil {
		t.Fatal(err)
	}
	dq := DataQuality(b, b.Summary)
	if v := dq.Features[0].Validity; v.OK || !strings.Contains(v.Reason, "distinct") || dq.IssueShare.Value != 0 {
		t.Errorf("validity %+v, issue share %+v: an unseen value may be a known one", v, dq.IssueShare)
	}
}
