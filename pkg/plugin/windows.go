package plugin

import (
	"time"

	"github.com/aiperf/monitor/pkg/sources"
)

const (
	// Model metrics need enough rows per window to mean something.
	minModelWindow = time.Hour
	// Serving telemetry is scraped per minute.
	minServingStep = time.Minute
	// maxWindows bounds the work one query can ask for; wider steps are used beyond it.
	maxWindows = 500
)

// alignedStep widens the requested interval to at least min and far enough
// that [from, to) holds at most maxWindows steps; it reports whether the
// step had to be widened beyond the request for the cap.
func alignedStep(from, to time.Time, interval, min time.Duration) (time.Duration, bool) {
	step := interval
	if step < min {
		step = min
	}
	step = step.Truncate(min)
	widened := false
	for to.Sub(from)/step > maxWindows {
		step *= 2
		widened = true
	}
	return step, widened
}

// windowsOf splits [from, to) into windows aligned to multiples of step, so
// the same range always yields the same windows; the first and last windows
// are clipped to the range.
func windowsOf(from, to time.Time, step time.Duration) []sources.Window {
	var out []sources.Window
	for start := from.Truncate(step); start.Before(to); start = start.Add(step) {
		w := sources.Window{From: start, To: start.Add(step)}
		if w.From.Before(from) {
			w.From = from
		}
		if w.To.After(to) {
			w.To = to
		}
		out = append(out, w)
	}
	return out
}
