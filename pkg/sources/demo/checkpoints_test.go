package demo

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
)

// rangeWindows cuts [to−span, to) into windows of step aligned to it, the
// first and last clipped, as queries cut their ranges.
func rangeWindows(to time.Time, span, step time.Duration) []sources.Window {
	from := to.Add(-span)
	var out []sources.Window
	for start := from.Truncate(step); start.Before(to); start = start.Add(step) {
		out = append(out, sources.Window{From: later(start, from), To: earlier(start.Add(step), to)})
	}
	return out
}

// walkedSummaries summarizes every window by walking all of its rows.
func walkedSummaries(t *testing.T, f *Fleet, model string, b *engine.Baseline, windows []sources.Window) []*engine.Summary {
	t.Helper()
	out := make([]*engine.Summary, len(windows))
	for i, w := range windows {
		s := engine.NewSummarizer(b)
		if err := f.Rows(model, w.From, w.To, func(_ time.Time, r *engine.Row) error { s.Add(r); return nil }); err != nil {
			t.Fatal(err)
		}
		out[i] = s.Summary()
	}
	return out
}

// The label cut-off and now move between queries, through and past the
// hours of the checkpoints: a resumed window must equal the walked one to
// the last bit, for every model, step and edge.
func TestResumedSummariesEqualWalkedOnes(t *testing.T) {
	now := testNow.Add(17*time.Minute + 23*time.Second)
	f := New(Options{Now: func() time.Time { return now }})
	ctx := context.Background()
	steps := []time.Duration{time.Hour, 2 * time.Hour, 12 * time.Hour, oneDay}
	for _, p := range fleetProfiles {
		b, err := f.Baseline(ctx, p.spec.ID, baselineWindow(testAnchor))
		if err != nil {
			t.Fatal(err)
		}
		now = testNow.Add(17*time.Minute + 23*time.Second)
		for _, advance := range []time.Duration{0, 0, 41 * time.Second, 50 * time.Minute, 2*time.Hour + 3*time.Minute, 7 * time.Hour} {
			now = now.Add(advance)
			for _, step := range steps {
				windows := rangeWindows(now, 3*oneDay, step)
				got, err := f.Summaries(ctx, p.spec.ID, b, windows)
				if err != nil {
					t.Fatal(err)
				}
				want := walkedSummaries(t, f, p.spec.ID, b, windows)
				for i := range windows {
					if !reflect.DeepEqual(got[i], want[i]) {
						t.Fatalf("%s at %s, window %s to %s of %s: the resumed summary differs from the walked one", p.spec.ID, now, windows[i].From, windows[i].To, step)
					}
				}
			}
		}
	}
	if f.checkpoints.Len() == 0 {
		t.Fatal("no window was resumed from a checkpoint")
	}
}

// A checkpoint ends where a window's rows stop summarizing the same way
// all day.
func TestCheckpointsHoldOnlySettledRows(t *testing.T) {
	p := fleetProfiles[0] // labels after 48 hours
	now := testNow        // 09:30
	hour := func(h int) time.Time { return testAnchor.Add(time.Duration(h) * time.Hour) }
	cases := []struct {
		name    string
		w       sources.Window
		at      time.Time
		labeled bool
		ok      bool
	}{
		{"labelled: whole", sources.Window{From: hour(-72), To: hour(-60)}, hour(-60), true, true},
		{"labelled up to the cut-off", sources.Window{From: hour(-48), To: hour(-36)}, hour(-39), true, true},
		{"unlabelled and closed: whole", sources.Window{From: hour(-12), To: hour(0)}, hour(0), false, true},
		{"open: up to the last whole hour", sources.Window{From: hour(0), To: now}, hour(9), false, true},
		{"first hour still running", sources.Window{From: hour(9), To: now}, time.Time{}, false, false},
		{"clipped start", sources.Window{From: hour(-12).Add(time.Minute), To: hour(0)}, time.Time{}, false, false},
		{"in the future", sources.Window{From: hour(12), To: hour(13)}, time.Time{}, false, false},
	}
	for _, c := range cases {
		at, labeled, ok := settledUntil(p, c.w, now)
		if ok != c.ok || (ok && (!at.Equal(c.at) || labeled != c.labeled)) {
			t.Errorf("%s: settled until %s labelled %v (%v), want %s labelled %v (%v)", c.name, at, labeled, ok, c.at, c.labeled, c.ok)
		}
	}
}

// A settled window asked for again is not walked again.
func TestSettledWindowsAreKeptWhole(t *testing.T) {
	f := newTestFleet()
	ctx := context.Background()
	b, err := f.Baseline(ctx, FraudDetection, baselineWindow(testAnchor))
	if err != nil {
		t.Fatal(err)
	}
	windows := rangeWindows(testAnchor.Add(-oneDay), 2*oneDay, 12*time.Hour) // labels after a day
	first, err := f.Summaries(ctx, FraudDetection, b, windows)
	if err != nil {
		t.Fatal(err)
	}
	again, err := f.Summaries(ctx, FraudDetection, b, windows)
	if err != nil {
		t.Fatal(err)
	}
	for i := range windows {
		if first[i] != again[i] {
			t.Errorf("window %s to %s was summarized again", windows[i].From, windows[i].To)
		}
	}
}

// Moving a range by a second at a time keeps no more checkpoints: its
// clipped first window is never kept.
func TestScrollingARangeKeepsNoMoreCheckpoints(t *testing.T) {
	f := newTestFleet()
	ctx := context.Background()
	b, err := f.Baseline(ctx, RecommendationAI, baselineWindow(testAnchor))
	if err != nil {
		t.Fatal(err)
	}
	end := testAnchor.Add(-2 * oneDay)
	kept := 0
	for s := range 300 {
		windows := rangeWindows(end.Add(time.Duration(s)*time.Second), oneDay, time.Hour)
		if _, err := f.Summaries(ctx, RecommendationAI, b, windows); err != nil {
			t.Fatal(err)
		}
		if s == 0 {
			kept = f.checkpoints.Len()
		}
	}
	if n := f.checkpoints.Len(); n > kept+1 {
		t.Fatalf("%d checkpoints after 300 scrolls, %d after the first", n, kept)
	}
}
