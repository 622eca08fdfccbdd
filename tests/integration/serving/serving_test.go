// Package serving tests the serving connectors against a real Prometheus
// scraping a real Seldon MLServer, through the data source's own entry
// points. run.sh starts both and drives the load; run alone, it skips.
package serving

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/plugin"
)

// load is what the load generator sent and measured (client side).
type load struct {
	Sent, Failed                int
	MeanMs, P50Ms, P95Ms, P99Ms float64
}

type env struct {
	prometheus, mlserver string
	load                 load
	from                 time.Time
}

func setup(t *testing.T) env {
	e := env{prometheus: os.Getenv("AIPERF_IT_PROMETHEUS"), mlserver: os.Getenv("AIPERF_IT_MLSERVER")}
	if e.prometheus == "" || e.mlserver == "" {
		t.Skip("needs the Prometheus and MLServer that tests/integration/serving/run.sh starts")
	}
	raw, err := os.ReadFile(os.Getenv("AIPERF_IT_LOAD"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &e.load); err != nil {
		t.Fatal(err)
	}
	start, err := strconv.ParseInt(os.Getenv("AIPERF_IT_BURST_START"), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	e.from = time.Unix(start, 0).Add(-90 * time.Second)
	return e
}

// restLatency is the custom-PromQL escape hatch for MLServer's latency: its
// per-model duration is a Summary (a mean), while its REST middleware keeps
// a histogram per route, which is this model's alone on a one-model server.
const restLatency = `sum by (le) (increase(rest_server_request_duration_seconds_bucket{path="/v2/models/{model_name}/infer",method="POST"}[${window}]))`

func datasource(t *testing.T, e env, custom bool) *plugin.Datasource {
	serving := map[string]any{"connector": "prometheus", "url": e.prometheus, "models": []any{map[string]any{"id": "iris"}}}
	if custom {
		serving["customQueries"] = []any{map[string]any{"series": "latency", "expr": restLatency, "scale": 1000}}
	}
	jsonData, _ := json.Marshal(map[string]any{
		"demoEnabled": false,
		"models":      []any{map[string]any{"id": "iris", "name": "Iris classifier"}},
		"serving":     serving,
		"endpoints": map[string]any{"connector": "live", "endpoints": []any{
			map[string]any{"name": "mlserver", "protocol": "oip", "url": e.mlserver, "models": []string{"iris"}}}},
	})
	inst, err := plugin.NewDatasource(t.Context(), backend.DataSourceInstanceSettings{UID: "it", JSONData: jsonData})
	if err != nil {
		t.Fatal(err)
	}
	return inst.(*plugin.Datasource)
}

// query runs one query over [from, now] with one step covering the range.
func query(t *testing.T, d *plugin.Datasource, e env, queryType string) (data.Frames, time.Time) {
	t.Helper()
	now := time.Now()
	body, _ := json.Marshal(map[string]any{"queryType": queryType, "model": "iris"})
	resp, err := d.QueryData(t.Context(), &backend.QueryDataRequest{Queries: []backend.DataQuery{{
		RefID: "A", QueryType: queryType, JSON: body, Interval: time.Minute,
		TimeRange: backend.TimeRange{From: e.from, To: now}}}})
	if err != nil {
		t.Fatal(err)
	}
	r := resp.Responses["A"]
	if r.Error != nil {
		t.Fatalf("%s: %v", queryType, r.Error)
	}
	return r.Frames, now
}

// column reads a frame's number field by name, nil values as NaN.
func column(t *testing.T, f *data.Frame, name string) []float64 {
	t.Helper()
	field, _ := f.FieldByName(name)
	if field == nil {
		t.Fatalf("frame %s has no field %s", f.Name, name)
	}
	out := make([]float64, field.Len())
	for i := range out {
		v, ok := field.ConcreteAt(i)
		if !ok {
			out[i] = math.NaN()
			continue
		}
		out[i] = v.(float64)
	}
	return out
}

func TestRequestsErrorsAndLatencyMatchTheLoad(t *testing.T) {
	e := setup(t)
	d := datasource(t, e, false)

	// Requests: throughput × each window's length, summed. Prometheus's
	// increase() extrapolates each window's samples to its edges, which
	// can add up to a scrape interval (1 s) over the seconds the counter
	// was sampled in the window: within 5%.
	frames, now := query(t, d, e, "throughput")
	times := frames[0].Fields[0]
	rates := column(t, frames[0], "requests")
	var requests float64
	for i, rate := range rates {
		if math.IsNaN(rate) {
			continue
		}
		start := times.At(i).(time.Time)
		from, to := maxTime(start, e.from), minTime(start.Add(time.Minute), now)
		requests += rate * to.Sub(from).Seconds()
	}
	t.Logf("sent %d requests (%d failing); the data source counts %.1f", e.load.Sent, e.load.Failed, requests)
	if math.Abs(requests-float64(e.load.Sent)) > 0.05*float64(e.load.Sent) {
		t.Errorf("requests: got %.1f, want %d ± 5%%", requests, e.load.Sent)
	}

	// Error rate: successes and failures are sampled at the same scrapes,
	// so extrapolation scales both alike; ±1 point.
	frames, _ = query(t, d, e, "errorRate")
	var errs, weight float64
	for i, r := range column(t, frames[0], "errorRate") {
		if !math.IsNaN(r) && rates[i] > 0 {
			errs += r * rates[i]
			weight += rates[i]
		}
	}
	want := float64(e.load.Failed) / float64(e.load.Sent)
	t.Logf("error rate: sent %.3f, data source %.3f", want, errs/weight)
	if weight == 0 || math.Abs(errs/weight-want) > 0.01 {
		t.Errorf("error rate: got %.4f, want %.4f ± 0.01", errs/weight, want)
	}

	// Latency: MLServer's per-model duration is a Summary with no buckets,
	// so the data source reports its mean, labelled as a mean. It is timed
	// inside the server, so it is below the client's mean (which adds the
	// HTTP round trip) but not by more than the client's overhead.
	frames, _ = query(t, d, e, "latency")
	if len(frames[0].Meta.Notices) == 0 || !strings.Contains(frames[0].Meta.Notices[0].Text, "mean latency") {
		t.Errorf("a runtime without a histogram must say its latency is a mean: notices %+v", frames[0].Meta.Notices)
	}
	mean := weightedMean(column(t, frames[0], "mean"), rates)
	t.Logf("mean latency: client %.2f ms, server (data source) %.2f ms", e.load.MeanMs, mean)
	if !(mean > 0 && mean <= e.load.MeanMs*1.05) {
		t.Errorf("server-side mean latency %.2f ms should be positive and at most the client's %.2f ms", mean, e.load.MeanMs)
	}
}

func TestAvailabilityFromUpIsWholeWhileTheServerRan(t *testing.T) {
	// Prometheus starts after MLServer is ready and both run throughout:
	// every scrape found it up.
	e := setup(t)
	frames, _ := query(t, datasource(t, e, false), e, "availability")
	measured := 0
	for i, v := range column(t, frames[0], "availability") {
		if math.IsNaN(v) {
			continue
		}
		measured++
		if v != 1 {
			t.Errorf("window %d: availability %v, want 1", i, v)
		}
	}
	if measured == 0 {
		t.Fatal("no window measured availability")
	}
}

func TestLatencyPercentilesFromTheHistogramMatchTheLoad(t *testing.T) {
	e := setup(t)
	d := datasource(t, e, true)
	// run.sh keeps the burst inside one minute: read the busiest window.
	throughput, _ := query(t, d, e, "throughput")
	rates := column(t, throughput[0], "requests")
	at := -1
	for i, v := range rates {
		if !math.IsNaN(v) && (at < 0 || v > rates[at]) {
			at = i
		}
	}
	if at < 0 {
		t.Fatal("no window has requests")
	}
	frames, _ := query(t, d, e, "latency")
	// Every request's server time is below its client time, so each
	// server percentile is at most the client's; histogram_quantile places
	// it inside its bucket, so at most that bucket's upper bound. The
	// median's HTTP overhead on loopback is under a bucket's width, so the
	// p50 lies in the client's bucket or the one below. (The client's p99
	// also holds its own stalls on a busy machine: only bounded above.)
	bounds := []float64{5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000, math.Inf(1)} // prometheus_client's default, in ms
	bucket := func(ms float64) int { return slices.IndexFunc(bounds, func(b float64) bool { return ms <= b }) }
	for _, c := range []struct {
		field  string
		client float64
	}{{"p50", e.load.P50Ms}, {"p95", e.load.P95Ms}, {"p99", e.load.P99Ms}} {
		got := column(t, frames[0], c.field)[at]
		t.Logf("%s: client %.2f ms, data source %.2f ms", c.field, c.client, got)
		if math.IsNaN(got) || got <= 0 || got > bounds[bucket(c.client)] {
			t.Errorf("%s: data source %.2f ms should be positive and at most %.0f ms, the top of the client's %.2f ms bucket", c.field, got, bounds[bucket(c.client)], c.client)
		}
	}
	if p50 := column(t, frames[0], "p50")[at]; bucket(p50) < bucket(e.load.P50Ms)-1 {
		t.Errorf("p50: data source %.2f ms is more than a bucket below the client's %.2f ms", p50, e.load.P50Ms)
	}
}

func TestHealthAndReadinessThenUnload(t *testing.T) {
	e := setup(t)
	d := datasource(t, e, false)
	health, err := d.CheckHealth(t.Context(), &backend.CheckHealthRequest{})
	if err != nil || health.Status != backend.HealthStatusOk {
		t.Fatalf("health: %+v %v", health, err)
	}
	t.Log("health:", health.Message)

	if ready := readiness(t, d, e); ready == nil || !*ready {
		t.Fatalf("iris should be ready, got %v", ready)
	}
	resp, err := http.Post(e.mlserver+"/v2/repository/models/iris/unload", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("unload: HTTP %d", resp.StatusCode)
	}
	if ready := readiness(t, d, e); ready == nil || *ready {
		t.Fatalf("iris was unloaded: it must not be ready, got %v", ready)
	}
}

// readiness returns the live connector's verdict on iris.
func readiness(t *testing.T, d *plugin.Datasource, e env) *bool {
	t.Helper()
	frames, _ := query(t, d, e, "readiness")
	f := frames[0]
	models, _ := f.FieldByName("model")
	ready, _ := f.FieldByName("ready")
	for i := 0; i < f.Rows(); i++ {
		if models.At(i).(string) == "iris" {
			t.Logf("readiness row: %s", rowString(f, i))
			return ready.At(i).(*bool)
		}
	}
	t.Fatalf("no readiness row for iris in %d rows", f.Rows())
	return nil
}

func rowString(f *data.Frame, i int) string {
	var parts []string
	for _, field := range f.Fields {
		v, _ := field.ConcreteAt(i)
		parts = append(parts, fmt.Sprintf("%s=%v", field.Name, v))
	}
	return strings.Join(parts, " ")
}

func weightedMean(values, weights []float64) float64 {
	var sum, w float64
	for i, v := range values {
		if !math.IsNaN(v) && weights[i] > 0 {
			sum += v * weights[i]
			w += weights[i]
		}
	}
	return sum / w
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
