package monitor

import (
	"context"
	"fmt"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/frames"
	"github.com/aiperf/monitor/pkg/sources"
)

var errNoIncidents = fault.Userf("no incident source is configured: incidents come from the serving connector or the demo data source")

// incidentsOf reads the incidents of every model in scope, keyed by model, once per data request.
func (r *Request) incidentsOf(ctx context.Context, models []catalog.Model) (map[string][]sources.Incident, error) {
	src := r.Conns.Incidents
	if src == nil {
		return nil, errNoIncidents
	}
	out := make(map[string][]sources.Incident, len(models))
	for _, m := range models {
		incidents, err := remember(r.Loads, fmt.Sprintf("incidents|%s|%s", m.ID, r.Range), func() ([]sources.Incident, error) {
			return src.Incidents(ctx, m.ID, r.Range.From, r.Range.To)
		})
		if err != nil {
			return nil, fmt.Errorf("reading the incidents of %s: %w", m.ID, err)
		}
		out[m.ID] = incidents
	}
	return out, nil
}

// incidentStats computes MTTR, MTBF and availability of one model's incidents over the range.
func (r *Request) incidentStats(incidents []sources.Incident) engine.IncidentStats {
	return engine.IncidentStatsOver(intervalsOf(incidents), r.Range.From, r.Range.To)
}

func intervalsOf(incidents []sources.Incident) []engine.IncidentInterval {
	out := make([]engine.IncidentInterval, len(incidents))
	for i, inc := range incidents {
		out[i] = engine.IncidentInterval{Started: inc.Started, Resolved: inc.Resolved}
	}
	return out
}

// incidentsFrames answers `incidents`: the incident list and per-model statistics.
func incidentsFrames(ctx context.Context, r *Request) (data.Frames, error) {
	models, err := r.fleetModels()
	if err != nil {
		return nil, err
	}
	executed := "incidents of " + r.scope() + " over " + r.Range.String()
	if r.Conns.Incidents == nil {
		// Nothing records incidents here: no rows, and the reason, rather than
		// zero incidents that were never counted.
		out := data.Frames{frames.Incidents(nil, executed), frames.IncidentStats(nil, r.fleetTargets().MTTRMinutes, executed)}
		n := newNotes()
		n.add(errNoIncidents.Error())
		for _, f := range out {
			n.attach(f)
		}
		return out, nil
	}
	byModel, err := r.incidentsOf(ctx, models)
	if err != nil {
		return nil, err
	}
	var rows []frames.IncidentRow
	stats := make([]frames.IncidentStatsRow, 0, len(models))
	for _, m := range models {
		for _, inc := range byModel[m.ID] {
			end := inc.Resolved
			if end.IsZero() {
				end = r.Now()
			}
			rows = append(rows, frames.IncidentRow{
				Model: m.ID, Started: inc.Started, Resolved: inc.Resolved,
				DurationMinutes: end.Sub(inc.Started).Minutes(), Severity: inc.Severity, Summary: inc.Summary,
			})
		}
		stats = append(stats, frames.IncidentStatsRow{Model: m.ID, IncidentStats: r.incidentStats(byModel[m.ID])})
	}
	return data.Frames{
		frames.Incidents(rows, executed),
		frames.IncidentStats(stats, r.fleetTargets().MTTRMinutes, executed),
	}, nil
}
