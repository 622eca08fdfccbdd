package engine

import "fmt"

// Severity is an alert severity (DESIGN.md "Alert severities").
type Severity string

const (
	SeverityNone Severity = "none"
	SeverityP0   Severity = "P0"
	SeverityP1   Severity = "P1"
	SeverityP2   Severity = "P2"
	SeverityP3   Severity = "P3"
)

// rank orders severities, P0 highest.
func (s Severity) rank() int {
	switch s {
	case SeverityP0:
		return 4
	case SeverityP1:
		return 3
	case SeverityP2:
		return 2
	case SeverityP3:
		return 1
	}
	return 0
}

// HealthStatus is the status word shown for a model.
type HealthStatus string

const (
	StatusCritical HealthStatus = "Critical"
	StatusDegraded HealthStatus = "Degraded"
	StatusWarning  HealthStatus = "Warning"
	StatusHealthy  HealthStatus = "Healthy"
)

// Rule thresholds from DESIGN.md "Alert severities" and the seed defaults.
// The quality-drop bands scale with the model's declared accuracyDropAlert
// (the P1 threshold): P0 above twice it, P2 from 0.4 times it, so the
// default 5% gives the seeds' 10% / 5% / 2%.
const (
	DefaultQualityDropAlert = 0.05
	QualityDropP0Factor     = 2.0
	QualityDropP2Factor     = 0.4
	DowntimeP0Minutes       = 5    // downtime > 5 min
	LatencyP1Factor         = 2    // p95 > 2× target
	DataQualityP2Share      = 0.20 // issues on > 20% of inputs; below is P3
	CostVarianceP2          = 0.20 // spend > 20% over budget
	SaturationUtilisation   = 0.95 // peak utilisation at which a resource is saturated
	DefaultLatencyTargetMs  = 200
	DefaultUtilisationGoal  = 0.80
)

// HealthInputs are the measured facts of one model (or system) in a window.
// Unknown measurements stay undefined and neither fire rules nor score.
type HealthInputs struct {
	QualityDrop           Metric  // relative drop of the primary metric vs baseline (see QualityDrop)
	QualityDropAlert      float64 // the declared accuracyDropAlert (P1 threshold); 0 means DefaultQualityDropAlert
	DowntimeMinutes       float64 // minutes the service was unavailable
	PipelineStopped       bool    // no prediction for longer than the model's expected gap
	LatencyP95Ms          Metric  // measured p95 latency
	LatencyTargetMs       float64 // p95 target; 0 means DefaultLatencyTargetMs
	FairnessFailed        bool    // a fairness criterion misses its target (FairnessReport.Failed)
	DataQualityIssueShare Metric  // share of inputs with a data-quality issue, 0..1
	CostVariance          Metric  // (spend − budget) / budget
	PeakUtilisation       Metric  // highest of GPU, CPU, memory and storage utilisation, 0..1
	UtilisationTarget     float64 // 0 means DefaultUtilisationGoal
	Availability          Metric  // share of time the service was up, 0..1
	ComplianceShare       Metric  // share of compliance checks in good standing, 0..1
}

// HealthIssue is one rule that fired.
type HealthIssue struct {
	Severity Severity
	Rule     string // qualityDrop, downtime, pipeline, latency, fairness, saturation, dataQuality, cost
	Detail   string
	Action   string
}

// HealthAssessment is the outcome of the rules and the health score.
type HealthAssessment struct {
	Severity   Severity
	Status     HealthStatus
	Action     string        // recommended action for the most severe issue
	Issues     []HealthIssue // every rule that fired, most severe first
	Score      Metric        // 0..100, weighted mean of the defined dimensions
	Dimensions []NamedMetric // the six dimension scores, 0..100
}

// ActionMonitor is the recommendation when no rule fires.
const ActionMonitor = "Monitor: no action needed"

// QualityDrop is the relative drop of a metric vs its baseline, positive when
// the current value is worse: (baseline − current)/baseline for metrics where
// higher is better, (current − baseline)/baseline for losses and errors.
func QualityDrop(name string, baseline, current Metric) Metric {
	if !baseline.OK || !current.OK || baseline.Value == 0 {
		return Metric{}
	}
	drop := (baseline.Value - current.Value) / baseline.Value
	if !HigherIsBetter(name) {
		drop = -drop
	}
	return definedMetric(drop)
}

// AssessHealth applies the alert-severity rules and scores the six health
// dimensions. Rule boundaries at the default accuracyDropAlert of 5%: quality
// drop > 10% is P0, 5–10% (5% and 10% included) P1, 2–5% (2% included) P2,
// above 0 and below 2% P3 (the bands scale with the declared alert); data-quality
// issues on more than 20% of inputs are P2, on any share up to 20% P3.
func AssessHealth(in HealthInputs) HealthAssessment {
	if in.LatencyTargetMs <= 0 {
		in.LatencyTargetMs = DefaultLatencyTargetMs
	}
	if in.UtilisationTarget <= 0 {
		in.UtilisationTarget = DefaultUtilisationGoal
	}
	if in.QualityDropAlert <= 0 {
		in.QualityDropAlert = DefaultQualityDropAlert
	}
	issues := healthIssues(in)
	a := HealthAssessment{Severity: SeverityNone, Status: StatusHealthy, Action: ActionMonitor, Issues: issues}
	if len(issues) > 0 {
		a.Severity = issues[0].Severity
		a.Action = issues[0].Action
		a.Status = statusFor(a.Severity)
	}
	a.Dimensions, a.Score = healthScore(in)
	return a
}

func statusFor(s Severity) HealthStatus {
	switch s {
	case SeverityP0:
		return StatusCritical
	case SeverityP1:
		return StatusDegraded
	case SeverityP2:
		return StatusWarning
	}
	return StatusHealthy
}

func healthIssues(in HealthInputs) []HealthIssue {
	var out []HealthIssue
	add := func(s Severity, rule, detail, action string) {
		out = append(out, HealthIssue{Severity: s, Rule: rule, Detail: detail, Action: action})
	}
	if in.PipelineStopped {
		add(SeverityP0, "pipeline", "no predictions for longer than the expected gap",
			"Restart the prediction pipeline and check its upstream feeds")
	}
	if in.DowntimeMinutes > DowntimeP0Minutes {
		add(SeverityP0, "downtime", fmt.Sprintf("down for %.0f min (P0 above %d min)", in.DowntimeMinutes, DowntimeP0Minutes),
			"Restore service: page on-call, fail over or roll back the last deployment")
	}
	if d := in.QualityDrop; d.OK && d.Value > 0 {
		detail := fmt.Sprintf("quality %.1f%% below baseline", d.Value*100)
		// A band includes its lower bound; the slack keeps 0.4 × 5% = 2% in it
		// despite floating point.
		const slack = 1e-12
		switch {
		case d.Value > QualityDropP0Factor*in.QualityDropAlert+slack:
			add(SeverityP0, "qualityDrop", detail, "Roll back to the last good model version and start retraining")
		case d.Value >= in.QualityDropAlert-slack:
			add(SeverityP1, "qualityDrop", detail, "Investigate drift and retrain on recent data")
		case d.Value >= QualityDropP2Factor*in.QualityDropAlert-slack:
			add(SeverityP2, "qualityDrop", detail, "Review recent inputs and features for drift")
		default:
			add(SeverityP3, "qualityDrop", detail, "Keep monitoring and review at the next scheduled review")
		}
	}
	if p := in.LatencyP95Ms; p.OK && p.Value > LatencyP1Factor*in.LatencyTargetMs {
		add(SeverityP1, "latency", fmt.Sprintf("p95 latency %.0f ms is over %d× the %.0f ms target", p.Value, LatencyP1Factor, in.LatencyTargetMs),
			"Scale out serving or roll back the latest release")
	} else if p.OK && p.Value > in.LatencyTargetMs {
		// Over target but under 2×: the response-time SLA is breached, which
		// the seeds show as a degraded service rather than a healthy one.
		add(SeverityP2, "latency", fmt.Sprintf("p95 latency %.0f ms is over the %.0f ms target", p.Value, in.LatencyTargetMs),
			"Find the release or load change behind the latency rise")
	}
	if in.FairnessFailed {
		add(SeverityP1, "fairness", "a fairness gap is over its target",
			"Review the fairness report with the model owner before the next release")
	}
	if u := in.PeakUtilisation; u.OK && u.Value >= SaturationUtilisation {
		add(SeverityP1, "saturation", fmt.Sprintf("resource utilisation at %.0f%%", u.Value*100),
			"Add capacity or shed load: a resource is saturated")
	}
	if s := in.DataQualityIssueShare; s.OK && s.Value > 0 {
		detail := fmt.Sprintf("data-quality issues on %.1f%% of inputs", s.Value*100)
		if s.Value > DataQualityP2Share {
			add(SeverityP2, "dataQuality", detail, "Fix the upstream data source feeding the failing inputs")
		} else {
			add(SeverityP3, "dataQuality", detail, "Schedule a data-quality review of the affected features")
		}
	}
	if c := in.CostVariance; c.OK && c.Value > CostVarianceP2 {
		add(SeverityP2, "cost", fmt.Sprintf("spend %.0f%% over budget", c.Value*100),
			"Review spend against budget and apply the savings opportunities")
	}
	// stable sort by severity keeps the rule order within a severity
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Severity.rank() > out[j-1].Severity.rank(); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
