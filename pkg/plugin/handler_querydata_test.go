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
	year1 := backend.TimeRange{From: time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)}
	bad := []backend.DataQuery{
		dataQuery("unknown", map[string]any{"queryType": "nope", "model": "risk-assessment"}, time.Hour, time.Minute),
		dataQuery("noModel", map[string]any{"queryType": "latency"}, time.Hour, time.Minute),
		dataQuery("badModel", map[string]any{"queryType": "latency", "model": "ghost"}, time.Hour, time.Minute),
		{RefID: "badJSON", QueryType: "latency", JSON: []byte(`{"model":`), TimeRange: backend.TimeRange{From: testNow.Add(-time.Hour), To: testNow}},
		{RefID: "reversed", QueryType: "quality", JSON: []byte(`{"model":"risk-assessment"}`), TimeRange: backend.TimeRange{From: testNow, To: testNow.Add(-time.Hour)}},
		{RefID: "empty", QueryType: "dataQuality", JSON: []byte(`{"model":"risk-assessment"}`), TimeRange: backend.TimeRange{From: testNow, To: testNow}},
		{RefID: "forever", QueryType: "fleetHealth", JSON: []byte(`{}`), TimeRange: year1},
		{RefID: "mismatch", QueryType: "latency", JSON: []byte(`{"queryType":"quality","model":"risk-assessment"}`), TimeRange: backend.TimeRange{From: testNow.Add(-time.Hour), To: testNow}},
	}
	good := dataQuery("good", map[string]any{"queryType": "latency", "model": "risk-assessment"}, time.Hour, time.Minute)
	resp := run(t, d, append(bad, good)...)

	want := map[string]string{
		"unknown":  `queryType "nope" is unknown`,
		"noModel":  "model is empty",
		"badModel": `model "ghost" is not in the catalog: use one of risk-assessment`,
		"badJSON":  "not valid JSON",
		"reversed": "swap from and to",
		"empty":    "the time range is empty",
		"forever":  "narrow the range",
		"mismatch": `the request says queryType "latency" but the query JSON says "quality"`,
	}
	for ref, msg := range want {
		r := resp.Responses[ref]
		if r.Error == nil || !strings.Contains(r.Error.Error(), msg) {
			t.Errorf("%s: got error %v, want %q", ref, r.Error, msg)
		}
		if r.ErrorSource != backend.ErrorSourceDownstream || r.Status != backend.StatusBadRequest {
			t.Errorf("%s: a query the user can fix is a downstream 400, got %q %d", ref, r.ErrorSource, r.Status)
		}
	}
	if r := resp.Responses["good"]; r.Error != nil || len(r.Frames) != 1 || r.Frames[0].Rows() == 0 {
		t.Fatalf("the valid query in the same request must still answer: %+v", r)
	}
}

// Grafana's rule test (/api/v1/eval) may send the query type only inside
// the query JSON.
func TestQueriesAreRoutedByTheTypeInTheirJSON(t *testing.T) {
	q := dataQuery("A", map[string]any{"queryType": "latency", "model": "fraud-detection"}, time.Hour, time.Minute)
	q.QueryType = ""
	r := run(t, newTestDatasource(t), q).Responses["A"]
	if r.Error != nil || len(r.Frames) != 1 || r.Frames[0].Name != "latency" {
		t.Fatalf("got %+v", r)
	}
}

func TestDuplicateRefIDsAreRejected(t *testing.T) {
	q := dataQuery("A", map[string]any{"queryType": "latency", "model": "fraud-detection"}, time.Hour, time.Minute)
	r := run(t, newTestDatasource(t), q, q).Responses["A"]
	if r.Error == nil || !strings.Contains(r.Error.Error(), "give each query its own refId") {
		t.Fatalf("two queries with one refId: got %v", r.Error)
	}
}

func TestInvalidSettingsFailQueriesNotThePlugin(t *testing.T) {
	d := newDatasource(t.Context(), settingsFrom(`{"models":[{"id":"x","targets":{"uptime":2}}]}`, nil), fixedNow)
	resp := run(t, d, dataQuery("A", map[string]any{"queryType": "latency", "model": "x"}, time.Hour, time.Minute))
	if err := resp.Responses["A"].Error; err == nil || !strings.Contains(err.Error(), "jsonData.models[0].targets.uptime") {
		t.Fatalf("got %v", err)
	}
	health, _ := d.CheckHealth(t.Context(), &backend.CheckHealthRequest{})
	if health.Status != backend.HealthStatusError || !strings.Contains(health.Message, "targets.uptime") {
		t.Fatalf("health: %+v", health)
	}
}

// A connector that cannot open fails the queries of its role only.
func TestABrokenConnectorFailsOnlyItsRole(t *testing.T) {
	d := newDatasource(t.Context(), settingsFrom(`{"serving":{"connector":"no-such-runtime"},"models":[{"id":"churn"}]}`, nil), fixedNow)
	resp := run(t, d,
		dataQuery("S", map[string]any{"queryType": "latency", "model": "churn"}, time.Hour, time.Minute),
		dataQuery("R", map[string]any{"queryType": "regulations"}, time.Hour, time.Minute))
	if err := resp.Responses["S"].Error; err == nil || !strings.Contains(err.Error(), "jsonData.serving.connector") {
		t.Fatalf("the serving query must name the setting to fix: %v", err)
	}
	if err := resp.Responses["R"].Error; err != nil {
		t.Fatalf("a query needing no connector still answers: %v", err)
	}
}

// A cancelled query returns at once, whatever work it was doing.
func TestACancelledQueryStopsWithin100ms(t *testing.T) {
	d := newTestDatasource(t)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan *backend.QueryDataResponse)
	go func() {
		resp, _ := d.QueryData(ctx, &backend.QueryDataRequest{Queries: []backend.DataQuery{
			dataQuery("A", map[string]any{"queryType": "fleetHealth"}, 365*day, hour),
		}})
		done <- resp
	}()
	time.Sleep(200 * time.Millisecond)
	started := time.Now()
	cancel()
	resp := <-done
	if elapsed := time.Since(started); elapsed > 100*time.Millisecond*raceSlowdown {
		t.Fatalf("the query returned %s after its cancellation", elapsed)
	}
	if r := resp.Responses["A"]; r.Error == nil || r.Status != backend.StatusTimeout {
		t.Fatalf("a cancelled query reports its cancellation: %+v", r)
	}
}

// Hostile intervals and ranges are refused within a second.
func TestUnboundedWorkIsRefusedQuickly(t *testing.T) {
	d := newTestDatasource(t)
	year1 := backend.TimeRange{From: time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)}
	queries := []backend.DataQuery{
		dataQuery("interval", map[string]any{"queryType": "latency", "model": "fraud-detection"}, 6*hour, 9223372036854*time.Millisecond),
	}
	for _, qt := range []string{"latency", "throughput", "errorRate", "utilization"} {
		q := dataQuery(qt, map[string]any{"queryType": qt, "model": "fraud-detection"}, hour, time.Minute)
		q.TimeRange = year1
		queries = append(queries, q)
	}
	started := time.Now()
	resp := run(t, d, queries...)
	if elapsed := time.Since(started); elapsed > time.Second*raceSlowdown {
		t.Fatalf("took %s", elapsed)
	}
	if r := resp.Responses["interval"]; r.Error != nil || r.Frames[0].Rows() != 1 {
		t.Errorf("an interval longer than the range is clamped to one window: %+v", r)
	}
	for _, qt := range []string{"latency", "throughput", "errorRate", "utilization"} {
		if r := resp.Responses[qt]; r.Error == nil || !strings.Contains(r.Error.Error(), "narrow the range") {
			t.Errorf("%s from year 1 to 9999: %v", qt, r.Error)
		}
	}
}

func TestDemoIsDeterministic(t *testing.T) {
	for _, qt := range []string{"latency", "throughput", "errorRate", "quality"} {
		q := dataQuery("A", map[string]any{"queryType": qt, "model": "risk-assessment"}, 7*day, hour)
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
