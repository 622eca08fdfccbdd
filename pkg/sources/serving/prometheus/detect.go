package prometheus

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/sources/serving/runtimes"
)

// detectTTL is how long a model's detected runtime is reused.
const detectTTL = time.Minute

// maxTargets bounds the scrape targets whose up series availability reads.
const maxTargets = 20

// resolved is what a model's metrics look like on the server.
type resolved struct {
	runtime     *runtimes.Runtime // nil when nothing was found
	accelerator *runtimes.Runtime
	target      target
	accelTarget target
	scrape      []map[string]string // job and instance of the model's scrape targets
	interval    time.Duration       // their scrape interval, 0 when unknown
	at          time.Time
}

type detector struct {
	mu    sync.Mutex
	cache map[string]resolved
}

// modelConfig returns the model's settings, or the defaults: its id as the
// model label's value and the runtime detected.
func (c *Connector) modelConfig(model string) (modelConfig, bool) {
	if mc, ok := c.cfg.models[model]; ok {
		return mc, true
	}
	return modelConfig{ModelSettings: ModelSettings{ID: model, Name: model}}, false
}

// resolve finds the model's runtime from the metric names present between
// from and to (unless the settings name it), the names it can read, and
// the scrape targets that expose it.
func (c *Connector) resolve(ctx context.Context, model string, from, to time.Time) (resolved, error) {
	c.detect.mu.Lock()
	r, ok := c.detect.cache[model]
	c.detect.mu.Unlock()
	if ok && c.now().Sub(r.at) < detectTTL {
		return r, nil
	}
	mc, _ := c.modelConfig(model)
	candidates := runtimes.Catalog
	if rt := firstNonNil(mc.runtime, c.cfg.runtime); rt != nil {
		candidates = []*runtimes.Runtime{rt}
	}
	var matchers []string
	for _, rt := range candidates {
		if rt.Accelerator {
			continue
		}
		if m, ok := scopeOf(mc, rt).nameMatcher(rt); ok {
			matchers = append(matchers, m)
		}
	}
	if mc.accelerator != nil {
		if m, ok := scopeOf(mc, mc.accelerator).nameMatcher(mc.accelerator); ok {
			matchers = append(matchers, m)
		}
	}
	present, err := c.client.labelValues(ctx, "__name__", matchers, from, to)
	if err != nil {
		return resolved{}, fmt.Errorf("finding the runtime of %s: %w", model, err)
	}
	r = resolved{at: c.now()}
	for _, rt := range candidates {
		if !rt.Accelerator && slices.ContainsFunc(rt.Detect, func(n string) bool { return slices.Contains(present, n) }) {
			r.runtime = rt
			break
		}
	}
	if r.runtime == nil && len(candidates) == 1 && !candidates[0].Accelerator {
		r.runtime = candidates[0] // named in the settings: custom queries may still read it
	}
	if r.runtime != nil {
		r.target = scopeOf(mc, r.runtime)
		r.target.present = present
		if r.scrape, err = c.scrapeTargets(ctx, r, from, to); err != nil {
			return resolved{}, err
		}
		if r.interval, err = c.scrapeInterval(ctx, r.scrape, to); err != nil {
			return resolved{}, err
		}
	}
	if mc.accelerator != nil {
		r.accelerator = mc.accelerator
		r.accelTarget = scopeOf(mc, mc.accelerator)
		r.accelTarget.present = present
	}
	c.detect.mu.Lock()
	c.detect.cache[model] = r
	c.detect.mu.Unlock()
	return r, nil
}

func firstNonNil(rs ...*runtimes.Runtime) *runtimes.Runtime {
	for _, r := range rs {
		if r != nil {
			return r
		}
	}
	return nil
}

// scopeOf builds the model's matchers for a runtime's label names.
func scopeOf(mc modelConfig, rt *runtimes.Runtime) target {
	var t target
	if mc.Namespace != "" {
		t.unscoped = append(t.unscoped, matcher{"namespace", "=", mc.Namespace})
	}
	t.unscoped = append(t.unscoped, mc.selector...)
	if rt.ModelLabel != "" {
		t.scoped = append(t.scoped, matcher{rt.ModelLabel, "=", mc.Name})
		if mc.Version != "" && rt.VersionLabel != "" {
			t.scoped = append(t.scoped, matcher{rt.VersionLabel, "=", mc.Version})
		}
	}
	t.scoped = append(t.scoped, t.unscoped...)
	if rt.ModelLabel == "" {
		t.scoped = t.unscoped
	}
	return t
}

// nameMatcher selects the runtime's metric names for the model: by its
// model label, or by the selector where the runtime has none.
func (t target) nameMatcher(rt *runtimes.Runtime) (string, bool) {
	ms := t.scoped
	if rt.ModelLabel == "" || rt.Accelerator {
		ms = t.unscoped
	}
	if len(ms) == 0 {
		return "", false
	}
	escaped := make([]string, 0, len(rt.MetricNames()))
	for _, n := range rt.MetricNames() {
		escaped = append(escaped, regexpQuote(n))
	}
	return `{__name__=~"` + strings.Join(escaped, "|") + `",` + joinMatchers(ms) + "}", true
}

// regexpQuote escapes a metric name for a PromQL regular expression inside
// a double-quoted string.
func regexpQuote(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`.+*?()|[]{}^$\`, r) {
			b.WriteString(`\\`)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// scrapeTargets lists the job and instance of the series that count the
// model's requests: the targets whose up series say whether it was served.
func (c *Connector) scrapeTargets(ctx context.Context, r resolved, from, to time.Time) ([]map[string]string, error) {
	m, ok := r.runtime.Series[runtimes.Requests]
	if !ok || len(m.Of) == 0 {
		return nil, nil
	}
	filter, ok := r.target.filter(m)
	name, found := r.target.pick(m.Of[0], "")
	if !ok || !found {
		return nil, nil
	}
	sets, err := c.client.seriesLabels(ctx, []string{selector(name, filter, m.Of[0].Match)}, from, to)
	if err != nil {
		return nil, fmt.Errorf("finding the scrape targets of the model: %w", err)
	}
	seen := map[string]bool{}
	var out []map[string]string
	for _, s := range sets {
		key := s["job"] + "\x00" + s["instance"]
		if s["job"] == "" || seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, map[string]string{"job": s["job"], "instance": s["instance"]})
	}
	if len(out) > maxTargets {
		return nil, fault.Userf("%d scrape targets expose this model, more than %d: narrow the model's selector in the Serving telemetry settings", len(out), maxTargets)
	}
	sort.Slice(out, func(a, b int) bool { return out[a]["job"]+out[a]["instance"] < out[b]["job"]+out[b]["instance"] })
	return out, nil
}

// intervalProbe is the span over which scrapes are counted to estimate the
// scrape interval.
const intervalProbe = 10 * time.Minute

// scrapeInterval estimates how often the model's targets are scraped from
// the scrapes counted in the ten minutes before to; 0 when too few to tell.
// Availability counts each scrape as that long, so a window in which a
// target existed for only part of the time is not credited for the rest.
func (c *Connector) scrapeInterval(ctx context.Context, targets []map[string]string, at time.Time) (time.Duration, error) {
	_, scrapes, ok := upExprs(targets, intervalProbe)
	if !ok {
		return 0, nil
	}
	res, err := c.client.query(ctx, strings.Replace(scrapes, "sum(", "max(", 1), at)
	if err != nil {
		return 0, fmt.Errorf("estimating the scrape interval: %w", err)
	}
	if len(res) != 1 || len(res[0].points) != 1 || res[0].points[0].value < 2 {
		return 0, nil
	}
	return time.Duration(float64(intervalProbe) / res[0].points[0].value), nil
}

// upExprs are the up samples and the scrapes of the model's targets over
// the window: their ratio is the share of scrapes that found it up.
func upExprs(targets []map[string]string, w time.Duration) (upSum, scrapes string, ok bool) {
	if len(targets) == 0 {
		return "", "", false
	}
	d := promDuration(w)
	var sums, counts []string
	for _, t := range targets {
		sel := selector("up", joinMatchers([]matcher{{"job", "=", t["job"]}, {"instance", "=", t["instance"]}}), "")
		sums = append(sums, "sum_over_time("+sel+"["+d+"])")
		counts = append(counts, "count_over_time("+sel+"["+d+"])")
	}
	return "sum(" + strings.Join(sums, " or ") + ")", "sum(" + strings.Join(counts, " or ") + ")", true
}
