import { FieldType, toDataFrame } from '@grafana/data';

import { driftFrames, TIMES } from '../shared/testFrames';
import { currentSeverity, distributionKey, parseDriftFrames, severity, sortFeatures } from './parseDrift';

describe('parseDriftFrames', () => {
  it('builds a feature × window matrix with distributions', () => {
    const parsed = parseDriftFrames(driftFrames());
    if (!parsed.ok) {
      throw new Error(parsed.error);
    }
    expect(parsed.data.times).toEqual(TIMES);
    expect(parsed.data.features.map((f) => [f.feature, f.method])).toEqual([
      ['income', 'wasserstein'],
      ['region', 'chisquare'],
    ]);
    expect(parsed.data.datasetDrift).toBe(true);
    expect(parsed.data.driftedShare).toBe(0.5);
    expect(parsed.data.model).toBe('risk-assessment');
    expect(parsed.data.features[1].cells[1]).toMatchObject({ score: 40, pValue: 0.0001, drifted: true });
    expect(parsed.data.distributions.get(distributionKey('region', TIMES[1]))).toEqual({
      bins: ['north', 'south'],
      baseline: [0.5, 0.5],
      current: [0.8, 0.2],
    });
  });

  it('names the frames it got when the query is not a drift query', () => {
    const other = toDataFrame({ name: 'latency', fields: [{ name: 'time', type: FieldType.time, values: [1] }] });
    const parsed = parseDriftFrames([other]);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toContain('got frames: latency');
  });

  it('reports missing fields', () => {
    const [scores] = driftFrames();
    scores.fields = scores.fields.filter((f) => f.name !== 'threshold');
    const parsed = parseDriftFrames([scores]);
    expect(!parsed.ok && parsed.error).toContain('lacks the fields threshold');
  });

  it('keeps windows without a score as empty cells', () => {
    const [scores] = driftFrames();
    scores.fields.find((f) => f.name === 'score')!.values[0] = null;
    const parsed = parseDriftFrames([scores]);
    expect(parsed.ok && parsed.data.features[0].cells[0].score).toBeNull();
  });
});

describe('severity and sorting', () => {
  const parsed = parseDriftFrames(driftFrames());
  const rows = parsed.ok ? parsed.data.features : [];

  it('compares distances to the threshold and p-values below it', () => {
    expect(severity('wasserstein', rows[0].cells[1])).toBeCloseTo(3);
    expect(severity('chisquare', rows[1].cells[0])).toBeCloseTo(0.05 / 0.47);
    expect(severity('chisquare', rows[1].cells[1])).toBeCloseTo(500);
  });

  it('sorts by current drift or by name', () => {
    expect(currentSeverity(rows[1])).toBeGreaterThan(currentSeverity(rows[0]));
    expect(sortFeatures(rows, 'current').map((r) => r.feature)).toEqual(['region', 'income']);
    expect(sortFeatures(rows, 'name').map((r) => r.feature)).toEqual(['income', 'region']);
  });
});
