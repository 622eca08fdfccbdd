import { getDataSourceSrv } from '@grafana/runtime';
import { SceneFlexItem, sceneGraph } from '@grafana/scenes';

import { VAR_DATASOURCE_EXPR } from '../../constants';
import type { DataSource } from '../../datasource/datasource';

/** What the data source declares about a model that decides which views apply to it. */
export interface ModelFacts {
  task?: string;
  attributes: string[];
}

export type Applies = (facts: ModelFacts) => boolean;

/** Confusion matrices and calibration need a classifier's decisions and scores. */
export const isClassifier: Applies = (facts) => facts.task !== 'regression';
/** Fairness compares a classifier's decisions across declared sensitive groups. */
export const hasFairness: Applies = (facts) => isClassifier(facts) && facts.attributes.length > 0;

/** Asks the page's data source (the `ds` variable) for the model's task and sensitive attributes. */
export async function modelFacts(scope: SceneFlexItem, model: string): Promise<ModelFacts> {
  const ds = (await getDataSourceSrv().get(
    sceneGraph.interpolate(scope, VAR_DATASOURCE_EXPR)
  )) as unknown as DataSource;
  const [models, attributes] = await Promise.all([ds.getModels(), ds.getAttributes(model).catch(() => [])]);
  return { task: models.find((m) => m.id === model)?.task, attributes };
}

/**
 * Shows `item` only where `applies` holds for `model` (when `show` is true), or only
 * where it does not (for the note that explains the missing panels). Until the facts
 * arrive the panels show and the note hides, so a model that fits never flickers.
 */
export function onlyWhere(item: SceneFlexItem, model: string, applies: Applies, show = true): SceneFlexItem {
  item.setState({
    isHidden: !show,
    $behaviors: [
      (scope: SceneFlexItem) => {
        let active = true;
        modelFacts(scope, model).then(
          (facts) => active && scope.setState({ isHidden: applies(facts) !== show }),
          () => undefined
        );
        return () => {
          active = false;
        };
      },
    ],
  });
  return item;
}
