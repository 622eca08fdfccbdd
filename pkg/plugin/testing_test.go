package plugin

import (
	"encoding/json"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"gopkg.in/yaml.v3"
)

// testNow fixes the demo's anchor so every test sees the same fleet.
var testNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

const (
	day  = 24 * time.Hour
	hour = time.Hour
)

func fixedNow() time.Time { return testNow }

func settingsFrom(jsonData string, secrets map[string]string) backend.DataSourceInstanceSettings {
	return backend.DataSourceInstanceSettings{UID: "test", JSONData: []byte(jsonData), DecryptedSecureJSONData: secrets}
}

func newTestDatasource(t *testing.T) *Datasource {
	t.Helper()
	d := newDatasource(t.Context(), settingsFrom(`{}`, nil), fixedNow)
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

type capture struct{ resp *backend.CallResourceResponse }

func (c *capture) Send(r *backend.CallResourceResponse) error { c.resp = r; return nil }

func callResource(t *testing.T, d *Datasource, path, rawURL string) (int, string) {
	t.Helper()
	var c capture
	if err := d.CallResource(t.Context(), &backend.CallResourceRequest{Method: http.MethodGet, Path: path, URL: rawURL}, &c); err != nil {
		t.Fatal(err)
	}
	return c.resp.Status, string(c.resp.Body)
}

// newProvisionedDemo builds the demo instance exactly as provisioning
// declares it (provisioning/datasources/aiperf.yaml).
func newProvisionedDemo(t *testing.T) *Datasource {
	t.Helper()
	raw, err := os.ReadFile("../../provisioning/datasources/aiperf.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Datasources []struct {
			UID      string         `yaml:"uid"`
			JSONData map[string]any `yaml:"jsonData"`
		} `yaml:"datasources"`
	}
	if err := yaml.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	for _, ds := range file.Datasources {
		if ds.UID == "aiperf-demo" {
			jsonData, _ := json.Marshal(ds.JSONData)
			d := newDatasource(t.Context(), settingsFrom(string(jsonData), nil), fixedNow)
			if d.settingsErr != nil {
				t.Fatal(d.settingsErr)
			}
			return d
		}
	}
	t.Fatal("provisioning declares no aiperf-demo data source")
	return nil
}
