package monitor

import (
	"strings"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/fault"
)

func TestRangeValidation(t *testing.T) {
	now := testNow
	cases := []struct {
		name     string
		from, to time.Time
		want     string
	}{
		{"reversed", now, now.Add(-time.Hour), "swap from and to"},
		{"empty", now.Add(-time.Hour), now.Add(-time.Hour), "the time range is empty"},
		{"zero times", time.Time{}, time.Time{}, "the time range is empty"},
		{"in the future", now.Add(time.Hour), now.Add(2 * time.Hour), "after now"},
		{"year 1 to 9999", time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), "narrow the range"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := NewRange(c.from, c.to, now)
			if !fault.IsUser(err) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want the user's error saying %q", err, c.want)
			}
		})
	}
	r, err := NewRange(now.Add(-time.Hour), now.Add(time.Hour), now)
	if err != nil || !r.To.Equal(now) || !r.Clipped {
		t.Fatalf("a range running past now is answered up to now: %+v, %v", r, err)
	}
}

func TestStepsComeFromTheRangeAndTheInterval(t *testing.T) {
	cases := []struct {
		span, interval, minimum, want time.Duration
	}{
		{6 * time.Hour, 5 * time.Minute, minServingWindow, 5 * time.Minute},
		{6 * time.Hour, 7 * time.Minute, minServingWindow, 10 * time.Minute}, // rounded up to the ladder
		{6 * time.Hour, time.Second, minServingWindow, time.Minute},          // never below the minimum
		{7 * day, time.Minute, minModelWindow, time.Hour},
		{30 * day, time.Minute, minServingWindow, 2 * time.Hour}, // at most MaxWindows windows
		{365 * day, time.Minute, minServingWindow, day},
		{MaxRange, time.Minute, minServingWindow, 7 * day},
		{time.Hour, 9223372036854 * time.Millisecond, minServingWindow, time.Hour}, // clamped to the range
	}
	for _, c := range cases {
		if got := chooseStep(c.span, c.interval, c.minimum); got != c.want {
			t.Errorf("span %s, interval %s, minimum %s: step %s, want %s", c.span, c.interval, c.minimum, got, c.want)
		}
		if c.span/chooseStep(c.span, c.interval, c.minimum) >= MaxWindows {
			t.Errorf("span %s holds more than %d windows", c.span, MaxWindows)
		}
	}
}

func TestWindowsAreAlignedAndStampedAtTheirAlignedStart(t *testing.T) {
	from := time.Date(2026, 11, 20, 6, 4, 6, 683_000_000, time.UTC)
	r, err := NewRange(from, from.Add(5*time.Hour), testNow)
	if err != nil {
		t.Fatal(err)
	}
	w := windowsOf(r, time.Hour, time.Hour)
	if !w.Starts[0].Equal(from.Truncate(time.Hour)) || !w.List[0].From.Equal(from) {
		t.Fatalf("first window stamped %s covering from %s; want stamped at 06:00 and clipped to the range", w.Starts[0], w.List[0].From)
	}
	for i := 1; i < len(w.Starts); i++ {
		if !w.Starts[i].Equal(w.List[i].From) || w.Starts[i].Sub(w.Starts[i-1]) != time.Hour {
			t.Fatalf("window %d starts %s", i, w.Starts[i])
		}
	}
	if !w.Partial(0) || w.Partial(1) || !w.Partial(len(w.List)-1) {
		t.Fatal("clipped edge windows are partial, inner ones are not")
	}
}
