package engine

import (
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Condition is a range of readings: a lower and an upper bound, each
// optional and inclusive or not.
type Condition struct {
	Min, Max         float64
	HasMin, HasMax   bool
	MinIncl, MaxIncl bool
}

// Above is x > v.
func Above(v float64) Condition { return Condition{Min: v, HasMin: true} }

// AtLeast is x ≥ v.
func AtLeast(v float64) Condition { return Condition{Min: v, HasMin: true, MinIncl: true} }

// Within is lo < x < hi, with either bound included on request.
func Within(lo float64, loIncl bool, hi float64, hiIncl bool) Condition {
	return Condition{Min: lo, HasMin: true, MinIncl: loIncl, Max: hi, HasMax: true, MaxIncl: hiIncl}
}

// Holds reports whether v is in the range.
func (c Condition) Holds(v float64) bool {
	if c.HasMin && (v < c.Min || (v == c.Min && !c.MinIncl)) {
		return false
	}
	if c.HasMax && (v > c.Max || (v == c.Max && !c.MaxIncl)) {
		return false
	}
	return true
}

// Expression is the condition as a Grafana math expression on the query
// refId ref ("$A >= 1 && $A <= 2"): exactly Holds, as Grafana compares the
// same float64 the backend sends.
func (c Condition) Expression(ref string) string {
	var parts []string
	if c.HasMin {
		op := " > "
		if c.MinIncl {
			op = " >= "
		}
		parts = append(parts, "$"+ref+op+number(c.Min))
	}
	if c.HasMax {
		op := " < "
		if c.MaxIncl {
			op = " <= "
		}
		parts = append(parts, "$"+ref+op+number(c.Max))
	}
	return strings.Join(parts, " && ")
}

func number(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// HealthRule is one alert-severity rule: a severity when a measure's reading
// is in a range. The status words apply the rules to the readings; the
// provisioned Grafana alert rules (provisioning/alerting/) are generated
// from this table, so both fire on the same numbers.
type HealthRule struct {
	ID       string
	Severity Severity
	Measure  Measure
	When     Condition
	// For is how long the condition must hold before the alert fires: the
	// pager's guard against a single noisy evaluation. The status words,
	// which show the present state, do not wait.
	For    time.Duration
	Title  string // what fired, without the model
	Action string
}

// EscalationDelay is how long an alert of P0–P2 may stay unacknowledged
// before its escalation twin fires (the seed's "Escalation (30min)").
const EscalationDelay = 30 * time.Minute

// Escalates tells whether the rule has an escalation twin: P3 goes to a
// ticket and a weekly review, never to a second person.
func (r HealthRule) Escalates() bool { return r.Severity != SeverityP3 }

// UID is the uid of the rule's provisioned Grafana alert rule; the status
// words link to it.
func (r HealthRule) UID() string { return "aiperf-" + kebab(r.ID) }

// EscalationUID is the uid of its escalation twin.
func (r HealthRule) EscalationUID() string { return r.UID() + "-esc" }

func kebab(id string) string {
	var b strings.Builder
	for _, c := range id {
		if unicode.IsUpper(c) {
			b.WriteByte('-')
			c = unicode.ToLower(c)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// HealthRules are the seeds' alert severities (DESIGN.md "Alert
// severities") as rules on measures. Quality-drop bands are multiples of the
// model's accuracyDropAlert, the other ratios of their catalog targets.
var HealthRules = []HealthRule{
	// P0: immediate action, service disruption.
	{"qualityDropCritical", SeverityP0, MeasureQualityDrop, Above(QualityDropP0Factor), 10 * time.Minute,
		"Quality drop over twice the alert threshold", "Roll back to the last good model version and start retraining"},
	{"downtime", SeverityP0, MeasureDowntime, Above(1), 0,
		"Endpoint down for more than 5 minutes", "Restore service: page on-call, fail over or roll back the last deployment"},
	{"pipelineStopped", SeverityP0, MeasurePipelineGap, Above(1), 0,
		"Prediction pipeline stopped", "Restart the prediction pipeline and check its upstream feeds"},
	{"complianceViolation", SeverityP0, MeasureCompliance, Above(0), 0,
		"Compliance violation", "Restore the missing control (log retention, audit logging) and inform the compliance owner"},
	// P1: urgent, within the hour.
	{"qualityDropHigh", SeverityP1, MeasureQualityDrop, Within(1, true, QualityDropP0Factor, true), 10 * time.Minute,
		"Quality drop at the alert threshold", "Investigate drift and retrain on recent data"},
	{"latencyCritical", SeverityP1, MeasureLatency, Above(LatencyP1Factor), 5 * time.Minute,
		"p95 latency over twice its target", "Scale out serving or roll back the latest release"},
	{"fairness", SeverityP1, MeasureFairness, Above(0), 10 * time.Minute,
		"A fairness criterion misses its target", "Review the fairness report with the model owner before the next release"},
	{"saturation", SeverityP1, MeasureSaturation, AtLeast(1), 10 * time.Minute,
		"Resource exhausted", "Add capacity or shed load: a resource is saturated"},
	// P2: action within four hours.
	{"qualityDropMedium", SeverityP2, MeasureQualityDrop, Within(QualityDropP2Factor, true, 1, false), 10 * time.Minute,
		"Quality drop approaching the alert threshold", "Review recent inputs and features for drift"},
	{"latencySla", SeverityP2, MeasureLatency, Within(1, false, LatencyP1Factor, true), 15 * time.Minute,
		"p95 latency over its target", "Find the release or load change behind the latency rise"},
	{"dataQualityMajor", SeverityP2, MeasureDataQuality, Above(1), 15 * time.Minute,
		"Data-quality issues on more than 20% of inputs", "Fix the upstream data source feeding the failing inputs"},
	{"budgetVariance", SeverityP2, MeasureBudget, Above(1), 0,
		"Spend more than 20% over budget", "Review spend against budget and apply the savings opportunities"},
	{"degradationTrend", SeverityP2, MeasureDegradation, Above(0), 0,
		"Serving performance degrading", "Compare the latest hour with the day before: find the release, load or dependency change"},
	{"estimatedQualityDrop", SeverityP2, MeasureEstimatedQualityDrop, AtLeast(1), 30 * time.Minute,
		"Estimated quality drop while labels are pending", "Check input drift now; confirm with the labels when they arrive"},
	{"inputDrift", SeverityP2, MeasureDrift, AtLeast(1), 30 * time.Minute,
		"Dataset drift: half of the features or more drift", "Review the drifting features against the baseline and plan retraining"},
	// P3: monitoring and scheduled review (ticket, weekly review).
	{"qualityDropLow", SeverityP3, MeasureQualityDrop, Within(0, false, QualityDropP2Factor, false), time.Hour,
		"Small quality drop", "Keep monitoring and review at the next scheduled review"},
	{"dataQualityMinor", SeverityP3, MeasureDataQuality, Within(0, false, 1, true), time.Hour,
		"Data-quality issues on up to 20% of inputs", "Schedule a data-quality review of the affected features"},
	{"configurationDrift", SeverityP3, MeasureConfigurationDrift, Above(0), time.Hour,
		"A version other than production, or one without a baseline, serves predictions", "Promote the serving version in the registry or roll it back, and take a new baseline for it"},
	{"optimisation", SeverityP3, MeasureOptimisation, AtLeast(1), time.Hour,
		"Optimisation opportunity", "Review the savings opportunities on the Cost page"},
}

// RuleByID returns a health rule.
func RuleByID(id string) (HealthRule, bool) {
	for _, r := range HealthRules {
		if r.ID == id {
			return r, true
		}
	}
	return HealthRule{}, false
}

// Judge applies the health rules to readings: one issue per rule that
// holds for any reading of its measure (the reading furthest along names
// the detail), most severe first, in table order within a severity.
func Judge(readings []Reading) []HealthIssue {
	var out []HealthIssue
	for _, rule := range HealthRules {
		var worst *Reading
		for i, r := range readings {
			if r.Measure != rule.Measure || !r.Value.OK || !rule.When.Holds(r.Value.Value) {
				continue
			}
			if worst == nil || r.Value.Value > worst.Value.Value {
				worst = &readings[i]
			}
		}
		if worst != nil {
			out = append(out, HealthIssue{Severity: rule.Severity, Rule: rule.ID, Detail: worst.Detail, Action: rule.Action})
		}
	}
	// stable sort by severity keeps the table order within a severity
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Severity.rank() > out[j-1].Severity.rank(); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
