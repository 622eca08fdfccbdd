package monitor

import (
	"context"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
)

// The language-model views read the same serving summaries as latency and
// throughput (one load per request); a runtime without token telemetry
// gets undefined series and a notice saying so.

const notLLM = "this model's runtime reports no token telemetry (it is not a language-model server, or its metrics lack these series): the series are undefined"

// llmSeries is the query's model's LLM metrics per window.
func (r *Request) llmSeries(ctx context.Context) (*servingSeries, []engine.LLMWindow, error) {
	s, err := r.loadServingSeries(ctx)
	if err != nil {
		return nil, nil, err
	}
	summaries, err := r.servingOf(ctx, s.model.ID, s.windows.List)
	if err != nil {
		return nil, nil, err
	}
	out := make([]engine.LLMWindow, len(summaries))
	for i, sum := range summaries {
		out[i] = engine.SummarizeLLM(sum)
	}
	return s, out, nil
}

func llmColumn(ws []engine.LLMWindow, pick func(engine.LLMWindow) engine.Metric) []*float64 {
	out := make([]*float64, len(ws))
	for i, w := range ws {
		out[i] = pick(w).Ptr()
	}
	return out
}

// noticeUnmeasured warns when no window measured the metric.
func noticeUnmeasured(f *data.Frame, columns ...[]*float64) {
	for _, c := range columns {
		for _, v := range c {
			if v != nil {
				return
			}
		}
	}
	frames.Notice(f, notLLM)
}

// tokensFrames answers `tokens`: prompt and generated tokens per second.
func tokensFrames(ctx context.Context, r *Request) (data.Frames, error) {
	s, ws, err := r.llmSeries(ctx)
	if err != nil {
		return nil, err
	}
	in := llmColumn(ws, func(w engine.LLMWindow) engine.Metric { return w.TokensInPerSec })
	out := llmColumn(ws, func(w engine.LLMWindow) engine.Metric { return w.TokensOutPerSec })
	field := func(name, display, direction string, values []*float64) *data.Field {
		return frames.WithLabels(frames.ValueField(name, display, frames.UnitTokensPerSec, values), data.Labels{"model": s.model.ID, "direction": direction})
	}
	f := frames.NewTimeSeries("tokens", s.describe("tokens per second"), frames.TimeField(s.windows.Starts),
		field("tokensIn", "Prompt tokens/s", "in", in), field("tokensOut", "Generated tokens/s", "out", out))
	noticeUnmeasured(f, in, out)
	return data.Frames{f}, nil
}

// percentileFrames answers a per-token latency with p50/p95/p99 from the
// window's merged histogram, as latency does.
func (r *Request) percentileFrames(ctx context.Context, name, what string, pick func(engine.LLMWindow) engine.Percentiles) (data.Frames, error) {
	s, ws, err := r.llmSeries(ctx)
	if err != nil {
		return nil, err
	}
	column := func(q func(engine.Percentiles) engine.Metric) []*float64 {
		return llmColumn(ws, func(w engine.LLMWindow) engine.Metric { return q(pick(w)) })
	}
	field := func(field, quantile string, values []*float64) *data.Field {
		return frames.WithLabels(frames.ValueField(field, field, frames.UnitMs, values), data.Labels{"model": s.model.ID, "quantile": quantile})
	}
	p50 := column(func(p engine.Percentiles) engine.Metric { return p.P50 })
	p95 := column(func(p engine.Percentiles) engine.Metric { return p.P95 })
	p99 := column(func(p engine.Percentiles) engine.Metric { return p.P99 })
	f := frames.NewTimeSeries(name, s.describe(what+" percentiles from merged histogram buckets"), frames.TimeField(s.windows.Starts),
		field("p50", "0.5", p50), field("p95", "0.95", p95), field("p99", "0.99", p99))
	noticeUnmeasured(f, p50)
	return data.Frames{f}, nil
}

func timeToFirstTokenFrames(ctx context.Context, r *Request) (data.Frames, error) {
	return r.percentileFrames(ctx, "timeToFirstToken", "time to first token", func(w engine.LLMWindow) engine.Percentiles { return w.TimeToFirstTokenMs })
}

func timePerOutputTokenFrames(ctx context.Context, r *Request) (data.Frames, error) {
	return r.percentileFrames(ctx, "timePerOutputToken", "time per output token", func(w engine.LLMWindow) engine.Percentiles { return w.TimePerOutputTokenMs })
}

// kvCacheFrames answers `kvCache`: the KV cache's mean and peak occupancy.
func kvCacheFrames(ctx context.Context, r *Request) (data.Frames, error) {
	s, ws, err := r.llmSeries(ctx)
	if err != nil {
		return nil, err
	}
	mean := llmColumn(ws, func(w engine.LLMWindow) engine.Metric { return w.KVCacheMean })
	peak := llmColumn(ws, func(w engine.LLMWindow) engine.Metric { return w.KVCachePeak })
	field := func(name, display, stat string, values []*float64) *data.Field {
		return frames.WithRange(frames.WithLabels(frames.ValueField(name, display, frames.UnitPercentUnit, values), data.Labels{"model": s.model.ID, "stat": stat}), 0, 1)
	}
	f := frames.NewTimeSeries("kvCache", s.describe("KV-cache occupancy"), frames.TimeField(s.windows.Starts),
		field("mean", "KV cache (mean)", "mean", mean), field("peak", "KV cache (peak)", "peak", peak))
	noticeUnmeasured(f, mean)
	return data.Frames{f}, nil
}

// availabilityFrames answers `availability`: the share of probed minutes
// the model was up, and the minutes it was down, per window.
func availabilityFrames(ctx context.Context, r *Request) (data.Frames, error) {
	s, err := r.loadServingSeries(ctx)
	if err != nil {
		return nil, err
	}
	target := r.Catalog.TargetsFor(s.model.ID).Uptime
	avail := s.column(func(w engine.ServingWindow) engine.Metric { return w.Availability })
	down := make([]*float64, len(s.metrics))
	for i, w := range s.metrics {
		if w.Availability.OK {
			down[i] = frames.Ptr(w.DowntimeMinutes)
		}
	}
	labels := data.Labels{"model": s.model.ID}
	f := frames.NewTimeSeries("availability", s.describe("availability (share of probed minutes up)"), frames.TimeField(s.windows.Starts),
		frames.WithLabels(frames.WithThreshold(frames.ValueField("availability", "Availability", frames.UnitPercentUnit, avail), target, false), labels),
		frames.WithLabels(frames.ValueField("downtime", "Downtime", frames.UnitMinutes, down), labels))
	if allNil(avail) {
		frames.Notice(f, "nothing probes this model's availability (no scrape target or probe series): availability is undefined")
	}
	return data.Frames{f}, nil
}

func allNil(c []*float64) bool {
	for _, v := range c {
		if v != nil {
			return false
		}
	}
	return true
}
