package prometheus

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/serving/runtimes"
)

// reader builds the queries of one call for one model.
type reader struct {
	c  *Connector
	r  resolved
	mc modelConfig
	mu sync.Mutex
}

// Serving answers one summary per window. Windows are grouped by length so
// each normalized series takes one query_range per distinct length, with
// step = length, evaluated at the windows' ends. A model none of whose
// runtime metrics exist gets empty (unmeasured) summaries.
func (c *Connector) Serving(ctx context.Context, model string, windows []sources.Window) ([]engine.ServingSummary, error) {
	out := make([]engine.ServingSummary, len(windows))
	rd, err := c.reader(ctx, model, windows)
	if err != nil || rd == nil {
		return out, err
	}
	counted := rd.errorsCounted()
	var jobs []job
	for _, g := range gridsOf(windows, c.now()) {
		minutes := g.length.Minutes()
		jobs = append(jobs, rd.counter(g, runtimes.Requests, func(i int, v float64) { out[i].Requests, out[i].Minutes = v, minutes })...)
		if counted {
			jobs = append(jobs, rd.counter(g, runtimes.Errors, func(i int, v float64) { out[i].Errors = v })...)
		}
		jobs = append(jobs, rd.distribution(g, runtimes.Latency,
			func(i int, h engine.LatencyHistogram) { out[i].Latency = h },
			func(i int, v float64) { out[i].LatencySumMs = v },
			func(i int, v float64) { out[i].LatencyCount = v })...)
		jobs = append(jobs, rd.availability(g, func(i int, up, down float64) {
			out[i].UpMinutes, out[i].DownMinutes = up, down
		})...)
		jobs = append(jobs, rd.llm(g, out)...)
	}
	if err := runJobs(ctx, jobs); err != nil {
		return nil, fmt.Errorf("reading %s from Prometheus: %w", model, err)
	}
	if !counted {
		for i := range out {
			out[i].ErrorsUncounted = out[i].Requests
		}
	}
	return out, nil
}

// llm adds the token-level series of language-model runtimes.
func (rd *reader) llm(g grid, out []engine.ServingSummary) []job {
	minutes := g.length.Minutes()
	var jobs []job
	jobs = append(jobs, rd.counter(g, runtimes.TokensIn, func(i int, v float64) { out[i].LLM.TokensIn, out[i].LLM.TokenMinutes = v, minutes })...)
	jobs = append(jobs, rd.counter(g, runtimes.TokensOut, func(i int, v float64) { out[i].LLM.TokensOut, out[i].LLM.TokenMinutes = v, minutes })...)
	jobs = append(jobs, rd.distribution(g, runtimes.TimeToFirstToken, func(i int, h engine.LatencyHistogram) { out[i].LLM.TimeToFirstToken = h }, nil, nil)...)
	jobs = append(jobs, rd.distribution(g, runtimes.TimePerOutputToken, func(i int, h engine.LatencyHistogram) { out[i].LLM.TimePerOutputToken = h }, nil, nil)...)
	jobs = append(jobs, rd.gauge(g, runtimes.KVCache, func(i int, u engine.ResourceUse) { out[i].LLM.KVCache = u })...)
	return jobs
}

// Utilization answers GPU, CPU and memory use per window; storage is not
// something serving runtimes report, so it stays unmeasured.
func (c *Connector) Utilization(ctx context.Context, model string, windows []sources.Window) ([]engine.UtilizationSummary, error) {
	out := make([]engine.UtilizationSummary, len(windows))
	rd, err := c.reader(ctx, model, windows)
	if err != nil || rd == nil {
		return out, err
	}
	var jobs []job
	for _, g := range gridsOf(windows, c.now()) {
		jobs = append(jobs, rd.gauge(g, runtimes.GPUUtilization, func(i int, u engine.ResourceUse) { out[i].GPU = u })...)
		jobs = append(jobs, rd.gauge(g, runtimes.CPUUtilization, func(i int, u engine.ResourceUse) { out[i].CPU = u })...)
		jobs = append(jobs, rd.gauge(g, runtimes.Memory, func(i int, u engine.ResourceUse) { out[i].Memory = u })...)
	}
	if err := runJobs(ctx, jobs); err != nil {
		return nil, fmt.Errorf("reading the utilisation of %s from Prometheus: %w", model, err)
	}
	return out, nil
}

// reader resolves the model; nil when nothing on the server measures it
// and no custom query could.
func (c *Connector) reader(ctx context.Context, model string, windows []sources.Window) (*reader, error) {
	if len(windows) == 0 {
		return nil, nil
	}
	from, to := windows[0].From, windows[0].To
	for _, w := range windows {
		from, to = earliest(from, w.From), latest(to, w.To)
	}
	if now := c.now(); to.After(now) {
		to = now
	}
	r, err := c.resolve(ctx, model, from, to)
	if err != nil {
		return nil, err
	}
	mc, _ := c.modelConfig(model)
	if r.runtime == nil && r.accelerator == nil && len(c.cfg.custom) == 0 {
		return nil, nil
	}
	return &reader{c: c, r: r, mc: mc}, nil
}

func earliest(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// mapping returns where a series comes from: the accelerator exporter for
// GPU series when one is configured, else the runtime.
func (rd *reader) mapping(s runtimes.Series) (runtimes.Mapping, target, bool) {
	if rd.r.accelerator != nil {
		if m, ok := rd.r.accelerator.Series[s]; ok {
			return m, rd.r.accelTarget, true
		}
	}
	if rd.r.runtime == nil {
		return runtimes.Mapping{}, target{}, false
	}
	m, ok := rd.r.runtime.Series[s]
	return m, rd.r.target, ok
}

// customFilter is ${filter} of a custom query: the model's matchers for
// its runtime's labels, or its namespace and selector.
func (rd *reader) customFilter() string {
	if rd.r.runtime != nil {
		return joinMatchers(rd.r.target.scoped)
	}
	return joinMatchers(scopeOf(rd.mc, &runtimes.Runtime{}).unscoped)
}

// errorsCounted reports whether failures are counted: the runtime maps an
// error counter it can read for this model (absent = none failed yet) or a
// custom query does.
func (rd *reader) errorsCounted() bool {
	if _, ok := rd.c.cfg.custom[runtimes.Errors]; ok {
		return true
	}
	m, t, ok := rd.mapping(runtimes.Errors)
	if !ok {
		return false
	}
	_, readable := t.filter(m)
	return readable
}

func scaleOf(f float64) float64 {
	if f == 0 {
		return 1
	}
	return f
}

// counter reads a counter series' increase per window.
func (rd *reader) counter(g grid, s runtimes.Series, set func(i int, v float64)) []job {
	if q, ok := rd.c.cfg.custom[s]; ok {
		scale := scaleOf(q.Scale)
		return []job{rd.c.scalarJob(g, customExpr(q, rd.customFilter(), g.length), &rd.mu, func(i int, v float64) { set(i, v*scale) })}
	}
	m, t, ok := rd.mapping(s)
	if !ok {
		return nil
	}
	expr, ok := t.counterExpr(m, m.Of, g.length)
	if !ok {
		return nil
	}
	scale := scaleOf(m.Scale)
	return []job{rd.c.scalarJob(g, expr, &rd.mu, func(i int, v float64) { set(i, v*scale) })}
}

// distribution reads a histogram series per window, or the sum and count
// of a runtime that only has those (a mean).
func (rd *reader) distribution(g grid, s runtimes.Series, setHist func(int, engine.LatencyHistogram), setSum, setCount func(int, float64)) []job {
	if q, ok := rd.c.cfg.custom[s]; ok {
		return []job{rd.c.bucketJob(g, customExpr(q, rd.customFilter(), g.length), scaleOf(q.Scale), &rd.mu, setHist)}
	}
	m, t, ok := rd.mapping(s)
	if !ok {
		return nil
	}
	switch m.Kind {
	case runtimes.Histogram:
		if expr, ok := t.histogramExpr(m, g.length); ok {
			return []job{rd.c.bucketJob(g, expr, scaleOf(m.Scale), &rd.mu, setHist)}
		}
	case runtimes.Mean:
		if setSum == nil {
			return nil
		}
		sum, ok1 := t.counterExpr(m, m.Of, g.length)
		count, ok2 := t.counterExpr(m, m.Per, g.length)
		if ok1 && ok2 {
			scale := scaleOf(m.Scale)
			return []job{
				rd.c.scalarJob(g, sum, &rd.mu, func(i int, v float64) { setSum(i, v*scale) }),
				rd.c.scalarJob(g, count, &rd.mu, setCount),
			}
		}
	}
	return nil
}

// gauge reads a gauge's time-weighted mean and peak per window.
func (rd *reader) gauge(g grid, s runtimes.Series, set func(int, engine.ResourceUse)) []job {
	var mean, peak string
	scale := 1.0
	if q, ok := rd.c.cfg.custom[s]; ok {
		mean, peak = wrapGauge(customExpr(q, rd.customFilter(), g.length), g.length)
		scale = scaleOf(q.Scale)
	} else {
		m, t, ok := rd.mapping(s)
		if !ok {
			return nil
		}
		if mean, peak, ok = t.gaugeExprs(s, m, g.length); !ok {
			return nil
		}
		scale = scaleOf(m.Scale)
	}
	minutes := g.length.Minutes()
	means, peaks := make(map[int]float64), make(map[int]float64)
	finish := func(i int) {
		mv, ok1 := means[i]
		pv, ok2 := peaks[i]
		if ok1 && ok2 {
			set(i, engine.ResourceUse{Sum: mv * scale * minutes, Minutes: minutes, Peak: pv * scale})
		}
	}
	return []job{
		rd.c.scalarJob(g, mean, &rd.mu, func(i int, v float64) { means[i] = v; finish(i) }),
		rd.c.scalarJob(g, peak, &rd.mu, func(i int, v float64) { peaks[i] = v; finish(i) }),
	}
}

// availability reads the minutes the model's targets were up and down per
// window: each scrape counts for one scrape interval (never more than the
// window holds in all); without a known interval, the share of scrapes up
// over the whole window. A custom up query gives its mean over the window.
func (rd *reader) availability(g grid, set func(i int, up, down float64)) []job {
	minutes := g.length.Minutes()
	if _, ok := rd.c.cfg.custom[runtimes.Up]; ok {
		return rd.gauge(g, runtimes.Up, func(i int, u engine.ResourceUse) {
			if m := u.Mean(); m.OK {
				up := clamp01(m.Value)
				set(i, up*minutes, (1-up)*minutes)
			}
		})
	}
	upSum, scrapes, ok := upExprs(rd.r.scrape, g.length)
	if !ok {
		return nil
	}
	each := rd.r.interval.Minutes()
	sums, counts := make(map[int]float64), make(map[int]float64)
	finish := func(i int) {
		s, ok1 := sums[i]
		n, ok2 := counts[i]
		if !ok1 || !ok2 || n <= 0 {
			return
		}
		covered := minutes
		if each > 0 {
			covered = min(minutes, n*each)
		}
		up := clamp01(s / n)
		set(i, up*covered, (1-up)*covered)
	}
	return []job{
		rd.c.scalarJob(g, upSum, &rd.mu, func(i int, v float64) { sums[i] = v; finish(i) }),
		rd.c.scalarJob(g, scrapes, &rd.mu, func(i int, v float64) { counts[i] = v; finish(i) }),
	}
}

func clamp01(v float64) float64 { return min(1, max(0, v)) }
