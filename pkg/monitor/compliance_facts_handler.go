package monitor

import (
	"context"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/frames"
)

// complianceFactsFrames answers `complianceFacts`: per model, the measured
// compliance facts over the range (audit-trail coverage, retention,
// authentication failures, rejected requests, out-of-distribution inputs,
// configuration drift), each with the connection that measured it, or
// undefined with the reason where none does.
func complianceFactsFrames(ctx context.Context, r *Request) (data.Frames, error) {
	models, err := r.fleetModels()
	if err != nil {
		return nil, err
	}
	w := hoursOf(r.Range)
	facts := make([][]frames.FactRow, len(models))
	err = eachModel(ctx, len(models), func(ctx context.Context, i int) error {
		var err error
		facts[i], err = r.complianceFactsOf(ctx, models[i], w)
		return err
	})
	if err != nil {
		return nil, err
	}
	var rows []frames.FactRow
	for _, f := range facts {
		rows = append(rows, f...)
	}
	return data.Frames{frames.ComplianceFacts(rows, "measured compliance facts of "+r.scope()+" over "+r.Range.String())}, nil
}
