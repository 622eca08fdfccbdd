package monitor

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/shopspring/decimal"

	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/demo"
)

// withEUR adds a EUR charge to every billed day of the demo's fraud model.
type withEUR struct{ sources.BillingSource }

func (w withEUR) DailyCosts(ctx context.Context, from, to time.Time) ([]sources.CostRecord, error) {
	records, err := w.BillingSource.DailyCosts(ctx, from, to)
	days := map[time.Time]bool{}
	for _, r := range records {
		days[r.Day] = true
	}
	for d := range days {
		records = append(records, sources.CostRecord{Day: d, Model: demo.FraudDetection, Category: sources.CategoryCompute,
			Provider: "OVHcloud", Service: "Public Cloud Instances", Currency: "EUR", Amount: decimal.RequireFromString("10.50")})
	}
	return records, err
}

func notices(f *data.Frame) string {
	var texts []string
	if f.Meta != nil {
		for _, n := range f.Meta.Notices {
			texts = append(texts, n.Text)
		}
	}
	return strings.Join(texts, " | ")
}

// A bill in two currencies is never summed across them: every series and
// table carries its currency, ratios that need one total are undefined, and
// each frame says why.
func TestMixedCurrenciesAreKeptApartAndSaidSo(t *testing.T) {
	s := newDemoSetup(t, fleetTestNow)
	s.conns.Billing = withEUR{s.conns.Billing}
	cost, err := s.answer(t, map[string]any{"queryType": "cost", "groupBy": "model"}, 7*day, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	var eur, usd *data.Field
	for _, f := range cost[0].Fields[1:] {
		if f.Labels["model"] == demo.FraudDetection {
			switch f.Labels["currency"] {
			case "EUR":
				eur = f
			case "USD":
				usd = f
			}
		}
	}
	if eur == nil || usd == nil || eur.Config.Unit != "currencyEUR" || usd.Config.Unit != "currencyUSD" || eur.Config.DisplayName != "fraud-detection (EUR)" {
		t.Fatalf("fraud-detection's spend must be one series per currency with its unit: %v", cost[0].Fields)
	}
	if eur.At(0).(float64) != 10.5 {
		t.Errorf("EUR series %v, want 10.50 a day", eur.At(0))
	}
	if !strings.Contains(notices(cost[0]), "billed in 2 currencies (EUR, USD)") {
		t.Errorf("cost notices %q", notices(cost[0]))
	}

	summary, err := s.answer(t, map[string]any{"queryType": "costSummary"}, 7*day, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if len(summary) != 2 {
		t.Fatalf("%d cost summary frames, want one per currency", len(summary))
	}
	for _, f := range summary {
		currency := stringsOf(t, f, "currency")[0]
		spend, _ := f.FieldByName("spend")
		if spend.Config.Unit != "currency"+currency || !strings.Contains(notices(f), "never added across currencies") {
			t.Errorf("%s frame: unit %q, notices %q", currency, spend.Config.Unit, notices(f))
		}
		models := stringsOf(t, f, "model")
		fleet := fleetRow(t, models, fleetTotal)
		if v := nullableAt(t, f, "costPerPrediction", fleet); v != nil {
			t.Errorf("%s fleet cost per prediction %v, want undefined on a mixed bill", currency, *v)
		}
		if currency == "EUR" && len(models) != 2 {
			t.Errorf("EUR frame rows %v, want the model billed in EUR and the fleet", models)
		}
		if currency == "USD" {
			if v := nullableAt(t, f, "costPerPrediction", fleetRow(t, models, demo.RiskAssessment)); v == nil {
				t.Error("a model billed in USD only keeps its cost per prediction")
			}
			if v := nullableAt(t, f, "costPerPrediction", fleetRow(t, models, demo.FraudDetection)); v != nil {
				t.Errorf("a model billed in two currencies has no single cost per prediction, got %v", *v)
			}
		}
	}

	kpis, err := s.answer(t, map[string]any{"queryType": "kpis"}, 7*day, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	row := fleetRow(t, stringsOf(t, kpis[0], "kpi"), kpiCostPerPrediction)
	if v := nullableAt(t, kpis[0], "value", row); v != nil || !strings.Contains(notices(kpis[0]), "2 currencies") {
		t.Errorf("KPI cost per prediction %v with notices %q, want undefined and said so", v, notices(kpis[0]))
	}
}

// Two feeds billing the same provider and category on the same day are
// counted once, and the frame names the feed left out.
func TestOverlappingFeedsAreCountedOnceAndNamed(t *testing.T) {
	s := newDemoSetup(t, fleetTestNow)
	fleet := s.conns.Billing
	single, err := s.answer(t, map[string]any{"queryType": "costSummary"}, 7*day, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	s.conns.Billing = sources.CombinedBilling([]sources.NamedBilling{{Name: "invoices", Source: fleet}, {Name: "focus", Source: fleet}})
	both, err := s.answer(t, map[string]any{"queryType": "costSummary"}, 7*day, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := single[0].FieldByName("spend")
	b, _ := both[0].FieldByName("spend")
	for i := range a.Len() {
		if a.At(i) != b.At(i) {
			t.Errorf("row %d: spend %v with one feed, %v with the same bill twice", i, a.At(i), b.At(i))
		}
	}
	if n := notices(both[0]); !strings.Contains(n, "billing feed focus bills AWS compute charges on 7 days that feed invoices also bills: they are counted once, from invoices") {
		t.Errorf("notices %q", n)
	}
}
