package plugin

import (
	"context"
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
)

// burnLookback covers the longest burn-rate window (3 days); the 5-minute
// short window needs per-minute steps.
const (
	burnLookback = 72 * time.Hour
	burnStep     = time.Minute
)

// burnRateFrames answers `burnRate`: every multiwindow condition per model,
// evaluated at the end of the query's range against the uptime objective.
func burnRateFrames(ctx context.Context, in fleetInputs) (data.Frames, error) {
	if in.serving == nil {
		return nil, errNoServing
	}
	end := in.end().Truncate(burnStep)
	var rows []frames.BurnRateRow
	for _, m := range in.models {
		points, err := in.serving.Serving(ctx, m.ID, end.Add(-burnLookback), end, burnStep)
		if err != nil {
			return nil, fmt.Errorf("serving telemetry of %s: %w", m.ID, err)
		}
		steps := make([]engine.ServingStep, len(points))
		for i, p := range points {
			steps[i] = engine.ServingStep{Start: p.Time, Minutes: 1, P95Ms: p.P95Ms, Requests: p.Requests, Errors: p.Errors, Available: p.Available}
		}
		for _, r := range engine.BurnRates(steps, end, in.catalog.TargetsFor(m.ID).Uptime) {
			rows = append(rows, frames.BurnRateRow{Model: m.ID, LongWindow: r.Window.Long, ShortWindow: r.Window.Short,
				Factor: r.Window.Factor, LongBurn: r.LongBurn, ShortBurn: r.ShortBurn, Firing: r.Firing})
		}
	}
	return data.Frames{frames.BurnRate(rows, in.executed)}, nil
}
