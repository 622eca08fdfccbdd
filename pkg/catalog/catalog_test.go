package catalog

import (
	"strings"
	"testing"
)

func TestDeclaredFactsWinOverTheRegistrys(t *testing.T) {
	declared := Catalog{Models: []Model{{ID: "churn", Owner: "Growth", Targets: Targets{P95LatencyMs: 120}}, {ID: "local"}}}
	registry := []Model{{ID: "churn", Name: "Churn", Owner: "ML Platform", RiskClass: "limited", Targets: Targets{P95LatencyMs: 300, Uptime: 0.99}}, {ID: "remote", Name: "Remote"}}
	c := declared.WithRegistry(registry)
	if len(c.Models) != 3 || c.Models[0].ID != "churn" || c.Models[1].ID != "local" || c.Models[2].ID != "remote" {
		t.Fatalf("models %+v: declared first, then the registry's others", c.Models)
	}
	churn := c.Models[0]
	if churn.Owner != "Growth" || churn.Name != "Churn" || churn.RiskClass != "limited" {
		t.Errorf("churn %+v: a declared field wins, an unset one comes from the registry", churn)
	}
	if churn.Targets.P95LatencyMs != 120 || churn.Targets.Uptime != 0.99 {
		t.Errorf("targets %+v: declared over the registry's, field by field", churn.Targets)
	}
	if c.Origins["churn"] != OriginBoth || c.Origins["local"] != OriginSettings || c.Origins["remote"] != OriginRegistry {
		t.Errorf("origins %v", c.Origins)
	}
}

func TestValidateBaselineAndPipelineFields(t *testing.T) {
	c := Catalog{Models: []Model{{ID: "a", BaselineEnd: "last week", ExpectedGapMinutes: -1, LabelDelayHours: -2}}}
	var msgs []string
	for _, e := range c.Validate() {
		msgs = append(msgs, e.Error())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"models[0].baselineEnd: must be a date YYYY-MM-DD", "models[0].expectedGapMinutes: must be ≥ 0", "models[0].labelDelayHours: must be ≥ 0"} {
		if !strings.Contains(all, want) {
			t.Errorf("errors %q lack %q", all, want)
		}
	}
}

func TestTheMergeSaysWhichFieldsCameFromTheRegistry(t *testing.T) {
	declared := Catalog{Models: []Model{{ID: "churn", Owner: "Growth", RiskClass: "high"}}}
	facts := &RegistryFacts{Registry: "mlflow", ProductionVersion: "3"}
	registry := []Model{
		{ID: "churn", Owner: "ML Platform", IntendedPurpose: "retention offers", Task: "binary", Targets: Targets{Uptime: 0.99}, Registry: facts},
		{ID: "remote", Owner: "Ops", PrimaryMetric: "f1"},
	}
	c := declared.WithRegistry(registry)
	if got := strings.Join(c.FromRegistry["churn"], ","); got != "task,intendedPurpose,targets.uptime" {
		t.Errorf("churn took %q from the registry, want task, intended purpose and the uptime target (owner is declared)", got)
	}
	if got := c.FromRegistry["remote"]; len(got) != 0 || c.Origins["remote"] != OriginRegistry {
		t.Errorf("remote lists %q: its origin already says every fact is the registry's", got)
	}
	if c.Models[0].Registry != facts || c.Models[0].IntendedPurpose != "retention offers" {
		t.Errorf("churn %+v keeps the registry's own facts", c.Models[0])
	}
}
