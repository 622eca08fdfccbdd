import { FieldType, toDataFrame } from '@grafana/data';

import { toFields } from './kpiFields';

const kpis = () =>
  toDataFrame({
    name: 'kpis',
    fields: [
      { name: 'kpi', type: FieldType.string, values: ['uptime', 'responseTimeP95', 'accuracyDrift'] },
      { name: 'value', type: FieldType.number, values: [0.999, 162, 0.09] },
      { name: 'target', type: FieldType.number, values: [0.995, 200, 0.05] },
      { name: 'unit', type: FieldType.string, values: ['percentunit', 'ms', 'percentunit'] },
      { name: 'status', type: FieldType.string, values: ['ok', 'ok', 'breach'] },
      { name: 'direction', type: FieldType.string, values: ['above', 'below', 'below'] },
    ],
  });

describe('kpi fields', () => {
  it('gives each KPI its own field in the unit its row names', () => {
    const out = toFields(kpis());
    expect(out.length).toBe(1);
    expect(out.fields.map((f) => [f.name, f.values[0], f.config.unit])).toEqual([
      ['uptime', 0.999, 'percentunit'],
      ['responseTimeP95', 162, 'ms'],
      ['accuracyDrift', 0.09, 'percentunit'],
    ]);
  });

  it("colours each KPI by the data source's verdict", () => {
    const [uptime, , drift] = toFields(kpis()).fields;
    expect(uptime.config.color).toEqual({ mode: 'fixed', fixedColor: 'green' });
    expect(drift.config.color).toEqual({ mode: 'fixed', fixedColor: 'red' });
  });
});
