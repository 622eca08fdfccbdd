package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"
	"github.com/shopspring/decimal"
	"gopkg.in/yaml.v3"

	"github.com/aiperf/monitor/pkg/sources/billing/focus"
	"github.com/aiperf/monitor/pkg/sources/demo"
)

// provisionedFOCUS builds the FOCUS import instance exactly as provisioning
// declares it (provisioning/datasources/billing.yaml), reading an export of
// the demo fleet's charges written where its location points here.
func provisionedFOCUS(t *testing.T, now time.Time) *Datasource {
	t.Helper()
	raw, err := os.ReadFile("../../provisioning/datasources/billing.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Datasources []struct {
			UID      string         `yaml:"uid"`
			JSONData map[string]any `yaml:"jsonData"`
		} `yaml:"datasources"`
	}
	if err := yaml.Unmarshal(raw, &file); err != nil || len(file.Datasources) != 1 || file.Datasources[0].UID != "aiperf-focus" {
		t.Fatalf("billing.yaml: %v %+v", err, file)
	}
	jsonData := file.Datasources[0].JSONData
	feed := jsonData["billing"].([]any)[0].(map[string]any)
	export := filepath.Join(t.TempDir(), filepath.Base(feed["location"].(string)))
	feed["location"] = export
	fleet := demo.New(demo.Options{Now: func() time.Time { return now }})
	today := now.UTC().Truncate(day)
	records, err := fleet.DailyCosts(t.Context(), today.AddDate(0, 0, -40), today)
	if err != nil {
		t.Fatal(err)
	}
	if err := focus.WriteExport(export, records); err != nil {
		t.Fatal(err)
	}
	settings, _ := json.Marshal(jsonData)
	d := newDatasource(t.Context(), settingsFrom(string(settings), nil), func() time.Time { return now })
	if d.settingsErr != nil {
		t.Fatal(d.settingsErr)
	}
	return d
}

func queryAt(refID string, body map[string]any, now time.Time, span time.Duration) backend.DataQuery {
	raw, _ := json.Marshal(body)
	return backend.DataQuery{RefID: refID, QueryType: body["queryType"].(string), JSON: raw, Interval: time.Hour,
		TimeRange: backend.TimeRange{From: now.Add(-span), To: now}}
}

// The FOCUS import answers the Cost and Executive pages' queries: spend is
// the export's (the demo's bill, to the cent), and cost per prediction
// divides it by the predictions the demo's serving telemetry counts.
func TestProvisionedFOCUSInstanceAnswersTheCostViews(t *testing.T) {
	now := time.Now().UTC() // the demo connectors run on the wall clock
	d := provisionedFOCUS(t, now)
	health, err := d.CheckHealth(t.Context(), &backend.CheckHealthRequest{})
	if err != nil || health.Status != backend.HealthStatusOk || !strings.Contains(health.Message, "Billing demo-fleet-focus (focus): OK (FOCUS CSV") {
		t.Fatalf("health %+v %v", health, err)
	}
	resp := run(t, d,
		queryAt("summary", map[string]any{"queryType": "costSummary"}, now, 7*day),
		queryAt("cost", map[string]any{"queryType": "cost", "groupBy": "provider"}, now, 7*day),
		queryAt("kpis", map[string]any{"queryType": "kpis"}, now, 7*day),
		queryAt("savings", map[string]any{"queryType": "savings"}, now, 7*day))
	for ref, r := range resp.Responses {
		if r.Error != nil || len(r.Frames) == 0 {
			t.Fatalf("%s: %v", ref, r.Error)
		}
	}
	summary := resp.Responses["summary"].Frames[0]
	models, _ := summary.FieldByName("model")
	spend, _ := summary.FieldByName("spend")
	cpp, _ := summary.FieldByName("costPerPrediction")
	fleetRow := models.Len() - 1
	if models.At(fleetRow) != "(fleet)" || spend.Config.Unit != "currencyUSD" {
		t.Fatalf("fleet row %v, unit %q", models.At(fleetRow), spend.Config.Unit)
	}
	fleet := demo.New(demo.Options{Now: func() time.Time { return now }})
	records, _ := fleet.DailyCosts(t.Context(), now.Add(-7*day), now)
	var want decimal.Decimal
	for _, r := range records {
		want = want.Add(r.Amount)
	}
	if got := decimal.NewFromFloat(spend.At(fleetRow).(float64)).StringFixed(2); got != want.StringFixed(2) {
		t.Errorf("fleet spend %s from the FOCUS export, the demo bills %s", got, want.StringFixed(2))
	}
	if v, ok := cpp.ConcreteAt(fleetRow); !ok || v.(float64) <= 0 {
		t.Errorf("fleet cost per prediction %v, want spend over the demo's served predictions", v)
	}
	kpis := resp.Responses["kpis"].Frames[0]
	kpi, _ := kpis.FieldByName("kpi")
	value, _ := kpis.FieldByName("value")
	for i := range kpi.Len() {
		if kpi.At(i) == "costPerPrediction" {
			if v, ok := value.ConcreteAt(i); !ok || v.(float64) <= 0 {
				t.Errorf("KPI cost per prediction %v", v)
			}
		}
	}
	byProvider := resp.Responses["cost"].Frames[0]
	if f, _ := byProvider.FieldByName("OpenAI"); f == nil || f.Labels["provider"] != "OpenAI" {
		t.Errorf("spend by provider: no OpenAI series in %v", byProvider.Fields)
	}
}

// capturedLogs records what the plugin logs.
type capturedLogs struct {
	mu    sync.Mutex
	lines []string
}

func (c *capturedLogs) add(level, msg string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lines = append(c.lines, fmt.Sprint(level, msg, args))
}
func (c *capturedLogs) Debug(msg string, args ...any)          { c.add("debug", msg, args...) }
func (c *capturedLogs) Info(msg string, args ...any)           { c.add("info", msg, args...) }
func (c *capturedLogs) Warn(msg string, args ...any)           { c.add("warn", msg, args...) }
func (c *capturedLogs) Error(msg string, args ...any)          { c.add("error", msg, args...) }
func (c *capturedLogs) With(...any) log.Logger                 { return c }
func (c *capturedLogs) Level() log.Level                       { return log.Debug }
func (c *capturedLogs) FromContext(context.Context) log.Logger { return c }

// Every secure field of every billing connector holds a canary; each API
// refuses it and quotes it back in its error body. The canaries appear in
// no error, health message, response or log line.
func TestBillingSecretsNeverLeak(t *testing.T) {
	canaries := map[string]string{
		"billing.openai.adminKey":    "sk-admin-CANARY-openai-61f0",
		"billing.anthropic.adminKey": "sk-ant-admin01-CANARY-anthropic-8a2c",
		"billing.opencost.token":     "CANARY-opencost-token-3b9d",
		"billing.focus.token":        "CANARY-focus-token-7e11",
		"billing.aws.accessKey":      "AKIACANARYAWS0000042",
		"billing.aws.secretKey":      "CANARY-aws-secret-key-5c6d7e8f",
	}
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		quoted := r.Header.Get("Authorization") + " " + r.Header.Get("x-api-key")
		w.Header().Set("Content-Type", "application/json")
		if r.Header.Get("X-Amz-Target") != "" {
			w.Header().Set("Content-Type", "application/x-amz-json-1.1")
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, `{"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid: %s"}`, quoted)
			return
		}
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprintf(w, `{"error":{"message":"Incorrect API key provided: %s","type":"invalid_request_error","code":"invalid_api_key"}}`, quoted)
	}))
	defer echo.Close()
	logs := &capturedLogs{}
	saved, savedBackend := log.DefaultLogger, backend.Logger
	log.DefaultLogger, backend.Logger = logs, logs
	defer func() { log.DefaultLogger, backend.Logger = saved, savedBackend }()

	jsonData := fmt.Sprintf(`{"demoEnabled":false,"serving":{"connector":"demo"},"registry":{"connector":"demo"},"billing":[
		{"name":"openai","connector":"openai","url":%[1]q},
		{"name":"anthropic","connector":"anthropic","url":%[1]q},
		{"name":"opencost","connector":"opencost","url":%[1]q},
		{"name":"focus","connector":"focus","location":%[2]q},
		{"name":"aws","connector":"awsce","endpoint":%[1]q}]}`, echo.URL, echo.URL+"/export.csv?sig=CANARY-url-signature")
	d := newDatasource(t.Context(), settingsFrom(jsonData, canaries), time.Now)
	if d.settingsErr != nil {
		t.Fatal(d.settingsErr)
	}
	var seen []string
	health, err := d.CheckHealth(t.Context(), &backend.CheckHealthRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if health.Status != backend.HealthStatusError || strings.Count(health.Message, "failed:") != 5 {
		t.Errorf("health: want each of the five feeds to fail, got %s", health.Message)
	}
	seen = append(seen, health.Message)
	now := time.Now()
	resp := run(t, d,
		queryAt("cost", map[string]any{"queryType": "cost"}, now, 3*day),
		queryAt("summary", map[string]any{"queryType": "costSummary"}, now, 3*day),
		queryAt("kpis", map[string]any{"queryType": "kpis"}, now, 3*day))
	body, _ := json.Marshal(resp)
	seen = append(seen, string(body))
	for _, r := range resp.Responses {
		if r.Error == nil {
			t.Errorf("a failing feed must fail the cost queries: %+v", r)
		}
	}
	seen = append(seen, logs.lines...)
	for key, canary := range canaries {
		for _, text := range seen {
			if strings.Contains(text, canary) {
				t.Errorf("%s leaked: %s", key, text)
			}
		}
	}
	for _, text := range seen {
		if strings.Contains(text, "CANARY-url-signature") {
			t.Errorf("the export URL's signature leaked: %s", text)
		}
	}
}
