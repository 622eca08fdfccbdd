package monitor

import (
	"context"
	"fmt"
	"time"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
)

// expectedGap is the longest pause between predictions the model's owners
// consider normal; longer, the pipeline counts as stopped (P0).
func expectedGap(m catalog.Model) time.Duration {
	minutes := m.ExpectedGapMinutes
	if minutes <= 0 {
		minutes = catalog.DefaultExpectedGapMinutes
	}
	return time.Duration(minutes * float64(time.Minute))
}

// pipelineStoppedAt measures the minutes from the model's latest prediction
// to at; undefined when the model never made one.
func (r *Request) pipelineStoppedAt(ctx context.Context, m catalog.Model, at time.Time) (engine.Metric, error) {
	src := r.Conns.Inference
	if src == nil {
		return engine.Metric{}, errNoInference
	}
	last, err := remember(r.Loads, fmt.Sprintf("last|%s|%d", m.ID, at.UnixNano()), func() (time.Time, error) {
		t, ok, err := src.LastPrediction(ctx, m.ID, at)
		if !ok {
			t = time.Time{}
		}
		return t, err
	})
	if err != nil {
		return engine.Metric{}, fmt.Errorf("reading the latest prediction of %s: %w", m.ID, err)
	}
	if last.IsZero() {
		return engine.Metric{}, nil
	}
	return engine.Metric{Value: at.Sub(last).Minutes(), OK: true}, nil
}
