package monitor

import (
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/demo"
)

func TestComplianceFactsOnDemo(t *testing.T) {
	f := fleetAnswer(t, "complianceFacts", 7, "")[0]
	models, facts, outcomes, by := stringsOf(t, f, "model"), stringsOf(t, f, "fact"), stringsOf(t, f, "outcome"), stringsOf(t, f, "measuredBy")
	get := func(model, fact string) (int, *float64) {
		for i := range models {
			if models[i] == model && facts[i] == fact {
				return i, nullableAt(t, f, "value", i)
			}
		}
		t.Fatalf("no %s fact for %s", fact, model)
		return -1, nil
	}
	if i, v := get(demo.CustomerAIAssistant, factRowsPast); v == nil || *v <= 0 || outcomes[i] != outcomeFail {
		t.Errorf("assistant rows past its 365-day policy = %v (%s), want a failing count", v, outcomes[i])
	}
	if i, v := get(demo.RiskAssessment, factRowsPast); v == nil || *v != 0 || outcomes[i] != outcomePass || by[i] != "Demo fleet" {
		t.Errorf("risk-assessment rows past its 730-day policy = %v (%s by %q), want 0, pass, measured by the demo", v, outcomes[i], by[i])
	}
	if i, v := get(demo.CustomerAIAssistant, factAuditTrail); v == nil || *v > 0.99 || outcomes[i] != outcomeFail {
		t.Errorf("assistant audit-trail coverage = %v (%s), want under 99%% and failing", v, outcomes[i])
	}
	if i, v := get(demo.RecommendationAI, factUnbaselined); v == nil || *v <= 0 || outcomes[i] != outcomeFail {
		t.Errorf("recommendation-ai served without a baseline = %v (%s), want its new version's share", v, outcomes[i])
	}
	for _, fact := range []string{factAuthFailures, factRejected, factOutOfDist} {
		if i, v := get(demo.FraudDetection, fact); v == nil || outcomes[i] != outcomePass || by[i] == "" {
			t.Errorf("fraud-detection %s = %v (%s by %q), want measured and within target", fact, v, outcomes[i], by[i])
		}
	}
}

// Where no connection measures a fact it is undefined, never 100%.
func TestComplianceFactsUndefinedWithoutConnectors(t *testing.T) {
	s := newDemoSetup(t, fleetTestNow)
	s.conns.Meters = sources.Meters{}
	s.conns.Inference, s.conns.Serving = nil, nil
	got, err := s.answer(t, map[string]any{"queryType": "complianceFacts", "model": demo.RiskAssessment}, day, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	f := got[0]
	facts, outcomes, details := stringsOf(t, f, "fact"), stringsOf(t, f, "outcome"), stringsOf(t, f, "detail")
	for i, fact := range facts {
		if fact == factRetentionPolicy {
			continue // declared, not measured
		}
		if v := nullableAt(t, f, "value", i); v != nil || outcomes[i] != outcomeNotMeasured || details[i] == "" {
			t.Errorf("%s = %v (%s, %q), want undefined, not measured, with the reason", fact, v, outcomes[i], details[i])
		}
	}
}
