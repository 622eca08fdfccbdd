package logstore

import (
	"context"
	"fmt"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
)

// Reader is what one SQL store runs for the steps every store shares:
// profiling a baseline and summarizing windows. Each method runs its
// statements and returns what they measured, or the driver's error as is
// (Classify then says whose it is to fix).
type Reader interface {
	// Table resolves the model's columns and the quoted relation to read.
	Table(ctx context.Context, model string) (*Table, string, error)
	// Profile measures the profiled columns of the reference window.
	Profile(ctx context.Context, relation string, t *Table, model string, ref sources.Window, cols []Profiled) ([]ColumnProfile, error)
	// Categories lists each categorical feature's reference values, most
	// frequent first, up to engine.MaxKnownCategories+1 of them.
	Categories(ctx context.Context, relation string, t *Table, model string, ref sources.Window) ([][]string, error)
	// Scan runs the plan's one aggregating scan and adds its groups.
	Scan(ctx context.Context, relation string, plan *Plan, iv *Intervals, model string, add func(Group) error) error
	// Distinct lists the smallest distinct finite values a probe asks for.
	Distinct(ctx context.Context, relation string, t *Table, model string, p Probe) ([]float64, error)
	// Classify turns a driver error into one naming the setting to fix.
	Classify(ctx context.Context, err error, doing string) error
}

// Baseline profiles the reference window in the store — quantiles, ranges
// and category counts — and summarizes it with the bins they fix.
func Baseline(ctx context.Context, r Reader, model string, reference sources.Window) (*engine.Baseline, error) {
	t, relation, err := r.Table(ctx, model)
	if err != nil {
		return nil, err
	}
	doing := fmt.Sprintf("profiling the baseline of %s (%s to %s)", model, reference.From.UTC().Format(time.DateOnly), reference.To.UTC().Format(time.DateOnly))
	measured, err := r.Profile(ctx, relation, t, model, reference, t.ProfiledColumns())
	if err != nil {
		return nil, r.Classify(ctx, err, doing)
	}
	var categories []CategoryProfile
	if len(t.Categorical) > 0 {
		values, err := r.Categories(ctx, relation, t, model, reference)
		if err != nil {
			return nil, r.Classify(ctx, err, doing)
		}
		if len(values) != len(t.Categorical) {
			return nil, fmt.Errorf("%s: the categories query returned %d features, the model has %d", doing, len(values), len(t.Categorical))
		}
		for _, v := range values {
			categories = append(categories, CategoryProfile{Values: v[:min(len(v), engine.MaxKnownCategories)], Truncated: len(v) > engine.MaxKnownCategories})
		}
	} else {
		categories = []CategoryProfile{}
	}
	b, err := NewBaseline(t, measured, categories)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", doing, err)
	}
	summaries, err := Summaries(ctx, r, model, b, []sources.Window{reference})
	if err != nil {
		return nil, err
	}
	b.Summary = summaries[0]
	return b, nil
}

// Summaries summarizes every window with one scan of the table, then asks
// for the distinct values the bins could not tell.
func Summaries(ctx context.Context, r Reader, model string, baseline *engine.Baseline, windows []sources.Window) ([]*engine.Summary, error) {
	t, relation, err := r.Table(ctx, model)
	if err != nil {
		return nil, err
	}
	if err := Matches(t, baseline); err != nil {
		return nil, err
	}
	iv, err := NewIntervals(windows)
	if err != nil {
		return nil, err
	}
	plan := NewPlan(t, baseline)
	a, err := NewAssembler(plan, iv)
	if err != nil {
		return nil, err
	}
	if len(iv.Runs) == 0 {
		return a.Summaries()
	}
	doing := fmt.Sprintf("summarizing %s in %d windows", model, len(windows))
	if err := r.Scan(ctx, relation, plan, iv, model, a.Add); err != nil {
		return nil, r.Classify(ctx, err, doing)
	}
	for _, p := range a.Probes() {
		values, err := r.Distinct(ctx, relation, t, model, p)
		if err != nil {
			return nil, r.Classify(ctx, err, doing)
		}
		a.Resolve(p, values)
	}
	return a.Summaries()
}
