package logstore

import (
	"slices"
	"time"

	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/sources"
)

// Intervals cut a query's windows at every window bound. The scan counts
// rows per elementary interval (the SQL finds a row's interval by a binary
// search over Bounds); each window is then the sum of the intervals it
// covers, so overlapping or scattered windows still cost one scan.
type Intervals struct {
	Bounds []time.Time // ascending, distinct: interval i (1-based, as SQL's width_bucket) is [Bounds[i-1], Bounds[i])
	// Runs are the maximal stretches covered by some window: the scan's
	// WHERE clause, so gaps between the windows asked for are not read.
	Runs []sources.Window
	// Windows lists, per window, the intervals it covers.
	Windows [][]int
}

// maxWindows bounds the windows of one scan.
const maxWindows = 5000

// NewIntervals cuts the windows; reversed windows are the caller's error.
func NewIntervals(windows []sources.Window) (*Intervals, error) {
	if len(windows) > maxWindows {
		return nil, fault.Userf("%d windows in one query, more than %d: widen the interval or narrow the range", len(windows), maxWindows)
	}
	var bounds []time.Time
	for i, w := range windows {
		if w.To.Before(w.From) {
			return nil, fault.Userf("window %d ends (%s) before it starts (%s): swap from and to", i, w.To.Format(time.RFC3339), w.From.Format(time.RFC3339))
		}
		bounds = append(bounds, w.From.UTC(), w.To.UTC())
	}
	slices.SortFunc(bounds, func(a, b time.Time) int { return a.Compare(b) })
	bounds = slices.CompactFunc(bounds, func(a, b time.Time) bool { return a.Equal(b) })
	iv := &Intervals{Bounds: bounds, Windows: make([][]int, len(windows))}
	covered := make([]bool, len(bounds)+1)
	for i, w := range windows {
		lo, _ := slices.BinarySearchFunc(bounds, w.From, func(a, b time.Time) int { return a.Compare(b) })
		hi, _ := slices.BinarySearchFunc(bounds, w.To, func(a, b time.Time) int { return a.Compare(b) })
		for k := lo + 1; k <= hi; k++ {
			iv.Windows[i] = append(iv.Windows[i], k)
			covered[k] = true
		}
	}
	for k := 1; k < len(bounds); k++ {
		if !covered[k] {
			continue
		}
		if n := len(iv.Runs); n > 0 && iv.Runs[n-1].To.Equal(bounds[k-1]) {
			iv.Runs[n-1].To = bounds[k]
			continue
		}
		iv.Runs = append(iv.Runs, sources.Window{From: bounds[k-1], To: bounds[k]})
	}
	return iv, nil
}

// Count is the number of elementary intervals.
func (iv *Intervals) Count() int { return max(0, len(iv.Bounds)-1) }

// maxRuns bounds the OR-ed ranges of a WHERE clause; past it the scan reads
// from the first run's start to the last run's end.
const maxRuns = 32

// ScanRuns are the ranges the WHERE clause reads.
func (iv *Intervals) ScanRuns() []sources.Window {
	if len(iv.Runs) <= maxRuns {
		return iv.Runs
	}
	return []sources.Window{{From: iv.Runs[0].From, To: iv.Runs[len(iv.Runs)-1].To}}
}
