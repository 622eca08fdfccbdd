import { goldenFrames } from '../../test/golden';
import { parityRatio, parseFairnessFrames } from './parseFairness';

// The frames the Go backend returns for `fairness` on the provisioned demo
// (pkg/plugin/testdata/golden/fairness.jsonc): Risk Assessment over 7 days.
describe('fairness panel on the backend golden frames', () => {
  const parsed = parseFairnessFrames(goldenFrames('fairness'));

  it('reads both sensitive attributes with their groups and criteria', () => {
    if (!parsed.ok) {
      throw new Error(parsed.error);
    }
    expect(parsed.data.map((a) => a.attribute).sort()).toEqual(['age_group', 'gender']);
    for (const a of parsed.data) {
      expect(a.groups.length).toBeGreaterThan(1);
      expect(a.disparities.map((d) => d.criterion)).toContain('demographicParityRatio');
    }
  });

  it('shows the demo bias as the backend judged it: gender fails the four-fifths rule', () => {
    if (!parsed.ok) {
      throw new Error(parsed.error);
    }
    const gender = parsed.data.find((a) => a.attribute === 'gender')!;
    const ratio = gender.disparities.find((d) => d.criterion === 'demographicParityRatio')!;
    expect(ratio.pass).toBe(false);
    expect(parityRatio(gender)).toBe(ratio.value);
    expect(ratio.value!).toBeLessThan(0.8);
  });
});
