/**
 * The declared catalog (data source jsonData), as pkg/catalog/catalog.go declares it:
 * the same JSON names, so the settings page edits exactly what the backend reads.
 */
export interface CatalogTargets {
  accuracyDropAlert?: number;
  p95LatencyMs?: number;
  uptime?: number;
  mttrMinutes?: number;
  costPerPrediction?: number;
  fairnessGap?: number;
  errorRate?: number;
  utilisation?: number;
}

export type Task = 'binary' | 'multiclass' | 'regression';

export interface CatalogModel {
  id: string;
  name?: string;
  owner?: string;
  riskClass?: string;
  version?: string;
  task?: Task | string;
  primaryMetric?: string;
  baselineDays?: number;
  /** YYYY-MM-DD, exclusive; empty: the days before the range (a rolling reference). */
  baselineEnd?: string;
  labelDelayHours?: number;
  expectedGapMinutes?: number;
  businessValuePerMonth?: number;
  budgetPerMonth?: number;
  retentionDays?: number;
  /** What the model is for (EU AI Act Art. 11 technical documentation). */
  intendedPurpose?: string;
  targets?: CatalogTargets;
}

export interface Regulation {
  regulation: string;
  scope?: string;
  owner?: string;
  status?: string;
  lastReview?: string;
  nextReview?: string;
}

export interface Catalog {
  models?: CatalogModel[];
  targets?: CatalogTargets;
  monthlyBudget?: number;
  /** ISO 4217 code of every declared amount; USD when empty. */
  currency?: string;
  regulations?: Regulation[];
}

/** The seed documents' objectives (catalog.Defaults), shown where a target is left empty. */
export const DEFAULT_TARGETS: Required<CatalogTargets> = {
  accuracyDropAlert: 0.05,
  p95LatencyMs: 200,
  uptime: 0.995,
  mttrMinutes: 30,
  costPerPrediction: 0.005,
  fairnessGap: 0.05,
  errorRate: 0.01,
  utilisation: 0.8,
};
