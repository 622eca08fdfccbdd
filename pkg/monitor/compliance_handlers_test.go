package monitor

import (
	"strings"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/sources/demo"
)

func TestInventoryOnDemo(t *testing.T) {
	f := fleetAnswer(t, "inventory", 7, "")[0]
	models, owners, risks := stringsOf(t, f, "model"), stringsOf(t, f, "owner"), stringsOf(t, f, "riskClass")
	if len(models) != 5 {
		t.Fatalf("inventory lists %v, want the five demo models", models)
	}
	for _, spec := range demo.Models() {
		i := fleetRow(t, models, spec.ID)
		if owners[i] != spec.Owner || risks[i] != spec.RiskClass {
			t.Errorf("%s: owner %q risk %q, want %q %q", spec.ID, owners[i], risks[i], spec.Owner, spec.RiskClass)
		}
		// The demo logs every prediction completely, except the assistant's
		// prompts over the store's size limit (1–3% without inputs).
		v := nullableAt(t, f, "auditCoverage", i)
		switch {
		case v == nil:
			t.Errorf("%s audit coverage undefined, want the demo's measurement", spec.ID)
		case spec.ID == demo.CustomerAIAssistant && (*v < 0.97 || *v > 0.99):
			t.Errorf("%s audit coverage = %v, want 97–99%%", spec.ID, *v)
		case spec.ID != demo.CustomerAIAssistant && *v != 1:
			t.Errorf("%s audit coverage = %v, want 1", spec.ID, *v)
		}
		if by := stringsOf(t, f, "auditMeasuredBy")[i]; by != "Demo fleet" {
			t.Errorf("%s audit measured by %q, want the demo fleet", spec.ID, by)
		}
		if origin := stringsOf(t, f, "origin")[i]; origin != "registry" {
			t.Errorf("%s facts from %q, want the registry (the demo declares nothing)", spec.ID, origin)
		}
		past := nullableAt(t, f, "rowsPastRetention", i)
		if want := spec.ID == demo.CustomerAIAssistant; past == nil || (*past > 0) != want {
			t.Errorf("%s rows past retention = %v; only the assistant (365-day policy, 400 days held) holds rows past it", spec.ID, past)
		}
	}
	fairness := stringsOf(t, f, "fairnessStatus")
	if got := fairness[fleetRow(t, models, demo.RiskAssessment)]; got != fairnessFail {
		t.Errorf("risk-assessment fairness = %q, want %q", got, fairnessFail)
	}
	if got := fairness[fleetRow(t, models, demo.DemandForecast)]; got != fairnessNotAssessed {
		t.Errorf("demand-forecast (regression, no sensitive attributes) fairness = %q, want %q", got, fairnessNotAssessed)
	}
	if status := stringsOf(t, f, "retentionStatus"); status[0] != retentionCompliant {
		t.Errorf("retention status = %q, want %q for a year of logs", status[0], retentionCompliant)
	}
}

func TestInventoryRetentionStatus(t *testing.T) {
	for _, c := range []struct {
		risk string
		days int64
		want string
	}{
		{"high", 90, retentionTooShort},
		{"high", 183, retentionCompliant},
		{"minimal", 30, retentionCompliant},
		{"limited", 0, retentionNotDeclared},
	} {
		if got := retentionStatus(c.risk, c.days); got != c.want {
			t.Errorf("retentionStatus(%s, %d) = %q, want %q", c.risk, c.days, got, c.want)
		}
	}
}

func TestRegulationsRegister(t *testing.T) {
	s := newDemoSetup(t, fleetTestNow)
	got, err := s.answer(t, map[string]any{"queryType": "regulations"}, day, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	f := got[0]
	if f.Rows() != len(s.catalog.Regulations) || f.Rows() == 0 {
		t.Fatalf("regulations rows = %d, want the %d declared", f.Rows(), len(s.catalog.Regulations))
	}
	next, _ := f.FieldByName("nextReview")
	want, _ := time.Parse(time.DateOnly, s.catalog.Regulations[0].NextReview)
	if v := next.At(0).(*time.Time); v == nil || !v.Equal(want) {
		t.Errorf("nextReview = %v, want %v", v, want)
	}

	s.catalog = &catalog.Catalog{Regulations: []catalog.Regulation{{Regulation: "GDPR", LastReview: "01/02/2026"}}}
	if _, err := s.answer(t, map[string]any{"queryType": "regulations"}, day, time.Hour); err == nil || !strings.Contains(err.Error(), "regulations[0].lastReview") {
		t.Errorf("bad date: err = %v, want one naming regulations[0].lastReview", err)
	}
}
