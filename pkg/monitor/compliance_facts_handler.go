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
	var rows []frames.FactRow
	for _, m := range models {
		facts, err := r.complianceFactsOf(ctx, m, w)
		if err != nil {
			return nil, err
		}
		rows = append(rows, facts...)
	}
	return data.Frames{frames.ComplianceFacts(rows, "measured compliance facts of "+r.scope()+" over "+r.Range.String())}, nil
}
