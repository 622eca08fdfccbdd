package monitor

import (
	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/query"
)

// handlers maps every query type to its handler; query.Types lists the same
// types for the editor, and a test keeps the two in step.
var handlers = map[query.Type]Handler{
	query.QueryTypeLatency:            latencyFrames,
	query.QueryTypeThroughput:         throughputFrames,
	query.QueryTypeErrorRate:          errorRateFrames,
	query.QueryTypeQuality:            qualityFrames,
	query.QueryTypeConfusionMatrix:    confusionMatrixFrames,
	query.QueryTypeReliability:        reliabilityFrames,
	query.QueryTypeDrift:              driftFrames,
	query.QueryTypeDriftTrend:         driftTrendFrames,
	query.QueryTypeDriftDistribution:  driftDistributionFrames,
	query.QueryTypeFairness:           fairnessFrames,
	query.QueryTypeFairnessTrend:      fairnessTrendFrames,
	query.QueryTypeDataQuality:        dataQualityFrames,
	query.QueryTypeFleetHealth:        fleetHealthFrames,
	query.QueryTypeHealthTrend:        healthTrendFrames,
	query.QueryTypeKpis:               kpisFrames,
	query.QueryTypeUtilization:        utilizationFrames,
	query.QueryTypeSlaMatrix:          slaMatrixFrames,
	query.QueryTypeBurnRate:           burnRateFrames,
	query.QueryTypeIncidents:          incidentsFrames,
	query.QueryTypeCost:               costFrames,
	query.QueryTypeCostSummary:        costSummaryFrames,
	query.QueryTypeSavings:            savingsFrames,
	query.QueryTypeInventory:          inventoryFrames,
	query.QueryTypeRegulations:        regulationsFrames,
	query.QueryTypeMeasures:           measuresFrames,
	query.QueryTypeAlertHistory:       alertHistoryFrames,
	query.QueryTypeAvailability:       availabilityFrames,
	query.QueryTypeReadiness:          readinessFrames,
	query.QueryTypeTokens:             tokensFrames,
	query.QueryTypeTimeToFirstToken:   timeToFirstTokenFrames,
	query.QueryTypeTimePerOutputToken: timePerOutputTokenFrames,
	query.QueryTypeKVCache:            kvCacheFrames,
	query.QueryTypeConfigDrift:        configurationDriftFrames,
	query.QueryTypeComplianceFacts:    complianceFactsFrames,
	query.QueryTypeEvidence:           evidenceFrames,
}

func errUnknownType(t query.Type) error {
	return fault.Userf("queryType %s has no handler", fault.Echo(string(t)))
}
