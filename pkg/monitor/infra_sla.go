package monitor

import (
	"context"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
)

// SLA objectives of the slaMatrix frame.
const (
	objectiveAvailability = "availability"
	objectiveLatencyP95   = "latencyP95"
	objectiveErrorRate    = "errorRate"
)

// SLA statuses, judged on the query's range.
const (
	slaMet      = "met"
	slaBreached = "breached"
)

// slaLookback is the long window of the SLA matrix.
const slaLookback = 30 * 24 * time.Hour

// slaAttainment is how a model fared against its serving objectives over a window.
type slaAttainment struct {
	rows []frames.SLARow // one per objective, current values only
	met  engine.Metric   // share of measured objectives met
}

// attainment judges a window's serving metrics against the model's targets.
func attainment(w engine.ServingWindow, t catalog.Targets) slaAttainment {
	rows := []frames.SLARow{
		slaRow(objectiveAvailability, t.Uptime, w.Availability, true),
		slaRow(objectiveLatencyP95, t.P95LatencyMs, w.LatencyP95Ms, false),
		slaRow(objectiveErrorRate, t.ErrorRate, w.ErrorRate, false),
	}
	measured, met := 0, 0
	for _, r := range rows {
		if r.Status != "" {
			measured++
			if r.Status == slaMet {
				met++
			}
		}
	}
	return slaAttainment{rows: rows, met: engine.Coverage(met, measured)}
}

// slaRow judges an objective; an unmeasured one has no status.
func slaRow(objective string, target float64, current engine.Metric, higherIsBetter bool) frames.SLARow {
	row := frames.SLARow{Objective: objective, Target: target, Current: current}
	if current.OK {
		met := current.Value <= target
		if higherIsBetter {
			met = current.Value >= target
		}
		row.Status = slaBreached
		if met {
			row.Status = slaMet
		}
	}
	return row
}

// slaMatrixFrames answers `slaMatrix`: per model and objective, the target,
// the query's range and the last 30 days.
func slaMatrixFrames(ctx context.Context, r *Request) (data.Frames, error) {
	models, err := r.fleetModels()
	if err != nil {
		return nil, err
	}
	current := windowsOf(r.Range, 0, minServingWindow)
	thirtyRange := Range{From: r.Now().Add(-slaLookback), To: r.Now(), Now: r.Now()}
	thirty := windowsOf(thirtyRange, 0, minServingWindow)
	perModel := make([][]frames.SLARow, len(models))
	err = eachModel(ctx, len(models), func(ctx context.Context, k int) error {
		m := models[k]
		now, err := r.servingTotal(ctx, m.ID, current.List)
		if err != nil {
			return err
		}
		past, err := r.servingTotal(ctx, m.ID, thirty.List)
		if err != nil {
			return err
		}
		t := r.Catalog.TargetsFor(m.ID)
		a, b := attainment(now, t), attainment(past, t)
		for i := range a.rows {
			row := a.rows[i]
			row.Model, row.ThirtyDay = m.ID, b.rows[i].Current
			perModel[k] = append(perModel[k], row)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var rows []frames.SLARow
	for _, modelRows := range perModel {
		rows = append(rows, modelRows...)
	}
	return data.Frames{frames.SLAMatrix(rows, "SLA objectives of "+r.scope()+" over "+r.Range.String()+" and the last 30 days")}, nil
}
