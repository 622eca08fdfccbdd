import { SceneDataTransformer, SceneQueryRunner } from '@grafana/scenes';

import { DATASOURCE_TYPE, VAR_DATASOURCE_EXPR } from '../../constants';
import { AiperfQuery, QueryType } from '../../datasource/types';

type QueryFields = Omit<AiperfQuery, 'refId' | 'queryType'>;

/** One query of the plugin's data source, on the page's `ds` variable. */
export function aiperfQuery(queryType: QueryType, fields: QueryFields = {}): SceneQueryRunner {
  return new SceneQueryRunner({
    datasource: { type: DATASOURCE_TYPE, uid: VAR_DATASOURCE_EXPR },
    queries: [{ refId: 'A', queryType, ...fields }],
    maxDataPoints: 500,
  });
}

/** Keeps only the named fields of a query's frames (e.g. model and roi for a bar chart). */
export function onlyFields(runner: SceneQueryRunner, names: string[]): SceneDataTransformer {
  return new SceneDataTransformer({
    $data: runner,
    transformations: [{ id: 'filterFieldsByName', options: { include: { names } } }],
  });
}
