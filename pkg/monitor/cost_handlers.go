package monitor

import (
	"context"
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/frames"
	"github.com/aiperf/monitor/pkg/query"
	"github.com/aiperf/monitor/pkg/sources"
)

var errNoBilling = fault.Userf("no billing source is configured: cost queries need one; configure the Billing section of the data source settings or use the demo data source")

// costRecords reads the daily costs of [from, to) once per data request.
func (r *Request) costRecords(ctx context.Context, from, to time.Time) ([]sources.CostRecord, error) {
	src := r.Conns.Billing
	if src == nil {
		return nil, errNoBilling
	}
	records, err := remember(r.Loads, fmt.Sprintf("costs|%d|%d", from.UnixNano(), to.UnixNano()), func() ([]sources.CostRecord, error) {
		return src.DailyCosts(ctx, from, to)
	})
	if err != nil {
		return nil, fmt.Errorf("reading daily costs: %w", err)
	}
	return records, nil
}

// billingRecords reads the daily costs of [from, to) for the models in scope.
func (r *Request) billingRecords(ctx context.Context, from, to time.Time) ([]sources.CostRecord, error) {
	records, err := r.costRecords(ctx, from, to)
	if err != nil || r.Query.Model == "" {
		return records, err
	}
	if _, err := r.model(); err != nil {
		return nil, err
	}
	kept := records[:0:0]
	for _, rec := range records {
		if rec.Model == r.Query.Model {
			kept = append(kept, rec)
		}
	}
	return kept, nil
}

// costFrames answers `cost`: daily spend by category, or by model with groupBy=model.
func costFrames(ctx context.Context, r *Request) (data.Frames, error) {
	groupBy := r.Query.GroupBy
	if groupBy == "" {
		groupBy = query.CostGroupByCategory
	}
	records, err := r.billingRecords(ctx, r.Range.From, r.Range.To)
	if err != nil {
		return nil, err
	}
	return data.Frames{frames.Cost(dailyCostSeries(records, groupBy), "daily spend of "+r.scope()+" by "+groupBy+" over "+r.Range.String())}, nil
}

// costSummaryFrames answers `costSummary`: one row per model over the range,
// with the month-end forecast taken from the current month's bill.
func costSummaryFrames(ctx context.Context, r *Request) (data.Frames, error) {
	models, err := r.fleetModels()
	if err != nil {
		return nil, err
	}
	records, err := r.billingRecords(ctx, r.Range.From, r.Range.To)
	if err != nil {
		return nil, err
	}
	forecasts, err := r.monthEndForecasts(ctx)
	if err != nil {
		return nil, err
	}
	variances := costVariances(models, forecasts)
	totals := costsByModel(records)
	days := billedDays(records)

	rows := make([]frames.CostSummaryRow, 0, len(models))
	for _, m := range models {
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
	if r.Query.Model == "" {
		rows = append(rows, fleetCostRow(models, records, forecasts[fleetTotal], r.Catalog.MonthlyBudget, days))
	}
	return data.Frames{frames.CostSummary(rows, r.fleetTargets().CostPerPrediction, "cost summary of "+r.scope()+" over "+r.Range.String())}, nil
}

// fleetTotal keys the whole fleet's spend (every charge, shared ones
// included); model ids cannot contain parentheses.
const fleetTotal = "(fleet)"

// fleetCostRow is the whole bill against the declared fleet budget.
func fleetCostRow(models []catalog.Model, records []sources.CostRecord, forecast engine.SpendForecast, monthlyBudget, days float64) frames.CostSummaryRow {
	row := frames.CostSummaryRow{Model: fleetTotal, Forecast: forecast}
	for _, rec := range records {
		row.Spend += rec.Amount
		row.Predictions += rec.Predictions
		row.Tokens += rec.Tokens
	}
	row.CostPerPrediction = engine.CostPerPrediction(row.Spend, row.Predictions)
	row.CostPer1kTokens = engine.CostPer1kTokens(row.Spend, row.Tokens)
	if monthlyBudget > 0 {
		row.Budget = engine.Metric{Value: monthlyBudget, OK: true}
		if forecast.Point.OK {
			row.BudgetVariance = engine.BudgetVariance(forecast.Point.Value, monthlyBudget)
		}
	}
	var value float64
	for _, m := range models {
		value += m.BusinessValuePerMonth
	}
	if value > 0 {
		row.BusinessValue = engine.Metric{Value: engine.ProRated(value, days), OK: true}
		row.ROI = engine.ROI(row.BusinessValue.Value, row.Spend)
	}
	return row
}

// spendHistoryDays is how much daily spend the month-end forecast fits its trend on.
const spendHistoryDays = 28

// monthEndForecasts projects each model's spend of the current month: its
// month-to-date bill plus the trend of its recent daily spend. It is
// computed once per data request.
func (r *Request) monthEndForecasts(ctx context.Context) (map[string]engine.SpendForecast, error) {
	now := r.Now()
	monthStart := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	historyStart := now.Truncate(24*time.Hour).AddDate(0, 0, -spendHistoryDays)
	from := monthStart
	if historyStart.Before(from) {
		from = historyStart
	}
	return remember(r.Loads, "forecasts", func() (map[string]engine.SpendForecast, error) {
		records, err := r.costRecords(ctx, from, now)
		if err != nil {
			return nil, err
		}
		return monthEndForecastsOf(records, now, monthStart, historyStart), nil
	})
}

// monthEndForecastsOf fits each model's forecast to its records.
func monthEndForecastsOf(records []sources.CostRecord, now, monthStart, historyStart time.Time) map[string]engine.SpendForecast {
	daysElapsed := now.Sub(monthStart).Truncate(24*time.Hour).Hours() / 24
	daysInMonth := float64(monthStart.AddDate(0, 1, -1).Day())
	out := map[string]engine.SpendForecast{}
	for model, d := range dailySpendByModel(records, monthStart, historyStart) {
		out[model] = engine.MonthEndSpendForecast(d.monthToDate, d.history, daysElapsed, daysInMonth)
	}
	whole := dailySpendByModel(asFleet(records), monthStart, historyStart)[fleetTotal]
	if whole != nil {
		out[fleetTotal] = engine.MonthEndSpendForecast(whole.monthToDate, whole.history, daysElapsed, daysInMonth)
	}
	return out
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

// asFleet relabels every charge as the fleet's, to forecast the whole bill.
func asFleet(records []sources.CostRecord) []sources.CostRecord {
	out := make([]sources.CostRecord, len(records))
	for i, rec := range records {
		rec.Model = fleetTotal
		out[i] = rec
	}
	return out
}
