import { FieldColorModeId, FieldType, type DataFrame, type FieldColor } from '@grafana/data';
import type { CustomTransformOperator } from '@grafana/scenes';
import { map } from 'rxjs';

/**
 * Turns the `kpis` frame (one row per KPI, with its unit and the data source's
 * verdict against the target) into one field per KPI carrying that unit and a colour
 * for the verdict, so a stat panel formats each value as what it is (99.5%, 162 ms,
 * $0.0007) and shows the same ok/breach the data source decided.
 */
export const kpiFields: CustomTransformOperator = () => (source) =>
  source.pipe(map((frames) => frames.map((frame) => (frame.name === 'kpis' ? toFields(frame) : frame))));

export function toFields(frame: DataFrame): DataFrame {
  const column = (name: string) => frame.fields.find((f) => f.name === name)?.values ?? [];
  const [kpi, value, unit, status] = ['kpi', 'value', 'unit', 'status'].map(column);
  return {
    name: frame.name,
    length: 1,
    fields: kpi.map((name, i) => ({
      name: String(name),
      type: FieldType.number,
      values: [value[i]],
      config: { unit: unit[i] || undefined, color: verdictColor(status[i]) },
    })),
  };
}

/** Green for `ok`, red for `breach`; no colour for a KPI the data source could not judge. */
function verdictColor(status: unknown): FieldColor | undefined {
  const color = status === 'ok' ? 'green' : status === 'breach' ? 'red' : undefined;
  return color ? { mode: FieldColorModeId.Fixed, fixedColor: color } : undefined;
}
