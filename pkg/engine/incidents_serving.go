package engine

import "time"

// ServingStep is one step of serving telemetry, as the SLA objectives see it.
type ServingStep struct {
	Start            time.Time
	Minutes          float64 // step length
	P95Ms            float64
	Requests, Errors float64 // counts within the step
	Available        bool    // the health check passed for the whole step
}

// ServingWindow is serving telemetry summed over a window of steps.
type ServingWindow struct {
	Availability    Metric  // share of time available: available minutes / minutes
	DowntimeMinutes float64 // minutes in unavailable steps
	ErrorRate       Metric  // errors / requests
	LatencyP95Ms    Metric  // request-weighted mean of the steps' p95
}

// SummarizeServing sums steps into a window. The window's p95 is the mean of
// the steps' p95 weighted by their requests: exact percentiles would need the
// latency histograms, which serving sources do not return, and the weighting
// keeps quiet steps from counting as much as busy ones.
func SummarizeServing(steps []ServingStep) ServingWindow {
	var minutes, up, down, requests, errs, weighted float64
	for _, s := range steps {
		minutes += s.Minutes
		if s.Available {
			up += s.Minutes
		} else {
			down += s.Minutes
		}
		requests += s.Requests
		errs += s.Errors
		weighted += s.P95Ms * s.Requests
	}
	return ServingWindow{
		Availability:    metricRatio(up, minutes),
		DowntimeMinutes: down,
		ErrorRate:       metricRatio(errs, requests),
		LatencyP95Ms:    metricRatio(weighted, requests),
	}
}
