import { FieldType, toDataFrame } from '@grafana/data';

const T1 = Date.UTC(2026, 10, 20);
const T2 = Date.UTC(2026, 10, 21);
export const TIMES = [T1, T2];

/** driftScores + driftDistributions as the backend emits them (pkg/frames/drift.go). */
export function driftFrames() {
  const scores = toDataFrame({
    name: 'driftScores',
    meta: { custom: { datasetDrift: true, driftedShare: 0.5, model: 'risk-assessment' } },
    fields: [
      { name: 'time', type: FieldType.time, values: [T1, T1, T2, T2] },
      { name: 'feature', type: FieldType.string, values: ['income', 'region', 'income', 'region'] },
      { name: 'method', type: FieldType.string, values: ['wasserstein', 'chisquare', 'wasserstein', 'chisquare'] },
      { name: 'score', type: FieldType.number, values: [0.02, 1.5, 0.3, 40] },
      { name: 'threshold', type: FieldType.number, values: [0.1, 0.05, 0.1, 0.05] },
      { name: 'drifted', type: FieldType.boolean, values: [false, false, true, true] },
      { name: 'pValue', type: FieldType.number, values: [null, 0.47, null, 0.0001] },
      { name: 'driftPercent', type: FieldType.number, values: [2, 3, 21, 18] },
    ],
  });
  const dists = toDataFrame({
    name: 'driftDistributions',
    fields: [
      { name: 'time', type: FieldType.time, values: [T2, T2, T2, T2] },
      { name: 'feature', type: FieldType.string, values: ['region', 'region', 'income', 'income'] },
      { name: 'bin', type: FieldType.string, values: ['north', 'south', '< 10', '≥ 10'] },
      { name: 'baseline', type: FieldType.number, values: [0.5, 0.5, 0.4, 0.6] },
      { name: 'current', type: FieldType.number, values: [0.8, 0.2, 0.1, 0.9] },
    ],
  });
  return [scores, dists];
}

/** fairnessGroups + fairnessDisparities as the backend emits them (pkg/frames/fairness.go). */
export function fairnessFrames() {
  const groups = toDataFrame({
    name: 'fairnessGroups',
    fields: [
      { name: 'attribute', type: FieldType.string, values: ['gender', 'gender', 'gender', 'age_group', 'age_group'] },
      { name: 'group', type: FieldType.string, values: ['female', 'male', 'other', '18-39', '40+'] },
      { name: 'n', type: FieldType.number, values: [4000, 5000, 12, 4500, 4512] },
      { name: 'selectionRate', type: FieldType.number, values: [0.2, 0.32, 0.5, 0.27, 0.26] },
      { name: 'tpr', type: FieldType.number, values: [0.8, 0.87, null, 0.85, 0.86] },
      { name: 'fpr', type: FieldType.number, values: [0.05, 0.08, null, 0.06, 0.06] },
      { name: 'ppv', type: FieldType.number, values: [0.7, 0.72, null, 0.71, 0.7] },
      { name: 'accuracy', type: FieldType.number, values: [0.9, 0.91, null, 0.9, 0.9] },
      { name: 'smallSample', type: FieldType.boolean, values: [false, false, true, false, false] },
    ],
  });
  const disparities = toDataFrame({
    name: 'fairnessDisparities',
    fields: [
      {
        name: 'attribute',
        type: FieldType.string,
        values: ['gender', 'gender', 'gender', 'age_group', 'age_group', 'age_group'],
      },
      {
        name: 'criterion',
        type: FieldType.string,
        values: [
          'demographicParityDifference',
          'demographicParityRatio',
          'equalOpportunityDifference',
          'demographicParityDifference',
          'demographicParityRatio',
          'equalOpportunityDifference',
        ],
      },
      { name: 'value', type: FieldType.number, values: [0.12, 0.625, 0.07, 0.01, 0.963, 0.01] },
      // Targets come from the catalog; 0.1 and 0.03 differ from the 5% default on purpose.
      { name: 'target', type: FieldType.number, values: [0.1, 0.8, 0.03, 0.1, 0.8, 0.03] },
      { name: 'pass', type: FieldType.boolean, values: [false, false, false, true, true, true] },
    ],
  });
  return [groups, disparities];
}
