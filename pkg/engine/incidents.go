package engine

import (
	"sort"
	"time"
)

// IncidentInterval is when an incident started and was resolved (zero while open).
type IncidentInterval struct {
	Started, Resolved time.Time
}

// IncidentStats summarises the incidents of one observation window.
type IncidentStats struct {
	Count        int
	MTTRMinutes  Metric // mean time to resolve, over resolved incidents
	MTBFHours    Metric // mean time between failures: uptime / incidents
	Availability Metric // 1 − downtime / window
	DowntimeMins float64
}

// IncidentStatsOver computes MTTR, MTBF and availability for incidents
// observed in [from, to). Definitions:
//   - MTTR = mean of (resolved − started) over resolved incidents;
//   - downtime = length of the union of incident intervals clipped to the
//     window (overlaps count once, open incidents last until `to`);
//   - availability = 1 − downtime / window length;
//   - MTBF = (window length − downtime) / number of incidents, undefined
//     with no incident.
func IncidentStatsOver(incidents []IncidentInterval, from, to time.Time) IncidentStats {
	stats := IncidentStats{Count: len(incidents)}
	window := to.Sub(from)
	if window <= 0 {
		return stats
	}
	var repair time.Duration
	resolved := 0
	for _, in := range incidents {
		if !in.Resolved.IsZero() && !in.Resolved.Before(in.Started) {
			repair += in.Resolved.Sub(in.Started)
			resolved++
		}
	}
	stats.MTTRMinutes = metricRatio(repair.Minutes(), float64(resolved))
	downtime := unionLength(incidents, from, to)
	stats.DowntimeMins = downtime.Minutes()
	stats.Availability = definedMetric(1 - float64(downtime)/float64(window))
	stats.MTBFHours = metricRatio((window - downtime).Hours(), float64(len(incidents)))
	return stats
}

// unionLength is the total length covered by the intervals within [from, to).
func unionLength(incidents []IncidentInterval, from, to time.Time) time.Duration {
	type span struct{ start, end time.Time }
	spans := make([]span, 0, len(incidents))
	for _, in := range incidents {
		end := in.Resolved
		if end.IsZero() || end.After(to) {
			end = to
		}
		start := in.Started
		if start.Before(from) {
			start = from
		}
		if end.After(start) {
			spans = append(spans, span{start, end})
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start.Before(spans[j].start) })
	var total time.Duration
	var cur span
	for i, s := range spans {
		switch {
		case i == 0:
			cur = s
		case !s.start.After(cur.end):
			if s.end.After(cur.end) {
				cur.end = s.end
			}
		default:
			total += cur.end.Sub(cur.start)
			cur = s
		}
	}
	if len(spans) > 0 {
		total += cur.end.Sub(cur.start)
	}
	return total
}

// Coverage is the share covered / total: of observation windows that hold
// records (for prediction logs, the audit-log coverage, the complement of
// logging gaps as availability is of downtime) or of checks in good standing.
// Undefined when there is nothing to cover.
func Coverage(covered, total int) Metric {
	return metricRatio(float64(covered), float64(total))
}
