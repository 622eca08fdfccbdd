package demo

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
)

// Drawn ahead on several goroutines, the rows must be the walk's rows in
// the walk's order: ranges off the hour, across the history's start and
// past now.
func TestRowsAheadAreTheWalksRows(t *testing.T) {
	f := newTestFleet()
	start := historyStart(testAnchor)
	ranges := [][2]time.Time{
		{testNow.Add(-30*time.Hour - 17*time.Minute), testNow.Add(-3*time.Hour + 41*time.Second)},
		{start.Add(-5 * time.Hour), start.Add(20*time.Hour + time.Minute)},
		{testNow.Add(-2 * time.Hour), testNow.Add(5 * time.Hour)},
		{testNow.Add(time.Hour), testNow.Add(2 * time.Hour)},
	}
	for _, model := range []string{RiskAssessment, CustomerAIAssistant, DemandForecast} {
		p, _ := lookup(model)
		for _, rg := range ranges {
			want := collectRows(t, f, model, rg[0], rg[1])
			var got []timedRow
			err := f.rowsAhead(t.Context(), p, rg[0], rg[1], testNow, func(ts time.Time, r *engine.Row) error {
				got = append(got, timedRow{ts, copyRow(r)})
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%s %v: %d rows ahead, %d walked", model, rg, len(got), len(want))
			}
			for i := range want {
				if !got[i].ts.Equal(want[i].ts) || !sameRow(got[i].row, want[i].row) {
					t.Fatalf("%s %v: row %d differs", model, rg, i)
				}
			}
		}
	}
}

// A walk that stops, by its caller's error or cancellation, leaves no
// goroutine drawing rows behind it.
func TestRowsAheadStopWithTheirWalk(t *testing.T) {
	f := newTestFleet()
	p, _ := lookup(FraudDetection)
	before := runtime.NumGoroutine()
	stop := errors.New("enough")
	n := 0
	err := f.rowsAhead(t.Context(), p, testNow.Add(-10*oneDay), testNow, testNow, func(time.Time, *engine.Row) error {
		if n++; n == 1000 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 1000 {
		t.Fatalf("stopped after %d rows with %v, want after 1000 with the caller's error", n, err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := f.rowsAhead(ctx, p, testNow.Add(-10*oneDay), testNow, testNow, func(time.Time, *engine.Row) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled walk returned %v", err)
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Fatalf("%d goroutines after the walks stopped, %d before", n, before)
	}
}
