package alerting

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/aiperf/monitor/pkg/engine"
)

// whereToLook is the first place to check per measure, on the app's pages.
var whereToLook = map[engine.Measure]string{
	engine.MeasureQualityDrop:          "Models → the model → Performance (quality vs baseline), then Drift for the inputs that moved",
	engine.MeasureEstimatedQualityDrop: "Models → the model → Performance: the \"(estimated)\" series of the windows whose labels are pending; Drift for the inputs behind it",
	engine.MeasureDowntime:             "Infrastructure → SLA matrix and incidents; the serving endpoint's own health",
	engine.MeasurePipelineGap:          "the job that writes prediction logs, and its upstream feeds; Models → the model shows when the last window had rows",
	engine.MeasureLatency:              "Infrastructure → latency percentiles vs target; the last release and the load",
	engine.MeasureFairness:             "Models → the model → Fairness: the attribute in the alert's labels, its groups and the criteria that fail",
	engine.MeasureSaturation:           "Infrastructure → utilisation vs target: the resource in the alert's labels",
	engine.MeasureDataQuality:          "Models → the model → Data quality: the features with missing, invalid or out-of-range values",
	engine.MeasureDrift:                "Models → the model → Drift: the features that drift and how their distributions moved",
	engine.MeasureDegradation:          "Infrastructure → latency and error rate of the model: what changed in the latest hour (release, load, dependency)",
	engine.MeasureBudget:               "Cost → spend by model and budget",
	engine.MeasureOptimisation:         "Cost → savings opportunities",
	engine.MeasureCompliance:           "Compliance → model inventory: log retention against the risk class, audit-log coverage",
	engine.MeasureConfigurationDrift:   "Compliance → model inventory (declared version) against the model registry",
}

// Runbook renders docs/alerts.md: the severity table and one section per
// rule, which the rules' runbook_url annotations point to.
func Runbook() ([]byte, error) {
	groups, err := Groups()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(`# Alerts: rules and runbook

Generated from the health rules (pkg/engine/rules.go) by
` + "`go test ./pkg/alerting -run TestProvisionedFilesAreUpToDate -update`" + `;
the provisioned rules are in [provisioning/alerting/rules.yaml](../provisioning/alerting/rules.yaml).
The status words on the app's pages apply the same rules to the same
readings, each over its lookback ending at the end of the page's range.

Each rule reads one measure of every model through the data source's
` + "`measures`" + ` query (one alert instance per model, or per model and
attribute, resource or signal). Most measures are ratios to the model's
catalog targets, so the conditions follow the catalog: a model with
` + "`accuracyDropAlert: 0.03`" + ` fires the P1 quality rule at a 3% drop.

`)
	b.WriteString(SeverityTable(groups, ""))
	b.WriteString(`
Every P0–P2 rule has an escalation twin (label ` + "`escalated=\"true\"`" + `,
uid ending in ` + "`-esc`" + `): the same condition with 30 more minutes of
pending, routed to the escalation contact point. A silence on the alert's
` + "`model`" + ` and ` + "`rule`" + ` labels acknowledges it and holds back the twin.
Undefined measures (no labels yet, a role not configured) are no data, which
every rule treats as OK, as the status words do.
`)
	for _, g := range groups {
		for _, r := range g.Rules {
			if r.Escalation {
				continue
			}
			h := r.Health
			fmt.Fprintf(&b, "\n## %s\n\n", h.ID)
			fmt.Fprintf(&b, "**%s · %s.** %s.\n\n", h.Severity, h.Title, capitalise(r.Spec.Value))
			fmt.Fprintf(&b, "- Fires when the measure `%s` is %s over the last %s", r.Spec.Name, conditionText(h.When), duration(r.Spec.Lookback))
			if r.For > 0 {
				fmt.Fprintf(&b, ", for %s", duration(r.For))
			}
			b.WriteString(".\n")
			for _, why := range r.Why[1:] {
				fmt.Fprintf(&b, "- %s.\n", capitalise(why))
			}
			fmt.Fprintf(&b, "- Look first at: %s.\n", whereToLook[h.Measure])
			fmt.Fprintf(&b, "- Action: %s.\n", h.Action)
			if h.Escalates() {
				fmt.Fprintf(&b, "- Escalates (rule `%s`) after 30 unacknowledged minutes.\n", h.EscalationUID())
			} else {
				b.WriteString("- No escalation: P3 goes to a ticket and the weekly review.\n")
			}
		}
	}
	return b.Bytes(), nil
}

// SeverityTable is the markdown table of every rule's exact condition,
// linking each rule to its runbook section at runbook (a path, or empty
// within the runbook); the README's "Alerts" section holds the same table.
func SeverityTable(groups []Group, runbook string) string {
	var b strings.Builder
	b.WriteString("| severity | rule | alert | measure (value) | condition | over | pending |\n|---|---|---|---|---|---|---|\n")
	for _, g := range groups {
		for _, r := range g.Rules {
			if r.Escalation {
				continue
			}
			h := r.Health
			fmt.Fprintf(&b, "| %s | [`%s`](%s#%s) | %s | `%s`: %s | %s | %s | %s |\n",
				h.Severity, h.ID, runbook, anchor(h.ID), h.Title, r.Spec.Name, r.Spec.Value, conditionText(h.When), duration(r.Spec.Lookback), duration(r.For))
		}
	}
	return b.String()
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
