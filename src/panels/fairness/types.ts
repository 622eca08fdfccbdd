export type FairnessMetric = 'selectionRate' | 'tpr' | 'fpr' | 'ppv' | 'accuracy';

/** Only what to look at: targets, verdicts and the reference come from the data source's frames. */
export interface FairnessOptions {
  metric: FairnessMetric;
}

export interface GroupRates {
  group: string;
  n: number;
  smallSample: boolean;
  /** The backend compares every group with this one (reference `largest` or `named`). */
  reference: boolean;
  rates: Record<FairnessMetric, number | null>;
}

export interface Disparity {
  criterion: string;
  value: number | null;
  target: number;
  pass: boolean;
}

export interface AttributeFairness {
  attribute: string;
  groups: GroupRates[];
  disparities: Disparity[];
}
