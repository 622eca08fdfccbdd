import { SceneDataLayerSet, SceneQueryRunner, VizPanel, dataLayers, sceneGraph } from '@grafana/scenes';

import { QueryType } from '../../datasource/types';
import { executiveScene } from '../Executive/executiveScene';
import { infrastructureScene } from '../Infrastructure/infrastructureScene';
import { modelDetailScene } from '../Models/modelDetailScene';
import { modelsScene } from '../Models/modelsScene';
import { ALERT_RULES_FOLDER } from './alerts';
import { panelsOf } from './testUtils';

const UID = 'my-aiperf';

function alertLists(scene: ReturnType<typeof executiveScene>) {
  return sceneGraph.findAllObjects(
    scene,
    (o) => o instanceof VizPanel && o.state.pluginId === 'alertlist'
  ) as VizPanel[];
}

/** The overrides of the table reading `fleetHealth`. */
function fleetHealthOverrides(scene: ReturnType<typeof executiveScene>) {
  const panel = sceneGraph.findAllObjects(
    scene,
    (o) =>
      o instanceof VizPanel &&
      (sceneGraph.findObject(o, (x) => x instanceof SceneQueryRunner) as SceneQueryRunner | null)?.state.queries[0]
        ?.queryType === QueryType.FleetHealth
  )[0] as VizPanel;
  return panel.state.fieldConfig.overrides;
}

describe('alerts on the pages', () => {
  it('the executive page lists the active alerts of the provisioned rules', () => {
    const [list] = alertLists(executiveScene(UID));
    expect(list.state.title).toBe('Active alerts');
    expect(list.state.options).toMatchObject({
      alertInstanceLabelFilter: `{grafana_folder="${ALERT_RULES_FOLDER}"}`,
      stateFilter: { firing: true, pending: true, normal: false },
    });
  });

  it("a model's page lists its own active alerts and draws its alert firings", () => {
    const scene = modelDetailScene(UID, 'risk-assessment', 'performance');
    expect(
      alertLists(scene).map((p) => (p.state.options as { alertInstanceLabelFilter?: string }).alertInstanceLabelFilter)
    ).toEqual(['{model="risk-assessment"}']);
    const layers = scene.state.$data as SceneDataLayerSet;
    const layer = layers.state.layers[0] as dataLayers.AnnotationsDataLayer;
    expect(layer.state.query).toMatchObject({
      enable: true,
      datasource: { type: 'aiperf-monitor-datasource', uid: '${ds}' },
      target: { queryType: QueryType.AlertHistory, model: 'risk-assessment' },
    });
    expect(modelDetailScene(UID, 'risk-assessment', 'drift').state.$data).toBeInstanceOf(SceneDataLayerSet);
  });

  it('every status word links to the alert rule that produced it', () => {
    for (const scene of [
      executiveScene(UID),
      modelsScene(UID),
      modelDetailScene(UID, 'fraud-detection', 'performance'),
    ]) {
      const overrides = fleetHealthOverrides(scene);
      const properties = (field: string) =>
        overrides.filter((o) => o.matcher.options === field).flatMap((o) => o.properties);
      expect(properties('status')).toContainEqual({
        id: 'links',
        value: [{ title: 'Open the alert rule behind this status', url: '${__data.fields.ruleLink}' }],
      });
      for (const hidden of ['rule', 'ruleLink']) {
        expect(properties(hidden).map((p) => p.id)).toEqual(['custom.hidden', 'custom.hideFrom']);
      }
    }
  });

  it('the infrastructure page shows alert frequency and MTTR', () => {
    const frequency = panelsOf(infrastructureScene(UID)).find((p) => p.title === 'Alert frequency and MTTR');
    expect(frequency).toMatchObject({ pluginId: 'table', query: { queryType: QueryType.AlertHistory } });
    expect(frequency?.query?.model).toBeUndefined();
  });
});
