package plugin

import (
	"context"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/query"
)

// fleetHandlers are the fleet, infrastructure, cost and compliance query types.
func fleetHandlers() map[query.Type]queryHandler {
	return map[query.Type]queryHandler{
		query.QueryTypeFleetHealth: fleetHandler(fleetHealthFrames),
		query.QueryTypeHealthTrend: fleetHandler(healthTrendFrames),
		query.QueryTypeKpis:        fleetHandler(kpisFrames),
		query.QueryTypeUtilization: fleetHandler(utilizationFrames),
		query.QueryTypeSlaMatrix:   fleetHandler(slaMatrixFrames),
		query.QueryTypeIncidents:   fleetHandler(incidentsFrames),
		query.QueryTypeBurnRate:    fleetHandler(burnRateFrames),
		query.QueryTypeCost: func(ctx context.Context, qc *queryContext) (data.Frames, error) {
			in, err := fleetInputsOf(qc)
			if err != nil {
				return nil, err
			}
			return costFrames(ctx, in, qc.Query.GroupBy)
		},
		query.QueryTypeCostSummary: fleetHandler(costSummaryFrames),
		query.QueryTypeSavings:     fleetHandler(savingsFrames),
		query.QueryTypeInventory:   fleetHandler(inventoryFrames),
		query.QueryTypeRegulations: fleetHandler(func(_ context.Context, in fleetInputs) (data.Frames, error) {
			return regulationsFrames(in)
		}),
	}
}

// fleetHandler adapts a fleet query to a queryHandler: it resolves the
// models in scope, the range and the connectors first.
func fleetHandler(answer func(context.Context, fleetInputs) (data.Frames, error)) queryHandler {
	return func(ctx context.Context, qc *queryContext) (data.Frames, error) {
		in, err := fleetInputsOf(qc)
		if err != nil {
			return nil, err
		}
		return answer(ctx, in)
	}
}
