package openai

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

	"github.com/aiperf/monitor/pkg/sources"
)

const canary = "sk-admin-canary-5d1e9"

var (
	nov1 = time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
	nov3 = nov1.AddDate(0, 0, 2)
)

// fakeAPI replays the fixtures as OpenAI's admin API: pages by cursor, a
// 429 with Retry-After before the second costs page, a 503 before the first
// usage page, and 401 for any other key.
type fakeAPI struct {
	mu       sync.Mutex
	served   map[string]int // successful answers per page
	failures map[string]int // answers still to fail per page
	override map[string]string
}

func newFakeAPI() *fakeAPI {
	return &fakeAPI{served: map[string]int{}, failures: map[string]int{"costs page_AAAA": 1, "usage ": 1}, override: map[string]string{}}
}

func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bearer "+canary {
		w.WriteHeader(http.StatusUnauthorized)
		w.Write([]byte(`{"error":{"message":"Incorrect API key provided: sk-admin-****","type":"invalid_request_error","code":"invalid_api_key"}}`))
		return
	}
	q := r.URL.Query()
	if q.Get("bucket_width") != "1d" || q.Get("start_time") != "1761955200" || q.Get("end_time") != "1762128000" {
		http.Error(w, "unexpected query "+r.URL.RawQuery, http.StatusBadRequest)
		return
	}
	var kind string
	switch r.URL.Path {
	case "/v1/organization/costs":
		kind = "costs"
	case "/v1/organization/usage/completions":
		kind = "usage"
	default:
		http.NotFound(w, r)
		return
	}
	page := kind + " " + q.Get("page")
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failures[page] > 0 {
		f.failures[page]--
		if kind == "costs" {
			w.Header().Set("Retry-After", "2")
			w.WriteHeader(http.StatusTooManyRequests)
			w.Write([]byte(`{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}`))
		} else {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		return
	}
	file := map[string]string{"costs ": "costs_page1", "costs page_AAAA": "costs_page2", "usage ": "usage_page1", "usage page_BBBB": "usage_page2"}[page]
	body, ok := f.override[page]
	if !ok {
		raw, err := os.ReadFile("testdata/" + file + ".json")
		if err != nil {
			http.NotFound(w, r)
			return
		}
		body = string(raw)
	}
	f.served[page]++
	w.Write([]byte(body))
}

func openTest(t *testing.T, api http.Handler, key string, waits *[]time.Duration) *Connector {
	t.Helper()
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	raw, _ := json.Marshal(map[string]any{"url": srv.URL, "models": map[string]string{"proj_assistant": "customer-ai-assistant"}})
	c, err := Open(raw, "billing[1]", map[string]string{"adminKey": key}, &http.Client{Timeout: 2 * time.Second})
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

func TestSpendAndTokensAcrossPagesExactToTheCent(t *testing.T) {
	api := newFakeAPI()
	var waits []time.Duration
	records, err := openTest(t, api, canary, &waits).DailyCosts(t.Context(), nov1.Add(3*time.Hour), nov3.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	for page, n := range api.served {
		if n != 1 {
			t.Errorf("%s read %d times, want once", page, n)
		}
	}
	if len(api.served) != 4 {
		t.Errorf("pages read %v, want both costs and both usage pages", api.served)
	}
	if len(waits) != 2 || waits[0] != 2*time.Second {
		t.Errorf("waits %v: want the 429's Retry-After of 2 s, then a backoff for the 503", waits)
	}
	var total, assistant decimal.Decimal
	var tokens float64
	for _, r := range records {
		if r.Currency != "USD" || r.Category != sources.CategoryLLM || r.Provider != "OpenAI" {
			t.Errorf("record %+v", r)
		}
		total = total.Add(r.Amount)
		if r.Model == "customer-ai-assistant" {
			assistant = assistant.Add(r.Amount)
			tokens += r.Tokens
		}
	}
	if total.String() != "18.400678" || total.StringFixed(2) != "18.40" {
		t.Errorf("total %s, want 18.400678 exactly (18.40)", total)
	}
	if assistant.String() != "7.305" || tokens != 2_400_000 {
		t.Errorf("assistant (proj_assistant) spend %s and tokens %v, want 7.305 and 2400000", assistant, tokens)
	}
}

func TestAttributionByAPIKey(t *testing.T) {
	srv := httptest.NewServer(newFakeAPI())
	defer srv.Close()
	raw, _ := json.Marshal(map[string]any{"url": srv.URL, "attributeBy": "apiKey", "models": map[string]string{"key_batch": "search-ranker"}})
	c, err := Open(raw, "billing[1]", map[string]string{"adminKey": canary}, http.DefaultClient)
	if err != nil {
		t.Fatal(err)
	}
	records, err := c.withSleep(func(context.Context, time.Duration) error { return nil }).DailyCosts(t.Context(), nov1, nov3)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range records {
		if (r.Model == "search-ranker") != (r.Service == "text-embedding-3-small") {
			t.Errorf("record %+v attributed wrongly", r)
		}
	}
}

func TestFailuresSayWhatAndNeverTheKey(t *testing.T) {
	for name, c := range map[string]struct {
		api  func() http.Handler
		key  string
		want string
	}{
		"expired key": {func() http.Handler { return newFakeAPI() }, canary + "-expired", "refused the credentials (HTTP 401, invalid_api_key)"},
		"malformed": {func() http.Handler {
			f := newFakeAPI()
			f.override["costs "] = `{"data":[{"start_time":1761955200,"results":[{"amount":{"value":"abc"`
			return f
		}, canary, "malformed body (empty or cut short)"},
		"cursor loop": {func() http.Handler {
			f := newFakeAPI()
			f.failures = map[string]int{}
			f.override["costs page_AAAA"] = `{"data":[],"has_more":true,"next_page":"page_AAAA"}`
			return f
		}, canary, "cursor of an earlier page"},
		"rate limited throughout": {func() http.Handler {
			f := newFakeAPI()
			f.failures["costs "] = 100
			return f
		}, canary, "failed 5 times in a row, last: the OpenAI Costs API is rate limiting (HTTP 429, rate_limit_exceeded)"},
	} {
		_, err := openTest(t, c.api(), c.key, nil).DailyCosts(t.Context(), nov1, nov3)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", name, err, c.want)
		}
		if err != nil && (strings.Contains(err.Error(), canary) || strings.Contains(err.Error(), "sk-admin")) {
			t.Errorf("%s: the error shows the key: %v", name, err)
		}
	}
}

func TestTimeoutAndCancellation(t *testing.T) {
	hang := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	srv := httptest.NewServer(hang)
	defer srv.Close()
	raw, _ := json.Marshal(map[string]any{"url": srv.URL})
	c, err := Open(raw, "billing[1]", map[string]string{"adminKey": canary}, &http.Client{Timeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	c.withSleep(func(context.Context, time.Duration) error { return nil })
	if _, err := c.DailyCosts(t.Context(), nov1, nov3); err == nil || !strings.Contains(err.Error(), "timed out") {
		t.Errorf("err = %v, want a timeout", err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Millisecond)
	defer cancel()
	c2, _ := Open(raw, "billing[1]", map[string]string{"adminKey": canary}, http.DefaultClient)
	start := time.Now()
	if _, err := c2.DailyCosts(ctx, nov1, nov3); err == nil || time.Since(start) > 500*time.Millisecond {
		t.Errorf("cancelled after %s: %v", time.Since(start), err)
	}
}

func TestSettingsErrors(t *testing.T) {
	for options, want := range map[string]string{
		`{"url":"ftp://x"}`:                   "billing[1].url",
		`{"attributeBy":"model"}`:             "billing[1].attributeBy",
		`{"models":{"proj_1":"Not A Model"}}`: "billing[1].models.proj_1",
	} {
		if _, err := Open(json.RawMessage(options), "billing[1]", map[string]string{"adminKey": canary}, http.DefaultClient); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", options, err, want)
		}
	}
	if _, err := Open(nil, "billing[1]", nil, http.DefaultClient); err == nil || !strings.Contains(err.Error(), "billing[1].adminKey: is not set") {
		t.Errorf("no key: %v", err)
	}
}
