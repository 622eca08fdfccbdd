package plugin

import (
	"context"
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/frames"
)

// utilizationFrames answers `utilization`: one wide frame per model.
func utilizationFrames(ctx context.Context, in fleetInputs) (data.Frames, error) {
	if in.serving == nil {
		return nil, errNoServing
	}
	out := make(data.Frames, 0, len(in.models))
	for _, m := range in.models {
		points, err := in.serving.Utilization(ctx, m.ID, in.from, in.to, in.step)
		if err != nil {
			return nil, fmt.Errorf("reading utilisation of %s: %w", m.ID, err)
		}
		s := frames.UtilizationSeries{
			Time: make([]time.Time, len(points)), GPU: make([]float64, len(points)), CPU: make([]float64, len(points)),
			Memory: make([]float64, len(points)), Storage: make([]float64, len(points)),
		}
		for i, p := range points {
			s.Time[i], s.GPU[i], s.CPU[i], s.Memory[i], s.Storage[i] = p.Time, p.GPU, p.CPU, p.Memory, p.Storage
		}
		out = append(out, frames.Utilization(m.ID, s, in.catalog.TargetsFor(m.ID).Utilisation, in.executed))
	}
	return out, nil
}
