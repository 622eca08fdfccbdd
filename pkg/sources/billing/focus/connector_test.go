package focus

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/aiperf/monitor/pkg/sources"
)

var (
	nov1 = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	dec1 = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
)

func open(t *testing.T, options map[string]any, secrets map[string]string) *Connector {
	t.Helper()
	raw, _ := json.Marshal(options)
	c, err := Open(raw, "billing[0]", secrets, http.DefaultClient)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// totals adds the records' amounts exactly, per currency.
func totals(records []sources.CostRecord) map[string]string {
	sums := map[string]decimal.Decimal{}
	for _, r := range records {
		sums[r.Currency] = sums[r.Currency].Add(r.Amount)
	}
	out := map[string]string{}
	for c, v := range sums {
		out[c] = v.String()
	}
	return out
}

// The fixture has usage on demand and under a savings plan, the plan's
// unused part and its upfront purchase, an SLA credit, a refund, tax, a
// second currency and a charge spanning midnight; each cost column sums as
// FOCUS defines it, exact to the last digit, never across currencies.
func TestCostColumnsAddUpExactly(t *testing.T) {
	for column, want := range map[string]map[string]string{
		"":               {"USD": "133.543567", "EUR": "10.5"}, // EffectiveCost: the purchase is amortised (0), covered usage costs its share
		"BilledCost":     {"USD": "209.543567", "EUR": "10.5"}, // cash: the purchase counts, covered usage is 0
		"ListCost":       {"USD": "239.543567", "EUR": "10.5"},
		"ContractedCost": {"USD": "233.543567", "EUR": "10.5"},
	} {
		options := map[string]any{"location": "testdata/charges.csv"}
		if column != "" {
			options["costColumn"] = column
		}
		records, err := open(t, options, nil).DailyCosts(t.Context(), nov1, dec1)
		if err != nil {
			t.Fatal(column, err)
		}
		got := totals(records)
		if len(got) != 2 || got["USD"] != want["USD"] || got["EUR"] != want["EUR"] {
			t.Errorf("%s: totals %v, want %v", column, got, want)
		}
	}
}

func TestChargesAreAttributedAndCategorised(t *testing.T) {
	records, err := open(t, map[string]any{"location": "testdata/charges.csv"}, nil).DailyCosts(t.Context(), nov1, dec1)
	if err != nil {
		t.Fatal(err)
	}
	find := func(day int, model, category string) *sources.CostRecord {
		for i, r := range records {
			if r.Day.Equal(nov1.AddDate(0, 0, day-1)) && r.Model == model && r.Category == category && r.Service != "Amazon CloudWatch" {
				return &records[i]
			}
		}
		return nil
	}
	checks := []struct {
		day             int
		model, category string
		amount          string
	}{
		{1, "fraud-detection", sources.CategoryGPU, "98.304"},
		{2, "fraud-detection", sources.CategoryGPU, "-15"}, // the SLA credit
		{1, "risk-assessment", sources.CategoryCompute, "21.6"},
		{3, "risk-assessment", sources.CategoryCompute, "-3.1"}, // the refund
		{2, "recommendation-ai", sources.CategoryStorage, "1.234567"},
		{2, "recommendation-ai", sources.CategoryNetwork, "0.045"},
		{2, "customer-ai-assistant", sources.CategoryLLM, "12.75"},
		{2, "customer-ai-assistant", sources.CategoryCompute, "5"}, // half of the charge across midnight
		{3, "customer-ai-assistant", sources.CategoryCompute, "5"},
		{3, "", sources.CategoryPlatform, "4.2"}, // tax
		{3, "demand-forecast", sources.CategoryCompute, "10.5"},
	}
	for _, c := range checks {
		r := find(c.day, c.model, c.category)
		if r == nil || r.Amount.String() != c.amount {
			t.Errorf("day %d %q %s: %+v, want %s", c.day, c.model, c.category, r, c.amount)
		}
	}
	if r := find(2, "customer-ai-assistant", sources.CategoryLLM); r == nil || r.Tokens != 1_500_000 || r.Provider != "Microsoft" {
		t.Errorf("LLM tokens from ConsumedQuantity in 1K Tokens: %+v", r)
	}
	if r := find(3, "demand-forecast", sources.CategoryCompute); r == nil || r.Currency != "EUR" || r.Provider != "OVHcloud" {
		t.Errorf("the EUR charge keeps its currency and provider: %+v", r)
	}
}

// A charge period longer than a day is spread over its days in proportion,
// and the parts add up to the charge exactly.
func TestMultiDayChargesSpreadExactly(t *testing.T) {
	c := open(t, map[string]any{"location": "testdata/charges.csv", "costColumn": "BilledCost"}, nil)
	records, err := c.DailyCosts(t.Context(), nov1.AddDate(0, 0, 10), nov1.AddDate(0, 0, 11))
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 1 || records[0].Amount.String() != "3.333333333333" {
		t.Fatalf("a day of the 100.00 monthly purchase: %+v", records)
	}
	all, err := c.DailyCosts(t.Context(), nov1, dec1)
	if err != nil {
		t.Fatal(err)
	}
	var purchase decimal.Decimal
	days := 0
	for _, r := range all {
		if r.Service == "Savings Plans for AWS Compute usage" {
			purchase = purchase.Add(r.Amount)
			days++
		}
	}
	if purchase.String() != "100" || days != 30 {
		t.Errorf("the purchase spread over %d days adds up to %s, want 100 over 30", days, purchase)
	}
}

func TestSpanKeepsWholeDaysInside(t *testing.T) {
	c := open(t, map[string]any{"location": "testdata/charges.csv"}, nil)
	records, err := c.DailyCosts(t.Context(), nov1.AddDate(0, 0, 1).Add(5*time.Hour), nov1.AddDate(0, 0, 2))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range records {
		if !r.Day.Equal(nov1.AddDate(0, 0, 1)) {
			t.Fatalf("record of %s outside the span's day", r.Day)
		}
	}
	if len(records) == 0 {
		t.Fatal("no records on Nov 2")
	}
}

func TestMissingMandatoryColumnsAreNamed(t *testing.T) {
	_, err := open(t, map[string]any{"location": "testdata/missing-columns.csv"}, nil).DailyCosts(t.Context(), nov1, dec1)
	if err == nil || !strings.Contains(err.Error(), "mandatory columns EffectiveCost, ServiceName are missing") {
		t.Fatalf("err = %v, want the missing columns named", err)
	}
}

func TestMalformedRowsNameRowAndColumn(t *testing.T) {
	raw, _ := os.ReadFile("testdata/charges.csv")
	for name, c := range map[string]struct{ from, to, want string }{
		"cost":     {"98.304,98.304,98.304,98.304", "98.304,ninety,98.304,98.304", `row 1: EffectiveCost "ninety" is not a decimal number`},
		"category": {"USD,2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,Tax", "USD,2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,Refund", `row 10: ChargeCategory "Refund" is not a FOCUS charge category`},
		"time":     {"2026-11-03T00:00:00Z,2026-11-04T00:00:00Z,OVH", "03/11/2026,2026-11-04T00:00:00Z,OVH", `row 11: ChargePeriodStart "03/11/2026" is not an ISO 8601`},
		"tags":     {`"{""model"": ""fraud-detection"", ""team"": ""risk""}"`, `"model=fraud"`, "row 1: Tags is not a JSON object"},
	} {
		path := filepath.Join(t.TempDir(), "bad.csv")
		os.WriteFile(path, bytes.Replace(raw, []byte(c.from), []byte(c.to), 1), 0o600)
		_, err := open(t, map[string]any{"location": path}, nil).DailyCosts(t.Context(), nov1, dec1)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", name, err, c.want)
		}
	}
}

func TestCategoryRulesAreTriedFirst(t *testing.T) {
	c := open(t, map[string]any{"location": "testdata/charges.csv", "categories": []map[string]string{
		{"column": "ServiceName", "pattern": "^amazon cloudwatch$", "category": "network"},
	}}, nil)
	records, err := c.DailyCosts(t.Context(), nov1.AddDate(0, 0, 2), nov1.AddDate(0, 0, 3))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range records {
		if r.Service == "Amazon CloudWatch" && r.Category != sources.CategoryNetwork {
			t.Errorf("CloudWatch in %s, want the configured network", r.Category)
		}
	}
}

func TestSettingsErrorsNameTheField(t *testing.T) {
	for options, want := range map[string]string{
		`{}`:                           "billing[0].location: is empty",
		`{"location":"ftp://x/a.csv"}`: "billing[0].location: must be a local path or an http(s) URL",
		`{"location":"/x/export.txt"}`: "billing[0].format",
		`{"location":"a.csv","costColumn":"UnblendedCost"}`:                                           "billing[0].costColumn",
		`{"location":"a.csv","categories":[{"column":"Sku","pattern":"x","category":"gpu"}]}`:         "billing[0].categories[0].column",
		`{"location":"a.csv","categories":[{"column":"ServiceName","pattern":"(","category":"gpu"}]}`: "billing[0].categories[0].pattern",
		`{"location":"a.csv","categories":[{"column":"ServiceName","pattern":"x","category":"ml"}]}`:  "billing[0].categories[0].category",
	} {
		_, err := Open(json.RawMessage(options), "billing[0]", nil, http.DefaultClient)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", options, err, want)
		}
	}
}

// Over HTTP, gzipped: the export is downloaded once per ETag, with the
// feed's token, and a refusal says so without echoing the token or the
// URL's signature.
func TestExportOverHTTPWithGzipAndETag(t *testing.T) {
	raw, _ := os.ReadFile("testdata/charges.csv")
	var zipped bytes.Buffer
	gz := gzip.NewWriter(&zipped)
	gz.Write(raw)
	gz.Close()
	var gets atomic.Int32
	const canary = "canary-focus-token-7f3a"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+canary {
			http.Error(w, "expired token", http.StatusUnauthorized)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		if r.Method == http.MethodGet {
			gets.Add(1)
			w.Write(zipped.Bytes())
		}
	}))
	defer srv.Close()
	url := srv.URL + "/exports/focus.csv.gz?X-Amz-Signature=secret-signature"
	c := open(t, map[string]any{"location": url}, map[string]string{"token": canary})
	for range 2 {
		records, err := c.DailyCosts(t.Context(), nov1, dec1)
		if err != nil {
			t.Fatal(err)
		}
		if got := totals(records); got["USD"] != "133.543567" {
			t.Fatalf("totals over HTTP %v", got)
		}
	}
	if gets.Load() != 1 {
		t.Errorf("%d downloads, want 1 while the ETag holds", gets.Load())
	}
	_, err := open(t, map[string]any{"location": url}, map[string]string{"token": "wrong-" + canary}).DailyCosts(t.Context(), nov1, dec1)
	if err == nil || !strings.Contains(err.Error(), "refused (HTTP 401)") || strings.Contains(err.Error(), canary) || strings.Contains(err.Error(), "secret-signature") {
		t.Errorf("err = %v, want a refusal naming neither the token nor the signature", err)
	}
	detail, err := c.CheckHealth(t.Context())
	if err != nil || strings.Contains(detail, "secret-signature") || !strings.Contains(detail, "/exports/focus.csv.gz") {
		t.Errorf("health %q, %v", detail, err)
	}
}

func TestTimeoutAndCancellation(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	defer srv.Close()
	raw, _ := json.Marshal(map[string]any{"location": srv.URL + "/focus.csv"})
	c, err := Open(raw, "billing[0]", nil, &http.Client{Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.DailyCosts(t.Context(), nov1, dec1); err == nil || !strings.Contains(err.Error(), "timed out") {
		t.Errorf("err = %v, want a timeout", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := open(t, map[string]any{"location": "testdata/charges.csv"}, nil).DailyCosts(ctx, nov1, dec1); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}
