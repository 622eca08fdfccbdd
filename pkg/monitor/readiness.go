package monitor

import (
	"context"
	"fmt"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/frames"
)

var errNoEndpoints = fault.Userf("no live endpoints are configured: this query probes model servers; configure the Live endpoints section of the data source settings or use the demo data source")

// readinessFrames answers `readiness`: what each live model server says
// about its models right now. With a model in the query, only its rows.
func readinessFrames(ctx context.Context, r *Request) (data.Frames, error) {
	src := r.Conns.Endpoints
	if src == nil {
		return nil, errNoEndpoints
	}
	rows, err := src.Readiness(ctx)
	if err != nil {
		return nil, fmt.Errorf("probing the live endpoints: %w", err)
	}
	if r.Query.Model != "" {
		kept := rows[:0]
		for _, row := range rows {
			if row.Model == r.Query.Model {
				kept = append(kept, row)
			}
		}
		rows = kept
	}
	return data.Frames{frames.Readiness(rows, r.Now(), "live readiness of "+r.scope())}, nil
}
