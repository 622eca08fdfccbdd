export type DriftSort = 'current' | 'name';
export type ColorScheme = 'theme' | 'colorblind';

export interface DriftOptions {
  sortBy: DriftSort;
  topN: number;
  colorScheme: ColorScheme;
}

export interface DriftCell {
  time: number;
  score: number | null;
  threshold: number;
  drifted: boolean;
  pValue: number | null;
  driftPercent: number | null;
  /** The backend withheld the score: the window holds too few values to tell drift from noise. */
  tooFewRows: boolean;
  /** Why the score is withheld, as the backend says it. */
  reason: string;
}

export interface FeatureRow {
  feature: string;
  method: string;
  cells: DriftCell[]; // aligned with DriftData.times; a missing window is null-scored
}

export interface Distribution {
  bins: string[];
  baseline: number[];
  current: number[];
}

export interface DriftData {
  times: number[];
  features: FeatureRow[];
  datasetDrift: boolean | null;
  driftedShare: number | null;
  model?: string;
  distributions: Map<string, Distribution>;
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; error: string };
