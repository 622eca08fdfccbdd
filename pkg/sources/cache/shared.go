package cache

import (
	"context"
	"errors"
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
			f.value, f.err = build(bctx)
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
