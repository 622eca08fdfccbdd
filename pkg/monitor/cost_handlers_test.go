package monitor

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/shopspring/decimal"

	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/demo"
)

func TestCostSummaryOnDemo(t *testing.T) {
	s := newDemoSetup(t, fleetTestNow)
	s.catalog.Models[0].BudgetPerMonth = 1 // a tiny budget: the forecast must overshoot it
	s.catalog.Models[3].BudgetPerMonth = 0 // no budget: no variance
	got, err := s.answer(t, map[string]any{"queryType": "costSummary"}, 7*day, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	f := got[0]
	models := stringsOf(t, f, "model")
	if len(models) != 6 || models[5] != fleetTotal {
		t.Fatalf("rows = %v, want the five demo models and the fleet", models)
	}
	assistant := fleetRow(t, models, demo.CustomerAIAssistant)
	if v := nullableAt(t, f, "costPer1kTokens", assistant); v == nil || *v <= 0 {
		t.Errorf("LLM cost per 1k tokens = %v, want a positive amount", v)
	}
	// Only the LLM reports tokens: the fleet's cost per 1k tokens is its.
	fleet, llm := nullableAt(t, f, "costPer1kTokens", 5), nullableAt(t, f, "costPer1kTokens", assistant)
	if fleet == nil || llm == nil || math.Abs(*fleet-*llm) > 1e-9**llm {
		t.Errorf("fleet cost per 1k tokens = %v, want the token-billed model's %v", fleet, llm)
	}
	risk := fleetRow(t, models, demo.RiskAssessment)
	if v := nullableAt(t, f, "costPer1kTokens", risk); v != nil {
		t.Errorf("risk-assessment cost per 1k tokens = %v, want null (no tokens billed)", *v)
	}
	spend, _ := f.FieldByName("spend")
	predictions := nullableAt(t, f, "predictions", risk)
	cpp := nullableAt(t, f, "costPerPrediction", risk)
	if predictions == nil || *predictions <= 0 {
		t.Fatalf("predictions of %s = %v, want the served requests", demo.RiskAssessment, predictions)
	}
	if want := spend.At(risk).(float64) / *predictions; cpp == nil || math.Abs(*cpp-want) > 1e-12 {
		t.Errorf("cost per prediction = %v, want spend/predictions = %v", cpp, want)
	}
	roi := nullableAt(t, f, "roi", risk)
	value := nullableAt(t, f, "businessValue", risk)
	if roi == nil || value == nil || math.Abs(*roi-(*value-spend.At(risk).(float64))/spend.At(risk).(float64)) > 1e-12 {
		t.Errorf("roi = %v, want (value − spend)/spend", roi)
	}
	if v := nullableAt(t, f, "budgetVariance", fleetRow(t, models, s.catalog.Models[0].ID)); v == nil || *v <= 0 {
		t.Errorf("budget variance = %v, want over budget", v)
	}
	if v := nullableAt(t, f, "budgetVariance", fleetRow(t, models, s.catalog.Models[3].ID)); v != nil {
		t.Errorf("budget variance without a budget = %v, want null", *v)
	}
	for i, m := range models {
		low, point, high := nullableAt(t, f, "forecastLow", i), nullableAt(t, f, "forecastMonthEnd", i), nullableAt(t, f, "forecastHigh", i)
		if low == nil || point == nil || high == nil || !(*low <= *point && *point <= *high) {
			t.Errorf("%s: month-end forecast %v not inside its interval [%v, %v]", m, point, low, high)
		}
	}
}

func TestDailySpendStartsAtEachModelsFirstCharge(t *testing.T) {
	start := time.Date(2026, 10, 20, 0, 0, 0, 0, time.UTC)
	monthStart := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	records := []sources.CostRecord{
		{Day: start, Model: "old", Amount: decimal.NewFromInt(10)},
		{Day: start.AddDate(0, 0, 12), Model: "old", Amount: decimal.NewFromInt(12)},
		{Day: start.AddDate(0, 0, 13), Model: "new", Amount: decimal.NewFromInt(5)},
		{Day: start.AddDate(0, 0, 13), Category: sources.CategoryPlatform, Amount: decimal.NewFromInt(1)},
	}
	got := dailySpendByModel(records, monthStart, start)
	if h := got["old"]; len(h.history) != 14 || h.history[0] != 10 || h.history[1] != 0 || !h.monthToDate.Equal(decimal.NewFromInt(12)) {
		t.Errorf("old: %+v", h)
	}
	if h := got["new"]; len(h.history) != 1 || h.history[0] != 5 || !h.monthToDate.Equal(decimal.NewFromInt(5)) {
		t.Errorf("a model launched mid-history starts at its first charge: %+v", h)
	}
	if h := got[unattributedCost]; h == nil || !h.monthToDate.Equal(decimal.NewFromInt(1)) {
		t.Errorf("unattributed charges: %+v", h)
	}
}

func TestCostByModelAndCategoryOnDemo(t *testing.T) {
	byCategory := fleetAnswer(t, "cost", 7, "")
	s := newDemoSetup(t, fleetTestNow)
	byModel, err := s.answer(t, map[string]any{"queryType": "cost", "groupBy": "model"}, 7*day, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	total := func(f *data.Frame) float64 {
		sum := 0.0
		for _, field := range f.Fields[1:] {
			for i := 0; i < field.Len(); i++ {
				sum += field.At(i).(float64)
			}
		}
		return sum
	}
	if a, b := total(byCategory[0]), total(byModel[0]); a <= 0 || math.Abs(a-b) > 1e-6 {
		t.Errorf("total by category %v and by model %v must agree and be positive", a, b)
	}
	if f, _ := byCategory[0].FieldByName(sources.CategoryLLM); f == nil || f.Labels["category"] != sources.CategoryLLM || f.Labels["currency"] != "USD" {
		t.Errorf("by category: want an llm field labelled {category=llm, currency=USD}")
	}
	if f, _ := byModel[0].FieldByName(demo.FraudDetection); f == nil || f.Config.Unit != "currencyUSD" {
		t.Errorf("by model: want a currencyUSD field for %s", demo.FraudDetection)
	}
	if len(byModel[0].Fields[0].Name) == 0 || byModel[0].Fields[0].Type() != data.FieldTypeTime {
		t.Errorf("first field is %v, want time", byModel[0].Fields[0].Type())
	}
}

func TestCostQueryErrors(t *testing.T) {
	s := newDemoSetup(t, fleetTestNow)
	s.conns.Billing = nil
	if _, err := s.answer(t, map[string]any{"queryType": "costSummary"}, 7*day, time.Hour); !errors.Is(err, errNoBilling) {
		t.Errorf("no billing source: err = %v, want errNoBilling", err)
	}
}

func TestSavingsOnDemo(t *testing.T) {
	got, err := fleetAnswer(t, "savings", 7, ""), error(nil)
	if err != nil {
		t.Fatal(err)
	}
	f := got[0]
	models, resources := stringsOf(t, f, "model"), stringsOf(t, f, "resource")
	monthly, _ := f.FieldByName("monthlySavings")
	found := false
	for i := range models {
		if monthly.At(i).(float64) <= 0 {
			t.Errorf("row %d (%s) saves %v, want only positive opportunities", i, models[i], monthly.At(i))
		}
		if models[i] == demo.FraudDetection && resources[i] == sources.CategoryGPU {
			found = true
		}
		if resources[i] == sources.CategoryGPU && (models[i] == demo.RiskAssessment || models[i] == demo.DemandForecast) {
			t.Errorf("%s has no GPUs but is listed for idle GPU savings", models[i])
		}
	}
	if !found {
		t.Errorf("savings %v / %v: want fraud-detection's mostly idle GPUs", models, resources)
	}
}
