package monitor

import (
	"context"
	"fmt"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
)

// unassignedTeam labels the alerts of a model whose catalog entry names no owner.
const unassignedTeam = "unassigned"

// measuresFrames answers `measures`: one measure of every model in scope
// over the range, as a numeric long frame (one row per model, or per
// model and attribute, resource or signal). The values are the readings
// the status words judge (statusReadings), measured by the same code, so
// an alert rule on them fires exactly when the page shows the status.
func measuresFrames(ctx context.Context, r *Request) (data.Frames, error) {
	spec, ok := engine.SpecOf(engine.Measure(r.Query.Measure))
	if !ok {
		return nil, fmt.Errorf("measure %q has no definition", r.Query.Measure)
	}
	models, err := r.fleetModels()
	if err != nil {
		return nil, err
	}
	var rows []frames.MeasureRow
	notes := newNotes()
	for _, m := range models {
		h, err := r.measureRange(ctx, m, hoursOf(r.Range), needsOf(spec.Name))
		if err != nil {
			return nil, err
		}
		team := m.Owner
		if team == "" {
			team = unassignedTeam
		}
		for _, rd := range engine.Readings(h.total) {
			if rd.Measure == spec.Name {
				rows = append(rows, frames.MeasureRow{Model: m.ID, Team: team, Dimension: rd.Dimension, Value: rd.Value})
				if !rd.Value.OK {
					notes.add(h.notes...)
				}
			}
		}
	}
	f := frames.Measures(spec, rows, fmt.Sprintf("%s of %s over %s (%s)", spec.Name, r.scope(), r.Range, spec.Value))
	notes.attach(f)
	return data.Frames{f}, nil
}
