export type FairnessMetric = 'selectionRate' | 'tpr' | 'fpr' | 'ppv' | 'accuracy';
export type ReferenceMode = 'largest' | 'best' | 'named';

export interface FairnessOptions {
  metric: FairnessMetric;
  reference: ReferenceMode;
  referenceGroup?: string;
  target: number;
}

export interface GroupRates {
  group: string;
  n: number;
  smallSample: boolean;
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
