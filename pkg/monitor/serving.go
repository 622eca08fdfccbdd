package monitor

import (
	"context"
	"fmt"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/frames"
	"github.com/aiperf/monitor/pkg/sources"
)

var errNoServing = fault.Userf("no serving source is configured: this query needs serving telemetry; configure the Serving section of the data source settings or use the demo data source")

// servingOf reads a model's serving summaries, once per data request.
func (r *Request) servingOf(ctx context.Context, model string, windows []sources.Window) ([]engine.ServingSummary, error) {
	src := r.Conns.Serving
	if src == nil {
		return nil, errNoServing
	}
	out, err := remember(r.Loads, fmt.Sprintf("serving|%s|%s", model, windowsKey(windows)), func() ([]engine.ServingSummary, error) {
		return src.Serving(ctx, model, windows)
	})
	if err != nil {
		return nil, fmt.Errorf("reading the serving telemetry of %s: %w", model, err)
	}
	if len(out) != len(windows) {
		return nil, fmt.Errorf("the serving source returned %d summaries for %d windows of %s", len(out), len(windows), model)
	}
	return out, nil
}

// servingTotal merges a model's serving telemetry over the windows.
func (r *Request) servingTotal(ctx context.Context, model string, windows []sources.Window) (engine.ServingWindow, error) {
	summaries, err := r.servingOf(ctx, model, windows)
	if err != nil {
		return engine.ServingWindow{}, err
	}
	total, err := engine.MergeServing(summaries...)
	if err != nil {
		return engine.ServingWindow{}, fmt.Errorf("merging the serving telemetry of %s: %w", model, err)
	}
	return engine.SummarizeServing(total), nil
}

// servingSeries is the query's model's serving metrics per window.
type servingSeries struct {
	model   catalog.Model
	windows Windows
	metrics []engine.ServingWindow
}

func (r *Request) loadServingSeries(ctx context.Context) (*servingSeries, error) {
	m, err := r.model()
	if err != nil {
		return nil, err
	}
	w := windowsOf(r.Range, r.Interval, minServingWindow)
	summaries, err := r.servingOf(ctx, m.ID, w.List)
	if err != nil {
		return nil, err
	}
	s := &servingSeries{model: m, windows: w, metrics: make([]engine.ServingWindow, len(summaries))}
	for i, sum := range summaries {
		s.metrics[i] = engine.SummarizeServing(sum)
	}
	return s, nil
}

func (s *servingSeries) describe(what string) string {
	return fmt.Sprintf("%s of %s in %d windows of %s", what, s.model.ID, len(s.windows.List), s.windows.Step)
}

// column extracts one metric per window.
func (s *servingSeries) column(pick func(engine.ServingWindow) engine.Metric) []*float64 {
	out := make([]*float64, len(s.metrics))
	for i, m := range s.metrics {
		out[i] = pick(m).Ptr()
	}
	return out
}

func latencyFrames(ctx context.Context, r *Request) (data.Frames, error) {
	s, err := r.loadServingSeries(ctx)
	if err != nil {
		return nil, err
	}
	target := r.Catalog.TargetsFor(s.model.ID).P95LatencyMs
	series := func(name, display, quantile string, pick func(engine.ServingWindow) engine.Metric) *data.Field {
		return frames.WithLabels(frames.ValueField(name, display, frames.UnitMs, s.column(pick)), data.Labels{"model": s.model.ID, "quantile": quantile})
	}
	fields := []*data.Field{frames.TimeField(s.windows.Starts)}
	kind := latencyKindOf(s.metrics)
	if kind == engine.LatencyMean {
		// Only sum/count counters exist: a mean, said to be one, never a p95.
		fields = append(fields, series("mean", "mean (no histogram)", "mean", func(w engine.ServingWindow) engine.Metric { return w.LatencyMeanMs }))
	} else {
		fields = append(fields,
			series("p50", "p50", "0.5", func(w engine.ServingWindow) engine.Metric { return w.LatencyP50Ms }),
			frames.WithThreshold(series("p95", "p95", "0.95", func(w engine.ServingWindow) engine.Metric { return w.LatencyP95Ms }), target, true),
			series("p99", "p99", "0.99", func(w engine.ServingWindow) engine.Metric { return w.LatencyP99Ms }),
		)
	}
	f := frames.NewTimeSeries("latency", s.describe("latency percentiles from merged histogram buckets"), fields...)
	if kind == engine.LatencyMean {
		frames.Notice(f, "this runtime exposes no latency histogram: the series is the mean latency, not a percentile")
	}
	return data.Frames{f}, nil
}

// latencyKindOf is how the windows' latency was measured: histogram when any
// window had one.
func latencyKindOf(windows []engine.ServingWindow) engine.LatencyKind {
	kind := engine.LatencyUnmeasured
	for _, w := range windows {
		switch w.LatencyKind {
		case engine.LatencyFromHistogram:
			return w.LatencyKind
		case engine.LatencyMean:
			kind = w.LatencyKind
		}
	}
	return kind
}

func throughputFrames(ctx context.Context, r *Request) (data.Frames, error) {
	s, err := r.loadServingSeries(ctx)
	if err != nil {
		return nil, err
	}
	// Requests per second of elapsed time: an open window is divided by the
	// minutes so far, not by its whole length.
	field := frames.WithLabels(frames.ValueField("requests", "Requests", frames.UnitReqPerSec, s.column(func(w engine.ServingWindow) engine.Metric { return w.Throughput })), data.Labels{"model": s.model.ID})
	return data.Frames{frames.NewTimeSeries("throughput", s.describe("requests per second"), frames.TimeField(s.windows.Starts), field)}, nil
}

func errorRateFrames(ctx context.Context, r *Request) (data.Frames, error) {
	s, err := r.loadServingSeries(ctx)
	if err != nil {
		return nil, err
	}
	target := r.Catalog.TargetsFor(s.model.ID).ErrorRate
	field := frames.WithThreshold(frames.ValueField("errorRate", "Error rate", frames.UnitPercentUnit, s.column(func(w engine.ServingWindow) engine.Metric { return w.ErrorRate })), target, true)
	return data.Frames{frames.NewTimeSeries("errorRate", s.describe("error rate"), frames.TimeField(s.windows.Starts), frames.WithLabels(field, data.Labels{"model": s.model.ID}))}, nil
}
