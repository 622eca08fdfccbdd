package demo

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
)

// ctxCheckEvery is how many rows pass between cancellation checks.
const ctxCheckEvery = 1024

// Schema returns the model's schema.
func (f *Fleet) Schema(ctx context.Context, model string) (engine.Schema, error) {
	p, err := lookup(model)
	if err != nil {
		return engine.Schema{}, err
	}
	return cloneSchema(p.spec.Schema), ctx.Err()
}

// BaselineWindow is the reference window of every demo model: the
// baselineLength days ending baselineEndLead before the anchor, well before
// any scripted drift.
func (f *Fleet) BaselineWindow() sources.Window {
	return baselineWindow(anchorOf(f.now()))
}

func baselineWindow(anchor time.Time) sources.Window {
	end := anchor.Add(-baselineEndLead)
	return sources.Window{From: end.Add(-baselineLength), To: end}
}

type baselineKey struct {
	model  string
	anchor int64
}

// baselineEntry lets concurrent callers share one computation.
type baselineEntry struct {
	once     sync.Once
	baseline *engine.Baseline
	err      error
}

// Baseline returns the model's reference profile built from the rows of
// BaselineWindow. It is computed once per model and day.
func (f *Fleet) Baseline(ctx context.Context, model string) (*engine.Baseline, error) {
	p, err := lookup(model)
	if err != nil {
		return nil, err
	}
	anchor := anchorOf(f.now())
	key := baselineKey{model: model, anchor: anchor.Unix()}
	f.baselinesMu.Lock()
	e, ok := f.baselines[key]
	if !ok {
		// Baselines of earlier days are no longer asked for.
		for k := range f.baselines {
			if k.anchor != key.anchor {
				delete(f.baselines, k)
			}
		}
		e = &baselineEntry{}
		f.baselines[key] = e
	}
	f.baselinesMu.Unlock()

	e.once.Do(func() { e.baseline, e.err = f.buildBaseline(ctx, p, baselineWindow(anchor)) })
	if e.err != nil {
		// A failed (for example cancelled) build is retried by the next caller.
		f.baselinesMu.Lock()
		if f.baselines[key] == e {
			delete(f.baselines, key)
		}
		f.baselinesMu.Unlock()
	}
	return e.baseline, e.err
}

// buildBaseline streams the baseline window twice: once to sketch the bin
// edges, once to summarize with them. The rows are regenerated, never held.
func (f *Fleet) buildBaseline(ctx context.Context, p *profile, w sources.Window) (*engine.Baseline, error) {
	bb, err := engine.NewBaselineBuilder(cloneSchema(p.spec.Schema))
	if err != nil {
		return nil, fmt.Errorf("demo: baseline of %s: %w", p.spec.ID, err)
	}
	err = f.Rows(p.spec.ID, w.From, w.To, cancellable(ctx, func(_ time.Time, r *engine.Row) error {
		bb.Add(r)
		return nil
	}))
	if err != nil {
		return nil, err
	}
	b, err := bb.Baseline()
	if err != nil {
		return nil, fmt.Errorf("demo: baseline of %s: %w", p.spec.ID, err)
	}
	if b.Summary, err = f.summarize(ctx, p.spec.ID, b, w); err != nil {
		return nil, err
	}
	return b, nil
}

// Summaries returns one summary per window, binned with baseline (the
// model's own baseline when nil). Summaries of closed windows (whose labels
// have all arrived) are cached; they are shared, so callers must not
// modify them.
func (f *Fleet) Summaries(ctx context.Context, model string, baseline *engine.Baseline, windows []sources.Window) ([]*engine.Summary, error) {
	p, err := lookup(model)
	if err != nil {
		return nil, err
	}
	for i, w := range windows {
		if w.To.Before(w.From) {
			return nil, fmt.Errorf("demo: window %d ends (%s) before it starts (%s); swap From and To", i, w.To.Format(time.RFC3339), w.From.Format(time.RFC3339))
		}
	}
	if baseline == nil {
		if baseline, err = f.Baseline(ctx, model); err != nil {
			return nil, err
		}
	}
	now := f.now()
	anchor := anchorOf(now)
	out := make([]*engine.Summary, len(windows))
	for i, w := range windows {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		key := windowKey(model, w.From, w.To, anchor, baseline)
		if s, ok := f.summaries.get(key); ok {
			out[i] = s
			continue
		}
		s, err := f.summarize(ctx, model, baseline, w)
		if err != nil {
			return nil, err
		}
		if !w.To.Add(p.spec.LabelDelay).After(now) {
			f.summaries.put(key, s)
		}
		out[i] = s
	}
	return out, nil
}

func (f *Fleet) summarize(ctx context.Context, model string, baseline *engine.Baseline, w sources.Window) (*engine.Summary, error) {
	s := engine.NewSummarizer(baseline)
	err := f.Rows(model, w.From, w.To, cancellable(ctx, func(_ time.Time, r *engine.Row) error {
		s.Add(r)
		return nil
	}))
	if err != nil {
		return nil, err
	}
	return s.Summary(), nil
}

// cancellable wraps emit so that a row walk stops soon after ctx is done.
func cancellable(ctx context.Context, emit func(time.Time, *engine.Row) error) func(time.Time, *engine.Row) error {
	n := 0
	return func(ts time.Time, r *engine.Row) error {
		if n++; n%ctxCheckEvery == 1 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		return emit(ts, r)
	}
}
