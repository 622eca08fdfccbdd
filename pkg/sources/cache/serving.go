package cache

import (
	"context"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
)

// scrapeLag is how long after a window closes its telemetry is final:
// scrapers and remote writes deliver a little late.
const scrapeLag = 2 * time.Minute

type windowKey struct {
	model    string
	from, to int64
}

type serving struct {
	src         sources.ServingSource
	now         func() time.Time
	summaries   *lru.Cache[windowKey, engine.ServingSummary]
	utilization *lru.Cache[windowKey, engine.UtilizationSummary]
}

// Serving caches the closed, aligned windows of a serving source.
func Serving(src sources.ServingSource, opts Options) sources.ServingSource {
	opts = opts.withDefaults()
	summaries, _ := lru.New[windowKey, engine.ServingSummary](opts.Entries)
	utilization, _ := lru.New[windowKey, engine.UtilizationSummary](opts.Entries)
	return &serving{src: src, now: opts.Now, summaries: summaries, utilization: utilization}
}

func (c *serving) Serving(ctx context.Context, model string, windows []sources.Window) ([]engine.ServingSummary, error) {
	return cachedWindows(ctx, c.summaries, c.final, model, windows, c.src.Serving)
}

func (c *serving) Utilization(ctx context.Context, model string, windows []sources.Window) ([]engine.UtilizationSummary, error) {
	return cachedWindows(ctx, c.utilization, c.final, model, windows, c.src.Utilization)
}

func (c *serving) final(w sources.Window) bool {
	return aligned(w) && !w.To.Add(scrapeLag).After(c.now())
}

// cachedWindows answers what the cache holds and fetches the rest in one call.
func cachedWindows[V any](ctx context.Context, cache *lru.Cache[windowKey, V], final func(sources.Window) bool, model string, windows []sources.Window,
	fetch func(context.Context, string, []sources.Window) ([]V, error)) ([]V, error) {
	out := make([]V, len(windows))
	var missing []sources.Window
	var at []int
	for i, w := range windows {
		if v, ok := cache.Get(windowKey{model, w.From.UnixNano(), w.To.UnixNano()}); ok {
			out[i] = v
			continue
		}
		missing, at = append(missing, w), append(at, i)
	}
	if len(missing) == 0 {
		return out, nil
	}
	fetched, err := fetch(ctx, model, missing)
	if err != nil {
		return nil, err
	}
	for k, v := range fetched {
		out[at[k]] = v
		if w := missing[k]; final(w) {
			cache.Add(windowKey{model, w.From.UnixNano(), w.To.UnixNano()}, v)
		}
	}
	return out, nil
}
