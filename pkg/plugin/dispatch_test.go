package plugin

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

func TestInvalidQueriesFailAloneWithClearErrors(t *testing.T) {
	d := newTestDatasource(t)
	bad := []backend.DataQuery{
		dataQuery("unknown", map[string]any{"queryType": "nope", "model": "risk-assessment"}, time.Hour, time.Minute),
		dataQuery("noModel", map[string]any{"queryType": "latency"}, time.Hour, time.Minute),
		dataQuery("badModel", map[string]any{"queryType": "latency", "model": "ghost"}, time.Hour, time.Minute),
		{RefID: "badJSON", QueryType: "latency", JSON: []byte(`{"model":`), TimeRange: backend.TimeRange{From: testNow.Add(-time.Hour), To: testNow}},
		dataQuery("badSource", map[string]any{"queryType": "latency", "model": "risk-assessment", "source": "postgres"}, time.Hour, time.Minute),
	}
	good := dataQuery("good", map[string]any{"queryType": "latency", "model": "risk-assessment"}, time.Hour, time.Minute)
	resp := run(t, d, append(bad, good)...)

	want := map[string]string{
		"unknown":   `queryType "nope" is unknown`,
		"noModel":   "model is empty",
		"badModel":  `model "ghost" is not in the catalog: use one of risk-assessment`,
		"badJSON":   "not valid JSON",
		"badSource": `source "postgres" is not configured`,
	}
	for ref, msg := range want {
		r := resp.Responses[ref]
		if r.Error == nil || !strings.Contains(r.Error.Error(), msg) {
			t.Errorf("%s: got error %v, want %q", ref, r.Error, msg)
		}
		if r.ErrorSource != backend.ErrorSourceDownstream {
			t.Errorf("%s: a query the user can fix should be a downstream error, got %q", ref, r.ErrorSource)
		}
	}
	if r := resp.Responses["good"]; r.Error != nil || len(r.Frames) != 1 || r.Frames[0].Rows() == 0 {
		t.Fatalf("the valid query in the same request must still answer: %+v", r)
	}
}

func TestInvalidSettingsFailQueriesNotThePlugin(t *testing.T) {
	d := newDatasource(settingsFrom(`{"models":[{"id":"x","targets":{"uptime":2}}]}`, nil), fixedNow)
	resp := run(t, d, dataQuery("A", map[string]any{"queryType": "latency", "model": "x"}, time.Hour, time.Minute))
	if err := resp.Responses["A"].Error; err == nil || !strings.Contains(err.Error(), "jsonData.models[0].targets.uptime") {
		t.Fatalf("got %v", err)
	}
	health, _ := d.CheckHealth(t.Context(), &backend.CheckHealthRequest{})
	if health.Status != backend.HealthStatusError || !strings.Contains(health.Message, "targets.uptime") {
		t.Fatalf("health: %+v", health)
	}
}

func TestCancelledContextFailsTheQuery(t *testing.T) {
	d := newTestDatasource(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	resp, err := d.QueryData(ctx, &backend.QueryDataRequest{Queries: []backend.DataQuery{
		dataQuery("A", map[string]any{"queryType": "quality", "model": "risk-assessment"}, 30*24*time.Hour, time.Hour),
	}})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Responses["A"].Error == nil {
		t.Fatal("a cancelled request should fail its query")
	}
}

func TestDemoIsDeterministic(t *testing.T) {
	types := []string{"latency", "throughput", "errorRate", "quality"}
	for _, qt := range types {
		q := dataQuery("A", map[string]any{"queryType": qt, "model": "risk-assessment"}, 7*24*time.Hour, time.Hour)
		first := run(t, newTestDatasource(t), q).Responses["A"]
		second := run(t, newTestDatasource(t), q).Responses["A"]
		if first.Error != nil || second.Error != nil {
			t.Fatalf("%s: %v %v", qt, first.Error, second.Error)
		}
		a, _ := first.Frames.MarshalArrow()
		b, _ := second.Frames.MarshalArrow()
		if len(a) != len(b) {
			t.Fatalf("%s: frame counts differ", qt)
		}
		for i := range a {
			if string(a[i]) != string(b[i]) {
				t.Errorf("%s: frame %d differs between two identical requests", qt, i)
			}
		}
	}
}
