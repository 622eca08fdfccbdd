package plugin

import (
	"context"
	"fmt"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
	"github.com/aiperf/monitor/pkg/sources"
)

var errNoServing = badQueryError{"infrastructure queries need a serving source: configure one in the data source settings (Serving) or enable the demo fleet"}

// modelIncidents reads the incidents of every model in scope, keyed by model.
func modelIncidents(ctx context.Context, in fleetInputs) (map[string][]sources.Incident, error) {
	if in.serving == nil {
		return nil, errNoServing
	}
	out := make(map[string][]sources.Incident, len(in.models))
	for _, m := range in.models {
		incidents, err := in.serving.Incidents(ctx, m.ID, in.from, in.to)
		if err != nil {
			return nil, fmt.Errorf("reading incidents of %s: %w", m.ID, err)
		}
		out[m.ID] = incidents
	}
	return out, nil
}

// incidentStats computes MTTR, MTBF and availability of one model's incidents over the range.
func incidentStats(in fleetInputs, incidents []sources.Incident) engine.IncidentStats {
	intervals := make([]engine.IncidentInterval, len(incidents))
	for i, inc := range incidents {
		intervals[i] = engine.IncidentInterval{Started: inc.Started, Resolved: inc.Resolved}
	}
	return engine.IncidentStatsOver(intervals, in.from, in.end())
}

// incidentsFrames answers `incidents`: the incident list and per-model statistics.
func incidentsFrames(ctx context.Context, in fleetInputs) (data.Frames, error) {
	byModel, err := modelIncidents(ctx, in)
	if err != nil {
		return nil, err
	}
	var rows []frames.IncidentRow
	stats := make([]frames.IncidentStatsRow, 0, len(in.models))
	for _, m := range in.models {
		for _, inc := range byModel[m.ID] {
			end := inc.Resolved
			if end.IsZero() {
				end = in.now
			}
			rows = append(rows, frames.IncidentRow{
				Model: m.ID, Started: inc.Started, Resolved: inc.Resolved,
				DurationMinutes: end.Sub(inc.Started).Minutes(), Severity: inc.Severity, Summary: inc.Summary,
			})
		}
		stats = append(stats, frames.IncidentStatsRow{Model: m.ID, IncidentStats: incidentStats(in, byModel[m.ID])})
	}
	return data.Frames{
		frames.Incidents(rows, in.executed),
		frames.IncidentStats(stats, in.fleetTargets().MTTRMinutes, in.executed),
	}, nil
}
