package monitor

import (
	"github.com/aiperf/monitor/pkg/catalog"
)

// fleetModels are the models a fleet query covers: every catalog model, or
// the query's model when it names one.
func (r *Request) fleetModels() ([]catalog.Model, error) {
	if r.Query.Model == "" {
		return r.Catalog.Models, nil
	}
	m, err := r.model()
	if err != nil {
		return nil, err
	}
	return []catalog.Model{m}, nil
}

// scope describes the models in scope for executed-query texts.
func (r *Request) scope() string {
	if r.Query.Model != "" {
		return r.Query.Model
	}
	return "every catalog model"
}

// fleetTargets are the fleet-wide targets: the declared ones over the defaults.
func (r *Request) fleetTargets() catalog.Targets {
	return r.Catalog.Targets.Or(catalog.Defaults)
}
