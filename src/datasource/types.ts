import type { DataQuery, DataSourceJsonData } from '@grafana/schema';

import type { Catalog } from './config/catalog';
import type { BillingFeed } from './config/billingFeeds';
import type { EndpointsSettings, ServingSettings } from './config/types';
import type { InferenceSettings } from './config/inference';

/** Mirrors pkg/query QueryType* constants one to one (docs/queries.md). */
export enum QueryType {
  Latency = 'latency',
  Throughput = 'throughput',
  ErrorRate = 'errorRate',
  Quality = 'quality',
  ConfusionMatrix = 'confusionMatrix',
  Reliability = 'reliability',
  Drift = 'drift',
  DriftTrend = 'driftTrend',
  DriftDistribution = 'driftDistribution',
  Fairness = 'fairness',
  FairnessTrend = 'fairnessTrend',
  DataQuality = 'dataQuality',
  FleetHealth = 'fleetHealth',
  HealthTrend = 'healthTrend',
  Kpis = 'kpis',
  Utilization = 'utilization',
  SlaMatrix = 'slaMatrix',
  BurnRate = 'burnRate',
  Incidents = 'incidents',
  Cost = 'cost',
  CostSummary = 'costSummary',
  Savings = 'savings',
  Inventory = 'inventory',
  Regulations = 'regulations',
  Measures = 'measures',
  AlertHistory = 'alertHistory',
  ConfigurationDrift = 'configurationDrift',
  ComplianceFacts = 'complianceFacts',
  Evidence = 'evidence',
  Availability = 'availability',
  Readiness = 'readiness',
  Tokens = 'tokens',
  TimeToFirstToken = 'timeToFirstToken',
  TimePerOutputToken = 'timePerOutputToken',
  KVCache = 'kvCache',
}

export type DriftMethod = 'auto' | 'psi' | 'ks' | 'wasserstein' | 'js' | 'js2' | 'chisquare' | 'ztest' | 'tvd';

export type CostGroupBy = 'category' | 'model' | 'provider';

export type FairnessReference = 'best' | 'largest' | 'named';

/** The query model shared with the Go backend (pkg/query). */
export interface AiperfQuery extends DataQuery {
  queryType?: QueryType;
  model?: string;
  feature?: string;
  attribute?: string;
  metrics?: string[];
  method?: DriftMethod;
  groupBy?: CostGroupBy;
  /** What a `measures` query returns (docs/queries.md, "Alert measures"). */
  measure?: string;
  /** Fairness: the group disparities compare with (`best` when unset). */
  reference?: FairnessReference;
  /** Fairness with `reference: named`: the group's name. */
  referenceGroup?: string;
  /** Evidence register filters: a check kind and an outcome ('all' or absent: no filter). */
  check?: string;
  outcome?: string;
}

/** Non-secret settings (jsonData): the demo switch and the declared catalog (pkg/plugin/settings.go). */
export interface AiperfDataSourceOptions extends DataSourceJsonData, Catalog {
  demoEnabled?: boolean;
  billing?: BillingFeed[];
  inference?: InferenceSettings;
  serving?: ServingSettings;
  endpoints?: EndpointsSettings;
}

/** Secret settings; they never come back to the browser, only `secureJsonFields` flags do. */
export interface AiperfSecureJsonData {}

/** One model of the catalog, as returned by the `models` resource. */
export interface ModelInfo {
  id: string;
  name: string;
  task: string;
  /** Where the model's facts come from: `settings`, `registry` or `settings over registry`. */
  origin: string;
}

/** One input feature of a model, as returned by the `features` resource. */
export interface FeatureInfo {
  name: string;
  kind: string;
}

/** How a query type is described to users, as returned by the `query-types` resource. */
export interface QueryTypeInfo {
  value: string;
  label: string;
  description: string;
  needsModel: boolean;
  needsFeature: boolean;
  needsAttribute: boolean;
}

/** One measure of the `measures` query, as returned by the `measures` resource. */
export interface MeasureInfo {
  value: string;
  description: string;
  /** The label telling a model's several series apart (attribute, resource, signal). */
  dimension?: string;
  /** The range the provisioned alert rules read it over, e.g. "168h0m0s". */
  lookback: string;
}

/** Which catalog list a template variable query reads. */
export enum VariableResource {
  Models = 'models',
  Features = 'features',
  Attributes = 'attributes',
}

/** The query behind a `$model`, `$feature` or `$attribute` template variable. */
export interface AiperfVariableQuery extends DataQuery {
  resource: VariableResource;
  /** The model whose features or attributes to list; may itself be a variable such as `$model`. */
  model?: string;
}
