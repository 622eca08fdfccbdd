package engine

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
	SaturationUtilisation   = 0.95 // a window's mean utilisation at which a resource is saturated
	OptimisationShareP3     = 0.20 // identified savings worth a review: a fifth of the spend
	DefaultLatencyTargetMs  = 200
	DefaultUtilisationGoal  = 0.80
)

// HealthInputs are the measured facts of one model (or system) over a range
// of time. Unknown measurements stay undefined and neither fire rules nor
// score; lists (per attribute, resource or signal) are empty when nothing
// was measured.
type HealthInputs struct {
	QualityDrop          Metric  // relative drop of the primary metric vs baseline (see QualityDrop)
	EstimatedQualityDrop Metric  // the same drop from the label-free estimate of the rows whose labels are pending
	QualityDropAlert     float64 // the declared accuracyDropAlert (P1 threshold); 0 means DefaultQualityDropAlert

	Availability    Metric // share of time the service was up, 0..1
	DowntimeMinutes Metric // minutes the service was unavailable

	MinutesSinceLastPrediction Metric  // at the end of the range
	ExpectedGapMinutes         float64 // the longest normal pause between predictions; 0 leaves the pipeline rule out

	LatencyP95Ms    Metric  // measured p95 latency
	LatencyTargetMs float64 // p95 target; 0 means DefaultLatencyTargetMs

	// FailedFairnessCriteria counts, per sensitive attribute, the fairness
	// criteria that miss their target (FairnessReport); undefined when no
	// criterion of the attribute could be assessed.
	FailedFairnessCriteria []NamedMetric

	// Utilisation is, per resource (gpu, cpu, memory, storage), the mean
	// utilisation of its busiest window, 0..1: a minute at full load is a
	// burst, a window at full load is exhaustion.
	Utilisation       []NamedMetric
	UtilisationTarget float64 // 0 means DefaultUtilisationGoal

	DataQualityIssueShare Metric // share of inputs with a data-quality issue, 0..1
	DriftShare            Metric // share of the scored features that drift

	// Degrading is, per serving signal, 1 when its latest closed window is
	// an outlier on the bad side of the windows before it (Degradation), else 0.
	Degrading []NamedMetric

	CostVariance Metric // (spend − budget) / budget
	SavingsShare Metric // identified monthly savings / monthly spend

	ComplianceShare      Metric // share of compliance checks in good standing, 0..1
	ComplianceViolations Metric // compliance controls failing besides fairness (retention, audit logging)
	VersionDrift         Metric // share of predictions served off the registry's production version or by a version without a baseline
}

// PeakUtilisation is the busiest resource's utilisation; undefined when none was measured.
func (in HealthInputs) PeakUtilisation() Metric {
	var peak Metric
	for _, u := range in.Utilisation {
		if u.OK && (!peak.OK || u.Value > peak.Value) {
			peak = u.Metric
		}
	}
	return peak
}

func (in HealthInputs) withDefaults() HealthInputs {
	if in.LatencyTargetMs <= 0 {
		in.LatencyTargetMs = DefaultLatencyTargetMs
	}
	if in.UtilisationTarget <= 0 {
		in.UtilisationTarget = DefaultUtilisationGoal
	}
	if in.QualityDropAlert <= 0 {
		in.QualityDropAlert = DefaultQualityDropAlert
	}
	return in
}

// HealthIssue is one rule that fired.
type HealthIssue struct {
	Severity Severity
	Rule     string // the HealthRule's ID, also the `rule` label of its alert rule
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

// AssessHealth scores the six health dimensions and applies the alert-severity
// rules (HealthRules) to the readings of the same inputs.
func AssessHealth(in HealthInputs) HealthAssessment { return Assess(in, Readings(in)) }

// Assess scores in and judges readings, which may have been measured over
// other ranges than in: the status words read each measure over its rule's
// lookback, exactly as the provisioned alert rules do, while the score
// covers the range on screen.
func Assess(in HealthInputs, readings []Reading) HealthAssessment {
	issues := Judge(readings)
	a := HealthAssessment{Severity: SeverityNone, Status: StatusHealthy, Action: ActionMonitor, Issues: issues}
	if len(issues) > 0 {
		a.Severity = issues[0].Severity
		a.Action = issues[0].Action
		a.Status = statusFor(a.Severity)
	}
	a.Dimensions, a.Score = healthScore(in.withDefaults())
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
