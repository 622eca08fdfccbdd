package demo

import (
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

func TestEachWindowSharesOutMonthsAndReportsTheFirstFailure(t *testing.T) {
	days := windowsOf(testAnchor.Add(-30*oneDay), testAnchor, oneDay)
	var running, most atomic.Int64
	err := eachWindow(days, func(i int) error {
		now := running.Add(1)
		for m := most.Load(); now > m && !most.CompareAndSwap(m, now); m = most.Load() {
		}
		time.Sleep(time.Millisecond)
		running.Add(-1)
		if i == 4 || i == 20 {
			return errors.New(days[i].From.Format(time.DateOnly))
		}
		return nil
	})
	if want := days[4].From.Format(time.DateOnly); err == nil || err.Error() != want {
		t.Errorf("error %v, want the first failing window's (%s)", err, want)
	}
	if m := most.Load(); m < 2 || m > simulators {
		t.Errorf("%d windows simulated at once, want 2 to %d", m, simulators)
	}
	most.Store(0)
	minutes := windowsOf(testAnchor.Add(-time.Hour), testAnchor, time.Minute)
	_ = eachWindow(minutes, func(int) error {
		if running.Add(1) > 1 {
			most.Store(2)
		}
		running.Add(-1)
		return nil
	})
	if most.Load() > 1 {
		t.Error("an hour of minutes was shared out")
	}
}

func TestEachWindowRaisesAPanicInTheCaller(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a window's panic was lost")
		}
	}()
	_ = eachWindow(windowsOf(testAnchor.Add(-3*oneDay), testAnchor, oneDay), func(i int) error {
		if i == 1 {
			panic("boom")
		}
		return nil
	})
}
