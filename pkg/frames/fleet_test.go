package frames

import (
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
)

func TestFleetKPIStatusAndDirection(t *testing.T) {
	frame := KPIs([]KPIRow{
		{KPI: "uptime", Value: engine.Metric{Value: 0.999, OK: true}, Target: 0.995, Unit: "percentunit", HigherIsBetter: true},
		{KPI: "mttr", Value: engine.Metric{Value: 45, OK: true}, Target: 30, Unit: "m"},
		{KPI: "costPerPrediction", Target: 0.005, Unit: "currencyUSD"},
	}, "kpis")
	wantStatus := []string{"ok", "breach", ""}
	wantDirection := []string{"above", "below", "below"}
	status, _ := frame.FieldByName("status")
	direction, _ := frame.FieldByName("direction")
	for i := range wantStatus {
		if got := status.At(i).(string); got != wantStatus[i] {
			t.Errorf("row %d status = %q, want %q", i, got, wantStatus[i])
		}
		if got := direction.At(i).(string); got != wantDirection[i] {
			t.Errorf("row %d direction = %q, want %q", i, got, wantDirection[i])
		}
	}
	if frame.Meta == nil || frame.Meta.ExecutedQueryString != "kpis" {
		t.Errorf("meta = %+v, want the executed query string", frame.Meta)
	}
}

func TestFleetHealthDimensionsInFrameOrder(t *testing.T) {
	frame := FleetHealth([]FleetHealthRow{{
		Model: "m", Status: "Healthy",
		Dimensions: []engine.NamedMetric{{Name: engine.DimensionCostEfficiency, Metric: engine.Metric{Value: 80, OK: true}}},
	}}, "fleet")
	if got := frame.Fields[len(frame.Fields)-1].Name; got != engine.DimensionCostEfficiency {
		t.Fatalf("last field = %q, want %q", got, engine.DimensionCostEfficiency)
	}
	if v := frame.Fields[len(frame.Fields)-1].At(0).(*float64); v == nil || *v != 80 {
		t.Errorf("costEfficiency = %v, want 80", v)
	}
	if v := frame.Fields[len(frame.Fields)-2].At(0).(*float64); v != nil {
		t.Errorf("undefined compliance dimension = %v, want null", *v)
	}
}

func TestFleetBurnRateWindowNames(t *testing.T) {
	for d, want := range map[time.Duration]string{time.Hour: "1h", 5 * time.Minute: "5m", 72 * time.Hour: "3d", 30 * time.Second: "30s"} {
		if got := shortDuration(d); got != want {
			t.Errorf("shortDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestFleetOpenIncidentHasNoResolvedTime(t *testing.T) {
	start := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	frame := Incidents([]IncidentRow{
		{Model: "m", Started: start, Resolved: start.Add(time.Hour), DurationMinutes: 60},
		{Model: "m", Started: start.Add(2 * time.Hour), DurationMinutes: 10},
	}, "incidents")
	resolved, _ := frame.FieldByName("resolved")
	if v := resolved.At(0).(*time.Time); v == nil || !v.Equal(start.Add(time.Hour)) {
		t.Errorf("resolved[0] = %v, want %v", v, start.Add(time.Hour))
	}
	if v := resolved.At(1).(*time.Time); v != nil {
		t.Errorf("resolved[1] = %v, want null for an open incident", *v)
	}
}
