package plugin

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

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

func TestResourceRoutes(t *testing.T) {
	d := newTestDatasource(t)

	status, body := callResource(t, d, "models", "models")
	var models []modelInfo
	if status != 200 || json.Unmarshal([]byte(body), &models) != nil || len(models) != 5 || models[0].ID != "risk-assessment" {
		t.Fatalf("models: %d %s", status, body)
	}

	status, body = callResource(t, d, "features", "features?model=risk-assessment")
	var features []featureInfo
	if status != 200 || json.Unmarshal([]byte(body), &features) != nil || len(features) < 4 {
		t.Fatalf("features: %d %s", status, body)
	}
	kinds := map[string]bool{}
	for _, f := range features {
		kinds[f.Kind] = true
	}
	if !kinds["numeric"] || !kinds["categorical"] {
		t.Fatalf("features should mix numeric and categorical: %s", body)
	}

	status, body = callResource(t, d, "attributes", "attributes?model=risk-assessment")
	if status != 200 || !strings.Contains(body, "gender") {
		t.Fatalf("attributes: %d %s", status, body)
	}

	status, body = callResource(t, d, "query-types", "query-types")
	if status != 200 || !strings.Contains(body, `"value":"driftDistribution"`) || !strings.Contains(body, `"needsFeature":true`) {
		t.Fatalf("query-types: %d %s", status, body)
	}
}

func TestResourceErrors(t *testing.T) {
	d := newTestDatasource(t)
	cases := []struct {
		path, url string
		status    int
		msg       string
	}{
		{"features", "features", 400, "model parameter is missing"},
		{"attributes", "attributes?model=ghost", 404, `model \"ghost\" is not in the catalog`},
		{"nope", "nope", 404, "no resource"},
	}
	for _, c := range cases {
		status, body := callResource(t, d, c.path, c.url)
		if status != c.status || !strings.Contains(body, c.msg) {
			t.Errorf("%s: %d %s", c.url, status, body)
		}
	}
}

func TestCheckHealthReportsTheDemo(t *testing.T) {
	res, err := newTestDatasource(t).CheckHealth(t.Context(), &backend.CheckHealthRequest{})
	if err != nil || res.Status != backend.HealthStatusOk || !strings.Contains(res.Message, "demo fleet: OK (5 models)") {
		t.Fatalf("%+v %v", res, err)
	}
	off := newDatasource(settingsFrom(`{"demoEnabled":false}`, nil), fixedNow)
	res, _ = off.CheckHealth(t.Context(), &backend.CheckHealthRequest{})
	if res.Status != backend.HealthStatusError || !strings.Contains(res.Message, "No connector is configured") {
		t.Fatalf("%+v", res)
	}
}
