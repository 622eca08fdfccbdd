import { DataFrame, Field, FieldType } from '@grafana/data';

/** The app's drill-down for one model; the app id lives here once for both panels. */
export const APP_ID = 'aiperf-monitor-app';

export function modelUrl(model: string): string {
  return `/a/${APP_ID}/models/${encodeURIComponent(model)}`;
}

export function frameByName(series: DataFrame[], name: string): DataFrame | undefined {
  return series.find((f) => f.name === name);
}

export function fieldOf(frame: DataFrame, name: string): Field | undefined {
  return frame.fields.find((f) => f.name === name);
}

/** Reads a field's values, turning null/NaN into null so nothing invalid reaches a chart. */
export function numbers(field: Field | undefined, length: number): Array<number | null> {
  const out: Array<number | null> = [];
  for (let i = 0; i < length; i++) {
    const v = field?.values[i];
    out.push(typeof v === 'number' && Number.isFinite(v) ? v : null);
  }
  return out;
}

export function strings(field: Field | undefined, length: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < length; i++) {
    const v = field?.values[i];
    out.push(v === null || v === undefined ? '' : String(v));
  }
  return out;
}

export function booleans(field: Field | undefined, length: number): boolean[] {
  const out: boolean[] = [];
  for (let i = 0; i < length; i++) {
    out.push(field?.values[i] === true);
  }
  return out;
}

/** Names the frames the panel got, for wrong-shape messages. */
export function describeFrames(series: DataFrame[]): string {
  if (series.length === 0) {
    return 'no frames';
  }
  return series.map((f) => f.name || `unnamed (${f.fields.map((x) => x.name).join(', ')})`).join(', ');
}

export function missingFields(frame: DataFrame, required: string[]): string[] {
  return required.filter((name) => !fieldOf(frame, name));
}

export function isTimeField(field: Field | undefined): boolean {
  return field?.type === FieldType.time;
}

/** Formats a ratio as a percentage with one decimal. */
export function percent(v: number | null | undefined): string {
  return v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)}%`;
}
