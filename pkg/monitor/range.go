package monitor

import (
	"fmt"
	"time"

	"github.com/aiperf/monitor/pkg/fault"
)

// MaxRange is the longest time range one query may span; it bounds the
// work a mistyped range (year 1 to 9999) can ask of a connector.
const MaxRange = 731 * 24 * time.Hour

// Range is a validated query range in UTC: From < To ≤ Now.
type Range struct {
	From, To time.Time
	Now      time.Time
	// Clipped is set when the requested range ran past now: data ends now.
	Clipped bool
}

// NewRange validates a requested range once for every query type.
func NewRange(from, to, now time.Time) (Range, error) {
	from, to, now = from.UTC(), to.UTC(), now.UTC()
	switch {
	case to.Before(from):
		return Range{}, fault.Userf("the time range ends (%s) before it starts (%s): swap from and to", stamp(to), stamp(from))
	case !from.Before(to):
		return Range{}, fault.Userf("the time range is empty (from and to are both %s): widen it", stamp(from))
	case !from.Before(now):
		return Range{}, fault.Userf("the time range starts at %s, after now (%s): there is no data yet; move the range back", stamp(from), stamp(now))
	case to.Sub(from) > MaxRange:
		return Range{}, fault.Userf("the time range spans %.0f days; a query may span at most %.0f days: narrow the range", to.Sub(from).Hours()/24, MaxRange.Hours()/24)
	}
	r := Range{From: from, To: to, Now: now}
	if to.After(now) {
		r.To, r.Clipped = now, true
	}
	return r, nil
}

// Span is the length of the range.
func (r Range) Span() time.Duration { return r.To.Sub(r.From) }

func (r Range) String() string { return fmt.Sprintf("%s to %s", stamp(r.From), stamp(r.To)) }

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }
