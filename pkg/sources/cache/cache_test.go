package cache

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
)

var now = time.Date(2026, 11, 20, 12, 30, 0, 0, time.UTC)

// fakeInference counts what it is asked for; Baseline blocks until released.
type fakeInference struct {
	windows   atomic.Int64
	baselines atomic.Int64
	release   chan struct{}
}

func (f *fakeInference) Schema(context.Context, string) (engine.Schema, error) {
	return engine.Schema{Task: engine.TaskBinary}, nil
}

func (f *fakeInference) Baseline(ctx context.Context, _ string, _ sources.Window) (*engine.Baseline, error) {
	f.baselines.Add(1)
	if f.release != nil {
		select {
		case <-f.release:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return &engine.Baseline{}, nil
}

func (f *fakeInference) Summaries(_ context.Context, _ string, _ *engine.Baseline, w []sources.Window) ([]*engine.Summary, error) {
	f.windows.Add(int64(len(w)))
	out := make([]*engine.Summary, len(w))
	for i := range out {
		out[i] = &engine.Summary{Rows: 1}
	}
	return out, nil
}

func (f *fakeInference) LastPrediction(context.Context, string, time.Time) (time.Time, bool, error) {
	return now, true, nil
}

func hours(from time.Time, n int) []sources.Window {
	out := make([]sources.Window, n)
	for i := range out {
		out[i] = sources.Window{From: from.Add(time.Duration(i) * time.Hour), To: from.Add(time.Duration(i+1) * time.Hour)}
	}
	return out
}

func options(labelDelay time.Duration) Options {
	return Options{Now: func() time.Time { return now }, LabelDelay: func(string) time.Duration { return labelDelay }}
}

func TestOnlyFinalAlignedWindowsAreCached(t *testing.T) {
	src := &fakeInference{}
	c := Inference(src, options(2*time.Hour))
	b := &engine.Baseline{}
	// 24 hours ending at 12:00: those ending by 10:30 have their labels.
	windows := hours(now.Truncate(time.Hour).Add(-24*time.Hour), 24)
	for range 3 {
		if _, err := c.Summaries(t.Context(), "m", b, windows); err != nil {
			t.Fatal(err)
		}
	}
	// 22 final windows once, the 2 whose labels are pending three times.
	if got := src.windows.Load(); got != 22+3*2 {
		t.Fatalf("the source summarised %d windows, want 28", got)
	}
}

// Moving the range by a second each time must not fill the cache: a window
// clipped by the range is not aligned, so it is kept apart, in a cache of
// a few hundred.
func TestScrollingTheRangeDoesNotFloodTheCache(t *testing.T) {
	src := &fakeInference{}
	c := Inference(src, options(0)).(*inference)
	b := &engine.Baseline{}
	start := now.Add(-48 * time.Hour).Truncate(time.Hour)
	for s := range 1000 {
		from := start.Add(time.Duration(s) * time.Second)
		windows := append([]sources.Window{{From: from, To: start.Add(time.Hour)}}, hours(start.Add(time.Hour), 23)...)
		if _, err := c.Summaries(t.Context(), "m", b, windows); err != nil {
			t.Fatal(err)
		}
	}
	if n := c.summaries.Len(); n != 24 {
		t.Fatalf("the cache holds %d summaries after 1000 scrolls, want the 24 aligned hours (the first scroll starts on the hour)", n)
	}
	if n := c.clipped.Len(); n != clippedEntries {
		t.Fatalf("%d clipped windows kept after 999 different ones, want the last %d", n, clippedEntries)
	}
}

// The panels of one dashboard ask for the same range: its clipped first
// window is summarized once when final, every time while its labels are
// pending.
func TestAFinalClippedWindowIsSummarizedOnce(t *testing.T) {
	src := &fakeInference{}
	c := Inference(src, options(2*time.Hour))
	b := &engine.Baseline{}
	start := now.Truncate(time.Hour)
	final := []sources.Window{{From: start.Add(-5*time.Hour - 17*time.Minute), To: start.Add(-4 * time.Hour)}}
	pending := []sources.Window{{From: start.Add(-time.Hour - 17*time.Minute), To: start.Add(-time.Hour)}}
	for range 3 {
		for _, w := range [][]sources.Window{final, pending} {
			if _, err := c.Summaries(t.Context(), "m", b, w); err != nil {
				t.Fatal(err)
			}
		}
	}
	if got := src.windows.Load(); got != 1+3 {
		t.Fatalf("the source summarised %d windows, want the final one once and the pending one three times", got)
	}
}

// One caller giving up must not fail the others waiting for the same
// baseline (the build runs on its own context), and a caller whose build
// was cancelled because everyone else left starts it again.
func TestACancelledCallerDoesNotFailTheOthers(t *testing.T) {
	src := &fakeInference{release: make(chan struct{})}
	c := Inference(src, options(0))
	ref := sources.Window{From: now.Add(-72 * time.Hour), To: now.Add(-48 * time.Hour)}
	first, cancelFirst := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	errs := make([]error, 10)
	wg.Go(func() { _, errs[0] = c.Baseline(first, "m", ref) })
	for i := 1; i < len(errs); i++ {
		wg.Go(func() { _, errs[i] = c.Baseline(t.Context(), "m", ref) })
	}
	time.Sleep(20 * time.Millisecond)
	cancelFirst()
	time.Sleep(20 * time.Millisecond)
	close(src.release)
	wg.Wait()
	if !errors.Is(errs[0], context.Canceled) {
		t.Errorf("the cancelled caller: %v", errs[0])
	}
	for i, err := range errs[1:] {
		if err != nil {
			t.Errorf("caller %d failed because another gave up: %v", i+1, err)
		}
	}
	if n := src.baselines.Load(); n != 1 {
		t.Errorf("the baseline was built %d times, want once", n)
	}
}

func TestABuildEveryoneLeftIsCancelledAndRetried(t *testing.T) {
	src := &fakeInference{release: make(chan struct{})}
	c := Inference(src, options(0))
	ref := sources.Window{From: now.Add(-72 * time.Hour), To: now.Add(-48 * time.Hour)}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error)
	go func() { _, err := c.Baseline(ctx, "m", ref); done <- err }()
	time.Sleep(20 * time.Millisecond)
	started := time.Now()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) || time.Since(started) > 100*time.Millisecond {
		t.Fatalf("a cancelled caller returns at once: %v after %s", err, time.Since(started))
	}
	close(src.release)
	if _, err := c.Baseline(t.Context(), "m", ref); err != nil {
		t.Fatalf("the next caller builds again: %v", err)
	}
}

type fakeBilling struct{ calls []sources.Window }

func (f *fakeBilling) DailyCosts(_ context.Context, from, to time.Time) ([]sources.CostRecord, error) {
	f.calls = append(f.calls, sources.Window{From: from, To: to})
	var out []sources.CostRecord
	for d := from.Truncate(day); d.Before(to); d = d.Add(day) {
		out = append(out, sources.CostRecord{Day: d, Model: "m", Amount: decimal.NewFromInt(1)})
	}
	return out, nil
}

func TestBilledDaysAreReadOnce(t *testing.T) {
	src := &fakeBilling{}
	c := Billing(src, options(0))
	today := now.Truncate(day)
	first, err := c.DailyCosts(t.Context(), today.Add(-10*day), now)
	if err != nil || len(first) != 11 {
		t.Fatalf("%d records, %v", len(first), err)
	}
	second, err := c.DailyCosts(t.Context(), today.Add(-12*day).Add(time.Second), now)
	if err != nil || len(second) != 13 {
		t.Fatalf("%d records, %v", len(second), err)
	}
	// The second call asks only for the two older days and today.
	if len(src.calls) != 3 || !src.calls[1].From.Equal(today.Add(-12*day)) || !src.calls[1].To.Equal(today.Add(-10*day)) || !src.calls[2].From.Equal(today) {
		t.Fatalf("calls %v", src.calls)
	}
}

func TestWindowsSplitIntoAlignedBlocks(t *testing.T) {
	end := time.Date(2026, 11, 20, 12, 37, 0, 0, time.UTC)
	blocks := split(sources.Window{From: end.Add(-72 * time.Hour), To: end})
	var covered time.Duration
	for i, b := range blocks {
		if !aligned(b) {
			t.Fatalf("block %d %v is not aligned", i, b)
		}
		if i > 0 && !b.From.Equal(blocks[i-1].To) {
			t.Fatalf("blocks %d and %d leave a gap", i-1, i)
		}
		if b.Length() > time.Hour {
			t.Fatalf("block %d %v is longer than an hour: a day must be read as its hours", i, b)
		}
		covered += b.Length()
	}
	// 12:37 to 12:40 in minutes, to 13:00 in five minutes, 71 hours, then back down.
	if covered != 72*time.Hour || len(blocks) != 3+4+71+7+2 {
		t.Fatalf("%d blocks cover %s", len(blocks), covered)
	}
	odd := split(sources.Window{From: end.Add(-90 * time.Second), To: end.Add(10 * time.Second)})
	if len(odd) != 3 || odd[0].Length() != 30*time.Second || odd[2].Length() != 10*time.Second {
		t.Fatalf("unaligned edges stay their own blocks: %v", odd)
	}
}

// A day and its two halves are the same 24 hours: the source is asked
// for each hour once.
func TestADayAndItsHalvesReadTheSameHours(t *testing.T) {
	src := &fakeServing{}
	c := Serving(src, options(0))
	start := now.Truncate(day).Add(-2 * day)
	halves := []sources.Window{{From: start, To: start.Add(12 * time.Hour)}, {From: start.Add(12 * time.Hour), To: start.Add(day)}}
	for _, w := range [][]sources.Window{{{From: start, To: start.Add(day)}}, halves} {
		got, err := c.Serving(t.Context(), "m", w)
		if err != nil || got[0].Minutes*float64(len(w)) != 24*60 {
			t.Fatalf("%+v %v", got, err)
		}
	}
	if n := src.windows.Load(); n != 24 {
		t.Fatalf("the source was asked for %d blocks, want the day's 24 hours once", n)
	}
}

type fakeServing struct{ windows atomic.Int64 }

func (f *fakeServing) Serving(_ context.Context, _ string, w []sources.Window) ([]engine.ServingSummary, error) {
	f.windows.Add(int64(len(w)))
	out := make([]engine.ServingSummary, len(w))
	for i, win := range w {
		out[i] = engine.ServingSummary{Minutes: win.Length().Minutes(), Requests: win.Length().Minutes()}
	}
	return out, nil
}

func (f *fakeServing) Utilization(_ context.Context, _ string, w []sources.Window) ([]engine.UtilizationSummary, error) {
	return make([]engine.UtilizationSummary, len(w)), nil
}

// A burn-rate window ending now is answered from the closed blocks inside it.
func TestServingWindowsReuseClosedBlocks(t *testing.T) {
	src := &fakeServing{}
	c := Serving(src, options(0))
	end := now.Truncate(time.Minute)
	w := []sources.Window{{From: end.Add(-72 * time.Hour), To: end}, {From: end.Add(-time.Hour), To: end}}
	first, err := c.Serving(t.Context(), "m", w)
	if err != nil || first[0].Minutes != 72*60 || first[1].Minutes != 60 {
		t.Fatalf("%+v %v", first, err)
	}
	asked := src.windows.Load()
	if _, err := c.Serving(t.Context(), "m", w); err != nil {
		t.Fatal(err)
	}
	if again := src.windows.Load() - asked; again > 2 {
		t.Fatalf("the second call asked the source for %d blocks; only the last minutes are not final", again)
	}
}
