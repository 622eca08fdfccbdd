package engine

import (
	"math"
	"regexp"
	"testing"
	"time"
)

func TestConditionHoldsAndItsExpressionAgree(t *testing.T) {
	cases := []struct {
		c    Condition
		expr string
		in   []float64
		out  []float64
	}{
		{Above(2), "$A > 2", []float64{2.0000001, 9}, []float64{2, 1, -1}},
		{AtLeast(1), "$A >= 1", []float64{1, 3}, []float64{0.999999}},
		{Within(1, true, 2, true), "$A >= 1 && $A <= 2", []float64{1, 1.5, 2}, []float64{0.99, 2.01}},
		{Within(0.4, true, 1, false), "$A >= 0.4 && $A < 1", []float64{0.4, 0.99}, []float64{0.39, 1}},
		{Within(0, false, 0.4, false), "$A > 0 && $A < 0.4", []float64{0.01}, []float64{0, 0.4}},
	}
	for _, tc := range cases {
		if got := tc.c.Expression("A"); got != tc.expr {
			t.Errorf("expression %q, want %q", got, tc.expr)
		}
		for _, v := range tc.in {
			if !tc.c.Holds(v) {
				t.Errorf("%s: %v must hold", tc.expr, v)
			}
		}
		for _, v := range tc.out {
			if tc.c.Holds(v) {
				t.Errorf("%s: %v must not hold", tc.expr, v)
			}
		}
	}
}

// Every rule reads a measure that exists, and its provisioned uid is one
// Grafana accepts.
func TestHealthRulesAreWellFormed(t *testing.T) {
	uid := regexp.MustCompile(`^[a-zA-Z0-9-_]{1,40}$`)
	seen := map[string]bool{}
	for _, r := range HealthRules {
		if seen[r.ID] {
			t.Errorf("rule %s is declared twice", r.ID)
		}
		seen[r.ID] = true
		if _, ok := SpecOf(r.Measure); !ok {
			t.Errorf("rule %s reads %s, which is not a measure", r.ID, r.Measure)
		}
		if !uid.MatchString(r.EscalationUID()) {
			t.Errorf("rule %s: uid %q is not a Grafana rule uid", r.ID, r.EscalationUID())
		}
		if r.Title == "" || r.Action == "" {
			t.Errorf("rule %s needs a title and an action", r.ID)
		}
	}
	for _, m := range Measures {
		used := false
		for _, r := range HealthRules {
			used = used || r.Measure == m.Name
		}
		if !used {
			t.Errorf("measure %s feeds no rule", m.Name)
		}
	}
}

// The quality-drop rules cut every positive drop into exactly one band, and
// the latency rules every p95 over target: a model never holds two
// severities of one measure.
func TestBandsPartitionTheirMeasure(t *testing.T) {
	for _, m := range []Measure{MeasureQualityDrop, MeasureLatency, MeasureDataQuality} {
		for v := 0.0; v <= 5; v += 0.001 {
			v := math.Round(v*1000) / 1000
			holding := 0
			for _, r := range HealthRules {
				if r.Measure == m && r.When.Holds(v) {
					holding++
				}
			}
			lowest := map[Measure]float64{MeasureQualityDrop: 0, MeasureLatency: 1, MeasureDataQuality: 0}[m]
			if want := map[bool]int{true: 1, false: 0}[v > lowest]; holding != want {
				t.Fatalf("%s = %v: %d rules hold, want %d", m, v, holding, want)
			}
		}
	}
}

// A drop on a band's edge reads exactly the edge, so a 2% drop at the
// default 5% alert is P2 on the page and on the pager.
func TestReadingsLandOnBandEdges(t *testing.T) {
	readings := Readings(HealthInputs{QualityDrop: healthMetric(0.02)})
	if v := readings[0].Value; readings[0].Measure != MeasureQualityDrop || v.Value != 0.4 {
		t.Fatalf("a 2%% drop at a 5%% alert reads %+v, want exactly 0.4", readings[0])
	}
	for _, r := range Readings(HealthInputs{}) {
		if r.Value.OK {
			t.Errorf("%s is defined with nothing measured: %+v", r.Measure, r)
		}
	}
}

func TestJudgeNamesTheWorstDimension(t *testing.T) {
	issues := Judge(Readings(HealthInputs{FailedFairnessCriteria: []NamedMetric{
		{Name: "age_group", Metric: healthMetric(1)}, {Name: "gender", Metric: healthMetric(3)}, {Name: "region", Metric: Metric{}},
	}}))
	if len(issues) != 1 || issues[0].Rule != "fairness" || issues[0].Detail != "3 fairness criteria miss their target on gender" {
		t.Fatalf("issues %+v, want one fairness issue on gender", issues)
	}
}

func TestEscalationTwinsWaitThirtyMinutesMore(t *testing.T) {
	for _, r := range HealthRules {
		if r.Escalates() != (r.Severity != SeverityP3) {
			t.Errorf("%s (%s): escalates %v", r.ID, r.Severity, r.Escalates())
		}
	}
	if EscalationDelay != 30*time.Minute {
		t.Fatalf("escalation after %v, want the seeds' 30 minutes", EscalationDelay)
	}
}

func TestDegradationFlagsTheBadSideOnly(t *testing.T) {
	// a day of a diurnal swing: never an outlier against itself
	var diurnal []float64
	for h := 0; h < 26; h++ {
		diurnal = append(diurnal, 100*(1+0.2*math.Sin(float64(h)*2*math.Pi/24)))
	}
	if d := Degradation(diurnal, DegradationWindow, true); !d.OK || d.Value != 0 {
		t.Errorf("diurnal swing: %+v, want a defined 0", d)
	}
	step := append(append([]float64(nil), diurnal[:25]...), 260)
	if d := Degradation(step, DegradationWindow, true); d.Value != 1 {
		t.Errorf("p95 more than doubled in the last hour: %+v, want 1", d)
	}
	better := append(append([]float64(nil), diurnal[:25]...), 20)
	if d := Degradation(better, DegradationWindow, true); d.Value != 0 {
		t.Errorf("p95 fell sharply: %+v, want 0 (an improvement is no degradation)", d)
	}
	if d := Degradation(step[:DegradationWindow], DegradationWindow, true); d.OK {
		t.Errorf("%d values: %+v, want undefined", DegradationWindow, d)
	}
}
