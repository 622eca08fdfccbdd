package monitor

import (
	"sort"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
	"github.com/aiperf/monitor/pkg/query"
	"github.com/aiperf/monitor/pkg/sources"
)

// Cost categories with a savings opportunity of their own.
const (
	costCategoryGPU     = "gpu"
	costCategoryCompute = "compute"
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

// modelCosts are one model's billed totals over a range. Billing sources set
// each count once per model and day, so adding records never double-counts.
type modelCosts struct {
	spend, predictions, tokens, idleGPUHours float64
	byCategory                               map[string]float64
}

// costsByModel adds up the records per model; unattributed charges go to unattributedCost.
func costsByModel(records []sources.CostRecord) map[string]*modelCosts {
	totals := map[string]*modelCosts{}
	for _, r := range records {
		model := chargedModel(r)
		t, ok := totals[model]
		if !ok {
			t = &modelCosts{byCategory: map[string]float64{}}
			totals[model] = t
		}
		t.spend += r.Amount
		t.predictions += r.Predictions
		t.tokens += r.Tokens
		t.idleGPUHours += r.IdleGPUHours
		t.byCategory[r.Category] += r.Amount
	}
	return totals
}

// billedDays counts the days the records cover: bills lag (today's charges
// are not final), so rates are taken over billed days, not the range.
func billedDays(records []sources.CostRecord) float64 {
	days := map[time.Time]bool{}
	for _, r := range records {
		days[r.Day] = true
	}
	return float64(len(days))
}

// dailyCostSeries arranges records as one daily series per category, or per
// model when groupBy is "model"; days without a charge are 0.
func dailyCostSeries(records []sources.CostRecord, groupBy string) frames.CostSeries {
	dayIndex := map[time.Time]int{}
	var days []time.Time
	for _, r := range records {
		if _, ok := dayIndex[r.Day]; !ok {
			dayIndex[r.Day] = 0
			days = append(days, r.Day)
		}
	}
	sort.Slice(days, func(i, j int) bool { return days[i].Before(days[j]) })
	for i, d := range days {
		dayIndex[d] = i
	}
	series := frames.CostSeries{GroupBy: groupBy, Days: days, Amounts: map[string][]float64{}}
	for _, r := range records {
		group := r.Category
		if groupBy == query.CostGroupByModel {
			group = r.Model
			if group == "" {
				group = unattributedCost
			}
		}
		values, ok := series.Amounts[group]
		if !ok {
			values = make([]float64, len(days))
			series.Amounts[group] = values
			series.Groups = append(series.Groups, group)
		}
		values[dayIndex[r.Day]] += r.Amount
	}
	sort.Strings(series.Groups)
	return series
}

// spendHistory is one model's month-to-date spend and its daily spend from
// its first billed day since the history start, oldest first.
type spendHistory struct {
	monthToDate float64
	history     []float64
}

// dailySpendByModel arranges records for the month-end forecast. Days
// without a charge inside a model's history are zero; days before its first
// charge are left out, so a model launched mid-history has no false trend.
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
	for _, r := range records {
		model := chargedModel(r)
		h, ok := out[model]
		if !ok {
			h = &spendHistory{history: make([]float64, days)}
			out[model], first[model] = h, days
		}
		if !r.Day.Before(monthStart) {
			h.monthToDate += r.Amount
		}
		if i := int(r.Day.Sub(historyStart) / day); i >= 0 {
			h.history[i] += r.Amount
			first[model] = min(first[model], i)
		}
	}
	for model, h := range out {
		h.history = h.history[min(first[model], len(h.history)):]
	}
	return out
}

// modelSpend is one model's daily spend, for budget variance over any window.
type modelSpend struct {
	byDay map[time.Time]float64
}

// dailySpendOf collects one model's spend per billed day.
func dailySpendOf(records []sources.CostRecord, model string) modelSpend {
	s := modelSpend{byDay: map[time.Time]float64{}}
	for _, r := range records {
		if r.Model == model {
			s.byDay[r.Day] += r.Amount
		}
	}
	return s
}

// variance is the spend rate of the billed days overlapping [from, to)
// against the monthly budget's daily rate; undefined when no day there is
// billed yet (bills lag: today's charges are not final).
func (s modelSpend) variance(from, to time.Time, monthlyBudget float64) engine.Metric {
	var spend, days float64
	for d := from.Truncate(24 * time.Hour); d.Before(to); d = d.Add(24 * time.Hour) {
		if amount, ok := s.byDay[d]; ok {
			spend += amount
			days++
		}
	}
	if days == 0 {
		return engine.Metric{}
	}
	return engine.BudgetVariance(spend/days, monthlyBudget/engine.DaysPerMonth)
}
