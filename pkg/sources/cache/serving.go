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
	src           sources.ServingSource
	now           func() time.Time
	summaries     *lru.Cache[windowKey, engine.ServingSummary]
	utilization   *lru.Cache[windowKey, engine.UtilizationSummary]
	fetchServing  *pending[windowKey, engine.ServingSummary]
	fetchResource *pending[windowKey, engine.UtilizationSummary]
}

// Serving caches the closed, aligned windows of a serving source.
func Serving(src sources.ServingSource, opts Options) sources.ServingSource {
	opts = opts.withDefaults()
	summaries, _ := lru.New[windowKey, engine.ServingSummary](opts.Entries)
	utilization, _ := lru.New[windowKey, engine.UtilizationSummary](opts.Entries)
	return &serving{src: src, now: opts.Now, summaries: summaries, utilization: utilization,
		fetchServing: newPending[windowKey, engine.ServingSummary](), fetchResource: newPending[windowKey, engine.UtilizationSummary]()}
}

// Serving cuts each window into aligned blocks (hours, five minutes,
// minutes), answers the blocks it has from the cache and merges
// them: serving summaries add up, so a window ending now (a burn-rate
// window, the open edge of a range) reuses every closed block inside it.
func (c *serving) Serving(ctx context.Context, model string, windows []sources.Window) ([]engine.ServingSummary, error) {
	blocks, spans := splitAll(windows)
	summaries, err := cachedWindows(ctx, c.summaries, c.fetchServing, c.final, model, blocks, c.src.Serving)
	if err != nil {
		return nil, err
	}
	out := make([]engine.ServingSummary, len(windows))
	for i, span := range spans {
		for _, s := range summaries[span[0]:span[1]] {
			if err := out[i].Merge(s); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

func (c *serving) Utilization(ctx context.Context, model string, windows []sources.Window) ([]engine.UtilizationSummary, error) {
	blocks, spans := splitAll(windows)
	summaries, err := cachedWindows(ctx, c.utilization, c.fetchResource, c.final, model, blocks, c.src.Utilization)
	if err != nil {
		return nil, err
	}
	out := make([]engine.UtilizationSummary, len(windows))
	for i, span := range spans {
		for _, s := range summaries[span[0]:span[1]] {
			out[i].Merge(s)
		}
	}
	return out, nil
}

// blockSizes are the aligned blocks windows are cut into, largest first. A
// day is its 24 hours, so the windows of every step (hours, half days,
// days) read the same blocks and a first load simulates or scrapes each
// hour once.
var blockSizes = []time.Duration{time.Hour, 5 * time.Minute, time.Minute}

// splitAll cuts every window into aligned blocks; spans[i] is the range of
// blocks that make up windows[i].
func splitAll(windows []sources.Window) ([]sources.Window, [][2]int) {
	var blocks []sources.Window
	spans := make([][2]int, len(windows))
	for i, w := range windows {
		start := len(blocks)
		blocks = append(blocks, split(w)...)
		spans[i] = [2]int{start, len(blocks)}
	}
	return blocks, spans
}

// split covers a window with the largest aligned blocks that fit; what is
// left at an edge that is not on a minute stays one unaligned block.
func split(w sources.Window) []sources.Window {
	var out []sources.Window
	at := w.From
	for at.Before(w.To) {
		next := sources.Window{From: at, To: w.To}
		for _, size := range blockSizes {
			if at.Truncate(size).Equal(at) && !at.Add(size).After(w.To) {
				next.To = at.Add(size)
				break
			}
		}
		if next.To.Equal(w.To) && !aligned(next) {
			// an unaligned edge: up to the next minute, or the rest
			if m := at.Truncate(time.Minute).Add(time.Minute); m.Before(w.To) {
				next.To = m
			}
		}
		out = append(out, next)
		at = next.To
	}
	return out
}

func (c *serving) final(w sources.Window) bool {
	return aligned(w) && !w.To.Add(scrapeLag).After(c.now())
}

// cachedWindows answers what the cache holds, waits for the windows other
// callers are fetching and fetches the rest in one call.
func cachedWindows[V any](ctx context.Context, cache *lru.Cache[windowKey, V], fetching *pending[windowKey, V], final func(sources.Window) bool, model string, windows []sources.Window,
	fetch func(context.Context, string, []sources.Window) ([]V, error)) ([]V, error) {
	out := make([]V, len(windows))
	var missing []sources.Window
	var keys []windowKey
	var at []int
	for i, w := range windows {
		key := windowKey{model, w.From.UnixNano(), w.To.UnixNano()}
		if v, ok := cache.Get(key); ok {
			out[i] = v
			continue
		}
		missing, keys, at = append(missing, w), append(keys, key), append(at, i)
	}
	if len(missing) == 0 {
		return out, nil
	}
	fetched, err := fetching.do(ctx, keys, func(bctx context.Context, places []int) ([]V, error) {
		ask := make([]sources.Window, len(places))
		for k, i := range places {
			ask[k] = missing[i]
		}
		values, err := fetch(bctx, model, ask)
		if err == nil && len(values) == len(ask) {
			for k, v := range values {
				if final(ask[k]) {
					cache.Add(keys[places[k]], v)
				}
			}
		}
		return values, err
	})
	if err != nil {
		return nil, err
	}
	for k, v := range fetched {
		out[at[k]] = v
	}
	return out, nil
}
