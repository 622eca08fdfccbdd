package sources

import (
	"context"
	"time"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
)

// Failing stands in for a connector that could not be opened (bad
// settings): every call returns its error, so only the queries that need
// that role fail, each saying why.
type Failing struct{ Err error }

var (
	_ InferenceSource = Failing{}
	_ ServingSource   = Failing{}
	_ BillingSource   = Failing{}
	_ RegistrySource  = Failing{}
	_ EndpointSource  = Failing{}
)

func (f Failing) Schema(context.Context, string) (engine.Schema, error) {
	return engine.Schema{}, f.Err
}

func (f Failing) Baseline(context.Context, string, Window) (*engine.Baseline, error) {
	return nil, f.Err
}

func (f Failing) Summaries(context.Context, string, *engine.Baseline, []Window) ([]*engine.Summary, error) {
	return nil, f.Err
}

func (f Failing) LastPrediction(context.Context, string, time.Time) (time.Time, bool, error) {
	return time.Time{}, false, f.Err
}

func (f Failing) Serving(context.Context, string, []Window) ([]engine.ServingSummary, error) {
	return nil, f.Err
}

func (f Failing) Utilization(context.Context, string, []Window) ([]engine.UtilizationSummary, error) {
	return nil, f.Err
}

func (f Failing) DailyCosts(context.Context, time.Time, time.Time) ([]CostRecord, error) {
	return nil, f.Err
}

func (f Failing) Models(context.Context) ([]catalog.Model, error) { return nil, f.Err }

func (f Failing) Readiness(context.Context) ([]EndpointStatus, error) { return nil, f.Err }
