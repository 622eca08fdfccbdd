package plugin

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"
	"gopkg.in/yaml.v3"
)

// servingSettings is a data source with the Prometheus and live endpoint
// connectors pointed at url, one declared model and the given extra
// options merged into the serving and endpoint sections.
func servingSettings(url, servingExtra, endpointExtra string) string {
	return fmt.Sprintf(`{"demoEnabled":false,"models":[{"id":"iris"}],
		"serving":{"connector":"prometheus","url":%q%s},
		"endpoints":{"connector":"live","endpoints":[{"name":"ml","protocol":"oip","url":%q,"models":["iris"]%s}]}}`, url, servingExtra, url, endpointExtra)
}

// answerLatency asks for iris's latency over the last hour.
func answerLatency(t *testing.T, d *Datasource) backend.DataResponse {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"queryType": "latency", "model": "iris"})
	now := time.Now()
	resp, err := d.QueryData(t.Context(), &backend.QueryDataRequest{Queries: []backend.DataQuery{{
		RefID: "A", QueryType: "latency", JSON: body, Interval: time.Minute, TimeRange: backend.TimeRange{From: now.Add(-time.Hour), To: now}}}})
	if err != nil {
		t.Fatal(err)
	}
	return resp.Responses["A"]
}

func checkHealth(t *testing.T, d *Datasource) *backend.CheckHealthResult {
	t.Helper()
	h, err := d.CheckHealth(t.Context(), &backend.CheckHealthRequest{})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// promError answers every Prometheus call with one error.
func promError(status int, errorType, msg string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]string{"status": "error", "errorType": errorType, "error": msg})
	}
}

func TestServingFailuresSayWhatAndWhereInQueriesAndHealth(t *testing.T) {
	closed := func() string { // a port nothing listens on
		l, _ := net.Listen("tcp", "127.0.0.1:0")
		addr := l.Addr().String()
		l.Close()
		return "http://" + addr
	}()
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	cases := []struct {
		name, url, extra string
		handler          http.HandlerFunc
		want             string
	}{
		{"bad URL", "prometheus:9090", "", nil, "must start with http:// or https://"},
		{"nothing listening", closed, "", nil, "cannot reach " + closed},
		{"auth failure", "", "", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "Unauthorized", http.StatusUnauthorized) },
			"refused the credentials (HTTP 401"},
		{"timeout", slow.URL, `,"timeoutSeconds":1`, nil, "did not answer within 1s"},
		{"400", "", "", promError(400, "bad_data", `1:5: parse error: unexpected "}"`), `Prometheus rejected the query (HTTP 400 bad_data): "1:5: parse error: unexpected \"}\""`},
		{"422", "", "", promError(422, "execution", "query processing would load too many samples into memory"), "could not execute the query (HTTP 422 execution): \"query processing would load too many samples into memory\""},
		{"503", "", "", promError(503, "timeout", "query timed out in expression evaluation"), "timed out or is overloaded (HTTP 503 timeout): \"query timed out in expression evaluation\""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			url := c.url
			if c.handler != nil {
				srv := httptest.NewServer(c.handler)
				defer srv.Close()
				url = srv.URL
			}
			d := newDatasource(t.Context(), settingsFrom(servingSettings(url, c.extra, c.extra), nil), time.Now)
			if d.settingsErr != nil {
				t.Fatal(d.settingsErr)
			}
			res := answerLatency(t, d)
			if res.Error == nil || !strings.Contains(res.Error.Error(), c.want) {
				t.Errorf("query: got %v, want it to say %q", res.Error, c.want)
			}
			if h := checkHealth(t, d); h.Status != backend.HealthStatusError || !strings.Contains(h.Message, c.want) || !strings.Contains(h.Message, "Serving telemetry (prometheus): failed") {
				t.Errorf("health: got %q, want a failed Serving telemetry check saying %q", h.Message, c.want)
			}
		})
	}
}

// captureLog collects every log line the data source writes.
type captureLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *captureLog) log(msg string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprint(append([]any{msg}, args...)...))
}
func (l *captureLog) Debug(msg string, args ...any)          { l.log(msg, args...) }
func (l *captureLog) Info(msg string, args ...any)           { l.log(msg, args...) }
func (l *captureLog) Warn(msg string, args ...any)           { l.log(msg, args...) }
func (l *captureLog) Error(msg string, args ...any)          { l.log(msg, args...) }
func (l *captureLog) With(...any) log.Logger                 { return l }
func (l *captureLog) Level() log.Level                       { return log.Debug }
func (l *captureLog) FromContext(context.Context) log.Logger { return l }
func (l *captureLog) text() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

func TestACanarySecretInAnySecureFieldNeverComesBack(t *testing.T) {
	const canary = "canary-7f3e9c2a-secret"
	logs := &captureLog{}
	saved := log.DefaultLogger
	log.DefaultLogger = logs
	defer func() { log.DefaultLogger = saved }()
	// A server that echoes every header it got into its error, as a
	// misconfigured proxy might.
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var got []string
		for k, v := range r.Header {
			got = append(got, k+"="+strings.Join(v, ","))
		}
		promError(400, "bad_data", "rejected request with headers "+strings.Join(got, " "))(w, r)
	}))
	defer echo.Close()
	const badPEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"
	configs := []struct {
		name, extra string
		secrets     []string // secure keys, under both the serving and the endpoint prefix
	}{
		{"basic auth", `,"auth":"basic","basicAuthUser":"grafana"`, []string{"basicAuthPassword"}},
		{"bearer token", `,"auth":"bearer"`, []string{"bearerToken"}},
		{"custom header", `,"headers":["X-Scope-OrgID"]`, []string{"header.X-Scope-OrgID"}},
		{"TLS client key", `,"tlsClientCert":` + fmt.Sprintf("%q", badPEM), []string{"tlsClientKey"}},
		{"socks proxy password", `,"enableSecureSocksProxy":true`, []string{"secureSocksProxyPassword"}},
	}
	for _, c := range configs {
		t.Run(c.name, func(t *testing.T) {
			secrets := map[string]string{}
			for _, k := range c.secrets {
				secrets["serving."+k] = canary
				secrets["endpoints.ml."+k] = canary
			}
			d := newDatasource(t.Context(), settingsFrom(servingSettings(echo.URL, c.extra, c.extra), secrets), time.Now)
			var seen []string
			if d.settingsErr != nil {
				seen = append(seen, d.settingsErr.Error())
			} else {
				res := answerLatency(t, d)
				if res.Error != nil {
					seen = append(seen, res.Error.Error())
				}
				frames, _ := json.Marshal(res.Frames)
				seen = append(seen, string(frames), checkHealth(t, d).Message)
				body, _ := json.Marshal(map[string]any{"queryType": "readiness"})
				resp, err := d.QueryData(t.Context(), &backend.QueryDataRequest{Queries: []backend.DataQuery{{RefID: "B", QueryType: "readiness", JSON: body,
					TimeRange: backend.TimeRange{From: time.Now().Add(-time.Hour), To: time.Now()}}}})
				if err != nil {
					t.Fatal(err)
				}
				raw, _ := json.Marshal(resp)
				seen = append(seen, string(raw))
			}
			seen = append(seen, logs.text())
			basic := base64.StdEncoding.EncodeToString([]byte("grafana:" + canary))
			for _, s := range seen {
				if strings.Contains(s, canary) || strings.Contains(s, basic) {
					t.Fatalf("the secret came back: %s", s)
				}
			}
			if len(strings.Join(seen, "")) == 0 {
				t.Fatal("nothing was checked")
			}
		})
	}
}

func TestTheProvisionedServingInstanceOpensBothConnectors(t *testing.T) {
	raw, err := os.ReadFile("../../provisioning/datasources/serving.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Datasources []struct {
			JSONData map[string]any `yaml:"jsonData"`
		} `yaml:"datasources"`
	}
	if err := yaml.Unmarshal(raw, &file); err != nil || len(file.Datasources) != 1 {
		t.Fatalf("%d data sources, %v", len(file.Datasources), err)
	}
	jsonData, _ := json.Marshal(file.Datasources[0].JSONData)
	d := newDatasource(t.Context(), settingsFrom(string(jsonData), nil), time.Now)
	if d.settingsErr != nil {
		t.Fatal(d.settingsErr)
	}
	labels := []string{}
	for _, c := range d.checks {
		if c.err != nil {
			t.Errorf("%s: %v", c.label, c.err)
		}
		labels = append(labels, c.label)
	}
	if strings.Join(labels, ", ") != "Serving telemetry (prometheus), Live endpoints (live)" {
		t.Fatalf("roles %v", labels)
	}
}
