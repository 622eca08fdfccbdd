package plugin

import (
	"context"
	"fmt"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
)

// KPI ids of the kpis frame.
const (
	kpiUptime            = "uptime"
	kpiResponseTime      = "responseTimeP95"
	kpiAccuracyDrift     = "accuracyDrift"
	kpiCostPerPrediction = "costPerPrediction"
	kpiMTTR              = "mttr"
)

// kpisFrames answers `kpis`: the executive KPIs of the models in scope
// against the fleet targets. Serving steps and incidents of every model are
// pooled, so uptime and p95 weigh each model by its time and traffic;
// accuracy drift is the worst model's drop.
func kpisFrames(ctx context.Context, in fleetInputs) (data.Frames, error) {
	if in.serving == nil {
		return nil, errNoServing
	}
	var steps []engine.ServingStep
	var intervals []engine.IncidentInterval
	drift := engine.Metric{}
	for _, m := range in.models {
		s, err := servingSteps(ctx, in, m.ID, in.from, in.end())
		if err != nil {
			return nil, err
		}
		steps = append(steps, s...)
		incidents, err := in.serving.Incidents(ctx, m.ID, in.from, in.to)
		if err != nil {
			return nil, fmt.Errorf("reading incidents of %s: %w", m.ID, err)
		}
		for _, inc := range incidents {
			intervals = append(intervals, engine.IncidentInterval{Started: inc.Started, Resolved: inc.Resolved})
		}
		d, err := qualityDropOf(ctx, in, m, in.from, in.end())
		if err != nil {
			return nil, err
		}
		if d.OK && (!drift.OK || d.Value > drift.Value) {
			drift = d
		}
	}
	serving := engine.SummarizeServing(steps)
	mttr := engine.IncidentStatsOver(intervals, in.from, in.end()).MTTRMinutes

	t := in.fleetTargets()
	rows := []frames.KPIRow{
		{KPI: kpiUptime, Value: serving.Availability, Target: t.Uptime, Unit: frames.UnitPercentUnit, HigherIsBetter: true},
		{KPI: kpiResponseTime, Value: serving.LatencyP95Ms, Target: t.P95LatencyMs, Unit: frames.UnitMs},
		{KPI: kpiAccuracyDrift, Value: drift, Target: t.AccuracyDropAlert, Unit: frames.UnitPercentUnit},
	}
	var notices []string
	if in.billing != nil {
		records, err := billingRecords(ctx, in, in.from, in.to)
		if err != nil {
			return nil, err
		}
		var spend, predictions float64
		totals := costsByModel(records)
		for _, m := range in.models {
			if c := totals[m.ID]; c != nil {
				spend, predictions = spend+c.spend, predictions+c.predictions
			}
		}
		rows = append(rows, frames.KPIRow{KPI: kpiCostPerPrediction, Value: engine.CostPerPrediction(spend, predictions), Target: t.CostPerPrediction, Unit: frames.UnitUSD})
	} else {
		notices = append(notices, "no billing source is configured: cost per prediction is not shown")
	}
	rows = append(rows, frames.KPIRow{KPI: kpiMTTR, Value: mttr, Target: t.MTTRMinutes, Unit: "m"})
	f := frames.KPIs(rows, in.executed)
	for _, n := range notices {
		frames.Notice(f, n)
	}
	return data.Frames{f}, nil
}
