package mlflow

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/fault"
)

const canary = "canary-7f3d-do-not-print"

// fakeMLflow serves the REST shapes MLflow 3 returns (recorded from a real
// tracking server), two models per page and two versions per page, and
// demands the credentials it is given.
func fakeMLflow(t *testing.T, user, password, token string) *httptest.Server {
	t.Helper()
	models := []registeredModel{
		{Name: "Risk Assessment", Description: "credit scoring", Tags: []tag{{"owner", "Credit Risk"}, {"risk_class", "HIGH"}, {"intended_purpose", "loan decisions"}, {"task", "binary"}, {"primary_metric", "accuracy"}},
			Aliases: []alias{{"champion", "2"}}},
		{Name: "Demand Forecast", Tags: []tag{{"team", "Supply"}}},
		{Name: "Churn", LatestVersions: []modelVersion{{Name: "Churn", Version: "1", CurrentStage: "Staging"}}},
	}
	versions := []modelVersion{
		{Name: "Risk Assessment", Version: "1", CreationTimestamp: 1700000000000, CurrentStage: "Archived", Status: "READY", Tags: []tag{{"version", "4.1.0"}}},
		{Name: "Risk Assessment", Version: "2", CreationTimestamp: 1710000000000, CurrentStage: "None", Status: "READY", Tags: []tag{{"version", "4.2.1"}}},
		{Name: "Demand Forecast", Version: "1", CreationTimestamp: 1705000000000, CurrentStage: "Production", Status: "READY"},
	}
	page := func(w http.ResponseWriter, r *http.Request, n int, emit func(from, to int) any) {
		from := 0
		if tok := r.URL.Query().Get("page_token"); tok != "" {
			from = int(tok[0] - '0')
		}
		to := min(from+2, n)
		out := emit(from, to)
		if to < n {
			b, _ := json.Marshal(out)
			var m map[string]any
			_ = json.Unmarshal(b, &m)
			m["next_page_token"] = string(rune('0' + to))
			out = m
		}
		_ = json.NewEncoder(w).Encode(out)
	}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, p, basic := r.BasicAuth()
		switch {
		case token != "" && r.Header.Get("Authorization") != "Bearer "+token,
			user != "" && (!basic || u != user || p != password):
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte("You are not authenticated."))
			return
		}
		switch r.URL.Path {
		case "/api/2.0/mlflow/registered-models/search":
			page(w, r, len(models), func(from, to int) any { return searchModelsResponse{RegisteredModels: models[from:to]} })
		case "/api/2.0/mlflow/model-versions/search":
			page(w, r, len(versions), func(from, to int) any { return searchVersionsResponse{ModelVersions: versions[from:to]} })
		default:
			http.NotFound(w, r)
		}
	}))
}

func open(t *testing.T, url, options string, secrets map[string]string) *Registry {
	t.Helper()
	r, err := Open("registry", json.RawMessage(strings.Replace(options, "URL", url, 1)), secrets)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestModelsFollowEveryPageAndReadTheTags(t *testing.T) {
	srv := fakeMLflow(t, "", "", "")
	defer srv.Close()
	models, err := open(t, srv.URL, `{"url": "URL", "versionTag": "version"}`, nil).Models(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(models) != 3 || models[0].ID != "risk-assessment" || models[1].ID != "demand-forecast" || models[2].ID != "churn" {
		t.Fatalf("models %+v: want all three across two pages, ids made of the names", models)
	}
	risk := models[0]
	if risk.Owner != "Credit Risk" || risk.RiskClass != "high" || risk.IntendedPurpose != "loan decisions" || risk.Task != "binary" || risk.PrimaryMetric != "accuracy" || risk.Description != "credit scoring" {
		t.Errorf("risk %+v: facts from the default tag keys", risk)
	}
	if risk.Version != "4.2.1" || risk.Registry.ProductionBy != `alias "champion"` || !risk.Registry.ProductionSince.Equal(time.UnixMilli(1710000000000).UTC()) {
		t.Errorf("risk registry %+v: champion is version 2, tagged 4.2.1", risk.Registry)
	}
	if len(risk.Registry.Versions) != 2 || risk.Registry.Versions[0].Number != "2" || risk.Registry.Versions[1].Stage != "Archived" {
		t.Errorf("risk versions %+v: newest first with stages", risk.Registry.Versions)
	}
	if f := models[1]; f.Version != "1" || f.Registry.ProductionBy != `stage "Production"` || f.Owner != "" {
		t.Errorf("demand forecast %+v: production from the stage, the number without a version tag, no owner tag", f)
	}
	if c := models[2]; c.Version != "" || c.Registry.ProductionVersion != "" || len(c.Registry.Versions) != 1 {
		t.Errorf("churn %+v: a staging version is not production", c.Registry)
	}
}

func TestConfigurableTagKeysAndAlias(t *testing.T) {
	srv := fakeMLflow(t, "", "", "")
	defer srv.Close()
	models, err := open(t, srv.URL, `{"url": "URL", "productionAlias": "prod", "tagKeys": {"owner": "team"}}`, nil).Models(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if models[1].Owner != "Supply" || models[0].Owner != "" {
		t.Errorf("owners %q %q: read from the team tag", models[0].Owner, models[1].Owner)
	}
	if models[0].Version != "" {
		t.Errorf("risk version %q: no version carries the prod alias", models[0].Version)
	}
}

func TestCredentialsAreSentAndNeverShown(t *testing.T) {
	srv := fakeMLflow(t, "reader", canary, "")
	defer srv.Close()
	if _, err := open(t, srv.URL, `{"url": "URL"}`, map[string]string{"username": "reader", "password": canary}).CheckHealth(t.Context()); err != nil {
		t.Fatalf("right credentials: %v", err)
	}
	for name, secrets := range map[string]map[string]string{
		"wrong password": {"username": "reader", "password": canary + "x"},
		"token instead":  {"token": canary},
	} {
		_, err := open(t, srv.URL, `{"url": "URL"}`, secrets).Models(t.Context())
		if err == nil || !fault.IsUser(err) || !strings.Contains(err.Error(), "refused the credentials (HTTP 401)") {
			t.Errorf("%s: err = %v, want the user's 401", name, err)
		}
		if err != nil && strings.Contains(err.Error(), canary) {
			t.Errorf("%s: the error shows the secret", name)
		}
	}
	_, err := open(t, srv.URL, `{"url": "URL"}`, nil).Models(t.Context())
	if err == nil || !strings.Contains(err.Error(), "requires authentication") {
		t.Errorf("no credentials: err = %v", err)
	}
}

func TestWrongAddressesSayWhatToFix(t *testing.T) {
	srv := fakeMLflow(t, "", "", "")
	_, err := open(t, srv.URL+"/somewhere", `{"url": "URL"}`, nil).Models(t.Context())
	if err == nil || !strings.Contains(err.Error(), "no MLflow REST API at") {
		t.Errorf("wrong path: err = %v", err)
	}
	srv.Close()
	_, err = open(t, srv.URL, `{"url": "URL"}`, map[string]string{"token": canary}).CheckHealth(t.Context())
	if err == nil || !strings.Contains(err.Error(), "could not be reached") || strings.Contains(err.Error(), canary) {
		t.Errorf("closed server: err = %v", err)
	}
	for _, c := range []struct{ options, want string }{
		{`{}`, "registry.url: is empty"},
		{`{"url": "mlflow:5000"}`, "must be an http or https address"},
		{`{"url": "http://u:` + canary + `@mlflow:5000"}`, "must not hold credentials"},
		{`{"url": "http://mlflow:5000/api/2.0/mlflow"}`, "without /api/2.0/mlflow"},
		{`{"url": "http://mlflow:5000", "timeoutSeconds": -1}`, "registry.timeoutSeconds"},
	} {
		_, err := Open("registry", json.RawMessage(c.options), nil)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), canary) {
			t.Errorf("%s: err = %v, want %q", c.options, err, c.want)
		}
	}
	if _, err := Open("registry", json.RawMessage(`{"url": "http://m"}`), map[string]string{"token": "t", "password": "p"}); err == nil || !strings.Contains(err.Error(), "not both") {
		t.Errorf("token and password: err = %v", err)
	}
}

func TestIDsOfModelNames(t *testing.T) {
	for name, want := range map[string]string{"Risk Assessment": "risk-assessment", "catalog.schema.Churn_v2": "catalog.schema.churn_v2", "  ": "", "Ümlaut Model!": "mlaut-model"} {
		if got := idOf(name); got != want {
			t.Errorf("idOf(%q) = %q, want %q", name, got, want)
		}
	}
}
