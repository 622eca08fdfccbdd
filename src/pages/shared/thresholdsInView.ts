import type { DataFrame, Field } from '@grafana/data';
import type { CustomTransformOperator } from '@grafana/scenes';
import { map } from 'rxjs';

/**
 * Keeps every threshold the backend set (a target line such as p95 < 200 ms) inside
 * the y axis: the axis' soft maximum is raised 10% above the highest threshold,
 * and its soft minimum to 0. Values past the target still widen the axis as usual.
 */
export const thresholdsInView: CustomTransformOperator = () => (source) =>
  source.pipe(map((frames) => frames.map(withThresholdsInView)));

export function withThresholdsInView(frame: DataFrame): DataFrame {
  return { ...frame, fields: frame.fields.map(withFieldThresholdsInView) };
}

function withFieldThresholdsInView(field: Field): Field {
  const limits = (field.config.thresholds?.steps ?? []).map((s) => s.value).filter((v) => Number.isFinite(v));
  if (limits.length === 0) {
    return field;
  }
  const top = (Math.max(...limits) * 11) / 10;
  const custom = field.config.custom ?? {};
  return {
    ...field,
    config: {
      ...field.config,
      custom: {
        ...custom,
        axisSoftMin: custom.axisSoftMin ?? 0,
        axisSoftMax: Math.max(custom.axisSoftMax ?? -Infinity, top),
      },
    },
  };
}
