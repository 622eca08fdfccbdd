package anthropic

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

const canary = "sk-ant-admin01-canary-93b7"

var (
	nov1 = time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
	nov3 = nov1.AddDate(0, 0, 2)
)

// fakeAPI replays the fixtures as Anthropic's Admin API, with a 429 (with
// Retry-After) before the second cost page and a 500 before the usage page.
type fakeAPI struct {
	mu       sync.Mutex
	served   map[string]int
	failures map[string]int
	override map[string]string
}

func newFakeAPI() *fakeAPI {
	return &fakeAPI{served: map[string]int{}, failures: map[string]int{"cost cursor_page_2": 1, "usage ": 1}, override: map[string]string{}}
}

func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("x-api-key") != canary || r.Header.Get("anthropic-version") != "2023-06-01" {
		w.WriteHeader(http.StatusUnauthorized)
		w.Write([]byte(`{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}`))
		return
	}
	q := r.URL.Query()
	if q.Get("starting_at") != "2025-11-01T00:00:00Z" || q.Get("ending_at") != "2025-11-03T00:00:00Z" || q.Get("bucket_width") != "1d" {
		http.Error(w, "unexpected query "+r.URL.RawQuery, http.StatusBadRequest)
		return
	}
	kind := map[string]string{"/v1/organizations/cost_report": "cost", "/v1/organizations/usage_report/messages": "usage"}[r.URL.Path]
	page := kind + " " + q.Get("page")
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failures[page] > 0 {
		f.failures[page]--
		if kind == "cost" {
			w.Header().Set("Retry-After", "3")
			w.WriteHeader(http.StatusTooManyRequests)
			w.Write([]byte(`{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}`))
		} else {
			w.WriteHeader(http.StatusInternalServerError)
			w.Write([]byte(`{"type":"error","error":{"type":"api_error","message":"internal"}}`))
		}
		return
	}
	body, ok := f.override[page]
	if !ok {
		file := map[string]string{"cost ": "cost_page1", "cost cursor_page_2": "cost_page2", "usage ": "usage_page1"}[page]
		raw, err := os.ReadFile("testdata/" + file + ".json")
		if file == "" || err != nil {
			http.NotFound(w, r)
			return
		}
		body = string(raw)
	}
	f.served[page]++
	w.Write([]byte(body))
}

func openTest(t *testing.T, api http.Handler, key string, options map[string]any, waits *[]time.Duration) *Connector {
	t.Helper()
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	options["url"] = srv.URL
	raw, _ := json.Marshal(options)
	c, err := Open(raw, "billing[2]", map[string]string{"adminKey": key}, &http.Client{Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c.withSleep(func(_ context.Context, d time.Duration) error {
		if waits != nil {
			*waits = append(*waits, d)
		}
		return nil
	})
}

// Amounts are decimal strings in cents: "123.45" is $1.2345, and the total
// across both pages is exact.
func TestCentsConvertExactlyAcrossPages(t *testing.T) {
	api := newFakeAPI()
	var waits []time.Duration
	records, err := openTest(t, api, canary, map[string]any{"models": map[string]string{"wrkspc_support": "customer-ai-assistant"}}, &waits).DailyCosts(t.Context(), nov1, nov3.Add(-time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	for page, n := range api.served {
		if n != 1 {
			t.Errorf("%s read %d times", page, n)
		}
	}
	if len(api.served) != 3 || len(waits) != 2 || waits[0] != 3*time.Second {
		t.Errorf("pages %v, waits %v: want every page once, Retry-After 3 s honoured", api.served, waits)
	}
	var total, assistant decimal.Decimal
	var tokens float64
	for _, r := range records {
		total = total.Add(r.Amount)
		if r.Model == "customer-ai-assistant" {
			assistant = assistant.Add(r.Amount)
			tokens += r.Tokens
		}
		if r.Currency != "USD" || r.Provider != "Anthropic" {
			t.Errorf("record %+v", r)
		}
	}
	// (123.45 + 0.3333 + 1000.0067 + 250) cents = 1373.79 cents.
	if total.String() != "13.7379" || total.StringFixed(2) != "13.74" {
		t.Errorf("total %s, want $13.7379 exactly", total)
	}
	if assistant.String() != "11.2379" || tokens != 675_000 {
		t.Errorf("support workspace: %s and %v tokens, want 11.2379 and 675000", assistant, tokens)
	}
}

func TestAttributionByClaudeModel(t *testing.T) {
	records, err := openTest(t, newFakeAPI(), canary, map[string]any{"attributeBy": "model", "models": map[string]string{"claude-sonnet-4-20250514": "support-bot"}}, nil).DailyCosts(t.Context(), nov1, nov3)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range records {
		if (r.Model == "support-bot") != (r.Service == "claude-sonnet-4-20250514") {
			t.Errorf("%+v", r)
		}
	}
}

func TestFailuresSayWhatAndNeverTheKey(t *testing.T) {
	for name, c := range map[string]struct {
		api  func() http.Handler
		key  string
		want string
	}{
		"expired key": {func() http.Handler { return newFakeAPI() }, canary + "x", "refused the credentials (HTTP 401, authentication_error)"},
		"amount not a string": {func() http.Handler {
			f := newFakeAPI()
			f.override["cost "] = `{"data":[{"starting_at":"2025-11-01T00:00:00Z","results":[{"currency":"USD","amount":123.45}]}],"has_more":false,"next_page":null}`
			return f
		}, canary, "answered an amount that is not a decimal string"},
		"not json": {func() http.Handler {
			f := newFakeAPI()
			f.override["cost "] = `<html>gateway</html>`
			return f
		}, canary, "malformed body (not JSON at byte 1)"},
		"server down": {func() http.Handler {
			f := newFakeAPI()
			f.failures["usage "] = 100
			return f
		}, canary, "failed 5 times in a row, last: the Anthropic usage report failed with HTTP 500, api_error"},
	} {
		_, err := openTest(t, c.api(), c.key, map[string]any{}, nil).DailyCosts(t.Context(), nov1, nov3)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", name, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "canary") {
			t.Errorf("%s: the error shows the key: %v", name, err)
		}
	}
}

func TestTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	defer srv.Close()
	raw, _ := json.Marshal(map[string]any{"url": srv.URL})
	c, _ := Open(raw, "billing[2]", map[string]string{"adminKey": canary}, &http.Client{Timeout: 50 * time.Millisecond})
	c.withSleep(func(context.Context, time.Duration) error { return nil })
	if _, err := c.DailyCosts(t.Context(), nov1, nov3); err == nil || !strings.Contains(err.Error(), "timed out") {
		t.Errorf("err = %v, want a timeout", err)
	}
}
