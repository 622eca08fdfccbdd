import { FieldType, toDataFrame } from '@grafana/data';

import { fairnessFrames } from '../shared/testFrames';
import { bandTarget, parityRatio, parseFairnessFrames, referenceGroup, withinBand } from './parseFairness';

describe('parseFairnessFrames', () => {
  const parsed = parseFairnessFrames(fairnessFrames());
  const data = parsed.ok ? parsed.data : [];

  it('groups rows by sensitive attribute and keeps small groups', () => {
    expect(data.map((a) => a.attribute)).toEqual(['gender', 'age_group']);
    const other = data[0].groups.find((g) => g.group === 'other');
    expect(other).toMatchObject({ n: 12, smallSample: true });
    expect(other?.rates.tpr).toBeNull();
    expect(data[0].disparities[1]).toEqual({
      criterion: 'demographicParityRatio',
      value: 0.625,
      target: 0.8,
      pass: false,
    });
  });

  it('rejects other queries with the frames it got', () => {
    const p = parseFairnessFrames([
      toDataFrame({ name: 'quality', fields: [{ name: 'time', type: FieldType.time, values: [1] }] }),
    ]);
    expect(!p.ok && p.error).toContain('This panel needs a fairness query');
    expect(!p.ok && p.error).toContain('got frames: quality');
  });

  it('reports missing fields', () => {
    const [groups, disparities] = fairnessFrames();
    disparities.fields = disparities.fields.filter((f) => f.name !== 'pass');
    const p = parseFairnessFrames([groups, disparities]);
    expect(!p.ok && p.error).toContain('lack the fields pass');
  });
});

describe('reference group and rules', () => {
  const parsed = parseFairnessFrames(fairnessFrames());
  const gender = parsed.ok ? parsed.data[0].groups : [];

  it('never picks a group too small to judge', () => {
    // "other" has the highest selection rate (0.5) but only 12 rows.
    expect(referenceGroup(gender, 'selectionRate')?.group).toBe('male');
  });

  it('takes the lowest false positive rate as the best', () => {
    expect(referenceGroup(gender, 'fpr')?.group).toBe('female');
  });

  it("takes each metric's tolerated gap from the target of its criterion in the frames", () => {
    const [genderFairness] = parsed.ok ? parsed.data : [];
    expect(bandTarget(genderFairness, 'selectionRate')).toBe(0.1);
    expect(bandTarget(genderFairness, 'tpr')).toBe(0.03);
    expect(bandTarget(genderFairness, 'fpr')).toBeNull();
    expect(bandTarget(genderFairness, 'accuracy')).toBeNull();
  });

  it('applies the tolerated band', () => {
    expect(withinBand(0.2, 0.32, 0.05)).toBe(false);
    expect(withinBand(0.3, 0.32, 0.05)).toBe(true);
    expect(withinBand(null, 0.32, 0.05)).toBeNull();
    expect(withinBand(0.2, 0.32, null)).toBeNull();
  });

  it('reads the parity ratio the engine computed instead of recomputing it', () => {
    const parsed = parseFairnessFrames(fairnessFrames());
    const [gender, age] = parsed.ok ? parsed.data : [];
    expect(parityRatio(gender)).toBe(0.625);
    expect(parityRatio(age)).toBe(0.963);
    expect(parityRatio({ attribute: 'x', groups: [], disparities: [] })).toBeNull();
  });
});
