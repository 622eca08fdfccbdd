package plugin

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// testNow fixes the demo's anchor so every test sees the same fleet.
var testNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func fixedNow() time.Time { return testNow }

func newTestDatasource(t *testing.T) *Datasource {
	t.Helper()
	d := newDatasource(settingsFrom(`{}`, nil), fixedNow)
	if d.settingsErr != nil {
		t.Fatal(d.settingsErr)
	}
	return d
}

// dataQuery builds one query over the last `span` before testNow.
func dataQuery(refID string, body map[string]any, span, interval time.Duration) backend.DataQuery {
	raw, _ := json.Marshal(body)
	qt, _ := body["queryType"].(string)
	return backend.DataQuery{
		RefID: refID, QueryType: qt, JSON: raw, Interval: interval,
		TimeRange: backend.TimeRange{From: testNow.Add(-span), To: testNow},
	}
}

func run(t *testing.T, d *Datasource, queries ...backend.DataQuery) *backend.QueryDataResponse {
	t.Helper()
	resp, err := d.QueryData(t.Context(), &backend.QueryDataRequest{Queries: queries})
	if err != nil {
		t.Fatal(err)
	}
	return resp
}
