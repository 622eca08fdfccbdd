import { FieldType, toDataFrame } from '@grafana/data';
import { lastValueFrom, of } from 'rxjs';

import { filterRows, onlyFrame } from './queries';

const sla = () =>
  toDataFrame({
    name: 'slaMatrix',
    fields: [
      { name: 'model', type: FieldType.string, values: ['a', 'a', 'b'] },
      {
        name: 'objective',
        type: FieldType.string,
        values: ['availability', 'latencyP95', 'availability'],
        config: { displayName: 'Objective' },
      },
      { name: 'target', type: FieldType.number, values: [0.995, 200, 0.99] },
    ],
  });

describe('page transformations', () => {
  it('keeps the rows of one objective by field name, whatever its display name', () => {
    const frame = filterRows(sla(), 'objective', 'availability');
    expect(frame.length).toBe(2);
    expect(frame.fields.map((f) => f.values)).toEqual([
      ['a', 'b'],
      ['availability', 'availability'],
      [0.995, 0.99],
    ]);
  });

  it('keeps only the named frame', async () => {
    const stats = toDataFrame({ name: 'incidentStats', fields: [] });
    const out = await lastValueFrom(onlyFrame('incidentStats')({ interpolate: (v: string) => v })(of([sla(), stats])));
    expect(out.map((f) => f.name)).toEqual(['incidentStats']);
  });
});
