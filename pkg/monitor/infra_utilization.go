package monitor

import (
	"context"
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
	"github.com/aiperf/monitor/pkg/sources"
)

// utilizationOf reads a model's resource use per window, once per data request.
func (r *Request) utilizationOf(ctx context.Context, model string, windows []sources.Window) ([]engine.UtilizationSummary, error) {
	src := r.Conns.Serving
	if src == nil {
		return nil, errNoServing
	}
	out, err := remember(r.Loads, fmt.Sprintf("utilization|%s|%s", model, windowsKey(windows)), func() ([]engine.UtilizationSummary, error) {
		return src.Utilization(ctx, model, windows)
	})
	if err != nil {
		return nil, fmt.Errorf("reading the utilisation of %s: %w", model, err)
	}
	if len(out) != len(windows) {
		return nil, fmt.Errorf("the serving source returned %d utilisation summaries for %d windows of %s", len(out), len(windows), model)
	}
	return out, nil
}

// utilizationFrames answers `utilization`: one wide frame per model, each
// resource its mean per window, labelled by model and resource.
func utilizationFrames(ctx context.Context, r *Request) (data.Frames, error) {
	models, err := r.fleetModels()
	if err != nil {
		return nil, err
	}
	w := windowsOf(r.Range, r.Interval, minServingWindow)
	out := make(data.Frames, 0, len(models))
	for _, m := range models {
		summaries, err := r.utilizationOf(ctx, m.ID, w.List)
		if err != nil {
			return nil, err
		}
		s := frames.UtilizationSeries{Time: w.Starts}
		for _, u := range summaries {
			s.GPU, s.CPU = append(s.GPU, u.GPU.Mean().Ptr()), append(s.CPU, u.CPU.Mean().Ptr())
			s.Memory, s.Storage = append(s.Memory, u.Memory.Mean().Ptr()), append(s.Storage, u.Storage.Mean().Ptr())
		}
		executed := fmt.Sprintf("utilization of %s, mean per window of %s", m.ID, w.Step)
		out = append(out, frames.Utilization(m.ID, s, r.Catalog.TargetsFor(m.ID).Utilisation, executed))
	}
	return out, nil
}

// hourlyPeak is the highest hourly mean of a resource over the windows:
// savings estimates size for it, so a one-minute spike does not block
// right-sizing but a busy hour does.
func hourlyPeak(hours []engine.UtilizationSummary, pick func(engine.UtilizationSummary) engine.ResourceUse) engine.Metric {
	var peak engine.Metric
	for _, h := range hours {
		if m := pick(h).Mean(); m.OK && (!peak.OK || m.Value > peak.Value) {
			peak = m
		}
	}
	return peak
}

// hoursOf cuts the range into hourly windows (wider on long ranges).
func hoursOf(r Range) Windows { return windowsOf(r, time.Hour, time.Hour) }
