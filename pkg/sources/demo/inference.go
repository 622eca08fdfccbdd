package demo

import (
	"context"
	"fmt"
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

// Baseline profiles the model's rows in the reference window. The rows are
// walked twice, never held: once to sketch the bin edges, once to summarize
// with them (the demo regenerates the same rows).
func (f *Fleet) Baseline(ctx context.Context, model string, reference sources.Window) (*engine.Baseline, error) {
	p, err := lookup(model)
	if err != nil {
		return nil, err
	}
	if err := f.checkRows([]sources.Window{reference}); err != nil {
		return nil, err
	}
	bb, err := engine.NewBaselineBuilder(cloneSchema(p.spec.Schema))
	if err != nil {
		return nil, fmt.Errorf("demo: baseline of %s: %w", p.spec.ID, err)
	}
	err = f.Rows(p.spec.ID, reference.From, reference.To, cancellable(ctx, func(_ time.Time, r *engine.Row) error {
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
	summaries, err := f.Summaries(ctx, model, b, []sources.Window{reference})
	if err != nil {
		return nil, err
	}
	b.Summary = summaries[0]
	return b, nil
}

// Summaries returns one summary per window, binned with the baseline. The
// summaries must not be modified: a window's first rows may be summarized
// once and shared (see checkpoints.go).
func (f *Fleet) Summaries(ctx context.Context, model string, baseline *engine.Baseline, windows []sources.Window) ([]*engine.Summary, error) {
	p, err := lookup(model)
	if err != nil {
		return nil, err
	}
	if err := f.checkRows(windows); err != nil {
		return nil, err
	}
	now := f.now()
	out := make([]*engine.Summary, len(windows))
	for i, w := range windows {
		if out[i], err = f.summarize(ctx, p, baseline, w, now); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// summarizeRows adds the rows in [from, to) as of now to s.
func (f *Fleet) summarizeRows(ctx context.Context, p *profile, s *engine.Summarizer, from, to, now time.Time) error {
	return f.rowsAt(p, from, to, now, cancellable(ctx, func(_ time.Time, r *engine.Row) error {
		s.Add(r)
		return nil
	}))
}

// LastPrediction finds the model's latest row at or before at, looking back
// a day (the demo models predict every hour).
func (f *Fleet) LastPrediction(ctx context.Context, model string, at time.Time) (time.Time, bool, error) {
	if _, err := lookup(model); err != nil {
		return time.Time{}, false, err
	}
	if now := f.now(); at.After(now) {
		at = now
	}
	for bucket := at.UTC().Truncate(time.Hour); !bucket.Before(at.Add(-oneDay)); bucket = bucket.Add(-time.Hour) {
		var last time.Time
		end := earlier(bucket.Add(time.Hour), at.Add(time.Nanosecond))
		err := f.Rows(model, bucket, end, cancellable(ctx, func(ts time.Time, _ *engine.Row) error {
			last = ts
			return nil
		}))
		if err != nil || !last.IsZero() {
			return last, !last.IsZero(), err
		}
	}
	return time.Time{}, false, nil
}

// checkRows bounds the rows one call simulates.
func (f *Fleet) checkRows(windows []sources.Window) error {
	return checkWindows(windows, time.Hour, int64(maxRowsPerCall/f.rowsPerHour), "hours of predictions")
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
