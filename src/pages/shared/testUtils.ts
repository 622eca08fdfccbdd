import { SceneObject, SceneQueryRunner, VizPanel, sceneGraph } from '@grafana/scenes';

import { AiperfQuery } from '../../datasource/types';

export interface PanelSummary {
  title: string;
  pluginId: string;
  query?: AiperfQuery;
  datasourceUid?: string;
}

/** The query runner feeding `panel`: in its own data, or in the data of an enclosing row. */
export function runnerOf(panel: SceneObject): SceneQueryRunner | undefined {
  for (let o: SceneObject | undefined = panel; o; o = o.parent) {
    const data = o.state.$data;
    // Only inside the data: a layer set (annotations) holds no runner of its own.
    const runner =
      data instanceof SceneQueryRunner ? data : data && sceneGraph.findDescendents(data, SceneQueryRunner)[0];
    if (runner) {
      return runner;
    }
  }
  return undefined;
}

/** Every panel of a scene with its first query, for assertions. */
export function panelsOf(scene: SceneObject): PanelSummary[] {
  return sceneGraph
    .findAllObjects(scene, (o) => o instanceof VizPanel)
    .map((o) => {
      const panel = o as VizPanel;
      const found = runnerOf(panel);
      return {
        title: panel.state.title,
        pluginId: panel.state.pluginId,
        query: found?.state.queries[0] as AiperfQuery | undefined,
        datasourceUid: found?.state.datasource?.uid,
      };
    });
}
