package monitor

import (
	"fmt"
	"strings"
	"sync"

	"github.com/aiperf/monitor/pkg/sources"
)

// Loads remembers what one data request has read from the connectors, so
// every query of the request, and every part of one query, asks a
// connector for the same model and windows once (STYLE.md item 11).
type Loads struct {
	mu      sync.Mutex
	entries map[string]*loaded
}

type loaded struct {
	done  chan struct{}
	value any
	err   error
}

// NewLoads returns an empty memory for one data request.
func NewLoads() *Loads { return &Loads{entries: map[string]*loaded{}} }

// remember returns the value loaded under key, loading it on first use.
// Concurrent callers of the same key wait for the first one.
func remember[T any](l *Loads, key string, load func() (T, error)) (T, error) {
	l.mu.Lock()
	e, ok := l.entries[key]
	if !ok {
		e = &loaded{done: make(chan struct{})}
		l.entries[key] = e
	}
	l.mu.Unlock()
	if !ok {
		e.value, e.err = load()
		close(e.done)
	}
	<-e.done
	if e.err != nil {
		var zero T
		return zero, e.err
	}
	return e.value.(T), nil
}

// windowsKey identifies a list of windows in a memory key.
func windowsKey(windows []sources.Window) string {
	var b strings.Builder
	for _, w := range windows {
		fmt.Fprintf(&b, "%d-%d,", w.From.UnixNano(), w.To.UnixNano())
	}
	return b.String()
}
