package monitor

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

// savingsFrames answers `savings`: idle GPU capacity (GPU spend against the
// mean GPU use) and over-provisioned compute (compute spend against the
// busiest hour of CPU and memory), per model, as monthly amounts; one frame
// per currency billed.
//
// GPU use comes from the bill where it measures it (a cost-allocation feed
// such as OpenCost reports allocated and idle GPU hours), else from the
// serving telemetry's hourly utilisation. Compute right-sizing needs the
// hourly peaks of the serving telemetry.
func savingsFrames(ctx context.Context, r *Request) (data.Frames, error) {
	models, err := r.fleetModels()
	if err != nil {
		return nil, err
	}
	b, err := r.billingRecords(ctx, r.Range.From, r.Range.To)
	if err != nil {
		return nil, err
	}
	n := newNotes()
	n.add(b.notes...)
	if r.Conns.Serving == nil {
		n.add("no serving source: over-provisioned compute is not estimated, and idle GPUs only where the bill measures GPU hours")
	}
	days := float64(len(billedDays(b.records)))
	currencies := b.currencies
	if len(currencies) == 0 {
		currencies = []string{r.Catalog.DeclaredCurrency()}
	}
	out := make(data.Frames, 0, len(currencies))
	for _, currency := range currencies {
		totals := costsByModel(b.records, currency)
		var rows []frames.SavingsRow
		for _, m := range models {
			t := totals[m.ID]
			if t == nil {
				continue
			}
			found, err := r.savingsOf(ctx, m, t, days)
			if err != nil {
				return nil, err
			}
			rows = append(rows, found...)
		}
		f := frames.Savings(rows, currency, "savings of "+r.scope()+" in "+currency+" over "+r.Range.String())
		n.attach(f)
		out = append(out, f)
	}
	return out, nil
}

// savingsOf finds one model's opportunities in one currency's spend, with
// the range's hourly utilisation where a serving source measures it.
func (r *Request) savingsOf(ctx context.Context, m catalog.Model, t *modelCosts, days float64) ([]frames.SavingsRow, error) {
	var util []engine.UtilizationSummary
	if r.Conns.Serving != nil {
		var err error
		if util, err = r.utilizationOf(ctx, m.ID, hoursOf(r.Range).List); err != nil {
			return nil, err
		}
	}
	return savingsIn(m, t, days, util, r.Catalog.TargetsFor(m.ID).Utilisation), nil
}

// savingsIn finds a model's opportunities from its billed totals over days
// and its hourly utilisation over the same span (nil when not measured).
func savingsIn(m catalog.Model, t *modelCosts, days float64, util []engine.UtilizationSummary, target float64) []frames.SavingsRow {
	gpu := gpuUse{}
	if t.gpuHours > 0 {
		gpu = gpuUse{mean: engine.Metric{Value: 1 - t.idleGPUHours/t.gpuHours, OK: true}, from: "the bill's allocated GPU hours"}
	}
	var peak engine.Metric
	if util != nil {
		if !gpu.mean.OK {
			var whole engine.UtilizationSummary
			for _, u := range util {
				whole.Merge(u)
			}
			gpu = gpuUse{mean: whole.GPU.Mean(), from: "hourly GPU utilisation"}
		}
		cpu := hourlyPeak(util, func(u engine.UtilizationSummary) engine.ResourceUse { return u.CPU })
		memory := hourlyPeak(util, func(u engine.UtilizationSummary) engine.ResourceUse { return u.Memory })
		peak = cpu
		if memory.OK && (!peak.OK || memory.Value > peak.Value) {
			peak = memory
		}
	}
	var rows []frames.SavingsRow
	if gpuSpend := t.byCategory[sources.CategoryGPU].InexactFloat64(); gpuSpend > 0 && gpu.mean.OK {
		if monthly := engine.MonthlyRate(engine.IdleGPUSavings(gpuSpend, gpu.mean.Value, target), days); monthly.OK && monthly.Value > 0 {
			detail := fmt.Sprintf("GPUs %.0f%% busy on average (%s) against a %.0f%% target", gpu.mean.Value*100, gpu.from, target*100)
			if t.gpuHours > 0 {
				detail += fmt.Sprintf("; %.0f of %.0f GPU hours billed were idle", t.idleGPUHours, t.gpuHours)
			}
			rows = append(rows, frames.SavingsRow{
				Model: m.ID, Opportunity: "Release idle GPU capacity", Resource: sources.CategoryGPU, MonthlySavings: monthly.Value, Detail: detail,
			})
		}
	}
	if computeSpend := t.byCategory[sources.CategoryCompute].InexactFloat64(); computeSpend > 0 && peak.OK {
		if monthly := engine.MonthlyRate(engine.OverProvisioningSavings(computeSpend, peak.Value, target), days); monthly.OK && monthly.Value > 0 {
			rows = append(rows, frames.SavingsRow{
				Model: m.ID, Opportunity: "Right-size over-provisioned compute", Resource: sources.CategoryCompute, MonthlySavings: monthly.Value,
				Detail: fmt.Sprintf("CPU and memory peak at %.0f%% against a %.0f%% target in their busiest hour", peak.Value*100, target*100),
			})
		}
	}
	return rows
}

// savingsShare is the monthly savings identified for a model over the
// billed days of [from, to) in one currency, as a share of its monthly
// spend there; undefined when nothing of it is billed yet.
func savingsShare(m catalog.Model, records []sources.CostRecord, currency string, from, to time.Time, util []engine.UtilizationSummary, target float64) engine.Metric {
	var billed []sources.CostRecord
	for _, rec := range records {
		if !rec.Day.Before(from.Truncate(24*time.Hour)) && rec.Day.Before(to) {
			billed = append(billed, rec)
		}
	}
	t := costsByModel(billed, currency)[m.ID]
	days := float64(len(billedDays(billed)))
	if t == nil || !t.spend.IsPositive() {
		return engine.Metric{}
	}
	var saved float64
	for _, row := range savingsIn(m, t, days, util, target) {
		saved += row.MonthlySavings
	}
	spend := engine.MonthlyRate(t.spendValue(), days)
	if !spend.OK || spend.Value <= 0 {
		return engine.Metric{}
	}
	return engine.Metric{Value: saved / spend.Value, OK: true}
}

// gpuUse is a model's mean GPU use and where it was measured.
type gpuUse struct {
	mean engine.Metric
	from string
}
