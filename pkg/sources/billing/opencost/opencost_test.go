package opencost

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/aiperf/monitor/pkg/sources"
)

const canary = "opencost-proxy-canary-44c1"

var (
	nov1 = time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
	nov3 = nov1.AddDate(0, 0, 2)
)

// server replays the fixture for the expected query, after `fail` 503s.
func server(t *testing.T, fail int32, body string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+canary {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		q := r.URL.Query()
		if r.URL.Path != "/allocation/compute" || q.Get("window") != "1761955200,1762128000" || q.Get("aggregate") != "label:app.kubernetes.io/name" || q.Get("step") != "1d" || q.Get("accumulate") != "false" {
			http.Error(w, "unexpected "+r.URL.String(), http.StatusBadRequest)
			return
		}
		if calls.Add(1) <= fail {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

func openTest(t *testing.T, srv *httptest.Server, options map[string]any, token string) *Connector {
	t.Helper()
	options["url"] = srv.URL
	options["modelLabel"] = "app.kubernetes.io/name"
	raw, _ := json.Marshal(options)
	c, err := Open(raw, "billing[3]", map[string]string{"token": token}, &http.Client{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c.withSleep(func(context.Context, time.Duration) error { return nil })
}

func TestAllocationSplitsIntoCategoriesExactly(t *testing.T) {
	body, _ := os.ReadFile("testdata/allocation.json")
	srv, calls := server(t, 1, string(body))
	records, err := openTest(t, srv, map[string]any{"provider": "AWS"}, canary).DailyCosts(t.Context(), nov1.Add(time.Hour), nov3.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 2 {
		t.Errorf("%d calls, want one retry after the 503", calls.Load())
	}
	var total decimal.Decimal
	byKey := map[string]sources.CostRecord{}
	for _, r := range records {
		total = total.Add(r.Amount)
		byKey[r.Day.Format("02")+" "+r.Model+" "+r.Category] = r
		if r.Provider != "AWS" || r.Currency != "USD" {
			t.Errorf("record %+v", r)
		}
	}
	if total.String() != "243.3781" {
		t.Errorf("total %s, want 243.3781", total)
	}
	gpu := byKey["01 fraud-detection gpu"]
	if gpu.Amount.String() != "98.3" || gpu.GPUHours != 48 || gpu.IdleGPUHours != 36 {
		t.Errorf("GPU day 1: %+v, want 98.30 with 36 of 48 GPU hours idle (efficiency 25%%)", gpu)
	}
	if g := byKey["02 fraud-detection gpu"]; g.GPUHours != 0 || g.IdleGPUHours != 0 {
		t.Errorf("GPU use not measured on day 2 (gpuUsageAverage null): %+v, want no GPU hours claimed", g)
	}
	for key, want := range map[string]string{
		"01 fraud-detection compute": "3.842", "01 fraud-detection network": "0.72", "01 fraud-detection storage": "0.33",
		"01 risk-assessment compute": "26", "01  compute": "6.75", "02  platform": "2.5", "02 fraud-detection platform": "0.0001",
	} {
		if r, ok := byKey[key]; !ok || r.Amount.String() != want {
			t.Errorf("%s: %+v, want %s", key, r, want)
		}
	}
}

func TestFailures(t *testing.T) {
	body, _ := os.ReadFile("testdata/allocation.json")
	for name, c := range map[string]struct {
		fail  int32
		body  string
		token string
		want  string
	}{
		"token":     {0, string(body), canary + "-old", "refused the credentials (HTTP 401)"},
		"malformed": {0, `{"code":200,"data":[{"m":{"cpuCost":"x"}}]}`, canary, "malformed body"},
		"error":     {0, `{"code":400,"status":"error","message":"invalid aggregation"}`, canary, "answered code 400 (\"invalid aggregation\")"},
		"down":      {100, "", canary, "failed 5 times in a row"},
	} {
		srv, _ := server(t, c.fail, c.body)
		_, err := openTest(t, srv, map[string]any{}, c.token).DailyCosts(t.Context(), nov1, nov3)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), canary) {
			t.Errorf("%s: err = %v, want %q without the token", name, err, c.want)
		}
	}
}

func TestSettingsErrors(t *testing.T) {
	for options, want := range map[string]string{
		`{}`: "billing[3].url",
		`{"url":"http://oc:9003","modelLabel":"bad label"}`: "billing[3].modelLabel",
		`{"url":"http://oc:9003","currency":"usd"}`:         "billing[3].currency",
	} {
		if _, err := Open(json.RawMessage(options), "billing[3]", nil, http.DefaultClient); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", options, err, want)
		}
	}
}
