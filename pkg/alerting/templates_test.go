package alerting

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"text/template"

	"gopkg.in/yaml.v3"
)

// The notification data as Alertmanager's templates see it (the fields
// templates.yaml reads); tests/alerting renders the same templates in a
// real Grafana.
type kv map[string]string

type notifiedAlert struct {
	Status      string
	Labels      kv
	Annotations kv
}

type notifiedAlerts []notifiedAlert

func (as notifiedAlerts) Firing() notifiedAlerts   { return as.with("firing") }
func (as notifiedAlerts) Resolved() notifiedAlerts { return as.with("resolved") }
func (as notifiedAlerts) with(status string) notifiedAlerts {
	var out notifiedAlerts
	for _, a := range as {
		if a.Status == status {
			out = append(out, a)
		}
	}
	return out
}

type notification struct {
	Status       string
	Alerts       notifiedAlerts
	CommonLabels kv
	GroupLabels  kv
	ExternalURL  string
}

// alertmanagerFuncs are the template functions templates.yaml uses beyond
// Go's own.
var alertmanagerFuncs = template.FuncMap{
	"toUpper": strings.ToUpper,
	"reReplaceAll": func(pattern, repl, text string) string {
		return regexp.MustCompile(pattern).ReplaceAllString(text, repl)
	},
}

func loadTemplates(t *testing.T) *template.Template {
	t.Helper()
	raw, err := os.ReadFile("../../provisioning/alerting/templates.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Templates []struct {
			Name     string `yaml:"name"`
			Template string `yaml:"template"`
		} `yaml:"templates"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil || len(doc.Templates) != 1 || doc.Templates[0].Name != "aiperf" {
		t.Fatalf("templates.yaml: %v %+v", err, doc)
	}
	return template.Must(template.New("aiperf").Funcs(alertmanagerFuncs).Parse(doc.Templates[0].Template))
}

func render(t *testing.T, tpl *template.Template, name string, n notification) string {
	t.Helper()
	var b strings.Builder
	if err := tpl.ExecuteTemplate(&b, name, n); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return b.String()
}

func sampleAlert(status, rule, severity, attribute string) notifiedAlert {
	return notifiedAlert{Status: status,
		Labels: kv{"model": "risk-assessment", "team": "Credit Risk Analytics", "rule": rule, "severity": severity, "attribute": attribute},
		Annotations: kv{
			"summary":     "risk-assessment (" + attribute + "): A fairness criterion misses its target",
			"description": "fairness criteria missing their target, per sensitive attribute = 4 over the last 7d; the rule fires when it is > 0.",
			"action":      "Review the fairness report with the model owner before the next release",
			"runbook_url": RunbookURL + "#fairness",
			"model_page":  "http://grafana.example/a/aiperf-monitor-app/models/risk-assessment",
		}}
}

func TestNotificationsRenderSeverityModelValueAndAction(t *testing.T) {
	tpl := loadTemplates(t)
	n := notification{
		Status: "firing", ExternalURL: "http://grafana.example/",
		Alerts:       notifiedAlerts{sampleAlert("firing", "fairness", "P1", "gender"), sampleAlert("resolved", "fairness", "P1", "age_group")},
		CommonLabels: kv{"model": "risk-assessment", "severity": "P1", "rule": "fairness"},
		GroupLabels:  kv{"model": "risk-assessment"},
	}
	if got := render(t, tpl, "aiperf.title", n); got != "[FIRING:1] P1 risk-assessment" {
		t.Errorf("title %q", got)
	}
	msg := render(t, tpl, "aiperf.message", n)
	for _, want := range []string{
		"P1 · risk-assessment (gender): A fairness criterion misses its target",
		"Model: risk-assessment (team Credit Risk Analytics)",
		"Value: fairness criteria missing their target, per sensitive attribute = 4 over the last 7d; the rule fires when it is > 0.",
		"Action: Review the fairness report",
		"Runbook: " + RunbookURL + "#fairness",
		"Acknowledge (silences this alert and its escalation): http://grafana.example/alerting/silence/new?matcher=model%3Drisk-assessment&matcher=rule%3Dfairness",
		"Resolved:\n- P1 · risk-assessment (age_group)",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	n.CommonLabels["escalated"] = "true"
	if got := render(t, tpl, "aiperf.title", n); !strings.HasSuffix(got, "(escalated: unacknowledged for 30 min)") {
		t.Errorf("escalation title %q", got)
	}
}
