package monitor

import (
	"testing"
	"time"
)

func TestLatencyFrameHasPercentilesUnitsAndTarget(t *testing.T) {
	f := answer(t, map[string]any{"queryType": "latency", "model": "fraud-detection"}, 6*time.Hour, 5*time.Minute)[0]
	if f.Name != "latency" || f.Fields[0].Name != "time" || f.Rows() != 72 {
		t.Fatalf("frame %s, first field %s, %d rows", f.Name, f.Fields[0].Name, f.Rows())
	}
	p50, p95, p99 := fieldValues(t, f, "p50"), fieldValues(t, f, "p95"), fieldValues(t, f, "p99")
	for i := range p50 {
		if !(p50[i] > 0 && p50[i] <= p95[i] && p95[i] <= p99[i]) {
			t.Fatalf("row %d: percentiles out of order %v %v %v", i, p50[i], p95[i], p99[i])
		}
	}
	field, _ := f.FieldByName("p95")
	if field.Config.Unit != "ms" || field.Config.Thresholds == nil || float64(field.Config.Thresholds.Steps[1].Value) != 200 {
		t.Fatalf("p95 config: %+v", field.Config)
	}
	if f.Meta == nil || f.Meta.ExecutedQueryString == "" {
		t.Fatal("the frame must describe the executed query")
	}
}

func TestRecommendationLatencyRegressionShowsInP95(t *testing.T) {
	week := answer(t, map[string]any{"queryType": "latency", "model": "recommendation-ai"}, 14*24*time.Hour, time.Hour)
	p95 := fieldValues(t, week[0], "p95")
	before, after := mean(p95[:24*7]), mean(p95[len(p95)-24:])
	if after < 1.6*before || after < 200 {
		t.Fatalf("p95 before %.0f ms, last day %.0f ms: the regression should roughly double it past the 200 ms target", before, after)
	}
}

func TestThroughputAndErrorRateFrames(t *testing.T) {
	tp := answer(t, map[string]any{"queryType": "throughput", "model": "customer-ai-assistant"}, 24*time.Hour, time.Hour)[0]
	if f, _ := tp.FieldByName("requests"); f.Config.Unit != "reqps" {
		t.Fatalf("throughput unit %q", f.Config.Unit)
	}
	if m := mean(fieldValues(t, tp, "requests")); m <= 0 {
		t.Fatalf("mean throughput %v", m)
	}
	er := fieldValues(t, answer(t, map[string]any{"queryType": "errorRate", "model": "customer-ai-assistant"}, 24*time.Hour, time.Hour)[0], "errorRate")
	for _, v := range er {
		if v < 0 || v > 0.2 {
			t.Fatalf("error rate %v outside 0..0.2", v)
		}
	}
}
