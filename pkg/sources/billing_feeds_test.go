package sources

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

type fixedBill []CostRecord

func (f fixedBill) DailyCosts(context.Context, time.Time, time.Time) ([]CostRecord, error) {
	return f, nil
}

type brokenBill struct{}

func (brokenBill) DailyCosts(context.Context, time.Time, time.Time) ([]CostRecord, error) {
	return nil, errors.New("401 from the API")
}

var (
	day1 = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	day2 = day1.AddDate(0, 0, 1)
)

func charge(day time.Time, provider, category, amount string) CostRecord {
	return CostRecord{Day: day, Provider: provider, Category: category, Currency: "USD", Amount: decimal.RequireFromString(amount)}
}

// An OpenAI feed and a FOCUS export carrying the same OpenAI invoice: the
// feed listed first is counted, the other's OpenAI charges are marked, and
// the FOCUS export's other charges still count.
func TestCombinedBillingCountsOverlappingChargesOnce(t *testing.T) {
	openai := fixedBill{
		charge(day1, "OpenAI", CategoryLLM, "10.00"),
		charge(day1, "OpenAI", CategoryLLM, "2.50"), // a second line item of the same day
	}
	focus := fixedBill{
		charge(day1, "OpenAI, L.L.C.", CategoryLLM, "12.50"),
		charge(day2, "OpenAI", CategoryLLM, "7.00"), // a day the OpenAI feed does not bill
		charge(day1, "Amazon Web Services", CategoryCompute, "30.00"),
	}
	aws := fixedBill{charge(day1, "AWS", CategoryCompute, "30.00")}
	got, err := CombinedBilling([]NamedBilling{{"openai", openai}, {"focus", focus}, {"aws-ce", aws}}).DailyCosts(t.Context(), day1, day2.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	var counted decimal.Decimal
	duplicates := map[string]string{}
	for _, r := range got {
		if r.Feed == "" {
			t.Fatalf("record without its feed: %+v", r)
		}
		if r.DuplicateOf != "" {
			duplicates[r.Feed+" "+r.Provider] = r.DuplicateOf
			continue
		}
		counted = counted.Add(r.Amount)
	}
	if want := decimal.RequireFromString("49.50"); !counted.Equal(want) {
		t.Errorf("counted %s, want %s (12.50 OpenAI + 7.00 OpenAI on day 2 + 30.00 AWS)", counted, want)
	}
	if duplicates["focus OpenAI, L.L.C."] != "openai" || duplicates["aws-ce AWS"] != "focus" || len(duplicates) != 2 {
		t.Errorf("duplicates %v", duplicates)
	}
}

func TestCombinedBillingNamesTheFailingFeed(t *testing.T) {
	_, err := CombinedBilling([]NamedBilling{{"ok", fixedBill{}}, {"anthropic", brokenBill{}}}).DailyCosts(t.Context(), day1, day2)
	if err == nil || !strings.Contains(err.Error(), "billing feed anthropic") {
		t.Errorf("err = %v, want it to name the feed", err)
	}
}

func TestProviderKey(t *testing.T) {
	for name, want := range map[string]string{
		"AWS": "aws", "Amazon Web Services": "aws", "Amazon Web Services, Inc.": "aws",
		"OpenAI": "openai", "OpenAI, L.L.C.": "openai", "Anthropic, PBC": "anthropic",
		"Microsoft": "azure", "Google Cloud": "gcp", "Credit bureau": "creditbureau",
	} {
		if got := ProviderKey(name); got != want {
			t.Errorf("ProviderKey(%q) = %q, want %q", name, got, want)
		}
	}
}
