import { SceneObject, SceneQueryRunner, VizPanel, sceneGraph } from '@grafana/scenes';

import { AiperfQuery } from '../../datasource/types';

export interface PanelSummary {
  title: string;
  pluginId: string;
  query?: AiperfQuery;
  datasourceUid?: string;
}

/** Every panel of a scene with its first query, for assertions. */
export function panelsOf(scene: SceneObject): PanelSummary[] {
  return sceneGraph
    .findAllObjects(scene, (o) => o instanceof VizPanel)
    .map((o) => {
      const panel = o as VizPanel;
      const runner = sceneGraph.findObject(panel, (x) => x instanceof SceneQueryRunner) as SceneQueryRunner | null;
      const data = panel.state.$data;
      const found =
        runner ??
        (data && (sceneGraph.findObject(data, (x) => x instanceof SceneQueryRunner) as SceneQueryRunner | null));
      return {
        title: panel.state.title,
        pluginId: panel.state.pluginId,
        query: found?.state.queries[0] as AiperfQuery | undefined,
        datasourceUid: found?.state.datasource?.uid,
      };
    });
}
