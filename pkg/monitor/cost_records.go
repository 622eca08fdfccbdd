package monitor

import (
	"sort"
	"time"

	"github.com/shopspring/decimal"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
	"github.com/aiperf/monitor/pkg/query"
	"github.com/aiperf/monitor/pkg/sources"
)

// unattributedCost labels charges that no model owns (shared platform costs).
const unattributedCost = "shared"

// chargedModel names the model a charge belongs to; unattributed charges go to unattributedCost.
func chargedModel(r sources.CostRecord) string {
	if r.Model == "" {
		return unattributedCost
	}
	return r.Model
}

// modelCosts are one model's billed totals in one currency over a range.
// Amounts add exactly (decimal) and become floats only for the frames.
type modelCosts struct {
	spend                  decimal.Decimal
	tokens                 float64
	gpuHours, idleGPUHours float64
	byCategory             map[string]decimal.Decimal
	currencies             map[string]bool // every currency the model is billed in
}

func (c *modelCosts) spendValue() float64 { return c.spend.InexactFloat64() }

// singleCurrency reports whether the model is billed in one currency only,
// so its unit costs have one total to divide.
func (c *modelCosts) singleCurrency() bool { return len(c.currencies) <= 1 }

// costsByModel adds up the records in one currency per model; unattributed
// charges go to unattributedCost. Every model's currencies are noted from
// all records, so a model billed in two currencies is known as such.
func costsByModel(records []sources.CostRecord, currency string) map[string]*modelCosts {
	totals := map[string]*modelCosts{}
	for _, r := range records {
		model := chargedModel(r)
		t, ok := totals[model]
		if !ok {
			t = &modelCosts{byCategory: map[string]decimal.Decimal{}, currencies: map[string]bool{}}
			totals[model] = t
		}
		t.currencies[r.Currency] = true
		if r.Currency != currency {
			continue
		}
		t.spend = t.spend.Add(r.Amount)
		t.tokens += r.Tokens
		t.gpuHours += r.GPUHours
		t.idleGPUHours += r.IdleGPUHours
		t.byCategory[r.Category] = t.byCategory[r.Category].Add(r.Amount)
	}
	return totals
}

// billedDays are the UTC days the records cover, oldest first: bills lag
// (today's charges are not final), so rates and unit costs are taken over
// billed days, not the range.
func billedDays(records []sources.CostRecord) []time.Time {
	seen := map[time.Time]bool{}
	var days []time.Time
	for _, r := range records {
		if !seen[r.Day] {
			seen[r.Day] = true
			days = append(days, r.Day)
		}
	}
	sort.Slice(days, func(i, j int) bool { return days[i].Before(days[j]) })
	return days
}

// groupOf is the group a record is counted in for the cost query's groupBy.
func groupOf(r sources.CostRecord, groupBy string) string {
	switch groupBy {
	case query.CostGroupByModel:
		return chargedModel(r)
	case query.CostGroupByProvider:
		return r.Provider
	}
	return r.Category
}

// dailyCostSeries arranges records as one daily series per group and
// currency; days without a charge are 0. Groups are named alone when the
// bill has one currency, and with their currency when it has several.
func dailyCostSeries(records []sources.CostRecord, groupBy string, mixed bool) frames.CostSeries {
	days := billedDays(records)
	dayIndex := make(map[time.Time]int, len(days))
	for i, d := range days {
		dayIndex[d] = i
	}
	type key struct{ group, currency string }
	sums := map[key][]decimal.Decimal{}
	var keys []key
	for _, r := range records {
		k := key{groupOf(r, groupBy), r.Currency}
		values, ok := sums[k]
		if !ok {
			values = make([]decimal.Decimal, len(days))
			sums[k] = values
			keys = append(keys, k)
		}
		values[dayIndex[r.Day]] = values[dayIndex[r.Day]].Add(r.Amount)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].group != keys[j].group {
			return keys[i].group < keys[j].group
		}
		return keys[i].currency < keys[j].currency
	})
	series := frames.CostSeries{GroupBy: groupBy, Days: days}
	for _, k := range keys {
		amounts := make([]float64, len(days))
		for i, v := range sums[k] {
			amounts[i] = v.InexactFloat64()
		}
		display := k.group
		if mixed {
			display = k.group + " (" + k.currency + ")"
		}
		series.Series = append(series.Series, frames.CostGroup{Group: k.group, Currency: k.currency, Amounts: amounts, Display: display})
	}
	return series
}

// spendHistory is one model's month-to-date spend and its daily spend from
// its first billed day since the history start, oldest first.
type spendHistory struct {
	monthToDate decimal.Decimal
	history     []float64
}

// dailySpendByModel arranges records of one currency for the month-end
// forecast. Days without a charge inside a model's history are zero; days
// before its first charge are left out, so a model launched mid-history
// has no false trend.
func dailySpendByModel(records []sources.CostRecord, monthStart, historyStart time.Time) map[string]*spendHistory {
	const day = 24 * time.Hour
	last := historyStart
	for _, r := range records {
		if r.Day.After(last) {
			last = r.Day
		}
	}
	days := int(last.Sub(historyStart)/day) + 1
	out := map[string]*spendHistory{}
	first := map[string]int{}
	daily := map[string][]decimal.Decimal{}
	for _, r := range records {
		model := chargedModel(r)
		h, ok := out[model]
		if !ok {
			h = &spendHistory{}
			out[model], first[model], daily[model] = h, days, make([]decimal.Decimal, days)
		}
		if !r.Day.Before(monthStart) {
			h.monthToDate = h.monthToDate.Add(r.Amount)
		}
		if i := int(r.Day.Sub(historyStart) / day); i >= 0 {
			daily[model][i] = daily[model][i].Add(r.Amount)
			first[model] = min(first[model], i)
		}
	}
	for model, h := range out {
		for _, v := range daily[model][min(first[model], days):] {
			h.history = append(h.history, v.InexactFloat64())
		}
	}
	return out
}

// modelSpend is one model's daily spend, for budget variance over any window.
type modelSpend struct {
	byDay map[time.Time]decimal.Decimal
}

// dailySpendOf collects one model's spend per billed day.
func dailySpendOf(records []sources.CostRecord, model string) modelSpend {
	s := modelSpend{byDay: map[time.Time]decimal.Decimal{}}
	for _, r := range records {
		if r.Model == model {
			s.byDay[r.Day] = s.byDay[r.Day].Add(r.Amount)
		}
	}
	return s
}

// variance is the spend rate of the billed days overlapping [from, to)
// against the monthly budget's daily rate; undefined when no day there is
// billed yet (bills lag: today's charges are not final).
func (s modelSpend) variance(from, to time.Time, monthlyBudget float64) engine.Metric {
	var spend decimal.Decimal
	var days float64
	for d := from.Truncate(24 * time.Hour); d.Before(to); d = d.Add(24 * time.Hour) {
		if amount, ok := s.byDay[d]; ok {
			spend = spend.Add(amount)
			days++
		}
	}
	if days == 0 {
		return engine.Metric{}
	}
	return engine.BudgetVariance(spend.InexactFloat64()/days, monthlyBudget/engine.DaysPerMonth)
}
