package cache

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
)

// shared runs one build per key for concurrent callers. The build runs on a
// context of its own, cancelled only when every caller waiting for it has
// given up, so one cancelled request never fails the others; a caller that
// finds its build cancelled while it still waits starts a new one.
type shared[K comparable, V any] struct {
	mu      sync.Mutex
	flights map[K]*flight[V]
}

type flight[V any] struct {
	done    chan struct{}
	value   V
	err     error
	panic   any // what the build panicked with: raised again in every waiter
	waiters int
	cancel  context.CancelFunc
}

func newShared[K comparable, V any]() *shared[K, V] {
	return &shared[K, V]{flights: map[K]*flight[V]{}}
}

// do returns the value of build for key, joining a build already running.
func (s *shared[K, V]) do(ctx context.Context, key K, build func(context.Context) (V, error)) (V, error) {
	for {
		f := s.join(ctx, key, build)
		select {
		case <-f.done:
			s.leave(f)
			if f.panic != nil {
				panic(f.panic)
			}
			if errors.Is(f.err, context.Canceled) && ctx.Err() == nil {
				continue // the others gave up just as we joined: build again
			}
			return f.value, f.err
		case <-ctx.Done():
			s.leave(f)
			var zero V
			return zero, ctx.Err()
		}
	}
}

func (s *shared[K, V]) join(ctx context.Context, key K, build func(context.Context) (V, error)) *flight[V] {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.flights[key]
	if !ok {
		// Keep the caller's values (logger, trace) but not its cancellation.
		bctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		f = &flight[V]{done: make(chan struct{}), cancel: cancel}
		s.flights[key] = f
		go func() {
			f.value, f.panic, f.err = buildSafely(bctx, build)
			cancel()
			s.mu.Lock()
			if s.flights[key] == f {
				delete(s.flights, key)
			}
			s.mu.Unlock()
			close(f.done)
		}()
	}
	f.waiters++
	return f
}

// leave drops a waiter; the last one to leave a running build cancels it.
func (s *shared[K, V]) leave(f *flight[V]) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f.waiters--
	if f.waiters == 0 {
		f.cancel()
	}
}

// pending runs fetches of keyed items (windows, blocks) for concurrent
// callers: a caller waits for the items another caller is already fetching
// and fetches the rest itself, in one call, so overlapping ranges asked for
// at once (a dashboard's panels, the first queries after a start) read each
// item once. A fetch runs on a context of its own, cancelled only when
// every caller waiting for it has given up; a caller that finds a fetch it
// waited for cancelled while it still waits fetches those items itself.
type pending[K comparable, V any] struct {
	mu    sync.Mutex
	items map[K]slot[V]
}

// slot is where an item is being fetched: its batch and place in it.
type slot[V any] struct {
	b *batch[V]
	i int
}

type batch[V any] struct {
	done    chan struct{}
	values  []V
	err     error
	panic   any // what the fetch panicked with: raised again in every waiter
	waiters int
	cancel  context.CancelFunc
}

func newPending[K comparable, V any]() *pending[K, V] {
	return &pending[K, V]{items: map[K]slot[V]{}}
}

// wanted is one item a caller waits for: its place in the caller's list and
// in the batch fetching it.
type wanted struct{ at, in int }

// do returns the values of keys. fetch gets the places in keys of the items
// no one is fetching yet and returns their values in that order; it runs
// before the items stop being pending, so it should store what it caches.
func (p *pending[K, V]) do(ctx context.Context, keys []K, fetch func(ctx context.Context, places []int) ([]V, error)) ([]V, error) {
	out := make([]V, len(keys))
	unread := make([]int, len(keys))
	for i := range unread {
		unread[i] = i
	}
	for len(unread) > 0 {
		waits := p.join(ctx, keys, unread, fetch)
		var err error
		if unread, err = p.collect(ctx, waits, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// join finds or starts a batch for every item of unread and counts the caller
// as a waiter of each.
func (p *pending[K, V]) join(ctx context.Context, keys []K, unread []int, fetch func(context.Context, []int) ([]V, error)) map[*batch[V]][]wanted {
	p.mu.Lock()
	defer p.mu.Unlock()
	waits := map[*batch[V]][]wanted{}
	var mine []int
	for _, i := range unread {
		if s, ok := p.items[keys[i]]; ok {
			waits[s.b] = append(waits[s.b], wanted{i, s.i})
			continue
		}
		mine = append(mine, i)
	}
	if len(mine) > 0 {
		// Keep the caller's values (logger, trace) but not its cancellation.
		bctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		b := &batch[V]{done: make(chan struct{}), cancel: cancel}
		for k, i := range mine {
			p.items[keys[i]] = slot[V]{b, k}
			waits[b] = append(waits[b], wanted{i, k})
		}
		go func() {
			b.values, b.panic, b.err = fetchSafely(bctx, mine, fetch)
			cancel()
			p.mu.Lock()
			for _, i := range mine {
				if p.items[keys[i]].b == b {
					delete(p.items, keys[i])
				}
			}
			p.mu.Unlock()
			close(b.done)
		}()
	}
	for b := range waits {
		b.waiters++
	}
	return waits
}

// buildSafely runs build, catching a panic so that the callers waiting for
// it raise it where their query's recovery handles it.
func buildSafely[V any](ctx context.Context, build func(context.Context) (V, error)) (value V, panicked any, err error) {
	defer func() {
		if p := recover(); p != nil {
			panicked = fmt.Sprintf("%v\n%s", p, debug.Stack())
		}
	}()
	value, err = build(ctx)
	return value, nil, err
}

// fetchSafely runs fetch, catching a panic so that the callers waiting for
// it raise it where their query's recovery handles it.
func fetchSafely[V any](ctx context.Context, places []int, fetch func(context.Context, []int) ([]V, error)) (values []V, panicked any, err error) {
	defer func() {
		if p := recover(); p != nil {
			panicked = fmt.Sprintf("%v\n%s", p, debug.Stack())
		}
	}()
	values, err = fetch(ctx, places)
	if err == nil && len(values) != len(places) {
		err = fmt.Errorf("the source answered %d values for %d windows", len(values), len(places))
	}
	return values, nil, err
}

// collect waits for the batches and copies their values into out; it
// returns the items whose batch was cancelled by the others' leaving, to be
// fetched again.
func (p *pending[K, V]) collect(ctx context.Context, waits map[*batch[V]][]wanted, out []V) ([]int, error) {
	defer func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		for b := range waits {
			if b.waiters--; b.waiters == 0 {
				b.cancel()
			}
		}
	}()
	var again []int
	for b, items := range waits {
		select {
		case <-b.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if b.panic != nil {
			panic(b.panic)
		}
		if errors.Is(b.err, context.Canceled) && ctx.Err() == nil {
			for _, w := range items {
				again = append(again, w.at) // the others gave up just as we joined
			}
			continue
		}
		if b.err != nil {
			return nil, b.err
		}
		for _, w := range items {
			out[w.at] = b.values[w.in]
		}
	}
	return again, nil
}
