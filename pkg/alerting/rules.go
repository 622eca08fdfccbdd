// Package alerting writes the Grafana-managed alert rules of the health
// rules (engine.HealthRules) in Grafana's file provisioning format, and the
// runbook that documents them: one rule per health rule, covering every
// model through the `measures` query, plus an escalation twin for P0–P2.
// The committed provisioning/alerting/rules.yaml and docs/alerts.md are
// this package's output; a test fails when they drift from the engine.
package alerting

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"text/template"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
)

// DemoDatasourceUID is the data source the provisioned rules read: the
// demo fleet's (provisioning/datasources/aiperf.yaml).
const DemoDatasourceUID = "aiperf-demo"

// RunbookURL is docs/alerts.md where the rules' runbook_url points.
const RunbookURL = "https://github.com/aiperf/monitor/blob/main/docs/alerts.md"

// escalationTitleFmt names an escalation twin after its base rule.
const escalationTitleFmt = "%s (unacknowledged for 30 min)"

// Group is one rule group: the rules of one severity.
type Group struct {
	Name     string
	Severity engine.Severity
	Interval time.Duration
	Rules    []Rule
}

// groupIntervals are how often each severity is evaluated: P0/P1 every
// minute, so a page goes out within a minute of its pending period; P2 and
// P3, whose measures move over hours and days, less often.
var groupIntervals = []struct {
	name     string
	severity engine.Severity
	interval time.Duration
}{
	{"P0 critical", engine.SeverityP0, time.Minute},
	{"P1 high", engine.SeverityP1, time.Minute},
	{"P2 medium", engine.SeverityP2, 5 * time.Minute},
	{"P3 low", engine.SeverityP3, 15 * time.Minute},
}

// Rule is one provisioned alert rule.
type Rule struct {
	Health     engine.HealthRule
	Spec       engine.MeasureSpec
	UID, Title string
	For        time.Duration
	Escalation bool
	NoData     string // noDataState
	ExecErr    string // execErrState
	Why        []string
}

// Groups builds the rule groups from the health rules.
func Groups() ([]Group, error) {
	var out []Group
	for _, g := range groupIntervals {
		group := Group{Name: g.name, Severity: g.severity, Interval: g.interval}
		for _, h := range engine.HealthRules {
			if h.Severity != g.severity {
				continue
			}
			spec, ok := engine.SpecOf(h.Measure)
			if !ok {
				return nil, fmt.Errorf("rule %s reads measure %s, which has no spec", h.ID, h.Measure)
			}
			base := Rule{Health: h, Spec: spec, UID: h.UID(), Title: h.Title, For: h.For, NoData: "OK", ExecErr: execErrState(h.Severity)}
			base.Why = reasons(base)
			group.Rules = append(group.Rules, base)
			if h.Escalates() {
				twin := base
				twin.UID, twin.Title, twin.For, twin.Escalation = h.EscalationUID(), fmt.Sprintf(escalationTitleFmt, h.Title), h.For+engine.EscalationDelay, true
				twin.Why = reasons(twin)
				group.Rules = append(group.Rules, twin)
			}
		}
		out = append(out, group)
	}
	return out, nil
}

// execErrState: a P0/P1 rule that cannot be evaluated pages (Grafana's
// DatasourceError alert, with the rule's labels), because being blind to
// an outage is itself urgent; P2/P3 keep their last state through a
// connector's hiccup and the data source health check reports it.
func execErrState(s engine.Severity) string {
	if s == engine.SeverityP0 || s == engine.SeverityP1 {
		return "Error"
	}
	return "KeepLast"
}

// reasons documents the rule's timing and no-data and error handling.
func reasons(r Rule) []string {
	pending := "fires at the first evaluation that holds: the measure already spans " + duration(r.Spec.Lookback)
	if r.For > 0 {
		pending = "pending " + duration(r.For) + ": the condition must hold that long before anyone is notified"
	}
	if r.Escalation {
		pending = "pending " + duration(r.For) + ": the rule's pending period plus 30 minutes, so it fires when the base alert has gone unacknowledged (unsilenced) for 30 minutes"
	}
	errors := "query error → Error: a P0/P1 rule that cannot be evaluated notifies (DatasourceError with the rule's labels)"
	if r.ExecErr == "KeepLast" {
		errors = "query error → KeepLast: a connector's hiccup neither fires nor resolves it; the data source health check reports the connector"
	}
	return []string{
		fmt.Sprintf("%s %s: %s %s over the last %s", r.Health.Severity, r.Health.ID, r.Spec.Name, conditionText(r.Health.When), duration(r.Spec.Lookback)),
		pending,
		"no data → OK: a model whose measure is undefined (no labels yet, role not configured) is not judged, as on the status words",
		errors,
	}
}

// conditionText is a condition in words ("> 2", "≥ 1 and ≤ 2").
func conditionText(c engine.Condition) string {
	var parts []string
	if c.HasMin {
		op := "> "
		if c.MinIncl {
			op = "≥ "
		}
		parts = append(parts, op+number(c.Min))
	}
	if c.HasMax {
		op := "< "
		if c.MaxIncl {
			op = "≤ "
		}
		parts = append(parts, op+number(c.Max))
	}
	return strings.Join(parts, " and ")
}

func number(v float64) string { return fmt.Sprintf("%g", v) }

// duration prints 15m, 1h, 7d, 1h10m.
func duration(d time.Duration) string {
	switch {
	case d == 0:
		return "0s"
	case d%(24*time.Hour) == 0:
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d > time.Hour:
		return fmt.Sprintf("%dh%dm", d/time.Hour, (d%time.Hour)/time.Minute)
	}
	return fmt.Sprintf("%dm", d/time.Minute)
}

// anchor is the rule's section in docs/alerts.md.
func anchor(id string) string { return strings.ToLower(id) }

// RulesYAML renders the rule groups as a provisioning file for the data
// source with the given uid.
func RulesYAML(datasourceUID string) ([]byte, error) {
	groups, err := Groups()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = rulesTemplate.Execute(&buf, map[string]any{"Groups": groups, "Datasource": datasourceUID})
	return buf.Bytes(), err
}

var rulesTemplate = template.Must(template.New("rules").Funcs(template.FuncMap{
	"q":          quote,
	"seconds":    func(d time.Duration) int64 { return int64(d / time.Second) },
	"duration":   duration,
	"expression": func(c engine.Condition) string { return c.Expression("A") },
	"condition":  conditionText,
	"anchor":     anchor,
	"summary":    summary,
	"describe":   description,
}).Parse(rulesText))

// quote writes a YAML double-quoted scalar (JSON strings are YAML).
func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic(err) // a Go string always encodes
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// summary is the one-line annotation: the model, what fired and where.
func summary(r Rule) string {
	where := ""
	if r.Spec.Dimension != "" {
		where = " ({{ $labels." + r.Spec.Dimension + " }})"
	}
	return "{{ $labels.model }}" + where + ": " + r.Title
}

// description is the value against its threshold, as notifications show it.
func description(r Rule) string {
	return fmt.Sprintf("%s = {{ humanize $values.%s.Value }} over the last %s; the rule fires when it is %s.",
		r.Spec.Value, "A", duration(r.Spec.Lookback), conditionText(r.Health.When))
}

const rulesText = `# Grafana-managed alert rules of AI Performance Monitor (file provisioning).
# Generated from the health rules (pkg/engine/rules.go) by
#   go test ./pkg/alerting -run TestProvisionedFilesAreUpToDate -update
# Do not edit by hand: change the engine's table, which the status words on
# the app's pages use too, and regenerate.
#
# One rule per health rule covers every model: the measures query returns
# one row per model (and attribute, resource or signal), each a separate
# alert instance labelled model and team (the catalog's owner). Values are
# ratios to the model's catalog targets, so the conditions below follow the
# catalog. P0–P2 rules have an escalation twin with label escalated="true"
# and 30 more minutes of pending; silencing model=<id>, rule=<rule> silences
# both. Rules read the demo data source (uid aiperf-demo): to watch your own
# fleet, replace its uid below (README, "Alerts").
apiVersion: 1
groups:
{{- range .Groups }}
  - orgId: 1
    name: {{ q .Name }}
    folder: {{ q "AI Performance Monitor" }}
    interval: {{ duration .Interval }}
    rules:
{{- range .Rules }}
{{- range .Why }}
      # {{ . }}
{{- end }}
      - uid: {{ .UID }}
        title: {{ q .Title }}
        condition: C
        data:
          - refId: A
            relativeTimeRange:
              from: {{ seconds .Spec.Lookback }}
              to: 0
            datasourceUid: {{ $.Datasource }}
            model:
              refId: A
              queryType: measures
              measure: {{ .Spec.Name }}
          - refId: C
            datasourceUid: __expr__
            model:
              refId: C
              type: math
              expression: {{ q (expression .Health.When) }}
              datasource:
                type: __expr__
                uid: __expr__
        noDataState: {{ .NoData }}
        execErrState: {{ .ExecErr }}
        for: {{ duration .For }}
        annotations:
          summary: {{ q (summary .) }}
          description: {{ q (describe .) }}
          action: {{ q .Health.Action }}
          runbook_url: {{ q (print "` + RunbookURL + `#" (anchor .Health.ID)) }}
          model_page: {{ q "{{ reReplaceAll \"/$\" \"\" (externalURL) }}/a/aiperf-monitor-app/models/{{ $labels.model }}" }}
        labels:
          severity: {{ .Health.Severity }}
          rule: {{ .Health.ID }}
{{- if .Escalation }}
          escalated: "true"
{{- end }}
        isPaused: false
{{- end }}
{{- end }}
`
