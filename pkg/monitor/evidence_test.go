package monitor

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/query"
	"github.com/aiperf/monitor/pkg/sources/demo"
)

func TestEvidenceRegisterOnDemo(t *testing.T) {
	s := newDemoSetup(t, fleetTestNow)
	got, err := s.answer(t, map[string]any{"queryType": "evidence", "model": demo.RiskAssessment}, 7*day, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	f := got[0]
	checks, names, outcomes, alerts := stringsOf(t, f, "check"), stringsOf(t, f, "name"), stringsOf(t, f, "outcome"), stringsOf(t, f, "alert")
	for _, c := range EvidenceChecks {
		if !slices.Contains(checks, c) {
			t.Errorf("the register has no %s check", c)
		}
	}
	for _, field := range []string{"baseline", "method", "threshold", "measuredBy"} {
		for i, v := range stringsOf(t, f, field) {
			if v == "" && outcomes[i] != outcomeNotMeasured && checks[i] != checkConfiguration {
				t.Fatalf("row %d (%s %s) has no %s", i, checks[i], names[i], field)
			}
		}
	}
	// Risk Assessment's fairness gap fails, and the P1 fairness rule fires on those windows.
	fired := 0
	for i := range checks {
		if checks[i] == checkFairness && outcomes[i] == outcomeFail && strings.HasPrefix(alerts[i], "P1 fairness") {
			fired++
		}
	}
	if fired == 0 {
		t.Errorf("no failing fairness check raised the P1 fairness alert")
	}

	// The quality check's value in a window is the quality query's.
	quality, err := s.answer(t, map[string]any{"queryType": "quality", "model": demo.RiskAssessment, "metrics": []string{"accuracy"}}, 7*day, 6*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	q := quality[0]
	qTimes, qAcc := q.Fields[0], q.Fields[1]
	starts := f.Fields[0]
	compared := 0
	for i := range checks {
		if checks[i] != checkQuality {
			continue
		}
		for k := range qTimes.Len() {
			if qTimes.At(k).(time.Time).Equal(starts.At(i).(time.Time)) {
				a, b := nullableAt(t, f, "value", i), qAcc.At(k).(*float64)
				if (a == nil) != (b == nil) || (a != nil && *a != *b) {
					t.Errorf("window %v: evidence %v, quality query %v", starts.At(i), a, b)
				}
				compared++
			}
		}
	}
	if compared < 20 {
		t.Errorf("compared %d windows with the quality query, want every 6-hour window of the week", compared)
	}
}

func TestEvidenceShowsTheUnbaselinedRelease(t *testing.T) {
	s := newDemoSetup(t, fleetTestNow)
	got, err := s.answer(t, map[string]any{"queryType": "evidence", "model": demo.RecommendationAI}, 2*day, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	f := got[0]
	checks, names, outcomes := stringsOf(t, f, "check"), stringsOf(t, f, "name"), stringsOf(t, f, "outcome")
	last := ""
	for i := range checks {
		if checks[i] == checkConfiguration && names[i] == "serving a version the baseline saw" {
			last = outcomes[i]
		}
	}
	if last != outcomeFail {
		t.Errorf("latest baseline-version check = %q, want fail: 3.2.0 serves without a baseline", last)
	}
}

func TestEvidenceFilters(t *testing.T) {
	s := newDemoSetup(t, fleetTestNow)
	got, err := s.answer(t, map[string]any{"queryType": "evidence", "model": demo.RiskAssessment, "check": "fairness", "outcome": "fail"}, 7*day, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	checks, outcomes := stringsOf(t, got[0], "check"), stringsOf(t, got[0], "outcome")
	if len(checks) == 0 {
		t.Fatal("no failing fairness check on Risk Assessment")
	}
	for i := range checks {
		if checks[i] != checkFairness || outcomes[i] != outcomeFail {
			t.Fatalf("row %d is %s %s, want only failing fairness checks", i, checks[i], outcomes[i])
		}
	}
	if !slices.Equal(query.EvidenceChecks, EvidenceChecks) {
		t.Errorf("query.EvidenceChecks %v differ from the register's %v", query.EvidenceChecks, EvidenceChecks)
	}
	if _, err := query.Parse([]byte(`{"queryType": "evidence", "check": "vibes"}`), ""); err == nil || !strings.Contains(err.Error(), "check \"vibes\" is unknown") {
		t.Errorf("unknown check: err = %v", err)
	}
}
