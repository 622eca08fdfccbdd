import { QueryType, type QueryTypeInfo } from './types';

const MODEL_ONLY = { needsModel: true, needsFeature: false, needsAttribute: false };
const FLEET_WIDE = { needsModel: false, needsFeature: false, needsAttribute: false };

/**
 * The query types of docs/queries.md. The backend serves the same list from its
 * `query-types` resource; this copy lets the editor work before it answers.
 */
export const QUERY_TYPES: QueryTypeInfo[] = [
  {
    value: QueryType.Latency,
    label: 'Latency',
    description: 'p50, p95 and p99 serving latency over time',
    ...MODEL_ONLY,
  },
  { value: QueryType.Throughput, label: 'Throughput', description: 'Requests per second over time', ...MODEL_ONLY },
  { value: QueryType.ErrorRate, label: 'Error rate', description: 'Share of failed requests over time', ...MODEL_ONLY },
  {
    value: QueryType.Quality,
    label: 'Quality',
    description: 'Quality metrics over time against the baseline, with label-free estimates while labels are pending',
    ...MODEL_ONLY,
  },
  {
    value: QueryType.ConfusionMatrix,
    label: 'Confusion matrix',
    description: 'Counts of actual versus predicted classes',
    ...MODEL_ONLY,
  },
  {
    value: QueryType.Reliability,
    label: 'Reliability diagram',
    description: 'Mean predicted score versus observed rate per score bin (calibration)',
    ...MODEL_ONLY,
  },
  {
    value: QueryType.Drift,
    label: 'Drift',
    description: 'Drift score, test and distributions of every feature against the baseline',
    ...MODEL_ONLY,
  },
  {
    value: QueryType.DriftTrend,
    label: 'Drift trend',
    description: 'Drift % per feature, prediction and concept drift over time',
    ...MODEL_ONLY,
  },
  {
    value: QueryType.DriftDistribution,
    label: 'Drift distribution',
    description: 'Baseline versus current distribution of one feature',
    needsModel: true,
    needsFeature: true,
    needsAttribute: false,
  },
  {
    value: QueryType.Fairness,
    label: 'Fairness',
    description: 'Per-group rates and disparity criteria for sensitive attributes',
    ...MODEL_ONLY,
  },
  {
    value: QueryType.FairnessTrend,
    label: 'Fairness trend',
    description: 'Disparity criteria per sensitive attribute over time',
    ...MODEL_ONLY,
  },
  {
    value: QueryType.DataQuality,
    label: 'Data quality',
    description: 'Completeness, validity, outlier rate and schema conformance per feature',
    ...MODEL_ONLY,
  },
  {
    value: QueryType.FleetHealth,
    label: 'Fleet health',
    description: 'Status, health score and its six dimensions for every model',
    ...FLEET_WIDE,
  },
  {
    value: QueryType.HealthTrend,
    label: 'Health trend',
    description: 'Health score and its six dimensions over time',
    ...FLEET_WIDE,
  },
  { value: QueryType.Kpis, label: 'KPIs', description: 'Key indicators against their targets', ...FLEET_WIDE },
  {
    value: QueryType.Utilization,
    label: 'Utilization',
    description: 'GPU, CPU, memory and storage utilization over time',
    ...FLEET_WIDE,
  },
  {
    value: QueryType.SlaMatrix,
    label: 'SLA matrix',
    description: 'Availability, p95 latency and error rate against their targets',
    ...FLEET_WIDE,
  },
  {
    value: QueryType.BurnRate,
    label: 'Error-budget burn rate',
    description: 'Multiwindow burn rates and which alerts would fire',
    ...FLEET_WIDE,
  },
  { value: QueryType.Incidents, label: 'Incidents', description: 'Incidents with MTTR and MTBF', ...FLEET_WIDE },
  {
    value: QueryType.Cost,
    label: 'Cost',
    description: 'Spend over time by category or by model',
    ...FLEET_WIDE,
  },
  {
    value: QueryType.CostSummary,
    label: 'Cost summary',
    description: 'Spend, cost per prediction, budget, month-end forecast and ROI per model',
    ...FLEET_WIDE,
  },
  { value: QueryType.Savings, label: 'Savings', description: 'Savings opportunities such as idle GPUs', ...FLEET_WIDE },
  {
    value: QueryType.Inventory,
    label: 'Model inventory',
    description: 'Models with owner, risk class, fairness status, audit coverage and retention',
    ...FLEET_WIDE,
  },
  {
    value: QueryType.Regulations,
    label: 'Regulations',
    description: 'Regulation register with owners, status and reviews',
    ...FLEET_WIDE,
  },
  {
    value: QueryType.Availability,
    label: 'Availability',
    description: 'Share of probed minutes the model was up, and downtime, over time',
    ...MODEL_ONLY,
  },
  {
    value: QueryType.Readiness,
    label: 'Endpoint readiness',
    description: 'Live model servers: liveness, readiness, versions and platform per model',
    ...FLEET_WIDE,
  },
  { value: QueryType.Tokens, label: 'Tokens', description: 'LLM prompt and generated tokens per second', ...MODEL_ONLY },
  {
    value: QueryType.TimeToFirstToken,
    label: 'Time to first token',
    description: 'LLM p50/p95/p99 time to first token over time',
    ...MODEL_ONLY,
  },
  {
    value: QueryType.TimePerOutputToken,
    label: 'Time per output token',
    description: 'LLM p50/p95/p99 time per generated token over time',
    ...MODEL_ONLY,
  },
  { value: QueryType.KVCache, label: 'KV cache', description: 'LLM KV-cache occupancy, mean and peak', ...MODEL_ONLY },
];

/** Families shown as groups in the query type picker. */
export const QUERY_TYPE_GROUPS: Record<QueryType, string> = {
  [QueryType.Latency]: 'Serving',
  [QueryType.Throughput]: 'Serving',
  [QueryType.ErrorRate]: 'Serving',
  [QueryType.Quality]: 'Model quality',
  [QueryType.ConfusionMatrix]: 'Model quality',
  [QueryType.Reliability]: 'Model quality',
  [QueryType.Drift]: 'Drift',
  [QueryType.DriftTrend]: 'Drift',
  [QueryType.DriftDistribution]: 'Drift',
  [QueryType.Fairness]: 'Fairness',
  [QueryType.FairnessTrend]: 'Fairness',
  [QueryType.DataQuality]: 'Data quality',
  [QueryType.FleetHealth]: 'Fleet',
  [QueryType.HealthTrend]: 'Fleet',
  [QueryType.Kpis]: 'Fleet',
  [QueryType.Utilization]: 'Infrastructure',
  [QueryType.SlaMatrix]: 'Infrastructure',
  [QueryType.BurnRate]: 'Infrastructure',
  [QueryType.Incidents]: 'Infrastructure',
  [QueryType.Cost]: 'Cost',
  [QueryType.CostSummary]: 'Cost',
  [QueryType.Savings]: 'Cost',
  [QueryType.Inventory]: 'Compliance',
  [QueryType.Regulations]: 'Compliance',
  [QueryType.Availability]: 'Infrastructure',
  [QueryType.Readiness]: 'Infrastructure',
  [QueryType.Tokens]: 'LLM serving',
  [QueryType.TimeToFirstToken]: 'LLM serving',
  [QueryType.TimePerOutputToken]: 'LLM serving',
  [QueryType.KVCache]: 'LLM serving',
};

/** Optional query fields, and the types that read them (docs/queries.md, "used by"). */
export const OPTIONAL_FIELDS = ['feature', 'attribute', 'metrics', 'method', 'groupBy'] as const;
export type OptionalField = (typeof OPTIONAL_FIELDS)[number];

const FIELDS_BY_TYPE: Partial<Record<QueryType, OptionalField[]>> = {
  [QueryType.Quality]: ['metrics'],
  [QueryType.Drift]: ['method'],
  [QueryType.DriftTrend]: ['method'],
  [QueryType.DriftDistribution]: ['feature'],
  [QueryType.Fairness]: ['attribute'],
  [QueryType.FairnessTrend]: ['attribute'],
  [QueryType.Cost]: ['groupBy'],
};

/** Whether the editor shows `field` for queries of `queryType`. */
export function usesField(queryType: string | undefined, field: OptionalField): boolean {
  return FIELDS_BY_TYPE[queryType as QueryType]?.includes(field) ?? false;
}

/** The description of `queryType`, from `types` (the backend's list) or the built-in copy. */
export function findQueryType(
  queryType: string | undefined,
  types: QueryTypeInfo[] = QUERY_TYPES
): QueryTypeInfo | undefined {
  return types.find((t) => t.value === queryType) ?? QUERY_TYPES.find((t) => t.value === queryType);
}
