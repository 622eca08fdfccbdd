package plugin

import (
	"context"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
)

// SLA objectives of the slaMatrix frame.
const (
	objectiveAvailability = "availability"
	objectiveLatencyP95   = "latencyP95"
	objectiveErrorRate    = "errorRate"
)

// SLA statuses, judged on the query's window.
const (
	slaMet      = "met"
	slaBreached = "breached"
)

// slaMatrixFrames answers `slaMatrix`: per model and objective, the target,
// the query's window and the last 30 days.
func slaMatrixFrames(ctx context.Context, in fleetInputs) (data.Frames, error) {
	var rows []frames.SLARow
	for _, m := range in.models {
		current, err := servingWindow(ctx, in, m.ID, in.from, in.end())
		if err != nil {
			return nil, err
		}
		thirty, err := servingWindow(ctx, in, m.ID, in.now.Add(-slaLookback), in.now)
		if err != nil {
			return nil, err
		}
		t := in.catalog.TargetsFor(m.ID)
		rows = append(rows,
			slaRow(m.ID, objectiveAvailability, t.Uptime, current.Availability, thirty.Availability, true),
			slaRow(m.ID, objectiveLatencyP95, t.P95LatencyMs, current.LatencyP95Ms, thirty.LatencyP95Ms, false),
			slaRow(m.ID, objectiveErrorRate, t.ErrorRate, current.ErrorRate, thirty.ErrorRate, false),
		)
	}
	return data.Frames{frames.SLAMatrix(rows, in.executed)}, nil
}

// slaRow judges an objective on the current window; unmeasured stays "".
func slaRow(model, objective string, target float64, current, thirty engine.Metric, higherIsBetter bool) frames.SLARow {
	row := frames.SLARow{Model: model, Objective: objective, Target: target, Current: current, ThirtyDay: thirty}
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
