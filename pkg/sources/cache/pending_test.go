package cache

import (
	"context"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/aiperf/monitor/pkg/sources"
)

// gatedFetch records the keys each fetch is asked for and holds every fetch
// until the gate opens or its context ends.
type gatedFetch struct {
	mu    sync.Mutex
	asked [][]int
	gate  chan struct{}
}

func (g *gatedFetch) fetch(keys []int) func(context.Context, []int) ([]int, error) {
	return func(ctx context.Context, places []int) ([]int, error) {
		asked := make([]int, len(places))
		for k, i := range places {
			asked[k] = keys[i]
		}
		g.mu.Lock()
		g.asked = append(g.asked, asked)
		g.mu.Unlock()
		select {
		case <-g.gate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		values := make([]int, len(asked))
		for k, key := range asked {
			values[k] = key * 10
		}
		return values, nil
	}
}

func span(from, to int) []int {
	var out []int
	for k := from; k < to; k++ {
		out = append(out, k)
	}
	return out
}

// waitFor polls until cond holds, for at most a second.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Second); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
	}
}

// Two overlapping ranges asked for at once read their common windows once:
// the second caller waits for them and fetches only the rest.
func TestOverlappingCallersFetchEachWindowOnce(t *testing.T) {
	p := newPending[int, int]()
	g := &gatedFetch{gate: make(chan struct{})}
	first, second := span(0, 30), span(20, 40)
	var wg sync.WaitGroup
	var got [2][]int
	var errs [2]error
	wg.Go(func() { got[0], errs[0] = p.do(t.Context(), first, g.fetch(first)) })
	waitFor(t, func() bool { g.mu.Lock(); defer g.mu.Unlock(); return len(g.asked) == 1 })
	wg.Go(func() { got[1], errs[1] = p.do(t.Context(), second, g.fetch(second)) })
	waitFor(t, func() bool { g.mu.Lock(); defer g.mu.Unlock(); return len(g.asked) == 2 })
	close(g.gate)
	wg.Wait()
	for i, keys := range [][]int{first, second} {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		for k, key := range keys {
			if got[i][k] != key*10 {
				t.Fatalf("caller %d got %d for key %d", i, got[i][k], key)
			}
		}
	}
	if !slices.Equal(g.asked[0], first) || !slices.Equal(g.asked[1], span(30, 40)) {
		t.Fatalf("fetches asked for %v, want every key once", g.asked)
	}
}

// A caller giving up does not fail one that waits for the same windows,
// and windows whose fetch everyone left are fetched again.
func TestPendingWindowsSurviveACallerGivingUp(t *testing.T) {
	p := newPending[int, int]()
	g := &gatedFetch{gate: make(chan struct{})}
	keys := span(0, 10)
	quitter, quit := context.WithCancel(t.Context())
	gaveUp := make(chan error)
	go func() { _, err := p.do(quitter, keys, g.fetch(keys)); gaveUp <- err }()
	waitFor(t, func() bool { g.mu.Lock(); defer g.mu.Unlock(); return len(g.asked) == 1 })
	waited := make(chan error)
	go func() { _, err := p.do(t.Context(), keys[5:], g.fetch(keys[5:])); waited <- err }()
	time.Sleep(20 * time.Millisecond)
	started := time.Now()
	quit()
	if err := <-gaveUp; !errors.Is(err, context.Canceled) || time.Since(started) > 100*time.Millisecond {
		t.Fatalf("the caller that gave up returns at once: %v after %s", err, time.Since(started))
	}
	close(g.gate)
	if err := <-waited; err != nil {
		t.Fatalf("the caller still waiting failed because another gave up: %v", err)
	}

	alone, leave := context.WithCancel(t.Context())
	h := &gatedFetch{gate: make(chan struct{})}
	left := make(chan error)
	go func() { _, err := p.do(alone, keys, h.fetch(keys)); left <- err }()
	waitFor(t, func() bool { h.mu.Lock(); defer h.mu.Unlock(); return len(h.asked) == 1 })
	leave()
	<-left
	close(h.gate)
	got, err := p.do(t.Context(), keys, h.fetch(keys))
	if err != nil || got[9] != 90 {
		t.Fatalf("after everyone left, the next caller fetches again: %v %v", got, err)
	}
}

// gatedBilling bills every day once a gate opens and counts the days read.
type gatedBilling struct {
	days atomic.Int64
	gate chan struct{}
}

func (g *gatedBilling) DailyCosts(ctx context.Context, from, to time.Time) ([]sources.CostRecord, error) {
	select {
	case <-g.gate:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	var out []sources.CostRecord
	for d := from.Truncate(day); d.Before(to); d = d.Add(day) {
		g.days.Add(1)
		out = append(out, sources.CostRecord{Day: d, Model: "m", Amount: decimal.NewFromInt(1)})
	}
	return out, nil
}

// The cost queries of a dashboard load at once: a month and the week inside
// it read the week's days once, and each gets every day it asked for.
func TestConcurrentBillingQueriesReadADayOnce(t *testing.T) {
	src := &gatedBilling{gate: make(chan struct{})}
	c := Billing(src, options(0))
	today := now.Truncate(day)
	var wg sync.WaitGroup
	var month, week []sources.CostRecord
	var errs [2]error
	wg.Go(func() { month, errs[0] = c.DailyCosts(t.Context(), today.Add(-30*day), today) })
	time.Sleep(20 * time.Millisecond)
	wg.Go(func() { week, errs[1] = c.DailyCosts(t.Context(), today.Add(-7*day), today) })
	time.Sleep(20 * time.Millisecond)
	close(src.gate)
	wg.Wait()
	if errs[0] != nil || errs[1] != nil || len(month) != 30 || len(week) != 7 {
		t.Fatalf("%d and %d records, errors %v", len(month), len(week), errs)
	}
	if n := src.days.Load(); n != 30 {
		t.Fatalf("the source billed %d days, want each of the 30 once", n)
	}
}

// A fetch that panics fails the queries waiting for it, not the process.
func TestAPanickingFetchPanicsInItsCallers(t *testing.T) {
	p := newPending[int, int]()
	defer func() {
		if recover() == nil {
			t.Error("the caller did not see the fetch's panic")
		}
	}()
	_, _ = p.do(t.Context(), span(0, 3), func(context.Context, []int) ([]int, error) { panic("connector bug") })
}
