package demo

import (
	"container/list"
	"sync"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
)

// summaryCacheSize bounds the cached summaries: a 30-day view at hourly
// windows for every model fits several times over.
const summaryCacheSize = 8192

// summaryKey identifies a closed window's summary. The anchor is part of it
// because the scripted behaviours move with it; the baseline because its
// bin edges shape the summary.
type summaryKey struct {
	model    string
	from, to int64 // UnixNano
	anchor   int64
	baseline *engine.Baseline
}

// summaryCache is a least-recently-used cache of closed windows' summaries.
type summaryCache struct {
	mu      sync.Mutex
	size    int
	order   *list.List // front = most recently used; values are *summaryEntry
	entries map[summaryKey]*list.Element
}

type summaryEntry struct {
	key     summaryKey
	summary *engine.Summary
}

func newSummaryCache(size int) *summaryCache {
	return &summaryCache{size: size, order: list.New(), entries: map[summaryKey]*list.Element{}}
}

func (c *summaryCache) get(k summaryKey) (*engine.Summary, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[k]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*summaryEntry).summary, true
}

func (c *summaryCache) put(k summaryKey, s *engine.Summary) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[k]; ok {
		c.order.MoveToFront(e)
		return
	}
	c.entries[k] = c.order.PushFront(&summaryEntry{key: k, summary: s})
	for c.order.Len() > c.size {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.entries, oldest.Value.(*summaryEntry).key)
	}
}

func (c *summaryCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

func windowKey(model string, from, to, anchor time.Time, b *engine.Baseline) summaryKey {
	return summaryKey{model: model, from: from.UnixNano(), to: to.UnixNano(), anchor: anchor.UnixNano(), baseline: b}
}
