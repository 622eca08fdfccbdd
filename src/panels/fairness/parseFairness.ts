import { DataFrame } from '@grafana/data';

import { booleans, describeFrames, fieldOf, frameByName, missingFields, numbers, strings } from '../shared/frames';
import { Parsed } from '../drift/types';
import { AttributeFairness, FairnessMetric, GroupRates } from './types';

export const METRICS: FairnessMetric[] = ['selectionRate', 'tpr', 'fpr', 'ppv', 'accuracy'];
const GROUP_FIELDS = ['attribute', 'group', 'n', ...METRICS];
const DISPARITY_FIELDS = ['attribute', 'criterion', 'value', 'target', 'pass'];

/** The four-fifths rule: a parity ratio below 0.8 is adverse impact. */
export const FOUR_FIFTHS = 0.8;

export const CRITERIA: Record<string, string> = {
  demographicParityDifference: 'Demographic parity',
  demographicParityRatio: 'Parity ratio (four-fifths)',
  equalOpportunityDifference: 'Equal opportunity',
  equalizedOddsDifference: 'Equalized odds',
};

/** Turns the `fairness` query's frames into one section per sensitive attribute. */
export function parseFairnessFrames(series: DataFrame[]): Parsed<AttributeFairness[]> {
  const groups = frameByName(series, 'fairnessGroups');
  const disparities = frameByName(series, 'fairnessDisparities');
  if (!groups || !disparities) {
    return {
      ok: false,
      error: `This panel needs a fairness query (frames fairnessGroups and fairnessDisparities); got frames: ${describeFrames(series)}`,
    };
  }
  const missing = [...missingFields(groups, GROUP_FIELDS), ...missingFields(disparities, DISPARITY_FIELDS)];
  if (missing.length > 0) {
    return { ok: false, error: `The fairness frames lack the fields ${missing.join(', ')}; update the data source.` };
  }
  const byAttribute = new Map<string, AttributeFairness>();
  const section = (attribute: string) => {
    let a = byAttribute.get(attribute);
    if (!a) {
      a = { attribute, groups: [], disparities: [] };
      byAttribute.set(attribute, a);
    }
    return a;
  };

  const n = groups.length;
  const attrs = strings(fieldOf(groups, 'attribute'), n);
  const names = strings(fieldOf(groups, 'group'), n);
  const sizes = numbers(fieldOf(groups, 'n'), n);
  const small = booleans(fieldOf(groups, 'smallSample'), n);
  const isReference = booleans(fieldOf(groups, 'reference'), n);
  const rates = Object.fromEntries(METRICS.map((m) => [m, numbers(fieldOf(groups, m), n)])) as Record<
    FairnessMetric,
    Array<number | null>
  >;
  for (let i = 0; i < n; i++) {
    const g: GroupRates = {
      group: names[i],
      n: sizes[i] ?? 0,
      smallSample: small[i],
      reference: isReference[i],
      rates: Object.fromEntries(METRICS.map((m) => [m, rates[m][i]])) as GroupRates['rates'],
    };
    section(attrs[i]).groups.push(g);
  }

  const d = disparities.length;
  const dAttrs = strings(fieldOf(disparities, 'attribute'), d);
  const criteria = strings(fieldOf(disparities, 'criterion'), d);
  const values = numbers(fieldOf(disparities, 'value'), d);
  const targets = numbers(fieldOf(disparities, 'target'), d);
  const pass = booleans(fieldOf(disparities, 'pass'), d);
  for (let i = 0; i < d; i++) {
    section(dAttrs[i]).disparities.push({
      criterion: criteria[i],
      value: values[i],
      target: targets[i] ?? 0,
      pass: pass[i],
    });
  }
  return { ok: true, data: [...byAttribute.values()] };
}

/**
 * The group others are compared with: the one the backend marks (reference
 * `largest` or `named`), else, as the engine's `best` reference
 * (pkg/engine/fairness.go), the highest rate, for FPR the lowest (fewer false
 * alarms is better). Its differences are then max − min, so a group outside
 * reference ± target is exactly what fails the criterion. Groups too small to
 * judge are never the reference.
 */
export function referenceGroup(groups: GroupRates[], metric: FairnessMetric): GroupRates | undefined {
  const marked = groups.find((g) => g.reference);
  if (marked) {
    return marked;
  }
  const judged = groups.filter((g) => !g.smallSample && g.rates[metric] !== null);
  const better = (a: number, b: number) => (metric === 'fpr' ? a < b : a > b);
  return judged.reduce<GroupRates | undefined>(
    (best, g) => (!best || better(g.rates[metric]!, best.rates[metric]!) ? g : best),
    undefined
  );
}

/** The criterion whose target bounds each metric's gap between groups; PPV and accuracy have none. */
const BAND_CRITERION: Partial<Record<FairnessMetric, string>> = {
  selectionRate: 'demographicParityDifference',
  tpr: 'equalOpportunityDifference',
  fpr: 'equalizedOddsDifference',
};

/** The tolerated gap for `metric`: the target the backend set on the matching criterion. */
export function bandTarget(fairness: AttributeFairness, metric: FairnessMetric): number | null {
  const criterion = BAND_CRITERION[metric];
  return fairness.disparities.find((d) => d.criterion === criterion)?.target ?? null;
}

/** Whether a group's rate lies within ± target of the reference rate. */
export function withinBand(value: number | null, reference: number | null, target: number | null): boolean | null {
  if (value === null || reference === null || target === null) {
    return null;
  }
  return Math.abs(value - reference) <= target + 1e-12;
}

/** The engine's demographic parity ratio for an attribute (lowest over highest selection rate). */
export function parityRatio(fairness: AttributeFairness): number | null {
  return fairness.disparities.find((d) => d.criterion === 'demographicParityRatio')?.value ?? null;
}
