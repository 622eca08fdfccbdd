import { type DataFrame, type DataTransformerConfig } from '@grafana/data';
import { map } from 'rxjs';
import {
  SceneDataTransformer,
  SceneQueryRunner,
  type CustomTransformOperator,
  type CustomTransformerDefinition,
} from '@grafana/scenes';

import { DATASOURCE_TYPE, VAR_DATASOURCE_EXPR } from '../../constants';
import { AiperfQuery, QueryType } from '../../datasource/types';
import { thresholdsInView } from './thresholdsInView';

type QueryFields = Omit<AiperfQuery, 'refId' | 'queryType'>;

/**
 * At most 250 points per panel: a 30-day range then asks for 3-hour windows, which
 * stay under the backend's cap of 500 windows instead of being widened with a notice.
 */
const MAX_DATA_POINTS = 250;

/** One query of the plugin's data source, on the page's `ds` variable. */
export function aiperfQuery(queryType: QueryType, fields: QueryFields = {}): SceneQueryRunner {
  return new SceneQueryRunner({
    datasource: { type: DATASOURCE_TYPE, uid: VAR_DATASOURCE_EXPR },
    queries: [{ refId: 'A', queryType, ...fields }],
    maxDataPoints: MAX_DATA_POINTS,
  });
}

/** Keeps only the named fields of a query's frames (e.g. model and roi for a bar chart). */
export function onlyFields(runner: SceneQueryRunner, names: string[]): SceneDataTransformer {
  return new SceneDataTransformer({ $data: runner, transformations: [fieldsNamed(names)] });
}

export function fieldsNamed(names: string[]): DataTransformerConfig {
  return { id: 'filterFieldsByName', options: { include: { names } } };
}

/**
 * Transformations over the data of the enclosing row: without its own `$data`, a
 * transformer reads its parent's, so several panels share one query.
 */
export function fromRow(...transformations: Array<DataTransformerConfig | CustomTransformerDefinition>) {
  return new SceneDataTransformer({ transformations });
}

/** A time series query whose target lines (thresholds) stay inside the y axis. */
export function withTargetsInView(runner: SceneQueryRunner): SceneDataTransformer {
  return new SceneDataTransformer({ $data: runner, transformations: [thresholdsInView] });
}

/** Keeps only the frame named `name` of a query that returns several (e.g. incidentStats). */
export function onlyFrame(name: string): CustomTransformOperator {
  return () => (source) => source.pipe(map((frames) => frames.filter((f) => f.name === name)));
}

/**
 * Keeps the rows whose field `name` (the frame's field name, not its display name)
 * equals `value`, in every frame that has that field.
 */
export function rowsWhere(name: string, value: string): CustomTransformOperator {
  return () => (source) => source.pipe(map((frames) => frames.map((f) => filterRows(f, name, value))));
}

export function filterRows(frame: DataFrame, name: string, value: string): DataFrame {
  const key = frame.fields.find((f) => f.name === name);
  if (!key) {
    return frame;
  }
  const keep = key.values.flatMap((v, i) => (v === value ? [i] : []));
  return {
    ...frame,
    length: keep.length,
    fields: frame.fields.map((f) => ({ ...f, values: keep.map((i) => f.values[i]) })),
  };
}
