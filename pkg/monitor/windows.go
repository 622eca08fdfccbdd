package monitor

import (
	"time"

	"github.com/aiperf/monitor/pkg/sources"
)

// MaxWindows bounds the windows one query reads; longer ranges get longer
// windows from the ladder instead.
const MaxWindows = 500

// stepLadder lists the window lengths queries use. Each divides a day or is
// a whole week, so windows align to UTC days (weeks to Mondays) and closed
// windows are the same whatever range asked for them, which is what lets
// their summaries be cached.
var stepLadder = []time.Duration{
	time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute,
	time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour, 24 * time.Hour, 7 * 24 * time.Hour,
}

// Minimum window lengths per kind of data.
const (
	minModelWindow   = time.Hour   // model metrics need enough rows per window to mean something
	minServingWindow = time.Minute // serving telemetry is scraped per minute
)

// Windows is a range cut into aligned windows.
type Windows struct {
	Step time.Duration
	List []sources.Window
	// Starts are the aligned starts, the time field of trend frames: a
	// window clipped by the range is still stamped at its aligned start.
	Starts []time.Time
}

// chooseStep is the smallest ladder step at least the interval (itself at
// most the span) and the minimum that fits the span in MaxWindows windows.
func chooseStep(span, interval, minimum time.Duration) time.Duration {
	want := max(min(interval, span), minimum)
	for _, s := range stepLadder {
		if s >= want && span/s < MaxWindows {
			return s
		}
	}
	return stepLadder[len(stepLadder)-1]
}

// windowsOf cuts the range into windows of the chosen step aligned to
// multiples of it; the first and last are clipped to the range.
func windowsOf(r Range, interval, minimum time.Duration) Windows {
	step := chooseStep(r.Span(), interval, minimum)
	w := Windows{Step: step}
	for start := r.From.Truncate(step); start.Before(r.To); start = start.Add(step) {
		win := sources.Window{From: start, To: start.Add(step)}
		if win.From.Before(r.From) {
			win.From = r.From
		}
		if win.To.After(r.To) {
			win.To = r.To
		}
		w.List = append(w.List, win)
		w.Starts = append(w.Starts, start)
	}
	return w
}

// Partial reports whether window i is shorter than the step: clipped by the
// range or still open at now.
func (w Windows) Partial(i int) bool { return w.List[i].Length() < w.Step }

// LastIsOpen reports whether the last window is still running at now.
func (w Windows) LastIsOpen(now time.Time) bool {
	n := len(w.List)
	return n > 0 && w.List[n-1].To.Equal(now) && w.Partial(n-1)
}

// whole is the range as a single window.
func whole(r Range) []sources.Window { return []sources.Window{{From: r.From, To: r.To}} }
