package plugin

import (
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/aiperf/monitor/pkg/query"
)

// FuzzQueryData drives arbitrary query types, bodies, ranges and intervals
// through the whole query path. No input may panic (a recovered panic shows
// as an internal error) or hang: every answer is data or a clear error.
func FuzzQueryData(f *testing.F) {
	now := testNow.Unix()
	seeds := []struct {
		queryType, body string
		from, to        int64
		intervalMs      int64
	}{
		{"dataQuality", `{"model":"risk-assessment"}`, now, now, 1000},
		{"fairness", `{"model":"risk-assessment"}`, now, now - 3600, 60000},
		{"driftDistribution", `{"model":"risk-assessment","feature":"income"}`, 0, 0, 0},
		{"driftDistribution", `{"model":"risk-assessment","feature":"income"}`, -62135596800, -62135596800, 0},
		{"latency", `{"model":"fraud-detection"}`, now - 3600, now, 9223372036854},
		{"throughput", `{"model":"fraud-detection"}`, -62135596800, 253402214400, 60000},
		{"", `{"queryType":"quality","model":"demand-forecast"}`, now - 86400, now, 3600000},
		{"fleetHealth", `{"model":"` + string(make([]byte, 300)) + `"}`, now - 3600, now, 60000},
		{"cost", `{"groupBy":"provider"}`, now - 86400, now, 60000},
		{"quality", `{"model":"risk-assessment","metrics":["nope"]}`, now - 86400, now + 86400, -5},
		{"burnRate", `{}`, now - 60, now - 59, 1},
		{"regulations", `not json`, now - 60, now, 1},
	}
	for _, info := range query.Types {
		seeds = append(seeds, struct {
			queryType, body string
			from, to        int64
			intervalMs      int64
		}{string(info.Value), `{"model":"customer-ai-assistant","feature":"intent","attribute":"language"}`, now - 7200, now, 600000})
	}
	for _, s := range seeds {
		f.Add(s.queryType, s.body, s.from, s.to, s.intervalMs)
	}
	d := newDatasource(f.Context(), settingsFrom(`{}`, nil), fixedNow)
	f.Fuzz(func(t *testing.T, queryType, body string, from, to, intervalMs int64) {
		q := backend.DataQuery{
			RefID: "A", QueryType: queryType, JSON: []byte(body), Interval: time.Duration(intervalMs) * time.Millisecond,
			TimeRange: backend.TimeRange{From: time.Unix(from, 0), To: time.Unix(to, 0)},
		}
		resp := run(t, d, q)
		r, ok := resp.Responses["A"]
		if !ok {
			t.Fatal("no response for the query")
		}
		if r.Error != nil && r.Status == backend.StatusInternal {
			t.Fatalf("internal error (a bug, not the input's fault): %v", r.Error)
		}
	})
}
