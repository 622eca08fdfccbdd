package engine

import (
	"fmt"
	"math"
	"time"
)

// Measure names one number the health rules read per model (and per
// attribute, resource or signal where a model has several). The `measures`
// query returns the same numbers, so the status words and the alert rules
// built on them never disagree.
type Measure string

const (
	MeasureQualityDrop          Measure = "qualityDrop"
	MeasureEstimatedQualityDrop Measure = "estimatedQualityDrop"
	MeasureDowntime             Measure = "downtime"
	MeasurePipelineGap          Measure = "pipelineGap"
	MeasureLatency              Measure = "latency"
	MeasureFairness             Measure = "fairness"
	MeasureSaturation           Measure = "saturation"
	MeasureDataQuality          Measure = "dataQuality"
	MeasureDrift                Measure = "driftShare"
	MeasureDegradation          Measure = "degradation"
	MeasureBudget               Measure = "budgetVariance"
	MeasureOptimisation         Measure = "optimisation"
	MeasureCompliance           Measure = "compliance"
	MeasureConfigurationDrift   Measure = "configurationDrift"
)

// MeasureSpec describes a measure: what its value is, the label telling its
// series of one model apart, and how far back the rules read it.
type MeasureSpec struct {
	Name Measure
	// Dimension is the label of a model's several series (attribute,
	// resource, signal); empty when a model has one.
	Dimension string
	// Lookback is the range the rules measure over, ending now: long enough
	// to hold what the measure needs (labels arrive late, bills daily),
	// short enough to clear soon after the cause is gone.
	Lookback time.Duration
	Value    string // what the number is, for the query editor and docs
}

// Measures lists every measure in the order of the docs.
var Measures = []MeasureSpec{
	{MeasureQualityDrop, "", 7 * 24 * time.Hour, "primary-metric drop vs baseline ÷ the model's accuracyDropAlert (labeled rows)"},
	{MeasureEstimatedQualityDrop, "", 24 * time.Hour, "label-free estimate of the primary-metric drop ÷ accuracyDropAlert (rows whose labels are pending)"},
	{MeasureDowntime, "", 15 * time.Minute, "minutes the endpoint was down ÷ 5"},
	{MeasurePipelineGap, "", time.Hour, "minutes since the latest prediction ÷ the model's expectedGapMinutes"},
	{MeasureLatency, "", time.Hour, "p95 latency ÷ the model's p95 target"},
	{MeasureFairness, "attribute", 7 * 24 * time.Hour, "fairness criteria missing their target, per sensitive attribute"},
	{MeasureSaturation, "resource", time.Hour, "busiest hourly mean utilisation ÷ 0.95, per resource"},
	{MeasureDataQuality, "", 24 * time.Hour, "share of inputs with a data-quality issue ÷ 0.20"},
	{MeasureDrift, "", 24 * time.Hour, "share of features that drift ÷ 0.5 (dataset drift)"},
	{MeasureDegradation, "signal", 24 * time.Hour, "1 when the latest closed hour is an outlier on the bad side of the 20 before it, per serving signal"},
	{MeasureBudget, "", 7 * 24 * time.Hour, "spend over budget (variance) ÷ 0.20, billed days"},
	{MeasureOptimisation, "", 7 * 24 * time.Hour, "identified monthly savings ÷ monthly spend ÷ 0.20"},
	{MeasureCompliance, "", 24 * time.Hour, "compliance controls failing besides fairness (log retention, audit logging)"},
	{MeasureConfigurationDrift, "", time.Hour, "share of predictions served off the registry's production version, or by a version the baseline never saw"},
}

// SpecOf returns the description of a measure.
func SpecOf(m Measure) (MeasureSpec, bool) {
	for _, s := range Measures {
		if s.Name == m {
			return s, true
		}
	}
	return MeasureSpec{}, false
}

// Reading is one value of a measure: most are ratios to the threshold their
// rules compare with (so a rule condition "> 1" follows the catalog's
// targets), the rest are counts or 0/1.
type Reading struct {
	Measure   Measure
	Dimension string // the attribute, resource or signal; empty for the model as a whole
	Value     Metric
	Detail    string // the measurement in its own units, for the status line and notifications
}

// ratioDecimals rounds readings, so a value on a band edge (a 2% drop at a
// 5% alert) lands on it instead of a floating-point hair below.
const ratioDecimals = 1e9

func ratioTo(v Metric, threshold float64) Metric {
	if !v.OK || threshold <= 0 {
		return Metric{}
	}
	return definedMetric(math.Round(v.Value/threshold*ratioDecimals) / ratioDecimals)
}

// Readings computes every measure from the inputs.
func Readings(in HealthInputs) []Reading {
	in = in.withDefaults()
	var out []Reading
	add := func(m Measure, dimension string, v Metric, detail string) {
		if !v.OK {
			detail = ""
		}
		out = append(out, Reading{Measure: m, Dimension: dimension, Value: v, Detail: detail})
	}
	add(MeasureQualityDrop, "", ratioTo(in.QualityDrop, in.QualityDropAlert),
		fmt.Sprintf("quality %.1f%% below baseline (alert at %.1f%%)", in.QualityDrop.Value*100, in.QualityDropAlert*100))
	add(MeasureEstimatedQualityDrop, "", ratioTo(in.EstimatedQualityDrop, in.QualityDropAlert),
		fmt.Sprintf("estimated quality %.1f%% below baseline while labels are pending", in.EstimatedQualityDrop.Value*100))
	downtime := in.DowntimeMinutes
	if !in.Availability.OK {
		downtime = Metric{} // nothing probed: no claim either way
	}
	add(MeasureDowntime, "", ratioTo(downtime, DowntimeP0Minutes),
		fmt.Sprintf("down for %.0f min (P0 above %d min)", downtime.Value, DowntimeP0Minutes))
	add(MeasurePipelineGap, "", ratioTo(in.MinutesSinceLastPrediction, in.ExpectedGapMinutes),
		fmt.Sprintf("no predictions for %.0f min (expected gap %.0f min)", in.MinutesSinceLastPrediction.Value, in.ExpectedGapMinutes))
	add(MeasureLatency, "", ratioTo(in.LatencyP95Ms, in.LatencyTargetMs),
		fmt.Sprintf("p95 latency %.0f ms against the %.0f ms target", in.LatencyP95Ms.Value, in.LatencyTargetMs))
	for _, f := range in.FailedFairnessCriteria {
		add(MeasureFairness, f.Name, f.Metric, fmt.Sprintf("%.0f fairness criteria miss their target on %s", f.Value, f.Name))
	}
	for _, u := range in.Utilisation {
		add(MeasureSaturation, u.Name, ratioTo(u.Metric, SaturationUtilisation), fmt.Sprintf("%s at %.0f%% utilisation in its busiest hour", u.Name, u.Value*100))
	}
	add(MeasureDataQuality, "", ratioTo(in.DataQualityIssueShare, DataQualityP2Share),
		fmt.Sprintf("data-quality issues on %.1f%% of inputs", in.DataQualityIssueShare.Value*100))
	add(MeasureDrift, "", ratioTo(in.DriftShare, DatasetDriftShare),
		fmt.Sprintf("%.0f%% of features drift (dataset drift from %.0f%%)", in.DriftShare.Value*100, DatasetDriftShare*100))
	for _, d := range in.Degrading {
		add(MeasureDegradation, d.Name, d.Metric, d.Name+" in the latest hour is an outlier against the hours before it")
	}
	add(MeasureBudget, "", ratioTo(in.CostVariance, CostVarianceP2),
		fmt.Sprintf("spend %+.0f%% against budget", in.CostVariance.Value*100))
	add(MeasureOptimisation, "", ratioTo(in.SavingsShare, OptimisationShareP3),
		fmt.Sprintf("savings of %.0f%% of the spend identified", in.SavingsShare.Value*100))
	add(MeasureCompliance, "", in.ComplianceViolations,
		fmt.Sprintf("%.0f compliance controls fail (log retention, audit logging)", in.ComplianceViolations.Value))
	add(MeasureConfigurationDrift, "", in.VersionDrift, "a version other than the registry's production version, or one without a baseline, serves predictions")
	return out
}
