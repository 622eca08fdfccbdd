// Package query is the data source's query model: the JSON a panel, Explore
// or an alert rule sends, parsed and validated. It mirrors
// src/datasource/types.ts one to one (docs/queries.md).
package query

// Type is a query type, routed by the SDK's QueryTypeMux.
type Type string

// Query types; the TypeScript QueryType enum holds the same values.
const (
	QueryTypeLatency            Type = "latency"
	QueryTypeThroughput         Type = "throughput"
	QueryTypeErrorRate          Type = "errorRate"
	QueryTypeQuality            Type = "quality"
	QueryTypeConfusionMatrix    Type = "confusionMatrix"
	QueryTypeReliability        Type = "reliability"
	QueryTypeDrift              Type = "drift"
	QueryTypeDriftTrend         Type = "driftTrend"
	QueryTypeDriftDistribution  Type = "driftDistribution"
	QueryTypeFairness           Type = "fairness"
	QueryTypeFairnessTrend      Type = "fairnessTrend"
	QueryTypeDataQuality        Type = "dataQuality"
	QueryTypeFleetHealth        Type = "fleetHealth"
	QueryTypeHealthTrend        Type = "healthTrend"
	QueryTypeKpis               Type = "kpis"
	QueryTypeUtilization        Type = "utilization"
	QueryTypeSlaMatrix          Type = "slaMatrix"
	QueryTypeBurnRate           Type = "burnRate"
	QueryTypeIncidents          Type = "incidents"
	QueryTypeCost               Type = "cost"
	QueryTypeCostSummary        Type = "costSummary"
	QueryTypeSavings            Type = "savings"
	QueryTypeInventory          Type = "inventory"
	QueryTypeRegulations        Type = "regulations"
	QueryTypeMeasures           Type = "measures"
	QueryTypeAlertHistory       Type = "alertHistory"
	QueryTypeAvailability       Type = "availability"
	QueryTypeReadiness          Type = "readiness"
	QueryTypeTokens             Type = "tokens"
	QueryTypeTimeToFirstToken   Type = "timeToFirstToken"
	QueryTypeTimePerOutputToken Type = "timePerOutputToken"
	QueryTypeKVCache            Type = "kvCache"
	QueryTypeConfigDrift        Type = "configurationDrift"
	QueryTypeComplianceFacts    Type = "complianceFacts"
	QueryTypeEvidence           Type = "evidence"
)

// Info describes a query type for the query editor (the `query-types` resource).
type Info struct {
	Value          Type   `json:"value"`
	Label          string `json:"label"`
	Description    string `json:"description"`
	NeedsModel     bool   `json:"needsModel"`
	NeedsFeature   bool   `json:"needsFeature"`
	NeedsAttribute bool   `json:"needsAttribute"`
}

// Types lists every query type in the order the editor shows them.
var Types = []Info{
	{QueryTypeLatency, "Latency", "p50/p95/p99 serving latency over time", true, false, false},
	{QueryTypeThroughput, "Throughput", "requests per second over time", true, false, false},
	{QueryTypeErrorRate, "Error rate", "share of failed requests over time", true, false, false},
	{QueryTypeQuality, "Model quality", "quality metrics per window against the baseline, with label-free estimates", true, false, false},
	{QueryTypeConfusionMatrix, "Confusion matrix", "actual × predicted counts over the range", true, false, false},
	{QueryTypeReliability, "Reliability curve", "calibration: mean predicted score vs observed rate", true, false, false},
	{QueryTypeDrift, "Drift (matrix)", "per-feature drift scores per window with distributions, for the drift panel", true, false, false},
	{QueryTypeDriftTrend, "Drift trend", "drift % per feature over time, plus prediction and concept drift", true, false, false},
	{QueryTypeDriftDistribution, "Drift distribution", "baseline vs current distribution of one feature", true, true, false},
	{QueryTypeFairness, "Fairness", "per-group rates and disparities, for the fairness panel", true, false, false},
	{QueryTypeFairnessTrend, "Fairness trend", "disparities per attribute over time", true, false, false},
	{QueryTypeDataQuality, "Data quality", "completeness, validity, outliers and schema conformance per feature", true, false, false},
	{QueryTypeFleetHealth, "Fleet health", "status, health score and recommended action per model", false, false, false},
	{QueryTypeHealthTrend, "Health trend", "health score and its six dimensions over time", false, false, false},
	{QueryTypeKpis, "KPIs", "uptime, response time, accuracy drift, cost per prediction and MTTR vs targets", false, false, false},
	{QueryTypeUtilization, "Utilization", "GPU, CPU, memory and storage utilisation over time", false, false, false},
	{QueryTypeSlaMatrix, "SLA matrix", "objectives with current and 30-day attainment", false, false, false},
	{QueryTypeBurnRate, "Error-budget burn", "multiwindow burn rates per model", false, false, false},
	{QueryTypeIncidents, "Incidents", "incidents with MTTR and MTBF", false, false, false},
	{QueryTypeCost, "Cost", "daily spend by category, model or provider, per currency", false, false, false},
	{QueryTypeCostSummary, "Cost summary", "cost per prediction, per 1k tokens, budget, forecast and ROI", false, false, false},
	{QueryTypeSavings, "Savings", "idle GPU and over-provisioning opportunities", false, false, false},
	{QueryTypeInventory, "Model inventory", "declared models with owners, risk class, fairness and retention status", false, false, false},
	{QueryTypeRegulations, "Regulation register", "declared regulations with status and next review", false, false, false},
	{QueryTypeMeasures, "Alert measures", "one number per model (and attribute, resource or signal) that the alert rules compare with their thresholds, for Grafana Alerting", false, false, false},
	{QueryTypeAlertHistory, "Alert history", "firings, time to resolve and flapping per alert rule and model, the rules evaluated over the range", false, false, false},
	{QueryTypeConfigDrift, "Configuration drift", "share of predictions served off the registry's production version or by a version without a baseline", false, false, false},
	{QueryTypeComplianceFacts, "Compliance facts", "measured audit-trail coverage, retention, access failures, out-of-distribution inputs and versions, with who measured them", false, false, false},
	{QueryTypeEvidence, "Evidence register", "every check the monitors ran per window: inputs, outcome and the alert raised", false, false, false},
	{QueryTypeAvailability, "Availability", "share of probed minutes the model was up, and downtime, over time", true, false, false},
	{QueryTypeReadiness, "Endpoint readiness", "live model servers: liveness, readiness, versions and platform per model", false, false, false},
	{QueryTypeTokens, "Tokens", "LLM prompt and generated tokens per second over time", true, false, false},
	{QueryTypeTimeToFirstToken, "Time to first token", "LLM p50/p95/p99 time to first token over time", true, false, false},
	{QueryTypeTimePerOutputToken, "Time per output token", "LLM p50/p95/p99 time per generated token over time", true, false, false},
	{QueryTypeKVCache, "KV cache", "LLM KV-cache occupancy (mean and peak) over time", true, false, false},
}

// Lookup returns the description of a query type.
func Lookup(t Type) (Info, bool) {
	for _, info := range Types {
		if info.Value == t {
			return info, true
		}
	}
	return Info{}, false
}
