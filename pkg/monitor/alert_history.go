package monitor

import (
	"context"
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
)

// historyNeeds is what the alert history reads: every measure but the
// registry's, whose past versions no registry keeps.
const historyNeeds = needServing | needModel | needCost | needSavings

// alertHistoryFrames answers `alertHistory`: the health rules evaluated at
// every window end of the range, each measure over its lookback and each
// rule with its pending period, as the provisioned alert rules would have
// fired; per rule and model the firings, time to resolve, flapping and
// escalations (`alertFrequency`) and every firing (`alertFirings`).
// Grafana's own state history is not reachable from a data source without
// a service account, and it starts when the rules were provisioned; this
// one covers any range the connectors hold.
func alertHistoryFrames(ctx context.Context, r *Request) (data.Frames, error) {
	models, err := r.fleetModels()
	if err != nil {
		return nil, err
	}
	var longest time.Duration
	for _, spec := range engine.Measures {
		longest = max(longest, spec.Lookback)
	}
	step := chooseStep(r.Range.Span(), r.Interval, time.Hour)
	ext := r.lookback(r.Range.Span() + longest)
	w := windowsOf(ext.Range, step, step)
	first := 0
	for first < len(w.List) && !w.List[first].To.After(r.Range.From) {
		first++
	}
	notes := newNotes()
	notes.add("evaluated at every window end (" + w.Step.String() + "), each measure over its lookback; the pipeline gap at window resolution; configuration drift is not in the history (a registry keeps no past versions)")
	ends := make([]time.Time, 0, len(w.List)-first)
	for _, win := range w.List[first:] {
		ends = append(ends, win.To)
	}
	histories := make([]modelHistory, len(models))
	err = eachModel(ctx, len(models), func(ctx context.Context, i int) error {
		s, err := ext.loadSeries(ctx, models[i], w, historyNeeds)
		if err != nil {
			return err
		}
		histories[i].notes = s.notes
		timelines, err := evaluateHistory(ctx, s, first)
		if err != nil {
			return err
		}
		histories[i].add(models[i], timelines, ends, r.Range)
		return nil
	})
	if err != nil {
		return nil, err
	}
	var stats []frames.AlertStats
	var firings []frames.AlertFiring
	for _, h := range histories {
		notes.add(h.notes...)
		stats, firings = append(stats, h.stats...), append(firings, h.firings...)
	}
	executed := fmt.Sprintf("health rules of %s evaluated over %s", r.scope(), r.Range)
	freq, list := frames.AlertFrequency(stats, executed), frames.AlertFirings(firings, executed)
	notes.attach(freq)
	return data.Frames{freq, list}, nil
}

// modelHistory is one model's alert history.
type modelHistory struct {
	notes   []string
	stats   []frames.AlertStats
	firings []frames.AlertFiring
}

// add turns the rules' timelines over the evaluations ending at ends into
// the model's firings and their statistics over rng.
func (h *modelHistory) add(m catalog.Model, timelines map[string]*timeline, ends []time.Time, rng Range) {
	for _, rule := range engine.HealthRules {
		tl := timelines[rule.ID]
		if tl == nil {
			continue
		}
		fired := firingsOf(tl, ends, rule.For)
		if len(fired) == 0 {
			continue
		}
		h.stats = append(h.stats, statsOf(rule, m, fired, rng))
		for _, f := range fired {
			h.firings = append(h.firings, frames.AlertFiring{
				Model: m.ID, Rule: rule.ID, Severity: string(rule.Severity), Title: rule.Title,
				Started: f.start, Resolved: f.end, Detail: f.detail,
			})
		}
	}
}

// timeline is a rule's condition at every evaluation, with the detail of
// the reading that held.
type timeline struct {
	holds   []bool
	details []string
}

// evaluateHistory applies every health rule at the end of windows first..n
// of the series, each measure over the windows of its lookback.
func evaluateHistory(ctx context.Context, s *modelSeries, first int) (map[string]*timeline, error) {
	n := len(s.windows.List)
	byLookback := map[int][]engine.Measure{}
	for _, spec := range engine.Measures {
		if spec.Name == engine.MeasureConfigurationDrift {
			continue
		}
		k := int((spec.Lookback + s.windows.Step - 1) / s.windows.Step)
		byLookback[k] = append(byLookback[k], spec.Name)
	}
	readings := make([][]engine.Reading, n-first)
	for k, measures := range byLookback {
		totals, err := s.windowTotals(ctx, k, first, measures)
		if err != nil {
			return nil, err
		}
		wanted := map[engine.Measure]bool{}
		for _, m := range measures {
			wanted[m] = true
		}
		for i := first; i < n; i++ {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			in, err := s.inputs(max(0, i-k+1), i+1, totals[i])
			if err != nil {
				return nil, err
			}
			in.MinutesSinceLastPrediction, in.ExpectedGapMinutes = s.unloggedMinutes(i), expectedGap(s.model).Minutes()
			for _, rd := range engine.Readings(in) {
				if wanted[rd.Measure] {
					readings[i-first] = append(readings[i-first], rd)
				}
			}
		}
	}
	out := map[string]*timeline{}
	for _, rule := range engine.HealthRules {
		tl := &timeline{holds: make([]bool, n-first), details: make([]string, n-first)}
		for i, rds := range readings {
			for _, rd := range rds {
				if rd.Measure == rule.Measure && rd.Value.OK && rule.When.Holds(rd.Value.Value) {
					tl.holds[i], tl.details[i] = true, rd.Detail
				}
			}
		}
		out[rule.ID] = tl
	}
	return out, nil
}

// windowTotals adds up the series' summaries over the last k windows at
// every window from first on, only those the measures need.
func (s *modelSeries) windowTotals(ctx context.Context, k, first int, measures []engine.Measure) ([]spanTotals, error) {
	var needs healthNeeds
	for _, m := range measures {
		needs |= needsOf(m)
	}
	wanted := map[engine.Measure]bool{}
	for _, m := range measures {
		wanted[m] = true
	}
	out := make([]spanTotals, len(s.windows.List))
	for i := range out {
		out[i] = spanTotals{spend: needs&needCost != 0, savings: needs&needSavings != 0, measures: wanted}
	}
	if s.serving != nil && needs&needServing != 0 {
		sums, err := windowSums(ctx, s.serving, k, first, func(a, b engine.ServingSummary) (engine.ServingSummary, error) {
			return engine.MergeServing(a, b)
		})
		if err != nil {
			return nil, fmt.Errorf("merging the serving telemetry of %s: %w", s.model.ID, err)
		}
		for i := range out {
			out[i].serving = &sums[i]
		}
	}
	if s.md != nil && needs&needModel != 0 {
		summaries := s.md.summaries
		if !wanted[engine.MeasureDrift] && !wanted[engine.MeasureDataQuality] {
			summaries = withoutFeatures(summaries)
		}
		sums, err := windowSums(ctx, summaries, k, first, func(a, b *engine.Summary) (*engine.Summary, error) {
			return engine.MergeAll(a, b)
		})
		if err != nil {
			return nil, fmt.Errorf("merging the prediction summaries of %s: %w", s.model.ID, err)
		}
		for i := range out {
			out[i].summary = sums[i]
		}
	}
	return out, nil
}

// withoutFeatures are the summaries without their feature parts, which
// only drift and data quality read: merging the rest (outputs, labels,
// groups) costs a fraction.
func withoutFeatures(summaries []*engine.Summary) []*engine.Summary {
	out := make([]*engine.Summary, len(summaries))
	for i, s := range summaries {
		if s != nil {
			c := *s
			c.Numeric, c.Categorical = nil, nil
			out[i] = &c
		}
	}
	return out
}

// unloggedMinutes is how long no prediction has been logged at the end of
// window i, at window resolution: the windows without rows up to i.
func (s *modelSeries) unloggedMinutes(i int) engine.Metric {
	if s.md == nil {
		return engine.Metric{}
	}
	var gap time.Duration
	for j := i; j >= 0 && s.md.summaries[j].Rows == 0; j-- {
		gap += s.windows.List[j].Length()
	}
	return engine.Metric{Value: gap.Minutes(), OK: true}
}

// firing is one alert from firing to resolved (zero while still firing).
type firing struct {
	start, end time.Time
	detail     string
}

// firingsOf turns a rule's condition at the evaluations ending at ends into
// firings: a run of evaluations that hold is taken to hold until the next
// one that does not, and fires once it has held for the pending period.
func firingsOf(tl *timeline, ends []time.Time, pending time.Duration) []firing {
	var out []firing
	for i := 0; i < len(ends); {
		if !tl.holds[i] {
			i++
			continue
		}
		j := i
		for j < len(ends) && tl.holds[j] {
			j++
		}
		f := firing{start: ends[i].Add(pending), detail: tl.details[i]}
		last := ends[len(ends)-1]
		if j < len(ends) {
			f.end = ends[j]
		}
		if (j < len(ends) && f.end.After(f.start)) || (j == len(ends) && !f.start.After(last)) {
			out = append(out, f)
		}
		i = j
	}
	return out
}

// flapWindow is how soon after resolving a re-firing counts as flapping.
const flapWindow = time.Hour

// statsOf sums up a rule's firings on a model over the range.
func statsOf(rule engine.HealthRule, m catalog.Model, fired []firing, rng Range) frames.AlertStats {
	st := frames.AlertStats{Rule: rule.ID, Title: rule.Title, Severity: string(rule.Severity), Model: m.ID, Firings: len(fired)}
	var resolvedMinutes float64
	resolved := 0
	for i, f := range fired {
		end := f.end
		if end.IsZero() {
			st.FiringNow = true
			end = rng.To
		} else {
			resolved++
			resolvedMinutes += f.end.Sub(f.start).Minutes()
		}
		if rule.Escalates() && end.Sub(f.start) >= engine.EscalationDelay {
			st.Escalations++
		}
		if i > 0 && !fired[i-1].end.IsZero() && f.start.Sub(fired[i-1].end) <= flapWindow {
			st.Flaps++
		}
	}
	if resolved > 0 {
		st.MTTRMinutes = engine.Metric{Value: resolvedMinutes / float64(resolved), OK: true}
	}
	st.PerDay = engine.Metric{Value: float64(len(fired)) / rng.Span().Hours() * 24, OK: rng.Span() > 0}
	return st
}
