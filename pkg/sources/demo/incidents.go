package demo

import (
	"context"
	"time"

	"github.com/aiperf/monitor/pkg/sources"
)

// disruption is one simulated incident and its effect on serving.
type disruption struct {
	start, end    time.Time
	severity      string
	summary       string
	errorRate     float64 // share of failed requests while it lasts
	latencyFactor float64
	down          bool // the health check fails
}

// severityProfile describes incidents of one severity.
type severityProfile struct {
	severity       string
	share          float64 // of all incidents
	minDur, maxDur time.Duration
	errorRate      float64
	latencyFactor  float64
	down           bool
	summary        string
}

var severities = []severityProfile{
	{"P0", 0.1, 5 * time.Minute, 20 * time.Minute, 1, 1, true, "Endpoint unavailable: health checks failing"},
	{"P1", 0.25, 15 * time.Minute, 60 * time.Minute, 0.08, 1.8, false, "Error rate above 5% after node pool eviction"},
	{"P2", 0.35, 20 * time.Minute, 90 * time.Minute, 0.03, 1.3, false, "Elevated errors and latency from feature store timeouts"},
	{"P3", 0.3, 30 * time.Minute, 120 * time.Minute, 0.012, 1.1, false, "Intermittent upstream timeouts"},
}

// maxDisruption bounds how far back an incident that overlaps a range can start.
const maxDisruption = 2 * time.Hour

// disruptionOnDay returns the incident that starts on day (UTC midnight), if
// any; whether a day has one is a pure function of (model, day).
func (p *profile) disruptionOnDay(day time.Time) (disruption, bool) {
	key := day.Unix() / 86400
	if uniform(p.seed, key, chIncident) >= p.incidentsPerDay {
		return disruption{}, false
	}
	u := uniform(p.seed, key, chIncidentSeverity)
	s := severities[len(severities)-1]
	for _, candidate := range severities {
		if u < candidate.share {
			s = candidate
			break
		}
		u -= candidate.share
	}
	start := day.Add(time.Duration(uniform(p.seed, key, chIncidentStart)*1440) * time.Minute)
	length := s.minDur + time.Duration(uniform(p.seed, key, chIncidentDuration)*float64(s.maxDur-s.minDur)).Truncate(time.Minute)
	return disruption{
		start: start, end: start.Add(length), severity: s.severity, summary: s.summary,
		errorRate: s.errorRate, latencyFactor: s.latencyFactor, down: s.down,
	}, true
}

// disruptions returns the incidents overlapping [from, to), oldest first.
func (p *profile) disruptions(from, to time.Time) []disruption {
	var found []disruption
	for day := from.Add(-maxDisruption).UTC().Truncate(oneDay); day.Before(to); day = day.Add(oneDay) {
		if o, ok := p.disruptionOnDay(day); ok && o.end.After(from) && o.start.Before(to) {
			found = append(found, o)
		}
	}
	return found
}

// Incidents returns the model's incidents that overlap [from, to) and began
// before now; an incident still running at now is reported open.
func (f *Fleet) Incidents(ctx context.Context, model string, from, to time.Time) ([]sources.Incident, error) {
	p, err := lookup(model)
	if err != nil {
		return nil, err
	}
	if err := checkRange(from, to); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	now := f.now()
	var incidents []sources.Incident
	add := func(started, resolved time.Time, severity, summary string) {
		if !started.Before(now) {
			return
		}
		if resolved.After(now) {
			resolved = time.Time{}
		}
		incidents = append(incidents, sources.Incident{
			Model: model, Started: started, Resolved: resolved, Severity: severity, Summary: summary,
		})
	}
	for _, o := range p.disruptions(from, to) {
		add(o.start, o.end, o.severity, o.summary)
	}
	if p.spec.ID == RecommendationAI {
		// The latency regression stays open: nobody has rolled back the release.
		onset := latencyOnset(anchorOf(now))
		if onset.Before(to) {
			add(onset, time.Time{}, "P2", "p95 latency above the 200 ms target since release 3.2.0")
		}
	}
	return incidents, nil
}
