package cache

import (
	"context"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/aiperf/monitor/pkg/sources"
)

// Meters caches the windowed compliance measurements of closed windows:
// request outcomes by aligned block, as serving telemetry (they add up),
// served versions and audit counts by aligned window once the rows can no
// longer arrive late. Retention, a fact about now, is passed through.
func Meters(m sources.Meters, opts Options) sources.Meters {
	opts = opts.withDefaults()
	out := m
	if m.Access != nil {
		access, _ := lru.New[windowKey, sources.AccessCounts](opts.Entries)
		out.Access = &accessCache{src: m.Access, now: opts.Now, cache: access, fetching: newPending[windowKey, sources.AccessCounts]()}
	}
	if m.Versions != nil {
		versions, _ := lru.New[windowKey, []sources.VersionUse](opts.Entries)
		out.Versions = &versionsCache{src: m.Versions, opts: opts, cache: versions, fetching: newPending[windowKey, []sources.VersionUse]()}
	}
	if m.Audit != nil {
		audit, _ := lru.New[windowKey, sources.AuditCounts](opts.Entries)
		out.Audit = &auditCache{src: m.Audit, opts: opts, cache: audit, fetching: newPending[windowKey, sources.AuditCounts]()}
	}
	return out
}

type accessCache struct {
	src      sources.AccessSource
	now      func() time.Time
	cache    *lru.Cache[windowKey, sources.AccessCounts]
	fetching *pending[windowKey, sources.AccessCounts]
}

// Access cuts each window into aligned blocks, as Serving does, so the
// open edge of a range reuses every closed block inside it.
func (c *accessCache) Access(ctx context.Context, model string, windows []sources.Window) ([]sources.AccessCounts, error) {
	blocks, spans := splitAll(windows)
	final := func(w sources.Window) bool { return aligned(w) && !w.To.Add(scrapeLag).After(c.now()) }
	counts, err := cachedWindows(ctx, c.cache, c.fetching, final, model, blocks, c.src.Access)
	if err != nil {
		return nil, err
	}
	out := make([]sources.AccessCounts, len(windows))
	for i, span := range spans {
		for _, b := range counts[span[0]:span[1]] {
			out[i].Requests += b.Requests
			out[i].AuthFailures += b.AuthFailures
			out[i].Rejected += b.Rejected
		}
	}
	return out, nil
}

// rowsFinal reports whether a window's logged rows can no longer change:
// closed for the model's label delay (what the inference cache waits for)
// and at least the scrape lag (version metrics come from a scraper).
func rowsFinal(opts Options, model string, w sources.Window) bool {
	return aligned(w) && !w.To.Add(max(opts.LabelDelay(model), scrapeLag)).After(opts.Now())
}

type versionsCache struct {
	src      sources.ServedVersionSource
	opts     Options
	cache    *lru.Cache[windowKey, []sources.VersionUse]
	fetching *pending[windowKey, []sources.VersionUse]
}

func (c *versionsCache) ServedVersions(ctx context.Context, model string, windows []sources.Window) ([][]sources.VersionUse, error) {
	final := func(w sources.Window) bool { return rowsFinal(c.opts, model, w) }
	return cachedWindows(ctx, c.cache, c.fetching, final, model, windows, c.src.ServedVersions)
}

type auditCache struct {
	src      sources.AuditTrailSource
	opts     Options
	cache    *lru.Cache[windowKey, sources.AuditCounts]
	fetching *pending[windowKey, sources.AuditCounts]
}

func (c *auditCache) AuditTrail(ctx context.Context, model string, windows []sources.Window) ([]sources.AuditCounts, error) {
	final := func(w sources.Window) bool { return rowsFinal(c.opts, model, w) }
	return cachedWindows(ctx, c.cache, c.fetching, final, model, windows, c.src.AuditTrail)
}
