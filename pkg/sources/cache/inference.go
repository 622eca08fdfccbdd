// Package cache decorates any connector with caches of what cannot change
// any more: summaries of closed windows (labels past the model's delay),
// baselines, schemas, billed days and the compliance measurements of
// closed windows. Shared work runs once for concurrent callers and never
// inherits one caller's cancellation.
package cache

import (
	"context"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/hashicorp/golang-lru/v2/expirable"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
)

// Options tune the caches of one data source instance.
type Options struct {
	Now func() time.Time
	// LabelDelay is how long a model's labels take to arrive: a window's
	// summary is final only that long after it closes.
	LabelDelay func(model string) time.Duration
	// Entries bounds each cache (summaries, serving windows, billed days).
	Entries int
}

// DefaultEntries holds a 30-day hourly view of 20 models several times over.
const DefaultEntries = 50_000

// schemaTTL is how long a schema is trusted: long enough to serve a
// dashboard, short enough to see a new column soon.
const schemaTTL = 5 * time.Minute

// baselineEntries bounds cached baselines (one per model and reference window).
const baselineEntries = 256

// clippedEntries bounds the kept windows a range's bounds clip: the panels
// of one dashboard ask for the same ones, a scrolling range never again.
const clippedEntries = 512

func (o Options) withDefaults() Options {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.LabelDelay == nil {
		o.LabelDelay = func(string) time.Duration { return 0 }
	}
	if o.Entries <= 0 {
		o.Entries = DefaultEntries
	}
	return o
}

type baselineKey struct {
	model    string
	from, to int64
}

type summaryKey struct {
	model    string
	baseline *engine.Baseline
	from, to int64
}

type inference struct {
	src       sources.InferenceSource
	opts      Options
	schemas   *expirable.LRU[string, engine.Schema]
	baselines *lru.Cache[baselineKey, *engine.Baseline]
	building  *shared[baselineKey, *engine.Baseline]
	summaries *lru.Cache[summaryKey, *engine.Summary]
	clipped   *lru.Cache[summaryKey, *engine.Summary] // final windows that are not aligned
	fetching  *pending[summaryKey, *engine.Summary]
}

// Inference caches an inference source.
func Inference(src sources.InferenceSource, opts Options) sources.InferenceSource {
	opts = opts.withDefaults()
	baselines, _ := lru.New[baselineKey, *engine.Baseline](baselineEntries)
	summaries, _ := lru.New[summaryKey, *engine.Summary](opts.Entries)
	clipped, _ := lru.New[summaryKey, *engine.Summary](clippedEntries)
	return &inference{
		src: src, opts: opts,
		schemas:   expirable.NewLRU[string, engine.Schema](baselineEntries, nil, schemaTTL),
		baselines: baselines, building: newShared[baselineKey, *engine.Baseline](), summaries: summaries, clipped: clipped,
		fetching: newPending[summaryKey, *engine.Summary](),
	}
}

func (c *inference) Schema(ctx context.Context, model string) (engine.Schema, error) {
	if s, ok := c.schemas.Get(model); ok {
		return s, nil
	}
	s, err := c.src.Schema(ctx, model)
	if err == nil {
		c.schemas.Add(model, s)
	}
	return s, err
}

// Baseline builds each model's baseline once, shared by concurrent callers.
func (c *inference) Baseline(ctx context.Context, model string, reference sources.Window) (*engine.Baseline, error) {
	key := baselineKey{model, reference.From.UnixNano(), reference.To.UnixNano()}
	if b, ok := c.baselines.Get(key); ok {
		return b, nil
	}
	return c.building.do(ctx, key, func(bctx context.Context) (*engine.Baseline, error) {
		b, err := c.src.Baseline(bctx, model, reference)
		if err == nil && c.final(model, reference) {
			c.baselines.Add(key, b)
		}
		return b, err
	})
}

// Summaries answers cached windows from the cache, waits for the windows
// concurrent callers are fetching (the panels of one dashboard load at
// once) and asks the source for the rest in one call. Final windows are
// kept: aligned ones in the cache, clipped ones in a small cache of their
// own, so a scrolling range never pushes aligned windows out.
func (c *inference) Summaries(ctx context.Context, model string, baseline *engine.Baseline, windows []sources.Window) ([]*engine.Summary, error) {
	out := make([]*engine.Summary, len(windows))
	var missing []sources.Window
	var keys []summaryKey
	var at []int
	for i, w := range windows {
		key := summaryKey{model, baseline, w.From.UnixNano(), w.To.UnixNano()}
		if s, ok := c.keptFor(w).Get(key); ok {
			out[i] = s
			continue
		}
		missing, keys, at = append(missing, w), append(keys, key), append(at, i)
	}
	if len(missing) == 0 {
		return out, nil
	}
	fetched, err := c.fetching.do(ctx, keys, func(bctx context.Context, places []int) ([]*engine.Summary, error) {
		ask := make([]sources.Window, len(places))
		for k, i := range places {
			ask[k] = missing[i]
		}
		summaries, err := c.src.Summaries(bctx, model, baseline, ask)
		if err == nil && len(summaries) == len(ask) {
			for k, s := range summaries {
				if w := ask[k]; c.final(model, w) {
					c.keptFor(w).Add(keys[places[k]], s)
				}
			}
		}
		return summaries, err
	})
	if err != nil {
		return nil, err
	}
	for k, s := range fetched {
		out[at[k]] = s
	}
	return out, nil
}

func (c *inference) LastPrediction(ctx context.Context, model string, at time.Time) (time.Time, bool, error) {
	return c.src.LastPrediction(ctx, model, at)
}

// keptFor is the cache a window's summary is kept in.
func (c *inference) keptFor(w sources.Window) *lru.Cache[summaryKey, *engine.Summary] {
	if aligned(w) {
		return c.summaries
	}
	return c.clipped
}

// final reports whether a window is closed and its labels have arrived.
func (c *inference) final(model string, w sources.Window) bool {
	return !w.To.Add(c.opts.LabelDelay(model)).After(c.opts.Now())
}

// aligned reports whether a window is one every range cuts the same way:
// whole minutes dividing a day (or a whole week), starting on a multiple of
// its length. A window clipped by a range bound is not, so scrolling a
// range never floods the cache.
func aligned(w sources.Window) bool {
	l := w.Length()
	standard := l > 0 && l%time.Minute == 0 && (day%l == 0 || l == 7*day)
	return standard && w.From.Truncate(l).Equal(w.From)
}
