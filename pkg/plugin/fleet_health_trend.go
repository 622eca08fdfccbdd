package plugin

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
	"github.com/aiperf/monitor/pkg/sources"
)

// healthTrendFrames answers `healthTrend`: the health score and its
// dimensions per window. With several models in scope their measurements are
// pooled as for the KPIs: serving steps together, the worst quality drop, the
// highest utilisation.
func healthTrendFrames(ctx context.Context, in fleetInputs) (data.Frames, error) {
	if in.serving == nil {
		return nil, errNoServing
	}
	step, widened := alignedStep(in.from, in.end(), in.step, minModelWindow)
	windows := windowsOf(in.from, in.end(), step)
	t := in.fleetTargets()
	steps := make([][]engine.ServingStep, len(windows))
	drops, peaks := make([]engine.Metric, len(windows)), make([]engine.Metric, len(windows))
	worst := func(acc *engine.Metric, m engine.Metric) {
		if m.OK && (!acc.OK || m.Value > acc.Value) {
			*acc = m
		}
	}
	for _, m := range in.models {
		servingSteps, err := servingSteps(ctx, in, m.ID, in.from, in.end())
		if err != nil {
			return nil, err
		}
		for _, s := range servingSteps {
			if w := windowIndex(windows, s.Start); w >= 0 {
				steps[w] = append(steps[w], s)
			}
		}
		perWindow, _, err := qualityDrops(ctx, in, m, windows)
		if err != nil {
			return nil, err
		}
		for i, d := range perWindow {
			worst(&drops[i], d)
		}
		util, err := in.serving.Utilization(ctx, m.ID, in.from, in.end(), savingsStep)
		if err != nil {
			return nil, fmt.Errorf("reading utilisation of %s: %w", m.ID, err)
		}
		for _, p := range util {
			if w := windowIndex(windows, p.Time); w >= 0 {
				worst(&peaks[w], engine.Metric{Value: max(p.GPU, p.CPU, p.Memory, p.Storage), OK: true})
			}
		}
	}
	points := make([]frames.HealthTrendPoint, len(windows))
	for i, w := range windows {
		serving := engine.SummarizeServing(steps[i])
		a := engine.AssessHealth(engine.HealthInputs{
			QualityDrop: drops[i], DowntimeMinutes: serving.DowntimeMinutes, Availability: serving.Availability,
			LatencyP95Ms: serving.LatencyP95Ms, LatencyTargetMs: t.P95LatencyMs,
			PeakUtilisation: peaks[i], UtilisationTarget: t.Utilisation,
		})
		points[i] = frames.HealthTrendPoint{Time: w.From, HealthScore: a.Score, Dimensions: a.Dimensions}
	}
	f := frames.HealthTrend(points, in.executed)
	if widened {
		frames.Notice(f, fmt.Sprintf("the range holds more than %d windows at this interval, so windows were widened; zoom in for finer windows", maxWindows))
	}
	return data.Frames{f}, nil
}

// windowIndex is the index of the window holding t, or -1; windows are
// sorted and contiguous.
func windowIndex(windows []sources.Window, t time.Time) int {
	i := sort.Search(len(windows), func(i int) bool { return windows[i].To.After(t) })
	if i == len(windows) || t.Before(windows[i].From) {
		return -1
	}
	return i
}
