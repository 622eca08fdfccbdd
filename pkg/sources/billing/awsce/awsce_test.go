package awsce

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/shopspring/decimal"

	"github.com/aiperf/monitor/pkg/sources"
)

const (
	canaryAccess = "AKIACANARY000000XYZ1"
	canarySecret = "canary-secret-key-0b8e1d2f3c4a5b6c7d8e9f"
)

var (
	nov1 = time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
	nov3 = nov1.AddDate(0, 0, 2)
)

func init() { maxRetryBackoff = time.Millisecond }

// fakeCE answers GetCostAndUsage as Cost Explorer's JSON 1.1 protocol does:
// the first page, a throttling error, then the page its token names.
type fakeCE struct {
	mu       sync.Mutex
	requests []map[string]any
	throttle int
	answer   func(token string) (int, string)
}

func (f *fakeCE) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if r.Header.Get("X-Amz-Target") != "AWSInsightsIndexService.GetCostAndUsage" || !strings.Contains(r.Header.Get("Authorization"), "Credential="+canaryAccess+"/") ||
		!strings.Contains(r.Header.Get("Authorization"), "/us-east-1/ce/aws4_request") {
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		w.WriteHeader(http.StatusBadRequest)
		w.Write([]byte(`{"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."}`))
		return
	}
	var req map[string]any
	json.Unmarshal(body, &req)
	f.mu.Lock()
	defer f.mu.Unlock()
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	if f.throttle > 0 {
		f.throttle--
		w.WriteHeader(http.StatusBadRequest)
		w.Write([]byte(`{"__type":"ThrottlingException","message":"Rate exceeded"}`))
		return
	}
	f.requests = append(f.requests, req)
	token, _ := req["NextPageToken"].(string)
	status, answer := f.answer(token)
	w.WriteHeader(status)
	w.Write([]byte(answer))
}

func fixturePages(token string) (int, string) {
	file := map[string]string{"": "testdata/page1.json", "token-page-2": "testdata/page2.json"}[token]
	raw, err := os.ReadFile(file)
	if err != nil {
		return http.StatusBadRequest, `{"__type":"InvalidNextTokenException","message":"bad token"}`
	}
	return http.StatusOK, string(raw)
}

func openTest(t *testing.T, ctx context.Context, api http.Handler, options map[string]any, secrets map[string]string) (*Connector, error) {
	t.Helper()
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	options["endpoint"] = srv.URL
	raw, _ := json.Marshal(options)
	return Open(ctx, raw, "billing[4]", secrets, time.Second)
}

var keys = map[string]string{"accessKey": canaryAccess, "secretKey": canarySecret}

func TestCostByServiceAndTagAcrossPagesExactly(t *testing.T) {
	api := &fakeCE{throttle: 1, answer: fixturePages}
	c, err := openTest(t, t.Context(), api, map[string]any{}, keys)
	if err != nil {
		t.Fatal(err)
	}
	records, err := c.DailyCosts(t.Context(), nov1.Add(time.Hour), nov3.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(api.requests) != 2 {
		t.Fatalf("%d requests answered, want the two pages once each", len(api.requests))
	}
	first := api.requests[0]
	period, _ := first["TimePeriod"].(map[string]any)
	groups, _ := json.Marshal(first["GroupBy"])
	if period["Start"] != "2025-11-01" || period["End"] != "2025-11-03" || first["Granularity"] != "DAILY" ||
		string(groups) != `[{"Key":"SERVICE","Type":"DIMENSION"},{"Key":"model","Type":"TAG"}]` {
		t.Errorf("request %v", first)
	}
	var total decimal.Decimal
	categories := map[string]string{}
	models := map[string]string{}
	for _, r := range records {
		total = total.Add(r.Amount)
		categories[r.Service], models[r.Service] = r.Category, r.Model
		if r.Provider != "AWS" || r.Currency != "USD" {
			t.Errorf("record %+v", r)
		}
	}
	if total.String() != "111.8474" || total.StringFixed(2) != "111.85" {
		t.Errorf("total %s, want 111.8474 exactly", total)
	}
	for service, want := range map[string]string{
		"Amazon Elastic Compute Cloud - Compute": sources.CategoryCompute, "Amazon Simple Storage Service": sources.CategoryStorage,
		"AWS Data Transfer": sources.CategoryNetwork, "Amazon Bedrock": sources.CategoryLLM, "Amazon CloudWatch": sources.CategoryPlatform,
	} {
		if categories[service] != want {
			t.Errorf("%s in %q, want %s", service, categories[service], want)
		}
	}
	if models["Amazon Bedrock"] != "customer-ai-assistant" || models["AWS Data Transfer"] != "" {
		t.Errorf("models from the tag: %v", models)
	}
}

func TestFailuresNeverShowTheKeys(t *testing.T) {
	for name, c := range map[string]struct {
		api     *fakeCE
		secrets map[string]string
		want    string
	}{
		"expired keys": {&fakeCE{answer: fixturePages}, map[string]string{"accessKey": "AKIAOTHER", "secretKey": canarySecret}, "refused the credentials (UnrecognizedClientException)"},
		"throttled":    {&fakeCE{throttle: 100, answer: fixturePages}, keys, "ThrottlingException, after 5 attempts"},
		"malformed": {&fakeCE{answer: func(string) (int, string) {
			return http.StatusOK, `{"ResultsByTime":[{"TimePeriod":{"Start":"2025-11-01"},"Groups":[{"Keys":["EC2","model$x"],"Metrics":{"AmortizedCost":{"Amount":"12,5","Unit":"USD"}}}]}]}`
		}}, keys, "amount that is not a decimal number"},
		"token loop": {&fakeCE{answer: func(string) (int, string) { return http.StatusOK, `{"ResultsByTime":[],"NextPageToken":"same"}` }}, keys, "token of an earlier page"},
	} {
		conn, err := openTest(t, t.Context(), c.api, map[string]any{}, c.secrets)
		if err == nil {
			_, err = conn.DailyCosts(t.Context(), nov1, nov3)
		}
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", name, err, c.want)
		}
		if err != nil && (strings.Contains(err.Error(), canarySecret) || strings.Contains(err.Error(), canaryAccess)) {
			t.Errorf("%s: the error shows a key: %v", name, err)
		}
	}
}

// Grafana's AWS policy gates the authentication types and assumed roles,
// as it does for its own AWS data sources.
func TestGrafanaAWSPolicyIsHonoured(t *testing.T) {
	ctx := backend.WithGrafanaConfig(t.Context(), backend.NewGrafanaCfg(map[string]string{
		allowedAuthProvidersKey: "keys", assumeRoleEnabledKey: "false",
	}))
	api := &fakeCE{answer: fixturePages}
	if _, err := openTest(t, ctx, api, map[string]any{"authType": "default"}, nil); err == nil || !strings.Contains(err.Error(), "billing[4].authType: default is not allowed on this Grafana server (allowed: keys)") {
		t.Errorf("default chain where only keys are allowed: %v", err)
	}
	if _, err := openTest(t, ctx, api, map[string]any{"assumeRoleArn": "arn:aws:iam::123456789012:role/billing"}, keys); err == nil || !strings.Contains(err.Error(), "assume_role_enabled") {
		t.Errorf("assume role where it is off: %v", err)
	}
	if _, err := openTest(t, t.Context(), api, map[string]any{"authType": "default", "assumeRoleArn": "arn:aws:iam::123456789012:role/billing", "externalId": "x"}, nil); err != nil {
		t.Errorf("Grafana's defaults allow the default chain and assumed roles: %v", err)
	}
	if _, err := openTest(t, t.Context(), api, map[string]any{}, map[string]string{"accessKey": canaryAccess}); err == nil || !strings.Contains(err.Error(), "billing[4].secretKey") {
		t.Errorf("keys without a secret key: %v", err)
	}
}

func TestCancelled(t *testing.T) {
	hang := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(3 * time.Second):
		}
	})
	c, err := openTest(t, t.Context(), hang, map[string]any{}, keys)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := c.DailyCosts(ctx, nov1, nov3); err == nil || time.Since(start) > time.Second {
		t.Errorf("cancelled after %s: %v", time.Since(start), err)
	}
}
