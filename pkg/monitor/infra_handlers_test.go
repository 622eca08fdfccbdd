package monitor

import (
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/sources/demo"
)

func TestIncidentsOnDemo(t *testing.T) {
	got, err := fleetAnswer(t, "incidents", 30, ""), error(nil)
	if err != nil {
		t.Fatal(err)
	}
	incidents, stats := got[0], got[1]
	if incidents.Name != "incidents" || stats.Name != "incidentStats" {
		t.Fatalf("frames %q, %q; want incidents, incidentStats", incidents.Name, stats.Name)
	}
	// recommendation-ai's latency regression is still open.
	models, summaries := stringsOf(t, incidents, "model"), stringsOf(t, incidents, "summary")
	resolved, _ := incidents.FieldByName("resolved")
	open := false
	for i := range models {
		if models[i] == demo.RecommendationAI && resolved.At(i).(*time.Time) == nil {
			open = true
			if summaries[i] == "" {
				t.Errorf("open incident without a summary")
			}
		}
	}
	if !open {
		t.Errorf("want recommendation-ai's open latency incident")
	}
	counts, _ := stats.FieldByName("incidents")
	total := int64(0)
	for i := 0; i < counts.Len(); i++ {
		total += counts.At(i).(int64)
	}
	if int(total) != incidents.Rows() {
		t.Errorf("incidentStats counts %d incidents, incidents frame has %d", total, incidents.Rows())
	}
	if stats.Rows() != 5 {
		t.Errorf("incidentStats rows = %d, want one per demo model", stats.Rows())
	}
}

func TestUtilizationOnDemo(t *testing.T) {
	got, err := fleetAnswer(t, "utilization", 1, demo.FraudDetection), error(nil)
	if err != nil {
		t.Fatal(err)
	}
	f := got[0]
	if f.Fields[0].Type() != data.FieldTypeTime || f.Rows() < 20 {
		t.Fatalf("want an hourly time series over a day, got %d rows starting with %v", f.Rows(), f.Fields[0].Type())
	}
	gpu, _ := f.FieldByName("gpu")
	if gpu.Labels["model"] != demo.FraudDetection || gpu.Config.Unit != "percentunit" {
		t.Errorf("gpu field labels %v unit %q", gpu.Labels, gpu.Config.Unit)
	}
	for i := 0; i < gpu.Len(); i++ {
		if v := gpu.At(i).(*float64); v == nil || *v < 0 || *v > 1 {
			t.Fatalf("gpu[%d] = %v, want a measured ratio", i, v)
		}
	}
	if gpu.Labels["resource"] != "gpu" {
		t.Errorf("each resource series needs its own labels for alerting: %v", gpu.Labels)
	}
	cpuOnly := fleetAnswer(t, "utilization", 1, demo.RiskAssessment)[0]
	if v := nullableAt(t, cpuOnly, "gpu", 0); v != nil {
		t.Errorf("a CPU-only model's GPU is not measured: want null, got %v", *v)
	}
}

// Without an incident source nothing was counted: no rows and the reason,
// never zero incidents and a perfect MTTR.
func TestIncidentsWithoutASourceSayWhy(t *testing.T) {
	s := newDemoSetup(t, fleetTestNow)
	s.conns.Incidents = nil
	got, err := s.answer(t, map[string]any{"queryType": "incidents"}, 7*day, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d frames, want incidents and incidentStats", len(got))
	}
	for _, f := range got {
		if f.Rows() != 0 {
			t.Errorf("%s has %d rows, want none", f.Name, f.Rows())
		}
		if f.Meta == nil || len(f.Meta.Notices) == 0 || !strings.Contains(f.Meta.Notices[0].Text, "no incident source") {
			t.Errorf("%s does not say why it is empty: %+v", f.Name, f.Meta)
		}
	}
}
