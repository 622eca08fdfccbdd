package plugin

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestResourceRoutes(t *testing.T) {
	d := newTestDatasource(t)

	status, body := callResource(t, d, "models", "models")
	var models []modelInfo
	if status != 200 || json.Unmarshal([]byte(body), &models) != nil || len(models) != 5 || models[0].ID != "risk-assessment" || models[0].Origin != "registry" {
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
	if status != 200 || !strings.Contains(body, `"value":"driftTrend"`) {
		t.Fatalf("query-types: %d %s", status, body)
	}
	status, body = callResource(t, d, "measures", "measures")
	if status != 200 || !strings.Contains(body, `{"value":"fairness","description":"fairness criteria missing their target, per sensitive attribute","dimension":"attribute","lookback":"168h0m0s"}`) {
		t.Fatalf("measures: %d %s", status, body)
	}
}

// The user's mistakes are 400 or 404 with the fix, never a 5xx, and never
// echo a pasted value whole.
func TestResourceErrorsAreTheUsers(t *testing.T) {
	d := newTestDatasource(t)
	long := strings.Repeat("m", 1<<20)
	cases := []struct {
		path, url string
		status    int
		want      string
	}{
		{"features", "features", 400, "add ?model=<id>"},
		{"features", "features?model=ghost", 404, `model "ghost" is not in the catalog`},
		{"attributes", "attributes?model=" + long, 404, "more characters"},
		{"nope", "nope", 404, "use GET models, features, attributes, measures, query-types, compliance-report, inference/columns or inference/preview"},
	}
	for _, c := range cases {
		status, body := callResource(t, d, c.path, c.url)
		var e struct{ Error string }
		_ = json.Unmarshal([]byte(body), &e)
		if status != c.status || !strings.Contains(e.Error, c.want) || len(body) > 1000 {
			t.Errorf("%s: %d %.200s; want %d with %q in a short body", c.path, status, body, c.status, c.want)
		}
	}
}

// Declared models join the registry's; the editor says where each came from.
func TestModelsMergeDeclaredFactsOverTheRegistry(t *testing.T) {
	d := newDatasource(t.Context(), settingsFrom(`{"models":[{"id":"fraud-detection","owner":"Risk Ops"}]}`, nil), fixedNow)
	_, body := callResource(t, d, "models", "models")
	var models []modelInfo
	if err := json.Unmarshal([]byte(body), &models); err != nil {
		t.Fatal(err)
	}
	if len(models) != 5 || models[0].ID != "fraud-detection" || models[0].Origin != "settings over registry" || models[0].Name != "Fraud Detection" {
		t.Fatalf("models %+v", models)
	}
}
