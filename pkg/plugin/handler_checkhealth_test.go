package plugin

import (
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

func health(t *testing.T, jsonData string) *backend.CheckHealthResult {
	t.Helper()
	d := newDatasource(t.Context(), settingsFrom(jsonData, nil), fixedNow)
	res, err := d.CheckHealth(t.Context(), &backend.CheckHealthRequest{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestHealthOfTheDemo(t *testing.T) {
	if res := health(t, `{}`); res.Status != backend.HealthStatusOk || !strings.Contains(res.Message, "Demo fleet: OK (5 simulated models)") {
		t.Fatalf("%+v", res)
	}
}

// Declaring models the demo does not simulate breaks every query on them:
// the health check says which and how to fix it.
func TestHealthNamesDeclaredModelsTheDemoDoesNotServe(t *testing.T) {
	res := health(t, `{"models":[{"id":"churn"},{"id":"risk-assessment","owner":"Me"}]}`)
	if res.Status != backend.HealthStatusError || !strings.Contains(res.Message, "models churn are declared but the demo fleet does not simulate them") {
		t.Fatalf("%+v", res)
	}
	if strings.Contains(res.Message, "risk-assessment are") {
		t.Fatal("a declared model the demo simulates is fine")
	}
}

// Each role gets its own verdict, naming the setting to fix.
func TestHealthReportsEachRole(t *testing.T) {
	res := health(t, `{"serving":{"connector":"nope"},"billing":[{"connector":"focus","name":"cloud"}]}`)
	if res.Status != backend.HealthStatusError {
		t.Fatalf("%+v", res)
	}
	for _, want := range []string{"Serving telemetry (nope): failed: jsonData.serving.connector", "Billing cloud (focus): failed: jsonData.billing[0].location: is empty"} {
		if !strings.Contains(res.Message, want) {
			t.Errorf("health %q lacks %q", res.Message, want)
		}
	}
}

func TestHealthWithNothingConfigured(t *testing.T) {
	if res := health(t, `{"demoEnabled":false}`); res.Status != backend.HealthStatusError || !strings.Contains(res.Message, "No connection is configured") {
		t.Fatalf("%+v", res)
	}
}
