package alerting

import (
	"os"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/aiperf/monitor/pkg/engine"
)

// provisionedRule is the part of a provisioned rule these tests read.
type provisionedRule struct {
	UID       string `yaml:"uid"`
	Condition string `yaml:"condition"`
	For       string `yaml:"for"`
	Data      []struct {
		RefID             string `yaml:"refId"`
		RelativeTimeRange struct {
			From int64 `yaml:"from"`
		} `yaml:"relativeTimeRange"`
		DatasourceUID string         `yaml:"datasourceUid"`
		Model         map[string]any `yaml:"model"`
	} `yaml:"data"`
	Labels      map[string]string `yaml:"labels"`
	Annotations map[string]string `yaml:"annotations"`
	NoData      string            `yaml:"noDataState"`
	ExecErr     string            `yaml:"execErrState"`
}

func readRules(t *testing.T) map[string]provisionedRule {
	t.Helper()
	raw, err := os.ReadFile("../../provisioning/alerting/rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Groups []struct {
			Name  string            `yaml:"name"`
			Rules []provisionedRule `yaml:"rules"`
		} `yaml:"groups"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("rules.yaml is not YAML: %v", err)
	}
	out := map[string]provisionedRule{}
	for _, g := range doc.Groups {
		for _, r := range g.Rules {
			if r.Labels["severity"] != strings.Fields(g.Name)[0] {
				t.Errorf("%s (%s) is in group %s", r.UID, r.Labels["severity"], g.Name)
			}
			out[r.UID] = r
		}
	}
	return out
}

// Read back as Grafana reads it, every health rule is a rule on its measure
// with the engine's condition and lookback, and P0–P2 rules have a twin 30
// minutes behind that silences with them.
func TestEveryHealthRuleIsProvisioned(t *testing.T) {
	rules := readRules(t)
	for _, h := range engine.HealthRules {
		spec, _ := engine.SpecOf(h.Measure)
		r, ok := rules[h.UID()]
		if !ok {
			t.Errorf("health rule %s has no provisioned rule %s", h.ID, h.UID())
			continue
		}
		a, c := r.Data[0], r.Data[1]
		if a.Model["queryType"] != "measures" || a.Model["measure"] != string(h.Measure) || a.DatasourceUID != DemoDatasourceUID {
			t.Errorf("%s: query %+v on %s", h.ID, a.Model, a.DatasourceUID)
		}
		if a.RelativeTimeRange.From != int64(spec.Lookback.Seconds()) {
			t.Errorf("%s: reads %d s, the status words %v", h.ID, a.RelativeTimeRange.From, spec.Lookback)
		}
		if r.Condition != "C" || c.Model["expression"] != h.When.Expression("A") {
			t.Errorf("%s: condition %v, the engine's %s", h.ID, c.Model["expression"], h.When.Expression("A"))
		}
		if r.Labels["rule"] != h.ID || r.Labels["severity"] != string(h.Severity) || r.NoData != "OK" {
			t.Errorf("%s: labels %v, no data %s", h.ID, r.Labels, r.NoData)
		}
		for _, k := range []string{"summary", "description", "action", "runbook_url", "model_page"} {
			if r.Annotations[k] == "" {
				t.Errorf("%s: no %s annotation", h.ID, k)
			}
		}
		twin, ok := rules[h.EscalationUID()]
		if ok != h.Escalates() {
			t.Errorf("%s (%s): escalation twin provisioned %v", h.ID, h.Severity, ok)
			continue
		}
		if ok {
			if twin.Labels["escalated"] != "true" || twin.Labels["rule"] != h.ID || twin.Data[1].Model["expression"] != c.Model["expression"] {
				t.Errorf("%s: twin labels %v, condition %v", h.ID, twin.Labels, twin.Data[1].Model["expression"])
			}
			if twin.For != duration(h.For+engine.EscalationDelay) {
				t.Errorf("%s: twin pending %s, want %s", h.ID, twin.For, duration(h.For+engine.EscalationDelay))
			}
		}
	}
	if want := len(engine.HealthRules) * 2; len(rules) > want {
		t.Errorf("%d provisioned rules for %d health rules", len(rules), len(engine.HealthRules))
	}
}

// The README's severity table is the engine's.
func TestReadmeShowsEveryRulesCondition(t *testing.T) {
	groups, err := Groups()
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), SeverityTable(groups, "docs/alerts.md")) {
		t.Error("README's Alerts table differs from the health rules: paste SeverityTable's output")
	}
}
