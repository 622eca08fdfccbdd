import type { DataFrame, Field } from '@grafana/data';
import type { CustomTransformOperator } from '@grafana/scenes';
import { map } from 'rxjs';

/**
 * Keeps every threshold the backend set (a target line such as p95 < 200 ms) inside
 * the y axis: fields that share the thresholded field's unit get a soft maximum 10%
 * above the highest threshold and a soft minimum of 0. Setting it on all of them keeps
 * them on one axis (Grafana gives fields with different soft ranges their own axis).
 * Values past the target still widen the axis as usual.
 */
export const thresholdsInView: CustomTransformOperator = () => (source) =>
  source.pipe(map((frames) => frames.map(withThresholdsInView)));

export function withThresholdsInView(frame: DataFrame): DataFrame {
  const tops = new Map<string | undefined, number>();
  for (const field of frame.fields) {
    const limits = (field.config.thresholds?.steps ?? []).map((s) => s.value).filter((v) => Number.isFinite(v));
    if (limits.length > 0) {
      const unit = field.config.unit;
      tops.set(unit, Math.max(tops.get(unit) ?? -Infinity, (Math.max(...limits) * 11) / 10));
    }
  }
  if (tops.size === 0) {
    return frame;
  }
  return { ...frame, fields: frame.fields.map((f) => withSoftRange(f, tops.get(f.config.unit))) };
}

function withSoftRange(field: Field, top: number | undefined): Field {
  if (top === undefined || field.type !== 'number') {
    return field;
  }
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
