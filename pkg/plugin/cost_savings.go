package plugin

import (
	"context"
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
)

// savingsStep is the utilisation resolution of the savings estimates: peaks
// are hourly means, so a one-minute spike does not block right-sizing.
const savingsStep = time.Hour

// savingsFrames answers `savings`: idle GPU capacity (GPU spend against mean
// GPU utilisation) and over-provisioned compute (compute spend against peak
// CPU and memory utilisation), per model, as monthly amounts.
func savingsFrames(ctx context.Context, in fleetInputs) (data.Frames, error) {
	if in.serving == nil {
		return nil, errNoServing
	}
	records, err := billingRecords(ctx, in, in.from, in.to)
	if err != nil {
		return nil, err
	}
	totals := costsByModel(records)
	days := billedDays(records)
	var rows []frames.SavingsRow
	for _, m := range in.models {
		t := totals[m.ID]
		if t == nil {
			continue
		}
		target := in.catalog.TargetsFor(m.ID).Utilisation
		points, err := in.serving.Utilization(ctx, m.ID, in.from, in.to, savingsStep)
		if err != nil {
			return nil, fmt.Errorf("reading utilisation of %s: %w", m.ID, err)
		}
		gpu, busiest := make([]float64, len(points)), make([]float64, len(points))
		for i, p := range points {
			gpu[i], busiest[i] = p.GPU, max(p.CPU, p.Memory)
		}
		meanGPU, _ := engine.UtilisationProfile(gpu)
		_, peak := engine.UtilisationProfile(busiest)
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
					Detail: fmt.Sprintf("CPU and memory peak at %.0f%% against a %.0f%% target", peak.Value*100, target*100),
				})
			}
		}
	}
	return data.Frames{frames.Savings(rows, in.executed)}, nil
}
