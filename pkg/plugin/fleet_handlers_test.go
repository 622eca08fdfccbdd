package plugin

import (
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/query"
)

func TestFleetHandlersThroughQueryData(t *testing.T) {
	d := newTestDatasource(t)
	resp := run(t, d,
		dataQuery("A", map[string]any{"queryType": string(query.QueryTypeCostSummary)}, 7*24*time.Hour, time.Hour),
		dataQuery("B", map[string]any{"queryType": string(query.QueryTypeIncidents), "model": "no-such-model"}, 24*time.Hour, time.Hour),
		dataQuery("C", map[string]any{"queryType": string(query.QueryTypeRegulations)}, 24*time.Hour, time.Hour),
	)
	if a := resp.Responses["A"]; a.Error != nil || len(a.Frames) != 1 || a.Frames[0].Name != "costSummary" || a.Frames[0].RefID != "A" {
		t.Errorf("costSummary: error %v, frames %v", a.Error, a.Frames)
	}
	if b := resp.Responses["B"]; b.Error == nil {
		t.Errorf("incidents of an unknown model: want that query alone to fail")
	}
	if c := resp.Responses["C"]; c.Error != nil || len(c.Frames) != 1 || c.Frames[0].Rows() == 0 {
		t.Errorf("regulations: error %v, want the demo register", c.Error)
	}
}
