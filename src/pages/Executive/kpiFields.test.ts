import { FieldType, toDataFrame } from '@grafana/data';

import { toFields } from './kpiFields';

describe('kpi fields', () => {
  it('gives each KPI its own field in the unit its row names', () => {
    const frame = toDataFrame({
      name: 'kpis',
      fields: [
        { name: 'kpi', type: FieldType.string, values: ['uptime', 'responseTimeP95'] },
        { name: 'value', type: FieldType.number, values: [0.999, 162] },
        { name: 'target', type: FieldType.number, values: [0.995, 200] },
        { name: 'unit', type: FieldType.string, values: ['percentunit', 'ms'] },
      ],
    });
    const out = toFields(frame);
    expect(out.length).toBe(1);
    expect(out.fields.map((f) => [f.name, f.values[0], f.config.unit])).toEqual([
      ['uptime', 0.999, 'percentunit'],
      ['responseTimeP95', 162, 'ms'],
    ]);
  });
});
