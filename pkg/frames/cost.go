package frames

import (
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
)

// CostSeries is daily spend per group (a category, model or provider) and
// currency, aligned on Days.
type CostSeries struct {
	GroupBy string // "category", "model" or "provider": the label key of each field
	Days    []time.Time
	Series  []CostGroup // field order
}

// CostGroup is one group's daily spend in one currency.
type CostGroup struct {
	Group, Currency string
	Amounts         []float64 // one value per day
	Display         string
}

// Cost builds the wide cost frame: time, then one field per group and
// currency, labelled with both and carrying the currency's unit.
func Cost(s CostSeries, executed string) *data.Frame {
	fields := []*data.Field{TimeField(s.Days)}
	for _, g := range s.Series {
		name := g.Group
		if g.Display != g.Group {
			name = g.Group + "_" + g.Currency
		}
		fields = append(fields, WithLabels(ValueField(name, g.Display, UnitCurrency(g.Currency), g.Amounts), data.Labels{s.GroupBy: g.Group, "currency": g.Currency}))
	}
	return NewTimeSeries("cost", executed, fields...)
}

// CostSummaryRow is one model's spend and value over the query range.
type CostSummaryRow struct {
	Model             string
	Spend             float64
	Predictions       engine.Metric // counted by the serving or inference source
	CostPerPrediction engine.Metric
	Tokens            float64
	CostPer1kTokens   engine.Metric
	Budget            engine.Metric        // monthly budget
	Forecast          engine.SpendForecast // month-end, with its 95% interval
	BudgetVariance    engine.Metric        // forecast vs budget, ratio
	BusinessValue     engine.Metric        // over the query range
	ROI               engine.Metric        // ratio
}

// CostSummary builds the costSummary frame of one currency; money fields
// carry its unit and the cost-per-prediction field turns red above the
// declared cost-per-prediction target.
func CostSummary(rows []CostSummaryRow, currency string, costPerPredictionTarget engine.Metric, executed string) *data.Frame {
	n := len(rows)
	unit := UnitCurrency(currency)
	model, currencies := make([]string, n), make([]string, n)
	spend, tokens := make([]float64, n), make([]*float64, n)
	predictions, cpp, cpt, budget := make([]*float64, n), make([]*float64, n), make([]*float64, n), make([]*float64, n)
	forecast, forecastLow, forecastHigh := make([]*float64, n), make([]*float64, n), make([]*float64, n)
	variance, value, roi := make([]*float64, n), make([]*float64, n), make([]*float64, n)
	for i, r := range rows {
		model[i], currencies[i], spend[i] = r.Model, currency, r.Spend
		if r.Tokens > 0 {
			tokens[i] = Ptr(r.Tokens) // no token line on the bill: not measured, not zero
		}
		predictions[i], cpp[i], cpt[i], budget[i] = r.Predictions.Ptr(), r.CostPerPrediction.Ptr(), r.CostPer1kTokens.Ptr(), r.Budget.Ptr()
		forecast[i], forecastLow[i], forecastHigh[i] = r.Forecast.Point.Ptr(), r.Forecast.Lower.Ptr(), r.Forecast.Upper.Ptr()
		variance[i], value[i], roi[i] = r.BudgetVariance.Ptr(), r.BusinessValue.Ptr(), r.ROI.Ptr()
	}
	cppField := ValueField("costPerPrediction", "Cost per prediction", unit, cpp)
	cppField.Config.SetDecimals(4)
	if costPerPredictionTarget.OK {
		WithThreshold(cppField, costPerPredictionTarget.Value, true)
	}
	varianceField := ValueField("budgetVariance", "Budget variance", UnitPercentUnit, variance)
	WithThreshold(varianceField, engine.CostVarianceP2, true)
	return New("costSummary", executed,
		ValueField("model", "Model", "", model),
		ValueField("currency", "Currency", "", currencies),
		ValueField("spend", "Spend", unit, spend),
		ValueField("predictions", "Predictions", "short", predictions),
		cppField,
		ValueField("tokens", "Tokens", "short", tokens),
		ValueField("costPer1kTokens", "Cost per 1k tokens", unit, cpt),
		ValueField("budget", "Monthly budget", unit, budget),
		ValueField("forecastMonthEnd", "Month-end forecast", unit, forecast),
		ValueField("forecastLow", "Month-end forecast (low, 95%)", unit, forecastLow),
		ValueField("forecastHigh", "Month-end forecast (high, 95%)", unit, forecastHigh),
		varianceField,
		ValueField("businessValue", "Business value", unit, value),
		ValueField("roi", "ROI", UnitPercentUnit, roi),
	)
}

// SavingsRow is one savings opportunity.
type SavingsRow struct {
	Model, Opportunity, Resource string
	MonthlySavings               float64
	Detail                       string
}

// Savings builds the savings frame of one currency.
func Savings(rows []SavingsRow, currency, executed string) *data.Frame {
	n := len(rows)
	model, opportunity, resource, detail := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	currencies, monthly := make([]string, n), make([]float64, n)
	for i, r := range rows {
		model[i], opportunity[i], resource[i], monthly[i], detail[i] = r.Model, r.Opportunity, r.Resource, r.MonthlySavings, r.Detail
		currencies[i] = currency
	}
	return New("savings", executed,
		ValueField("model", "Model", "", model),
		ValueField("opportunity", "Opportunity", "", opportunity),
		ValueField("resource", "Resource", "", resource),
		ValueField("currency", "Currency", "", currencies),
		ValueField("monthlySavings", "Monthly savings", UnitCurrency(currency), monthly),
		ValueField("detail", "Detail", "", detail),
	)
}
