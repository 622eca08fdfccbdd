package plugin

import (
	"fmt"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

func TestSettingsDefaultToTheDemoFleet(t *testing.T) {
	s, err := LoadSettings(settingsFrom(`{}`, nil))
	if err != nil {
		t.Fatal(err)
	}
	if !s.DemoEnabled || len(s.Roles) != 0 {
		t.Fatalf("an instance with nothing configured is the demo: %+v", s)
	}
	if got := s.Catalog.TargetsFor("fraud-detection").Uptime; got != 0.995 {
		t.Errorf("uptime target default: got %v, want 0.995", got)
	}
}

func TestSettingsKeepDeclaredModels(t *testing.T) {
	s, err := LoadSettings(settingsFrom(`{"demoEnabled":false,"models":[{"id":"churn","name":"Churn","targets":{"p95LatencyMs":120}}]}`, nil))
	if err != nil {
		t.Fatal(err)
	}
	if s.DemoEnabled || len(s.Catalog.Models) != 1 || s.Catalog.TargetsFor("churn").P95LatencyMs != 120 {
		t.Fatalf("got %+v", s)
	}
}

func TestSettingsNameEachRoleAndScopeItsSecrets(t *testing.T) {
	jsonData := `{"inference":{"connector":"postgres","host":"db"},"serving":{"connector":"prometheus","url":"http://p"},
		"billing":[{"connector":"focus","name":"cloud"},{"connector":"openai","name":"llm"}]}`
	secrets := map[string]string{"inference.password": "pw", "billing.llm.apiKey": "sk", "serving.bearerToken": "tok", "other": "x"}
	s, err := LoadSettings(settingsFrom(jsonData, secrets))
	if err != nil {
		t.Fatal(err)
	}
	if s.DemoEnabled {
		t.Fatal("configured connectors turn the default demo off")
	}
	got := map[string]RoleConfig{}
	for _, r := range s.Roles {
		got[r.Field] = r
	}
	if len(got) != 4 || got["inference"].Connector != "postgres" || got["billing[1]"].Name != "llm" {
		t.Fatalf("roles %+v", s.Roles)
	}
	if got["inference"].Secrets["password"] != "pw" || len(got["inference"].Secrets) != 1 {
		t.Errorf("inference secrets %v, want only its password", got["inference"].Secrets)
	}
	if got["billing[1]"].Secrets["apiKey"] != "sk" || len(got["billing[0]"].Secrets) != 0 {
		t.Errorf("each billing feed sees only its own secrets")
	}
	if !strings.Contains(string(got["inference"].Options), `"host":"db"`) {
		t.Errorf("the connector receives its own options: %s", got["inference"].Options)
	}
}

func TestSettingsErrorsNameEveryInvalidField(t *testing.T) {
	_, err := LoadSettings(settingsFrom(`{"models":[{"id":"ok"},{"id":"Bad Id"},{"id":"x","targets":{"p95LatencyMs":-5,"uptime":99.5}}],
		"regulations":[{"regulation":"GDPR","nextReview":"soon"}],"inference":{"host":"db"},"billing":[{"connector":"focus"}],"demoEnabled":true,"serving":{"connector":"prometheus"}}`, nil))
	if err == nil {
		t.Fatal("expected validation errors")
	}
	for _, want := range []string{
		"jsonData.models[1].id: must be lowercase",
		"jsonData.models[2].targets.p95LatencyMs: must be > 0 (got -5)",
		"jsonData.models[2].targets.uptime: is a ratio between 0 and 1 (got 99.5",
		"jsonData.regulations[0].nextReview: must be a date YYYY-MM-DD",
		"jsonData.inference.connector: is empty: choose a connector in the Inference logs section",
		"jsonData.billing[0].name: must be lowercase",
		"jsonData.demoEnabled: is on while connectors are configured (serving)",
		"fix it in the data source settings",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

// A huge invalid catalog gives a bounded error: the first twenty fields and a count.
func TestSettingsErrorsAreBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"models":[`)
	for i := range 100_000 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"id":"BAD %d"}`, i)
	}
	b.WriteString(`]}`)
	_, err := LoadSettings(settingsFrom(b.String(), nil))
	if err == nil || len(err.Error()) > 5000 || !strings.Contains(err.Error(), "and 99980 more errors") {
		t.Fatalf("error of %d bytes; want twenty fields and a count", len(err.Error()))
	}
}

func TestSettingsRejectMalformedJSONWithoutEchoingIt(t *testing.T) {
	_, err := LoadSettings(settingsFrom(`{"demoEnabled":"sk-live-123"}`, nil))
	if err == nil || !strings.Contains(err.Error(), "demoEnabled must be a bool") {
		t.Fatalf("got %v", err)
	}
	if strings.Contains(err.Error(), "sk-live-123") {
		t.Fatal("the error echoes the submitted value")
	}
}

func TestSecretsNeverAppearInErrorsOrHealth(t *testing.T) {
	const secret = "super-secret-token-value"
	secrets := map[string]string{"inference.password": secret, "serving.bearerToken": secret}
	for _, jsonData := range []string{`{"models":[{"id":"BAD"}]}`, `{"inference":{"connector":"postgres"},"serving":{"connector":"nope"}}`} {
		if _, err := LoadSettings(settingsFrom(jsonData, secrets)); err != nil && strings.Contains(err.Error(), secret) {
			t.Fatalf("a settings error contains the secret: %v", err)
		}
		d := newDatasource(t.Context(), settingsFrom(jsonData, secrets), fixedNow)
		res, _ := d.CheckHealth(t.Context(), &backend.CheckHealthRequest{})
		if strings.Contains(res.Message, secret) {
			t.Fatal("the health message contains the secret")
		}
		resp := run(t, d, dataQuery("A", map[string]any{"queryType": "latency", "model": "x"}, day, hour))
		if err := resp.Responses["A"].Error; err == nil || strings.Contains(err.Error(), secret) {
			t.Fatalf("the query must fail without the secret in its error: %v", err)
		}
	}
}
