package plugin

import (
	"context"
	"fmt"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
)

// slaStep is the serving resolution of SLA windows: fine enough that a
// five-minute outage shows as downtime, coarse enough for 30-day windows.
const slaStep = 5 * time.Minute

// slaLookback is the long window of the SLA matrix.
const slaLookback = 30 * 24 * time.Hour

// servingWindow sums a model's serving telemetry over [from, to).
func servingWindow(ctx context.Context, in fleetInputs, model string, from, to time.Time) (engine.ServingWindow, error) {
	steps, err := servingSteps(ctx, in, model, from, to)
	if err != nil {
		return engine.ServingWindow{}, err
	}
	return engine.SummarizeServing(steps), nil
}

// servingSteps reads a model's serving telemetry over [from, to) at slaStep;
// the step still running at now counts only its elapsed minutes.
func servingSteps(ctx context.Context, in fleetInputs, model string, from, to time.Time) ([]engine.ServingStep, error) {
	if in.serving == nil {
		return nil, errNoServing
	}
	points, err := in.serving.Serving(ctx, model, from, to, slaStep)
	if err != nil {
		return nil, fmt.Errorf("serving telemetry of %s: %w", model, err)
	}
	steps := make([]engine.ServingStep, len(points))
	for i, p := range points {
		end := p.Time.Add(slaStep)
		if end.After(in.now) {
			end = in.now
		}
		steps[i] = engine.ServingStep{
			Start: p.Time, Minutes: end.Sub(p.Time).Minutes(), P95Ms: p.P95Ms, Requests: p.Requests, Errors: p.Errors, Available: p.Available,
		}
	}
	return steps, nil
}
