package monitor

import (
	"testing"

	"github.com/aiperf/monitor/pkg/sources/demo"
)

func TestSLAMatrixOnDemo(t *testing.T) {
	got, err := fleetAnswer(t, "slaMatrix", 1, ""), error(nil)
	if err != nil {
		t.Fatal(err)
	}
	f := got[0]
	models, objectives, status := stringsOf(t, f, "model"), stringsOf(t, f, "objective"), stringsOf(t, f, "status")
	if len(models) != 15 {
		t.Fatalf("rows = %d, want 3 objectives × 5 models", len(models))
	}
	for i := range models {
		if models[i] == demo.RecommendationAI && objectives[i] == objectiveLatencyP95 {
			if status[i] != slaBreached {
				t.Errorf("recommendation-ai latency status = %q, want %q", status[i], slaBreached)
			}
			if v := nullableAt(t, f, "current", i); v == nil || *v <= 200 {
				t.Errorf("recommendation-ai p95 = %v, want above the 200 ms target", v)
			}
		}
		if models[i] == demo.FraudDetection && objectives[i] == objectiveLatencyP95 && status[i] != slaMet {
			t.Errorf("fraud-detection latency status = %q, want %q", status[i], slaMet)
		}
		if objectives[i] == objectiveAvailability {
			if v := nullableAt(t, f, "thirtyDay", i); v == nil || *v <= 0.9 || *v > 1 {
				t.Errorf("%s 30-day availability = %v, want a ratio near 1", models[i], v)
			}
		}
	}
}
