package monitor

import (
	"strings"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources/demo"
)

func TestFleetHealthOnDemo(t *testing.T) {
	// Seven days: risk-assessment's concept drift has fully ramped in and
	// most of its labels have arrived.
	got, err := fleetAnswer(t, "fleetHealth", 7, ""), error(nil)
	if err != nil {
		t.Fatal(err)
	}
	f := got[0]
	models, status, issues := stringsOf(t, f, "model"), stringsOf(t, f, "status"), stringsOf(t, f, "lastIssue")
	if len(models) != 5 {
		t.Fatalf("rows = %v, want the five demo models", models)
	}
	risk := fleetRow(t, models, demo.RiskAssessment)
	if status[risk] == string(engine.StatusHealthy) {
		t.Errorf("risk-assessment is %s despite its accuracy drop", status[risk])
	}
	if v := nullableAt(t, f, engine.DimensionModelPerformance, risk); v == nil || *v >= 95 {
		t.Errorf("risk-assessment model performance = %v, want below 95 after a drop of at least 5%%", v)
	}
	if rec := fleetRow(t, models, demo.RecommendationAI); !strings.Contains(issues[rec], "latency") {
		t.Errorf("recommendation-ai last issue = %q, want its open latency incident", issues[rec])
	}
	fraud := fleetRow(t, models, demo.FraudDetection)
	if score := nullableAt(t, f, "healthScore", fraud); score == nil || *score <= 0 || *score > 100 {
		t.Errorf("fraud-detection health score = %v, want 0..100", score)
	}
	if dq := nullableAt(t, f, engine.DimensionDataQuality, fraud); dq == nil || *dq <= 0 || *dq > 100 {
		t.Errorf("fraud-detection data quality = %v, want a measured 0..100", dq)
	}
}

func TestFleetHealthLatencyRegression(t *testing.T) {
	// The last day: recommendation-ai's slower release is fully rolled out.
	got, err := fleetAnswer(t, "fleetHealth", 1, demo.RecommendationAI), error(nil)
	if err != nil {
		t.Fatal(err)
	}
	if v := nullableAt(t, got[0], engine.DimensionResponseTimeSLA, 0); v == nil || *v >= 100 {
		t.Errorf("recommendation-ai response-time SLA = %v, want below 100 with p95 over target", v)
	}
	if v := nullableAt(t, got[0], "healthScore", 0); v == nil || *v >= 100 {
		t.Errorf("recommendation-ai health score = %v, want below 100", v)
	}
}

func TestFleetKPIsOnDemo(t *testing.T) {
	got, err := fleetAnswer(t, "kpis", 7, ""), error(nil)
	if err != nil {
		t.Fatal(err)
	}
	f := got[0]
	kpis, status := stringsOf(t, f, "kpi"), stringsOf(t, f, "status")
	want := []string{kpiUptime, kpiResponseTime, kpiAccuracyDrift, kpiCostPerPrediction, kpiMTTR}
	if strings.Join(kpis, ",") != strings.Join(want, ",") {
		t.Fatalf("kpis = %v, want %v", kpis, want)
	}
	// risk-assessment's accuracy drop is over the 5% alert.
	if drift := fleetRow(t, kpis, kpiAccuracyDrift); status[drift] != "breach" {
		t.Errorf("accuracy drift status = %q, want breach", status[drift])
	}
	value, _ := f.FieldByName("value")
	if v := value.At(fleetRow(t, kpis, kpiUptime)).(*float64); v == nil || *v <= 0.9 || *v > 1 {
		t.Errorf("uptime = %v, want a ratio near 1", v)
	}
}

func TestFleetHealthTrendOnDemo(t *testing.T) {
	got, err := newDemoSetup(t, fleetTestNow).answer(t, map[string]any{"queryType": "healthTrend"}, 2*day, 6*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	f := got[0]
	if f.Fields[0].Name != "time" || f.Rows() < 8 || f.Rows() > 9 {
		t.Fatalf("healthTrend: first field %q, %d rows; want time and 6-hour windows over two days", f.Fields[0].Name, f.Rows())
	}
	sla, _ := f.FieldByName(engine.DimensionResponseTimeSLA)
	last := sla.At(f.Rows() - 1).(*float64)
	if last == nil || *last >= 100 {
		t.Errorf("fleet response-time SLA in the last window = %v, want below 100 with recommendation-ai over target", last)
	}
	for i := 0; i < f.Rows(); i++ {
		if v := nullableAt(t, f, "healthScore", i); v == nil || *v < 0 || *v > 100 {
			t.Errorf("health score[%d] = %v, want 0..100", i, v)
		}
	}
}
