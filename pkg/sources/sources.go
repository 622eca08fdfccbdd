// Package sources defines what connectors return. A connector knows its API
// and nothing about metrics: inference sources return engine summaries,
// serving and billing sources return raw series; pkg/engine computes metrics.
package sources

import (
	"context"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
)

// Window is a half-open time interval [From, To).
type Window struct {
	From, To time.Time
}

// InferenceSource serves prediction logs and labels as mergeable summaries.
type InferenceSource interface {
	// Schema describes the model's features, sensitive attributes and task.
	Schema(ctx context.Context, model string) (engine.Schema, error)
	// Baseline returns the reference profile (bin edges, categories, the
	// baseline summary) that current windows are compared with.
	Baseline(ctx context.Context, model string) (*engine.Baseline, error)
	// Summaries returns one summary per window, binned with the baseline's edges.
	Summaries(ctx context.Context, model string, baseline *engine.Baseline, windows []Window) ([]*engine.Summary, error)
}

// ServingPoint is one step of a model's serving telemetry.
type ServingPoint struct {
	Time                time.Time
	P50Ms, P95Ms, P99Ms float64
	Requests, Errors    float64 // counts within the step
	Available           bool    // the model answered its health check during the step
}

// UtilizationPoint is one step of resource utilisation, each a ratio 0..1.
type UtilizationPoint struct {
	Time                      time.Time
	GPU, CPU, Memory, Storage float64
}

// Incident is an interval during which a model was degraded or down.
type Incident struct {
	Model    string
	Started  time.Time
	Resolved time.Time // zero while open
	Severity string    // P0..P3
	Summary  string
}

// ServingSource serves runtime telemetry for deployed models.
type ServingSource interface {
	Serving(ctx context.Context, model string, from, to time.Time, step time.Duration) ([]ServingPoint, error)
	Utilization(ctx context.Context, model string, from, to time.Time, step time.Duration) ([]UtilizationPoint, error)
	Incidents(ctx context.Context, model string, from, to time.Time) ([]Incident, error)
}

// CostRecord is one day's charge for one model and category.
type CostRecord struct {
	Day          time.Time // UTC midnight
	Model        string    // "" when the charge is not attributed to a model
	Category     string    // compute, gpu, storage, network, api, tokens, other
	Provider     string
	Service      string
	Amount       float64 // USD
	Predictions  float64 // predictions served that day (for cost per prediction)
	Tokens       float64 // tokens billed that day (LLMs)
	IdleGPUHours float64 // GPU hours allocated but idle (savings estimate)
}

// BillingSource serves daily costs.
type BillingSource interface {
	DailyCosts(ctx context.Context, from, to time.Time) ([]CostRecord, error)
}
