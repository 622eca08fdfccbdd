import { FieldType, type DataFrame } from '@grafana/data';
import type { CustomTransformOperator } from '@grafana/scenes';
import { map } from 'rxjs';

/**
 * Turns the `kpis` frame (one row per KPI, with its unit in a column) into one
 * field per KPI carrying that unit, so a stat panel formats each value as what it
 * is (99.5%, 162 ms, $0.0007) instead of a table showing `percentunit` raw.
 */
export const kpiFields: CustomTransformOperator = () => (source) =>
  source.pipe(map((frames) => frames.map((frame) => (frame.name === 'kpis' ? toFields(frame) : frame))));

export function toFields(frame: DataFrame): DataFrame {
  const column = (name: string) => frame.fields.find((f) => f.name === name)?.values ?? [];
  const [kpi, value, unit] = ['kpi', 'value', 'unit'].map(column);
  return {
    name: frame.name,
    length: 1,
    fields: kpi.map((name, i) => ({
      name: String(name),
      type: FieldType.number,
      values: [value[i]],
      config: { unit: unit[i] || undefined },
    })),
  };
}
