package monitor

import (
	"context"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/shopspring/decimal"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
	"github.com/aiperf/monitor/pkg/query"
	"github.com/aiperf/monitor/pkg/sources"
)

// costFrames answers `cost`: daily spend by category, model or provider, one
// series per group and currency.
func costFrames(ctx context.Context, r *Request) (data.Frames, error) {
	groupBy := r.Query.GroupBy
	if groupBy == "" {
		groupBy = query.CostGroupByCategory
	}
	b, err := r.billingRecords(ctx, r.Range.From, r.Range.To)
	if err != nil {
		return nil, err
	}
	f := frames.Cost(dailyCostSeries(b.records, groupBy, b.mixed()), "daily spend of "+r.scope()+" by "+groupBy+" over "+r.Range.String())
	n := newNotes()
	if b.mixed() {
		n.add(b.mixedNote())
	}
	n.add(b.notes...)
	n.attach(f)
	return data.Frames{f}, nil
}

// costSummaryFrames answers `costSummary`: one row per model and one for the
// fleet over the range, with the month-end forecast from the current
// month's bill; one frame per currency billed.
func costSummaryFrames(ctx context.Context, r *Request) (data.Frames, error) {
	models, err := r.fleetModels()
	if err != nil {
		return nil, err
	}
	b, err := r.billingRecords(ctx, r.Range.From, r.Range.To)
	if err != nil {
		return nil, err
	}
	forecasts, err := r.monthEndForecasts(ctx)
	if err != nil {
		return nil, err
	}
	days := billedDays(b.records)
	n := newNotes()
	predictions := map[string]engine.Metric{}
	counted := ""
	for _, m := range models {
		count, from, err := r.predictionsOf(ctx, m, days)
		if err != nil {
			return nil, err
		}
		predictions[m.ID] = count
		if from != "" {
			counted = "; predictions are " + from + " on the billed days"
		}
	}
	if r.Conns.Serving == nil && r.Conns.Inference == nil {
		n.add(noPredictionSource)
	}
	declared := r.Catalog.DeclaredCurrency()
	currencies := b.currencies
	if len(currencies) == 0 {
		currencies = []string{declared}
	}
	if b.mixed() {
		n.add(b.mixedNote())
	}
	n.add(b.notes...)
	out := make(data.Frames, 0, len(currencies))
	for _, currency := range currencies {
		totals := costsByModel(b.records, currency)
		s := costSummary{
			currency: currency, declared: currency == declared, days: float64(len(days)),
			forecasts: forecasts[currency], predictions: predictions, notes: n,
		}
		var rows []frames.CostSummaryRow
		for _, m := range models {
			t := totals[m.ID]
			switch {
			case b.mixed() && (t == nil || !t.currencies[currency]):
				continue // not billed in this currency
			case t == nil:
				t = &modelCosts{}
			}
			rows = append(rows, s.modelRow(m, t))
		}
		if r.Query.Model == "" {
			rows = append(rows, s.fleetRow(models, b, r.Catalog.MonthlyBudget))
		}
		target := engine.Metric{}
		if s.declared {
			target = engine.Metric{Value: r.fleetTargets().CostPerPrediction, OK: true}
		} else {
			n.add("budgets, business values and the cost-per-prediction target are declared in " + declared + ": " + currency + " charges are not compared with them")
		}
		out = append(out, frames.CostSummary(rows, currency, target, "cost summary of "+r.scope()+" in "+currency+" over "+r.Range.String()+counted))
	}
	for _, f := range out {
		n.attach(f)
	}
	return out, nil
}

// costSummary holds what every row of one currency's summary shares.
type costSummary struct {
	currency    string
	declared    bool    // the currency of the declared budgets and values
	days        float64 // billed days of the range
	forecasts   map[string]engine.SpendForecast
	predictions map[string]engine.Metric
	notes       *notes
}

// modelRow is one model's spend, unit costs, budget and ROI. Unit costs,
// budget variance and ROI need the model's whole bill in one currency, the
// declared one for budget and ROI.
func (s costSummary) modelRow(m catalog.Model, t *modelCosts) frames.CostSummaryRow {
	spend := t.spendValue()
	row := frames.CostSummaryRow{Model: m.ID, Spend: spend, Predictions: s.predictions[m.ID], Tokens: t.tokens}
	if !t.singleCurrency() {
		return row
	}
	if p := row.Predictions; p.OK {
		row.CostPerPrediction = engine.CostPerPrediction(spend, p.Value)
	}
	row.CostPer1kTokens = engine.CostPer1kTokens(spend, t.tokens)
	if !s.declared {
		return row
	}
	row.Forecast = s.forecasts[m.ID]
	if m.BudgetPerMonth > 0 {
		row.Budget = engine.Metric{Value: m.BudgetPerMonth, OK: true}
		if f := row.Forecast.Point; f.OK {
			row.BudgetVariance = engine.BudgetVariance(f.Value, m.BudgetPerMonth)
		}
	}
	if m.BusinessValuePerMonth > 0 {
		value := engine.ProRated(m.BusinessValuePerMonth, s.days)
		row.BusinessValue = engine.Metric{Value: value, OK: true}
		row.ROI = engine.ROI(value, spend)
	}
	return row
}

// fleetTotal keys the whole fleet's spend (every charge, shared ones
// included); model ids cannot contain parentheses.
const fleetTotal = "(fleet)"

// fleetRow is the whole bill in this currency against the declared fleet
// budget; its predictions are every catalog model's. Its cost per 1k tokens
// divides the spend of the models that report tokens, as each model's row
// does, not the whole bill.
func (s costSummary) fleetRow(models []catalog.Model, b *bill, monthlyBudget float64) frames.CostSummaryRow {
	var spend decimal.Decimal
	row := frames.CostSummaryRow{Model: fleetTotal}
	modelSpend, modelTokens := map[string]decimal.Decimal{}, map[string]float64{}
	for _, rec := range b.records {
		if rec.Currency == s.currency {
			spend = spend.Add(rec.Amount)
			row.Tokens += rec.Tokens
			if rec.Model != "" {
				modelSpend[rec.Model] = modelSpend[rec.Model].Add(rec.Amount)
				modelTokens[rec.Model] += rec.Tokens
			}
		}
	}
	var tokenSpend decimal.Decimal
	for m, tokens := range modelTokens {
		if tokens > 0 {
			tokenSpend = tokenSpend.Add(modelSpend[m])
		}
	}
	row.Spend = spend.InexactFloat64()
	counted := true
	var predictions float64
	for _, m := range models {
		p := s.predictions[m.ID]
		counted = counted && p.OK
		predictions += p.Value
	}
	if counted && len(models) > 0 {
		row.Predictions = engine.Metric{Value: predictions, OK: true}
	}
	if b.mixed() {
		return row
	}
	if row.Predictions.OK {
		row.CostPerPrediction = engine.CostPerPrediction(row.Spend, predictions)
	}
	row.CostPer1kTokens = engine.CostPer1kTokens(tokenSpend.InexactFloat64(), row.Tokens)
	if !s.declared {
		return row
	}
	row.Forecast = s.forecasts[fleetTotal]
	if monthlyBudget > 0 {
		row.Budget = engine.Metric{Value: monthlyBudget, OK: true}
		if f := row.Forecast.Point; f.OK {
			row.BudgetVariance = engine.BudgetVariance(f.Value, monthlyBudget)
		}
	} else {
		s.notes.add("no fleet monthlyBudget is declared: the fleet row has no budget variance")
	}
	var value float64
	for _, m := range models {
		value += m.BusinessValuePerMonth
	}
	if value > 0 {
		row.BusinessValue = engine.Metric{Value: engine.ProRated(value, s.days), OK: true}
		row.ROI = engine.ROI(row.BusinessValue.Value, row.Spend)
	}
	return row
}

// spendHistoryDays is how much daily spend the month-end forecast fits its trend on.
const spendHistoryDays = 28

// monthEndForecasts projects each model's spend of the current month, per
// currency: its month-to-date bill plus the trend of its recent daily
// spend. It is computed once per data request.
func (r *Request) monthEndForecasts(ctx context.Context) (map[string]map[string]engine.SpendForecast, error) {
	now := r.Now()
	monthStart := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	historyStart := now.Truncate(24*time.Hour).AddDate(0, 0, -spendHistoryDays)
	from := monthStart
	if historyStart.Before(from) {
		from = historyStart
	}
	return remember(r.Loads, "forecasts", func() (map[string]map[string]engine.SpendForecast, error) {
		b, err := r.costBill(ctx, from, now)
		if err != nil {
			return nil, err
		}
		out := map[string]map[string]engine.SpendForecast{}
		for _, c := range b.currencies {
			out[c] = monthEndForecastsOf(b.inCurrency(c), now, monthStart, historyStart)
		}
		return out, nil
	})
}

// monthEndForecastsOf fits each model's forecast, and the fleet's, to its records.
func monthEndForecastsOf(records []sources.CostRecord, now, monthStart, historyStart time.Time) map[string]engine.SpendForecast {
	daysElapsed := now.Sub(monthStart).Truncate(24*time.Hour).Hours() / 24
	daysInMonth := float64(monthStart.AddDate(0, 1, -1).Day())
	out := map[string]engine.SpendForecast{}
	forecast := func(h *spendHistory) engine.SpendForecast {
		return engine.MonthEndSpendForecast(h.monthToDate.InexactFloat64(), h.history, daysElapsed, daysInMonth)
	}
	for model, h := range dailySpendByModel(records, monthStart, historyStart) {
		out[model] = forecast(h)
	}
	if whole := dailySpendByModel(asFleet(records), monthStart, historyStart)[fleetTotal]; whole != nil {
		out[fleetTotal] = forecast(whole)
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
