package plugin

import (
	"context"
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/frames"
	"github.com/aiperf/monitor/pkg/sources"
)

// servingSeries fetches the query's model's serving telemetry at an aligned step.
func servingSeries(ctx context.Context, qc *queryContext) ([]sources.ServingPoint, time.Duration, string, error) {
	m, err := modelOf(qc)
	if err != nil {
		return nil, 0, "", err
	}
	if qc.Serving == nil {
		return nil, 0, "", badQuery("no serving source is configured: enable the demo fleet or add a serving connector")
	}
	from, to := qc.Range.From.UTC(), qc.Range.To.UTC()
	step, _ := alignedStep(from, to, qc.Interval, minServingStep)
	points, err := qc.Serving.Serving(ctx, m.ID, from, to, step)
	if err != nil {
		return nil, 0, "", fmt.Errorf("serving telemetry for %s: %w", m.ID, err)
	}
	executed := fmt.Sprintf("%s serving telemetry of %s from %s to %s, step %s", qc.Query.QueryType, m.ID, from.Format(time.RFC3339), to.Format(time.RFC3339), step)
	return points, step, executed, nil
}

func latencyFrames(ctx context.Context, qc *queryContext) (data.Frames, error) {
	points, _, executed, err := servingSeries(ctx, qc)
	if err != nil {
		return nil, err
	}
	n := len(points)
	times, p50, p95, p99 := make([]time.Time, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i, p := range points {
		times[i], p50[i], p95[i], p99[i] = p.Time, p.P50Ms, p.P95Ms, p.P99Ms
	}
	labels := data.Labels{"model": qc.Query.Model}
	target := qc.Settings.Catalog.TargetsFor(qc.Query.Model).P95LatencyMs
	return data.Frames{frames.New("latency", executed,
		frames.TimeField(times),
		frames.WithLabels(frames.ValueField("p50", "p50", frames.UnitMs, p50), labels),
		frames.WithThreshold(frames.WithLabels(frames.ValueField("p95", "p95", frames.UnitMs, p95), labels), target, true),
		frames.WithLabels(frames.ValueField("p99", "p99", frames.UnitMs, p99), labels),
	)}, nil
}

func throughputFrames(ctx context.Context, qc *queryContext) (data.Frames, error) {
	points, step, executed, err := servingSeries(ctx, qc)
	if err != nil {
		return nil, err
	}
	times, rps := make([]time.Time, len(points)), make([]float64, len(points))
	for i, p := range points {
		times[i], rps[i] = p.Time, p.Requests/step.Seconds()
	}
	return data.Frames{frames.New("throughput", executed,
		frames.TimeField(times),
		frames.WithLabels(frames.ValueField("requests", "Requests", frames.UnitReqPerSec, rps), data.Labels{"model": qc.Query.Model}),
	)}, nil
}

func errorRateFrames(ctx context.Context, qc *queryContext) (data.Frames, error) {
	points, _, executed, err := servingSeries(ctx, qc)
	if err != nil {
		return nil, err
	}
	times, rate := make([]time.Time, len(points)), make([]*float64, len(points))
	for i, p := range points {
		times[i] = p.Time
		if p.Requests > 0 {
			rate[i] = frames.Ptr(p.Errors / p.Requests)
		}
	}
	target := qc.Settings.Catalog.TargetsFor(qc.Query.Model).ErrorRate
	field := frames.WithThreshold(frames.ValueField("errorRate", "Error rate", frames.UnitPercentUnit, rate), target, true)
	return data.Frames{frames.New("errorRate", executed, frames.TimeField(times), frames.WithLabels(field, data.Labels{"model": qc.Query.Model}))}, nil
}
