package monitor

import (
	"context"
	"fmt"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
)

// savingsFrames answers `savings`: idle GPU capacity (GPU spend against mean
// GPU utilisation) and over-provisioned compute (compute spend against the
// busiest hour of CPU and memory), per model, as monthly amounts.
func savingsFrames(ctx context.Context, r *Request) (data.Frames, error) {
	models, err := r.fleetModels()
	if err != nil {
		return nil, err
	}
	if r.Conns.Serving == nil {
		return nil, errNoServing
	}
	records, err := r.billingRecords(ctx, r.Range.From, r.Range.To)
	if err != nil {
		return nil, err
	}
	totals := costsByModel(records)
	days := billedDays(records)
	hours := hoursOf(r.Range)
	var rows []frames.SavingsRow
	for _, m := range models {
		t := totals[m.ID]
		if t == nil {
			continue
		}
		target := r.Catalog.TargetsFor(m.ID).Utilisation
		util, err := r.utilizationOf(ctx, m.ID, hours.List)
		if err != nil {
			return nil, err
		}
		var whole engine.UtilizationSummary
		for _, u := range util {
			whole.Merge(u)
		}
		meanGPU := whole.GPU.Mean()
		cpu := hourlyPeak(util, func(u engine.UtilizationSummary) engine.ResourceUse { return u.CPU })
		memory := hourlyPeak(util, func(u engine.UtilizationSummary) engine.ResourceUse { return u.Memory })
		peak := cpu
		if memory.OK && (!peak.OK || memory.Value > peak.Value) {
			peak = memory
		}
		if gpuSpend := t.byCategory[costCategoryGPU]; gpuSpend > 0 && meanGPU.OK {
			if monthly := engine.MonthlyRate(engine.IdleGPUSavings(gpuSpend, meanGPU.Value, target), days); monthly.OK && monthly.Value > 0 {
				rows = append(rows, frames.SavingsRow{
					Model: m.ID, Opportunity: "Release idle GPU capacity", Resource: costCategoryGPU, MonthlySavings: monthly.Value,
					Detail: fmt.Sprintf("GPUs %.0f%% busy on average against a %.0f%% target; %.0f idle GPU hours billed", meanGPU.Value*100, target*100, t.idleGPUHours),
				})
			}
		}
		if computeSpend := t.byCategory[costCategoryCompute]; computeSpend > 0 && peak.OK {
			if monthly := engine.MonthlyRate(engine.OverProvisioningSavings(computeSpend, peak.Value, target), days); monthly.OK && monthly.Value > 0 {
				rows = append(rows, frames.SavingsRow{
					Model: m.ID, Opportunity: "Right-size over-provisioned compute", Resource: costCategoryCompute, MonthlySavings: monthly.Value,
					Detail: fmt.Sprintf("CPU and memory peak at %.0f%% against a %.0f%% target in their busiest hour", peak.Value*100, target*100),
				})
			}
		}
	}
	return data.Frames{frames.Savings(rows, "savings of "+r.scope()+" over "+r.Range.String()+" from hourly utilisation")}, nil
}
