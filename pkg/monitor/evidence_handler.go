package monitor

import (
	"context"
	"fmt"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/frames"
	"github.com/aiperf/monitor/pkg/query"
)

// evidenceFrames answers `evidence`: the evidence register of the models
// in scope over the range, every check the monitors ran on every window.
func evidenceFrames(ctx context.Context, r *Request) (data.Frames, error) {
	models, err := r.fleetModels()
	if err != nil {
		return nil, err
	}
	w := evidenceWindows(r)
	found := make([][]frames.EvidenceRow, len(models))
	err = eachModel(ctx, len(models), func(ctx context.Context, i int) error {
		var err error
		found[i], err = r.evidenceOf(ctx, models[i], w)
		return err
	})
	if err != nil {
		return nil, err
	}
	var rows []frames.EvidenceRow
	for _, model := range found {
		for _, row := range model {
			if keep(r.Query.Check, row.Check) && keep(r.Query.Outcome, row.Outcome) {
				rows = append(rows, row)
			}
		}
	}
	executed := fmt.Sprintf("evidence register of %s over %s: %d windows of %s, each check computed by the monitors' own functions", r.scope(), r.Range, len(w.List), w.Step)
	return data.Frames{frames.Evidence(rows, executed)}, nil
}

// keep applies an evidence filter: empty or "all" keeps every row.
func keep(filter, value string) bool {
	return filter == "" || filter == query.FilterAll || filter == value
}
