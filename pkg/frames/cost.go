package frames

import (
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
)

// CostSeries is daily spend per group (a category or a model), aligned on Days.
type CostSeries struct {
	GroupBy string // "category" or "model": the label key of each field
	Days    []time.Time
	Groups  []string             // field order
	Amounts map[string][]float64 // per group, one value per day
}

// Cost builds the wide cost frame: time, then one currencyUSD field per group.
func Cost(s CostSeries, executed string) *data.Frame {
	fields := []*data.Field{TimeField(s.Days)}
	for _, g := range s.Groups {
		fields = append(fields, WithLabels(ValueField(g, g, UnitUSD, s.Amounts[g]), data.Labels{s.GroupBy: g}))
	}
	return New("cost", executed, fields...)
}

// CostSummaryRow is one model's spend and value over the query range.
type CostSummaryRow struct {
	Model             string
	Spend             float64
	Predictions       float64
	CostPerPrediction engine.Metric
	Tokens            float64
	CostPer1kTokens   engine.Metric
	Budget            engine.Metric        // monthly budget
	Forecast          engine.SpendForecast // month-end, with its 95% interval
	BudgetVariance    engine.Metric        // forecast vs budget, ratio
	BusinessValue     engine.Metric        // over the query range
	ROI               engine.Metric        // ratio
}

// CostSummary builds the costSummary frame; the cost-per-prediction field
// turns red above the declared cost-per-prediction target.
func CostSummary(rows []CostSummaryRow, costPerPredictionTarget float64, executed string) *data.Frame {
	n := len(rows)
	model := make([]string, n)
	spend, predictions, tokens := make([]float64, n), make([]float64, n), make([]float64, n)
	cpp, cpt, budget := make([]*float64, n), make([]*float64, n), make([]*float64, n)
	forecast, forecastLow, forecastHigh := make([]*float64, n), make([]*float64, n), make([]*float64, n)
	variance, value, roi := make([]*float64, n), make([]*float64, n), make([]*float64, n)
	for i, r := range rows {
		model[i], spend[i], predictions[i], tokens[i] = r.Model, r.Spend, r.Predictions, r.Tokens
		cpp[i], cpt[i], budget[i] = r.CostPerPrediction.Ptr(), r.CostPer1kTokens.Ptr(), r.Budget.Ptr()
		forecast[i], forecastLow[i], forecastHigh[i] = r.Forecast.Point.Ptr(), r.Forecast.Lower.Ptr(), r.Forecast.Upper.Ptr()
		variance[i], value[i], roi[i] = r.BudgetVariance.Ptr(), r.BusinessValue.Ptr(), r.ROI.Ptr()
	}
	cppField := ValueField("costPerPrediction", "Cost per prediction", UnitUSD, cpp)
	cppField.Config.SetDecimals(4)
	WithThreshold(cppField, costPerPredictionTarget, true)
	varianceField := ValueField("budgetVariance", "Budget variance", UnitPercentUnit, variance)
	WithThreshold(varianceField, engine.CostVarianceP2, true)
	return New("costSummary", executed,
		ValueField("model", "Model", "", model),
		ValueField("spend", "Spend", UnitUSD, spend),
		ValueField("predictions", "Predictions", "short", predictions),
		cppField,
		ValueField("tokens", "Tokens", "short", tokens),
		ValueField("costPer1kTokens", "Cost per 1k tokens", UnitUSD, cpt),
		ValueField("budget", "Monthly budget", UnitUSD, budget),
		ValueField("forecastMonthEnd", "Month-end forecast", UnitUSD, forecast),
		ValueField("forecastLow", "Month-end forecast (low, 95%)", UnitUSD, forecastLow),
		ValueField("forecastHigh", "Month-end forecast (high, 95%)", UnitUSD, forecastHigh),
		varianceField,
		ValueField("businessValue", "Business value", UnitUSD, value),
		ValueField("roi", "ROI", UnitPercentUnit, roi),
	)
}

// SavingsRow is one savings opportunity.
type SavingsRow struct {
	Model, Opportunity, Resource string
	MonthlySavings               float64
	Detail                       string
}

// Savings builds the savings frame.
func Savings(rows []SavingsRow, executed string) *data.Frame {
	n := len(rows)
	model, opportunity, resource, detail := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	monthly := make([]float64, n)
	for i, r := range rows {
		model[i], opportunity[i], resource[i], monthly[i], detail[i] = r.Model, r.Opportunity, r.Resource, r.MonthlySavings, r.Detail
	}
	return New("savings", executed,
		ValueField("model", "Model", "", model),
		ValueField("opportunity", "Opportunity", "", opportunity),
		ValueField("resource", "Resource", "", resource),
		ValueField("monthlySavings", "Monthly savings", UnitUSD, monthly),
		ValueField("detail", "Detail", "", detail),
	)
}
