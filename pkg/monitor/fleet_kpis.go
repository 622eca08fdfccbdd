package monitor

import (
	"context"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/catalog"
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
// against the fleet targets. Serving telemetry of every model is merged, so
// uptime and p95 weigh each model by its time and traffic (p95 from the
// merged latency buckets); accuracy drift is the worst model's drop.
func kpisFrames(ctx context.Context, r *Request) (data.Frames, error) {
	models, err := r.fleetModels()
	if err != nil {
		return nil, err
	}
	w := hoursOf(r.Range)
	r.prefetchKPIs(ctx, models, w)
	notes := newNotes()
	t := r.fleetTargets()
	var rows []frames.KPIRow

	if r.Conns.Serving != nil {
		var pooled engine.ServingSummary
		var worstP95 engine.Metric
		pooledOK := true
		for _, m := range models {
			summaries, err := r.servingOf(ctx, m.ID, w.List)
			if err != nil {
				return nil, err
			}
			total, err := engine.MergeServing(summaries...)
			if err != nil {
				return nil, err
			}
			if p := engine.SummarizeServing(total).LatencyP95Ms; p.OK && (!worstP95.OK || p.Value > worstP95.Value) {
				worstP95 = p
			}
			if pooledOK && pooled.Merge(total) != nil {
				// Runtimes with different latency buckets cannot be pooled.
				pooledOK = false
			}
		}
		fleet := engine.SummarizeServing(pooled)
		p95 := fleet.LatencyP95Ms
		if !pooledOK {
			p95 = worstP95
			notes.add("the models' latency histograms have different buckets: response time is the slowest model's p95")
		}
		rows = append(rows,
			frames.KPIRow{KPI: kpiUptime, Value: fleet.Availability, Target: t.Uptime, Unit: frames.UnitPercentUnit, HigherIsBetter: true},
			frames.KPIRow{KPI: kpiResponseTime, Value: p95, Target: t.P95LatencyMs, Unit: frames.UnitMs})
	} else {
		notes.add("no serving source: uptime and response time are not shown")
	}

	if r.Conns.Inference != nil {
		drops := make([]engine.Metric, len(models))
		err := eachModel(ctx, len(models), func(ctx context.Context, i int) error {
			h, err := r.measureRange(ctx, models[i], w, needModel)
			if err == nil {
				drops[i] = h.total.QualityDrop
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		drift := engine.Metric{}
		for _, d := range drops {
			if d.OK && (!drift.OK || d.Value > drift.Value) {
				drift = d
			}
		}
		rows = append(rows, frames.KPIRow{KPI: kpiAccuracyDrift, Value: drift, Target: t.AccuracyDropAlert, Unit: frames.UnitPercentUnit})
	} else {
		notes.add("no inference-log source: accuracy drift is not shown")
	}

	if r.Conns.Billing != nil {
		row, err := r.costPerPredictionKPI(ctx, models, notes)
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	} else {
		notes.add("no billing source: cost per prediction is not shown")
	}

	if r.Conns.Incidents != nil {
		byModel, err := r.incidentsOf(ctx, models)
		if err != nil {
			return nil, err
		}
		var intervals []engine.IncidentInterval
		for _, m := range models {
			intervals = append(intervals, intervalsOf(byModel[m.ID])...)
		}
		mttr := engine.IncidentStatsOver(intervals, r.Range.From, r.Range.To).MTTRMinutes
		rows = append(rows, frames.KPIRow{KPI: kpiMTTR, Value: mttr, Target: t.MTTRMinutes, Unit: "m"})
	} else {
		notes.add("no incident source: MTTR is not shown")
	}
	f := frames.KPIs(rows, "KPIs of "+r.scope()+" over "+r.Range.String())
	notes.attach(f)
	return data.Frames{f}, nil
}

// prefetchKPIs starts every read the KPIs make at once — the models'
// telemetry and prediction summaries, the bill and the predictions it paid
// for, the incidents — so the query waits for the slowest of them, not for
// each section's in turn.
func (r *Request) prefetchKPIs(ctx context.Context, models []catalog.Model, w Windows) {
	var reads []func()
	for _, m := range models {
		if r.Conns.Serving != nil {
			reads = append(reads, func() { _, _ = r.servingOf(ctx, m.ID, w.List) })
		}
		if r.Conns.Inference != nil {
			reads = append(reads, func() { _, _ = r.loadModelWindows(ctx, m, w) })
		}
	}
	if r.Conns.Billing != nil {
		reads = append(reads, func() {
			b, err := r.costBill(ctx, r.Range.From, r.Range.To)
			if err != nil {
				return
			}
			days := billedDays(b.records)
			for _, m := range models {
				_, _, _ = r.predictionsOf(ctx, m, days)
			}
		})
	}
	if r.Conns.Incidents != nil {
		reads = append(reads, func() { _, _ = r.incidentsOf(ctx, models) })
	}
	concurrently(reads...)
}
