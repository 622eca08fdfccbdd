import { goldenFrames } from '../../test/golden';
import { parseDriftFrames } from './parseDrift';

// The frames the Go backend returns for `drift` on the provisioned demo
// (pkg/plugin/testdata/golden/drift.jsonc): Risk Assessment, 7 daily windows.
describe('drift panel on the backend golden frames', () => {
  const parsed = parseDriftFrames(goldenFrames('drift'));

  it('parses every feature and window the backend sent', () => {
    if (!parsed.ok) {
      throw new Error(parsed.error);
    }
    expect(parsed.data.features.map((f) => f.feature).sort()).toEqual(
      [
        'age',
        'credit_utilization',
        'debt_to_income',
        'employment_type',
        'income',
        'loan_amount',
        'loan_purpose',
        'months_employed',
        'region',
      ].sort()
    );
    expect(parsed.data.times.length).toBeGreaterThanOrEqual(7);
    expect(parsed.data.datasetDrift).not.toBeNull();
    expect(parsed.data.distributions.size).toBeGreaterThan(0);
  });

  it('shows the scripted drift of the demo as the backend judged it', () => {
    if (!parsed.ok) {
      throw new Error(parsed.error);
    }
    const latest = (feature: string) => {
      const row = parsed.data.features.find((f) => f.feature === feature)!;
      return row.cells[row.cells.length - 2]; // the last full day; the open one may be thin
    };
    expect(latest('loan_amount').drifted).toBe(true);
    expect(latest('income').drifted).toBe(false);
  });

  it('explains every cell the backend did not score', () => {
    if (!parsed.ok) {
      throw new Error(parsed.error);
    }
    for (const row of parsed.data.features) {
      for (const cell of row.cells) {
        if (cell.score === null && cell.tooFewRows) {
          expect(cell.reason).not.toBe('');
        }
      }
    }
  });
});
