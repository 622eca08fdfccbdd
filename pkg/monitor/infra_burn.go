package monitor

import (
	"context"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
	"github.com/aiperf/monitor/pkg/sources"
)

// burnRateFrames answers `burnRate`: every multiwindow condition per model,
// evaluated at the end of the query's range against the uptime objective.
// Each model's serving source is asked once for every window length the
// conditions read, all ending at the evaluation time.
func burnRateFrames(ctx context.Context, r *Request) (data.Frames, error) {
	models, err := r.fleetModels()
	if err != nil {
		return nil, err
	}
	end := r.Range.To.Truncate(time.Minute)
	lengths := engine.BurnDurations()
	windows := make([]sources.Window, len(lengths))
	for i, d := range lengths {
		windows[i] = sources.Window{From: end.Add(-d), To: end}
	}
	var rows []frames.BurnRateRow
	for _, m := range models {
		summaries, err := r.servingOf(ctx, m.ID, windows)
		if err != nil {
			return nil, err
		}
		byLength := make(map[time.Duration]engine.ServingSummary, len(lengths))
		for i, d := range lengths {
			byLength[d] = summaries[i]
		}
		for _, res := range engine.BurnRates(byLength, r.Catalog.TargetsFor(m.ID).Uptime) {
			rows = append(rows, frames.BurnRateRow{Model: m.ID, LongWindow: res.Window.Long, ShortWindow: res.Window.Short,
				Factor: res.Window.Factor, LongBurn: res.LongBurn, ShortBurn: res.ShortBurn, Firing: res.Firing})
		}
	}
	return data.Frames{frames.BurnRate(rows, "error-budget burn rates of "+r.scope()+" at "+stamp(end))}, nil
}
