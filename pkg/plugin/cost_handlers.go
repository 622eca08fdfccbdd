package plugin

import (
	"context"
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
	"github.com/aiperf/monitor/pkg/sources"
)

var errNoBilling = badQueryError{"cost queries need a billing source: configure one in the data source settings (Billing) or enable the demo fleet"}

// billingRecords reads the daily costs of [from, to) for the models in scope.
func billingRecords(ctx context.Context, in fleetInputs, from, to time.Time) ([]sources.CostRecord, error) {
	if in.billing == nil {
		return nil, errNoBilling
	}
	records, err := in.billing.DailyCosts(ctx, from, to)
	if err != nil {
		return nil, fmt.Errorf("reading daily costs: %w", err)
	}
	if len(in.models) == 1 {
		kept := records[:0:0]
		for _, r := range records {
			if r.Model == in.models[0].ID {
				kept = append(kept, r)
			}
		}
		records = kept
	}
	return records, nil
}

// costFrames answers `cost`: daily spend by category, or by model with groupBy=model.
func costFrames(ctx context.Context, in fleetInputs, groupBy string) (data.Frames, error) {
	switch groupBy {
	case "":
		groupBy = costGroupByCategory
	case costGroupByCategory, costGroupByModel:
	default:
		return nil, fmt.Errorf("groupBy %q is not supported: use %q or %q", groupBy, costGroupByCategory, costGroupByModel)
	}
	records, err := billingRecords(ctx, in, in.from, in.to)
	if err != nil {
		return nil, err
	}
	return data.Frames{frames.Cost(dailyCostSeries(records, groupBy), in.executed)}, nil
}

// costSummaryFrames answers `costSummary`: one row per model over the range,
// with the month-end forecast taken from the current month's bill.
func costSummaryFrames(ctx context.Context, in fleetInputs) (data.Frames, error) {
	records, err := billingRecords(ctx, in, in.from, in.to)
	if err != nil {
		return nil, err
	}
	forecasts, err := monthEndForecasts(ctx, in)
	if err != nil {
		return nil, err
	}
	variances := costVariances(in.models, forecasts)
	totals := costsByModel(records)
	days := billedDays(records)

	rows := make([]frames.CostSummaryRow, 0, len(in.models))
	for _, m := range in.models {
		t := totals[m.ID]
		if t == nil {
			t = &modelCosts{}
		}
		row := frames.CostSummaryRow{
			Model: m.ID, Spend: t.spend, Predictions: t.predictions, Tokens: t.tokens,
			CostPerPrediction: engine.CostPerPrediction(t.spend, t.predictions),
			CostPer1kTokens:   engine.CostPer1kTokens(t.spend, t.tokens),
		}
		row.Forecast = forecasts[m.ID]
		if m.BudgetPerMonth > 0 {
			row.Budget = engine.Metric{Value: m.BudgetPerMonth, OK: true}
			row.BudgetVariance = variances[m.ID]
		}
		if m.BusinessValuePerMonth > 0 {
			value := engine.ProRated(m.BusinessValuePerMonth, days)
			row.BusinessValue = engine.Metric{Value: value, OK: true}
			row.ROI = engine.ROI(value, t.spend)
		}
		rows = append(rows, row)
	}
	return data.Frames{frames.CostSummary(rows, in.fleetTargets().CostPerPrediction, in.executed)}, nil
}

// spendHistoryDays is how much daily spend the month-end forecast fits its trend on.
const spendHistoryDays = 28

// monthEndForecasts projects each model's spend of the current month: its
// month-to-date bill plus the trend of its recent daily spend.
func monthEndForecasts(ctx context.Context, in fleetInputs) (map[string]engine.SpendForecast, error) {
	monthStart := time.Date(in.now.Year(), in.now.Month(), 1, 0, 0, 0, 0, time.UTC)
	historyStart := in.now.UTC().Truncate(24*time.Hour).AddDate(0, 0, -spendHistoryDays)
	from := monthStart
	if historyStart.Before(from) {
		from = historyStart
	}
	records, err := billingRecords(ctx, in, from, in.now)
	if err != nil {
		return nil, err
	}
	daysElapsed := in.now.Sub(monthStart).Truncate(24*time.Hour).Hours() / 24
	daysInMonth := float64(monthStart.AddDate(0, 1, -1).Day())
	out := map[string]engine.SpendForecast{}
	for model, d := range dailySpendByModel(records, monthStart, historyStart) {
		out[model] = engine.MonthEndSpendForecast(d.monthToDate, d.history, daysElapsed, daysInMonth)
	}
	return out, nil
}

// costVariances are each model's forecast month-end spend against its monthly budget.
func costVariances(models []catalog.Model, forecasts map[string]engine.SpendForecast) map[string]engine.Metric {
	out := map[string]engine.Metric{}
	for _, m := range models {
		if f := forecasts[m.ID].Point; f.OK && m.BudgetPerMonth > 0 {
			out[m.ID] = engine.BudgetVariance(f.Value, m.BudgetPerMonth)
		}
	}
	return out
}
