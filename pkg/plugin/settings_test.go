package plugin

import (
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

func settingsFrom(jsonData string, secrets map[string]string) backend.DataSourceInstanceSettings {
	return backend.DataSourceInstanceSettings{UID: "test", JSONData: []byte(jsonData), DecryptedSecureJSONData: secrets}
}

func TestSettingsDefaultToTheDemoFleet(t *testing.T) {
	s, err := LoadSettings(settingsFrom(`{}`, nil))
	if err != nil {
		t.Fatal(err)
	}
	if !s.DemoEnabled {
		t.Error("the demo should be on when demoEnabled is unset")
	}
	if len(s.Catalog.Models) != 5 {
		t.Errorf("the demo catalog should declare 5 models, got %d", len(s.Catalog.Models))
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

func TestSettingsErrorsNameEveryInvalidField(t *testing.T) {
	_, err := LoadSettings(settingsFrom(`{"models":[{"id":"ok"},{"id":"Bad Id"},{"id":"x","targets":{"p95LatencyMs":-5,"uptime":99.5}}],"regulations":[{"regulation":"GDPR","nextReview":"soon"}]}`, nil))
	if err == nil {
		t.Fatal("expected validation errors")
	}
	for _, want := range []string{
		"jsonData.models[1].id: must be lowercase",
		"jsonData.models[2].targets.p95LatencyMs: must be > 0 (got -5)",
		"jsonData.models[2].targets.uptime: is a ratio between 0 and 1 (got 99.5",
		"jsonData.regulations[0].nextReview: must be a date YYYY-MM-DD",
		"fix it in the data source settings",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
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

func TestSecretsNeverAppearInErrorsOrFormatting(t *testing.T) {
	const secret = "super-secret-token-value"
	s, err := LoadSettings(settingsFrom(`{}`, map[string]string{"apiKey": secret}))
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := s.Secret("apiKey"); !ok || v != secret {
		t.Fatal("the secret should be readable through Secret")
	}
	_, err = LoadSettings(settingsFrom(`{"models":[{"id":"BAD"}]}`, map[string]string{"apiKey": secret}))
	if err == nil || strings.Contains(err.Error(), secret) {
		t.Fatalf("error must exist and must not contain the secret: %v", err)
	}
	d := newDatasource(settingsFrom(`{"models":[{"id":"BAD"}]}`, map[string]string{"apiKey": secret}), fixedNow)
	res, _ := d.CheckHealth(t.Context(), &backend.CheckHealthRequest{})
	if strings.Contains(res.Message, secret) {
		t.Fatal("the health message contains the secret")
	}
}
