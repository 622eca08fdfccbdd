import { FieldType, toDataFrame, ThresholdsMode } from '@grafana/data';
import { lastValueFrom, of } from 'rxjs';

import { thresholdsInView, withThresholdsInView } from './thresholdsInView';

const latency = () =>
  toDataFrame({
    name: 'latency',
    fields: [
      { name: 'time', type: FieldType.time, values: [1, 2] },
      { name: 'p50', type: FieldType.number, values: [40, 50], config: { unit: 'ms' } },
      {
        name: 'p95',
        type: FieldType.number,
        values: [90, 120],
        config: {
          unit: 'ms',
          thresholds: {
            mode: ThresholdsMode.Absolute,
            steps: [
              { value: -Infinity, color: 'green' },
              { value: 200, color: 'red' },
            ],
          },
        },
      },
    ],
  });

describe('thresholdsInView', () => {
  it('raises the soft maximum just above the target so its line shows', () => {
    const [, , p95] = withThresholdsInView(latency()).fields;
    expect(p95.config.custom).toEqual({ axisSoftMin: 0, axisSoftMax: 220 });
    expect(p95.config.unit).toBe('ms');
  });

  it('gives the other series of that unit the same range, so they share one axis', () => {
    const [, p50, p95] = withThresholdsInView(latency()).fields;
    expect(p50.config.custom).toEqual(p95.config.custom);
  });

  it('keeps a larger soft maximum and leaves fields without thresholds alone', () => {
    const frame = latency();
    frame.fields[2].config.custom = { axisSoftMax: 500 };
    const [time, , p95] = withThresholdsInView(frame).fields;
    expect(p95.config.custom?.axisSoftMax).toBe(500);
    expect(time).toBe(frame.fields[0]);
  });

  it('works as a scene transformation over every frame', async () => {
    const [frame] = await lastValueFrom(thresholdsInView({ interpolate: (v: string) => v })(of([latency()])));
    expect(frame.fields[2].config.custom?.axisSoftMax).toBe(220);
  });
});
