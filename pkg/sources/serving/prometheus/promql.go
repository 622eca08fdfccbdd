package prometheus

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aiperf/monitor/pkg/sources/serving/runtimes"
)

// target is where one model's metrics are: the matchers of series that
// carry the model label, of those that do not, and the names present.
type target struct {
	scoped   []matcher // model, version, namespace, selector
	unscoped []matcher // namespace, selector: a server's or GPU's own series
	present  []string  // metric names the server exposes for the model
}

// filter is the matchers for a mapping: an unscoped series without a
// selector would read every server's, so it is not read at all.
func (t target) filter(m runtimes.Mapping) (string, bool) {
	if m.Unscoped {
		return joinMatchers(t.unscoped), len(t.unscoped) > 0
	}
	return joinMatchers(t.scoped), true
}

// pick returns the first of a term's names that is present.
func (t target) pick(term runtimes.Term, suffix string) (string, bool) {
	for _, n := range term.Names {
		if slices.Contains(t.present, n+suffix) {
			return n, true
		}
	}
	return "", false
}

// selector writes name{filter, term matchers}.
func selector(name, filter, match string) string {
	inside := filter
	if match != "" {
		if inside != "" {
			inside += ","
		}
		inside += match
	}
	return name + "{" + inside + "}"
}

// promDuration writes a window length as a PromQL duration.
func promDuration(d time.Duration) string {
	if d%time.Second == 0 {
		return strconv.FormatInt(int64(d/time.Second), 10) + "s"
	}
	return strconv.FormatInt(d.Milliseconds(), 10) + "ms"
}

// sumOver adds a function of each term: the first term decides whether
// the result exists, the others count as 0 where absent.
func (t target) sumOver(terms []runtimes.Term, filter, suffix string, f func(sel string) string) (string, bool) {
	var parts []string
	for i, term := range terms {
		name, ok := t.pick(term, suffix)
		if !ok {
			if i == 0 {
				return "", false
			}
			continue
		}
		e := "sum(" + f(selector(name+suffix, filter, term.Match)) + ")"
		if i > 0 {
			e = "(" + e + " or vector(0))"
		}
		parts = append(parts, e)
	}
	return strings.Join(parts, " + "), true
}

// counterExpr is the increase of a mapping's counters over the window.
func (t target) counterExpr(m runtimes.Mapping, terms []runtimes.Term, w time.Duration) (string, bool) {
	filter, ok := t.filter(m)
	if !ok {
		return "", false
	}
	return t.sumOver(terms, filter, "", func(sel string) string { return "increase(" + sel + "[" + promDuration(w) + "])" })
}

// histogramExpr is the increase of each bucket over the window, merged
// across series by le, as histogram_quantile's input would be.
func (t target) histogramExpr(m runtimes.Mapping, w time.Duration) (string, bool) {
	filter, ok := t.filter(m)
	if !ok || len(m.Of) == 0 {
		return "", false
	}
	name, ok := t.pick(m.Of[0], "_bucket")
	if !ok {
		return "", false
	}
	return "sum by (le) (increase(" + selector(name+"_bucket", filter, m.Of[0].Match) + "[" + promDuration(w) + "]))", true
}

// averaged says whether a gauge's series are averaged (ratios of devices)
// rather than added (requests in flight on replicas).
func averaged(s runtimes.Series) bool {
	switch s {
	case runtimes.KVCache, runtimes.GPUUtilization, runtimes.GPUMemory, runtimes.CPUUtilization, runtimes.Memory, runtimes.Up:
		return true
	}
	return false
}

// gaugeExprs are the time-weighted mean and the peak of a gauge or ratio
// over the window.
func (t target) gaugeExprs(s runtimes.Series, m runtimes.Mapping, w time.Duration) (mean, peak string, ok bool) {
	filter, ok := t.filter(m)
	if !ok {
		return "", "", false
	}
	d := promDuration(w)
	if m.Kind == runtimes.Ratio {
		num, ok1 := t.sumOver(m.Of, filter, "", func(sel string) string { return sel })
		den, ok2 := t.sumOver(m.Per, filter, "", func(sel string) string { return sel })
		if !ok1 || !ok2 {
			return "", "", false
		}
		ratio := "(" + num + ") / (" + den + ")"
		return "avg_over_time((" + ratio + ")[" + d + ":])", "max_over_time((" + ratio + ")[" + d + ":])", true
	}
	agg := "sum"
	if averaged(s) {
		agg = "avg"
	}
	mean, ok1 := t.aggOver(m.Of, filter, agg, "avg_over_time", d)
	peak, ok2 := t.aggOver(m.Of, filter, "max", "max_over_time", d)
	return mean, peak, ok1 && ok2
}

// aggOver aggregates a range function of each term and adds the terms.
func (t target) aggOver(terms []runtimes.Term, filter, agg, fn, d string) (string, bool) {
	var parts []string
	for i, term := range terms {
		name, ok := t.pick(term, "")
		if !ok {
			if i == 0 {
				return "", false
			}
			continue
		}
		e := agg + "(" + fn + "(" + selector(name, filter, term.Match) + "[" + d + "]))"
		if i > 0 {
			e = "(" + e + " or vector(0))"
		}
		parts = append(parts, e)
	}
	return strings.Join(parts, " + "), true
}

// customExpr fills a custom query's placeholders; gauges are wrapped so
// the user writes an instantaneous value.
func customExpr(q CustomQuery, filter string, w time.Duration) (expr string) {
	return strings.NewReplacer("${filter}", filter, "${window}", promDuration(w)).Replace(q.Expr)
}

// wrapGauge turns an instantaneous expression into its window mean and peak.
func wrapGauge(expr string, w time.Duration) (mean, peak string) {
	d := promDuration(w)
	return fmt.Sprintf("avg_over_time((%s)[%s:])", expr, d), fmt.Sprintf("max_over_time((%s)[%s:])", expr, d)
}
