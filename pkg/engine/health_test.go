package engine

import (
	"math"
	"testing"
)

func healthMetric(v float64) Metric { return definedMetric(v) }

func TestAssessHealthSeverityBoundaries(t *testing.T) {
	cases := []struct {
		name   string
		in     HealthInputs
		want   Severity
		status HealthStatus
		rule   string
	}{
		{"nothing measured", HealthInputs{}, SeverityNone, StatusHealthy, ""},
		{"quality improved", HealthInputs{QualityDrop: healthMetric(-0.03)}, SeverityNone, StatusHealthy, ""},
		{"quality drop 0", HealthInputs{QualityDrop: healthMetric(0)}, SeverityNone, StatusHealthy, ""},
		{"quality drop 1.9%", HealthInputs{QualityDrop: healthMetric(0.019)}, SeverityP3, StatusHealthy, "qualityDropLow"},
		{"quality drop 2%", HealthInputs{QualityDrop: healthMetric(0.02)}, SeverityP2, StatusWarning, "qualityDropMedium"},
		{"quality drop 4.9%", HealthInputs{QualityDrop: healthMetric(0.049)}, SeverityP2, StatusWarning, "qualityDropMedium"},
		{"quality drop 5%", HealthInputs{QualityDrop: healthMetric(0.05)}, SeverityP1, StatusDegraded, "qualityDropHigh"},
		{"quality drop 10%", HealthInputs{QualityDrop: healthMetric(0.10)}, SeverityP1, StatusDegraded, "qualityDropHigh"},
		{"quality drop 10.1%", HealthInputs{QualityDrop: healthMetric(0.101)}, SeverityP0, StatusCritical, "qualityDropCritical"},
		{"downtime 5 min", HealthInputs{DowntimeMinutes: healthMetric(5), Availability: healthMetric(0.9)}, SeverityNone, StatusHealthy, ""},
		{"downtime 5.5 min", HealthInputs{DowntimeMinutes: healthMetric(5.5), Availability: healthMetric(0.9)}, SeverityP0, StatusCritical, "downtime"},
		{"downtime not probed", HealthInputs{DowntimeMinutes: healthMetric(30)}, SeverityNone, StatusHealthy, ""},
		{"pipeline within its gap", HealthInputs{MinutesSinceLastPrediction: healthMetric(60), ExpectedGapMinutes: 60}, SeverityNone, StatusHealthy, ""},
		{"pipeline stopped", HealthInputs{MinutesSinceLastPrediction: healthMetric(61), ExpectedGapMinutes: 60}, SeverityP0, StatusCritical, "pipelineStopped"},
		{"compliance violation", HealthInputs{ComplianceViolations: healthMetric(1)}, SeverityP0, StatusCritical, "complianceViolation"},
		{"p95 at target", HealthInputs{LatencyP95Ms: healthMetric(200)}, SeverityNone, StatusHealthy, ""},
		{"p95 over target up to 2×", HealthInputs{LatencyP95Ms: healthMetric(400)}, SeverityP2, StatusWarning, "latencySla"},
		{"p95 over 2× target", HealthInputs{LatencyP95Ms: healthMetric(401)}, SeverityP1, StatusDegraded, "latencyCritical"},
		{"p95 over 2× custom target", HealthInputs{LatencyP95Ms: healthMetric(101), LatencyTargetMs: 50}, SeverityP1, StatusDegraded, "latencyCritical"},
		{"fairness passed", HealthInputs{FailedFairnessCriteria: []NamedMetric{{Name: "gender", Metric: healthMetric(0)}}}, SeverityNone, StatusHealthy, ""},
		{"fairness failed", HealthInputs{FailedFairnessCriteria: []NamedMetric{{Name: "age", Metric: healthMetric(0)}, {Name: "gender", Metric: healthMetric(2)}}}, SeverityP1, StatusDegraded, "fairness"},
		{"utilisation 94%", HealthInputs{Utilisation: []NamedMetric{{Name: "gpu", Metric: healthMetric(0.94)}}}, SeverityNone, StatusHealthy, ""},
		{"utilisation saturated", HealthInputs{Utilisation: []NamedMetric{{Name: "cpu", Metric: healthMetric(0.5)}, {Name: "gpu", Metric: healthMetric(0.95)}}}, SeverityP1, StatusDegraded, "saturation"},
		{"data quality 20%", HealthInputs{DataQualityIssueShare: healthMetric(0.20)}, SeverityP3, StatusHealthy, "dataQualityMinor"},
		{"data quality 21%", HealthInputs{DataQualityIssueShare: healthMetric(0.21)}, SeverityP2, StatusWarning, "dataQualityMajor"},
		{"data quality clean", HealthInputs{DataQualityIssueShare: healthMetric(0)}, SeverityNone, StatusHealthy, ""},
		{"cost variance 20%", HealthInputs{CostVariance: healthMetric(0.20)}, SeverityNone, StatusHealthy, ""},
		{"cost variance 21%", HealthInputs{CostVariance: healthMetric(0.21)}, SeverityP2, StatusWarning, "budgetVariance"},
		{"degrading", HealthInputs{Degrading: []NamedMetric{{Name: "latencyP95", Metric: healthMetric(1)}}}, SeverityP2, StatusWarning, "degradationTrend"},
		{"estimated drop", HealthInputs{EstimatedQualityDrop: healthMetric(0.05)}, SeverityP2, StatusWarning, "estimatedQualityDrop"},
		{"dataset drift", HealthInputs{DriftShare: healthMetric(0.5)}, SeverityP2, StatusWarning, "inputDrift"},
		{"half a dataset drift", HealthInputs{DriftShare: healthMetric(0.4)}, SeverityNone, StatusHealthy, ""},
		{"version drift", HealthInputs{VersionDrift: healthMetric(1)}, SeverityP3, StatusHealthy, "configurationDrift"},
		{"savings", HealthInputs{SavingsShare: healthMetric(0.2)}, SeverityP3, StatusHealthy, "optimisation"},
		{"worst rule wins", HealthInputs{CostVariance: healthMetric(0.5), QualityDrop: healthMetric(0.07), DowntimeMinutes: healthMetric(30), Availability: healthMetric(0.9)}, SeverityP0, StatusCritical, "downtime"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := AssessHealth(tc.in)
			if a.Severity != tc.want || a.Status != tc.status {
				t.Fatalf("severity %s status %s, want %s %s (issues %+v)", a.Severity, a.Status, tc.want, tc.status, a.Issues)
			}
			if tc.rule == "" {
				if len(a.Issues) != 0 || a.Action != ActionMonitor {
					t.Errorf("issues %+v action %q, want none and %q", a.Issues, a.Action, ActionMonitor)
				}
				return
			}
			if a.Issues[0].Rule != tc.rule || a.Action != a.Issues[0].Action || a.Action == "" {
				t.Errorf("top issue %+v action %q, want rule %s with its action", a.Issues[0], a.Action, tc.rule)
			}
		})
	}
}

func TestAssessHealthListsIssuesMostSevereFirst(t *testing.T) {
	a := AssessHealth(HealthInputs{DataQualityIssueShare: healthMetric(0.05), CostVariance: healthMetric(0.3), FailedFairnessCriteria: []NamedMetric{{Name: "gender", Metric: healthMetric(1)}}})
	want := []Severity{SeverityP1, SeverityP2, SeverityP3}
	if len(a.Issues) != len(want) {
		t.Fatalf("issues %+v, want %d", a.Issues, len(want))
	}
	for i, s := range want {
		if a.Issues[i].Severity != s {
			t.Errorf("issue %d severity %s, want %s", i, a.Issues[i].Severity, s)
		}
	}
}

func TestHealthScoreIsTheWeightedMeanOfDimensions(t *testing.T) {
	a := AssessHealth(HealthInputs{
		QualityDrop:           healthMetric(0.02), // model performance 98
		Availability:          healthMetric(0.99), // infrastructure 99·(0.8/0.9) = 88
		Utilisation:           []NamedMetric{{Name: "gpu", Metric: healthMetric(0.90)}, {Name: "cpu", Metric: healthMetric(0.5)}},
		DataQualityIssueShare: healthMetric(0.06), // 94
		LatencyP95Ms:          healthMetric(250),  // 100·200/250 = 80
		ComplianceShare:       healthMetric(1),    // 100
		CostVariance:          healthMetric(0.25), // 100/1.25 = 80
	})
	want := map[string]float64{
		DimensionModelPerformance: 98, DimensionInfrastructure: 88, DimensionDataQuality: 94,
		DimensionResponseTimeSLA: 80, DimensionCompliance: 100, DimensionCostEfficiency: 80,
	}
	var sum float64
	for _, d := range a.Dimensions {
		if !d.OK || math.Abs(d.Value-want[d.Name]) > 1e-9 {
			t.Errorf("%s = %+v, want %v", d.Name, d.Metric, want[d.Name])
		}
		sum += d.Value * healthWeights[d.Name]
	}
	wantScore := 0.25*98 + 0.20*88 + 0.15*94 + 0.15*80 + 0.15*100 + 0.10*80
	if math.Abs(a.Score.Value-wantScore) > 1e-9 || math.Abs(sum-wantScore) > 1e-9 {
		t.Errorf("score %v, want %v", a.Score.Value, wantScore)
	}
}

func TestHealthScoreSkipsUnmeasuredDimensions(t *testing.T) {
	a := AssessHealth(HealthInputs{QualityDrop: healthMetric(0.5), ComplianceShare: healthMetric(1)})
	// (0.25·50 + 0.15·100) / 0.40
	if want := (0.25*50 + 0.15*100) / 0.40; math.Abs(a.Score.Value-want) > 1e-9 {
		t.Errorf("score %v, want %v", a.Score.Value, want)
	}
	if AssessHealth(HealthInputs{}).Score.OK {
		t.Error("health score with nothing measured must be undefined")
	}
	var total float64
	for _, w := range healthWeights {
		total += w
	}
	if math.Abs(total-1) > 1e-12 {
		t.Errorf("weights sum to %v, want 1", total)
	}
}

func TestQualityDropDirection(t *testing.T) {
	if d := QualityDrop(MetricAccuracy, healthMetric(0.96), healthMetric(0.912)); math.Abs(d.Value-0.05) > 1e-12 {
		t.Errorf("accuracy 0.96 → 0.912 drop %v, want 0.05", d.Value)
	}
	if d := QualityDrop(MetricLogLoss, healthMetric(0.4), healthMetric(0.44)); math.Abs(d.Value-0.1) > 1e-12 {
		t.Errorf("log loss 0.4 → 0.44 drop %v, want 0.1 (worse)", d.Value)
	}
	if QualityDrop(MetricAccuracy, Metric{}, healthMetric(0.9)).OK || QualityDrop(MetricMAE, healthMetric(0), healthMetric(1)).OK {
		t.Error("drop without a usable baseline must be undefined")
	}
}

func TestDeclaredAccuracyDropAlertMovesTheSeverityBands(t *testing.T) {
	drop := Metric{Value: 0.06, OK: true}
	if got := AssessHealth(HealthInputs{QualityDrop: drop}).Severity; got != SeverityP1 {
		t.Fatalf("a 6%% drop at the default 5%% alert is P1, got %s", got)
	}
	if got := AssessHealth(HealthInputs{QualityDrop: drop, QualityDropAlert: 0.02}).Severity; got != SeverityP0 {
		t.Fatalf("a 6%% drop is over twice a 2%% alert: P0, got %s", got)
	}
	if got := AssessHealth(HealthInputs{QualityDrop: drop, QualityDropAlert: 0.10}).Severity; got != SeverityP2 {
		t.Fatalf("a 6%% drop against a 10%% alert is in the P2 band (4–10%%), got %s", got)
	}
}
