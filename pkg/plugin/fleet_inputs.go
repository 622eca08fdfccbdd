package plugin

import (
	"fmt"
	"time"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/sources"
)

// fleetInputs are everything a fleet-wide query reads: the declared models
// (narrowed to the query's model when one is set), the catalog for targets,
// the range and the connectors, any of which may be nil when not configured.
type fleetInputs struct {
	models    []catalog.Model
	catalog   *catalog.Catalog
	from, to  time.Time
	now       time.Time
	step      time.Duration // serving step, aligned to the query interval
	inference sources.InferenceSource
	serving   sources.ServingSource
	billing   sources.BillingSource
	executed  string // describes the query for frame meta
}

// fleetInputsOf resolves a fleet query: every catalog model, or the query's model.
func fleetInputsOf(qc *queryContext) (fleetInputs, error) {
	models := qc.Settings.Catalog.Models
	scope := "every catalog model"
	if qc.Query.Model != "" {
		m, err := modelOf(qc)
		if err != nil {
			return fleetInputs{}, err
		}
		models, scope = []catalog.Model{m}, m.ID
	}
	from, to := qc.Range.From.UTC(), qc.Range.To.UTC()
	step, _ := alignedStep(from, to, qc.Interval, minServingStep)
	return fleetInputs{
		models: models, catalog: &qc.Settings.Catalog,
		from: from, to: to, now: qc.Now.UTC(), step: step,
		inference: qc.Inference, serving: qc.Serving, billing: qc.Billing,
		executed: fmt.Sprintf("%s of %s from %s to %s", qc.Query.QueryType, scope, from.Format(time.RFC3339), to.Format(time.RFC3339)),
	}, nil
}

// fleetTargets are the fleet-wide targets: the declared ones over the defaults.
func (in fleetInputs) fleetTargets() catalog.Targets {
	return in.catalog.Targets.Or(catalog.Defaults)
}

// end is the end of the measured range: data stops at now.
func (in fleetInputs) end() time.Time {
	if in.now.Before(in.to) {
		return in.now
	}
	return in.to
}
