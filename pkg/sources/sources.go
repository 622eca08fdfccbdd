// Package sources defines what connectors return. A connector knows its API
// and nothing about metrics: inference sources return engine summaries,
// serving sources serving summaries, billing sources charges, registries
// declared facts; pkg/engine computes the metrics.
package sources

import (
	"context"
	"time"

	"github.com/shopspring/decimal"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
)

// Window is a half-open time interval [From, To).
type Window struct {
	From, To time.Time
}

// Length is To − From.
func (w Window) Length() time.Duration { return w.To.Sub(w.From) }

// InferenceSource serves prediction logs and labels as mergeable summaries,
// computed where the data lives.
type InferenceSource interface {
	// Schema describes the model's features, sensitive attributes and task.
	Schema(ctx context.Context, model string) (engine.Schema, error)
	// Baseline profiles the model's predictions in the reference window:
	// bin edges, categories and the window's own summary.
	Baseline(ctx context.Context, model string, reference Window) (*engine.Baseline, error)
	// Summaries returns one summary per window, binned with the baseline's
	// edges, in one pass over the store. Returned summaries may be shared:
	// callers must not modify them.
	Summaries(ctx context.Context, model string, baseline *engine.Baseline, windows []Window) ([]*engine.Summary, error)
	// LastPrediction is the time of the model's latest prediction at or
	// before the given time; ok is false when it has none.
	LastPrediction(ctx context.Context, model string, atOrBefore time.Time) (last time.Time, ok bool, err error)
}

// ServingSource serves runtime telemetry of deployed models.
type ServingSource interface {
	// Serving returns one mergeable serving summary per window.
	Serving(ctx context.Context, model string, windows []Window) ([]engine.ServingSummary, error)
	// Utilization returns one resource-use summary per window.
	Utilization(ctx context.Context, model string, windows []Window) ([]engine.UtilizationSummary, error)
}

// Incident is an interval during which a model was degraded or down.
type Incident struct {
	Model    string
	Started  time.Time
	Resolved time.Time // zero while open
	Severity string    // P0..P3
	Summary  string
}

// IncidentSource serves recorded incidents.
type IncidentSource interface {
	Incidents(ctx context.Context, model string, from, to time.Time) ([]Incident, error)
}

// CostRecord is one day's charge for one model, category, provider, service
// and currency. Records add up: summing any field over records never counts
// a charge or a token twice.
type CostRecord struct {
	Day      time.Time // UTC midnight
	Model    string    // "" when the charge is not attributed to a model
	Category string    // one of the Category constants
	Provider string    // who bills it, as the bill names it (AWS, OpenAI…)
	Service  string
	// Currency is the ISO 4217 code of Amount, upper case. Amounts in
	// different currencies are never added together.
	Currency string
	// Amount is exact (decimal, not float): bills must add up to the cent.
	// Credits and refunds are negative.
	Amount       decimal.Decimal
	Tokens       float64 // tokens billed (LLM APIs)
	GPUHours     float64 // GPU hours allocated, when the bill measures them
	IdleGPUHours float64 // of which idle (allocated but unused): the savings estimate
	// Feed is the billing feed the record came from; DuplicateOf, when set,
	// names an earlier feed that bills the same provider, category and day,
	// whose records are counted instead (CombinedBilling).
	Feed, DuplicateOf string
}

// Cost categories of the cost views: every connector maps its charges onto these.
const (
	CategoryGPU      = "gpu"      // GPU compute
	CategoryCompute  = "compute"  // CPU compute
	CategoryStorage  = "storage"  // storage and databases
	CategoryNetwork  = "network"  // data transfer, load balancers
	CategoryPlatform = "platform" // managed platform services, monitoring, third-party APIs
	CategoryLLM      = "llm"      // LLM APIs billed per token
)

// Categories lists the cost categories in display order.
var Categories = []string{CategoryGPU, CategoryCompute, CategoryStorage, CategoryNetwork, CategoryPlatform, CategoryLLM}

// BillingSource serves daily costs: the records of the UTC days overlapping
// [from, to), whole days only.
type BillingSource interface {
	DailyCosts(ctx context.Context, from, to time.Time) ([]CostRecord, error)
}

// RegistrySource serves the models a registry knows, as declared facts the
// data source settings may override.
type RegistrySource interface {
	Models(ctx context.Context) ([]catalog.Model, error)
}

// EndpointStatus is what a live probe found about one model on one model
// server (or about the server, when it could not list its models).
type EndpointStatus struct {
	Endpoint      string // the server's name in the settings
	Protocol      string // oip (Open Inference Protocol v2) or openai
	Server        string // the server's own name and version, when it says
	ServerVersion string
	Model         string
	ModelVersion  string
	Platform      string
	ServerReady   *bool    // the server's own readiness; nil when not probed
	Live, Ready   *bool    // the server's liveness, the model's readiness; nil when not probed
	State, Reason string   // the repository index's, where the server has one
	Inferences    *float64 // successful inferences since start (Triton statistics)
	ProbeMs       float64  // the readiness probe's round trip
	Error         string   // why the probe failed, when it did
}

// EndpointSource probes live model servers for the inventory and
// readiness table.
type EndpointSource interface {
	Readiness(ctx context.Context) ([]EndpointStatus, error)
}

// HealthChecker is implemented by every connector: it proves the connector
// reaches its system and says what it checked.
type HealthChecker interface {
	CheckHealth(ctx context.Context) (detail string, err error)
}

// Connections are one data source instance's connectors, one per role; a
// role nobody configured is nil and its queries say so.
type Connections struct {
	Inference InferenceSource
	Serving   ServingSource
	Incidents IncidentSource
	Endpoints EndpointSource
	Billing   BillingSource
	Registry  RegistrySource
	Meters    Meters // optional compliance measurements (compliance.go)
}
