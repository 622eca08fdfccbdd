import { DataSourceVariable, EmbeddedScene, QueryVariable, SceneDataTransformer, sceneGraph } from '@grafana/scenes';

import { DATASOURCE_TYPE, DRIFT_PANEL_ID, FAIRNESS_PANEL_ID } from '../constants';
import { QueryType, VariableResource } from '../datasource/types';
import { complianceScene } from './Compliance/complianceScene';
import { costScene } from './Cost/costScene';
import { executiveScene } from './Executive/executiveScene';
import { infrastructureScene } from './Infrastructure/infrastructureScene';
import { modelDetailScene } from './Models/modelDetailScene';
import { modelsScene } from './Models/modelsScene';
import { modelDrilldownLink } from './shared/links';
import { panelsOf } from './shared/testUtils';

const UID = 'my-aiperf';

function queryTypes(scene: EmbeddedScene) {
  return panelsOf(scene).map((p) => p.query?.queryType);
}

describe('page scenes', () => {
  it('every panel queries the plugin data source through the ds variable', () => {
    for (const scene of [
      executiveScene(UID),
      modelsScene(UID),
      infrastructureScene(UID),
      costScene(UID),
      complianceScene(UID),
    ]) {
      const panels = panelsOf(scene);
      expect(panels.length).toBeGreaterThan(0);
      for (const p of panels) {
        expect(p.datasourceUid).toBe('${ds}');
        expect(p.query?.queryType).toBeDefined();
      }
    }
  });

  it('defaults the ds variable to the configured data source', () => {
    const scene = executiveScene(UID);
    const ds = sceneGraph.lookupVariable('ds', scene) as DataSourceVariable;
    expect(ds.state.pluginId).toBe('aiperf-monitor-datasource');
    expect(ds.state.value).toBe(UID);
  });

  it('executive shows health, dimensions, critical systems, KPIs and ROI', () => {
    const scene = executiveScene(UID);
    expect(queryTypes(scene)).toEqual([
      QueryType.HealthTrend,
      QueryType.HealthTrend,
      QueryType.FleetHealth,
      QueryType.Kpis,
      QueryType.CostSummary,
    ]);
    const roi = panelsOf(scene).find((p) => p.title === 'ROI per model');
    expect(roi?.pluginId).toBe('barchart');
    const roiPanel = sceneGraph.findAllObjects(
      scene,
      (o) => o instanceof SceneDataTransformer
    )[0] as SceneDataTransformer;
    expect(roiPanel.state.transformations[0]).toMatchObject({
      id: 'filterFieldsByName',
      options: { include: { names: ['model', 'roi'] } },
    });
  });

  it('links a fleet table model into its drill-down with the time range and data source', () => {
    const link = modelDrilldownLink();
    expect(link.url).toBe('/a/aiperf-monitor-app/models/${__value.raw}?${__url_time_range}&var-ds=${ds}');
    expect(queryTypes(modelsScene(UID))).toEqual([QueryType.FleetHealth]);
  });

  it('model drill-down tabs carry the model and the custom panels', () => {
    const perf = panelsOf(modelDetailScene(UID, 'risk-assessment', 'performance'));
    expect(perf.map((p) => p.query?.queryType)).toEqual([
      QueryType.Quality,
      QueryType.ConfusionMatrix,
      QueryType.Reliability,
      QueryType.FleetHealth,
    ]);
    expect(perf.every((p) => p.query?.model === 'risk-assessment')).toBe(true);

    const drift = panelsOf(modelDetailScene(UID, 'risk-assessment', 'drift'));
    expect(drift[0]).toMatchObject({
      pluginId: DRIFT_PANEL_ID,
      query: { queryType: QueryType.Drift, model: 'risk-assessment' },
    });
    expect(drift[1].query?.queryType).toBe(QueryType.DriftTrend);

    const fairness = panelsOf(modelDetailScene(UID, 'fraud-detection', 'fairness'));
    expect(fairness[0]).toMatchObject({
      pluginId: FAIRNESS_PANEL_ID,
      query: { queryType: QueryType.Fairness, model: 'fraud-detection' },
    });

    const dq = panelsOf(modelDetailScene(UID, 'demand-forecast', 'dataQuality'));
    expect(dq[0].query).toMatchObject({ queryType: QueryType.DataQuality, model: 'demand-forecast' });
  });

  it('infrastructure is per model through the model variable', () => {
    const scene = infrastructureScene(UID);
    const model = sceneGraph.lookupVariable('model', scene) as QueryVariable;
    expect(model).toBeInstanceOf(QueryVariable);
    expect(model.state.datasource).toEqual({ type: DATASOURCE_TYPE, uid: '${ds}' });
    expect(model.state.query).toEqual({ refId: 'models', resource: VariableResource.Models });
    const panels = panelsOf(scene);
    expect(panels.map((p) => p.query?.queryType)).toEqual([
      QueryType.Utilization,
      QueryType.Latency,
      QueryType.Throughput,
      QueryType.ErrorRate,
      QueryType.SlaMatrix,
      QueryType.BurnRate,
      QueryType.Incidents,
    ]);
    expect(panels[0].query?.model).toBe('${model}');
  });

  it('cost splits spend by category and by model', () => {
    const panels = panelsOf(costScene(UID));
    expect(panels.map((p) => [p.query?.queryType, p.query?.groupBy])).toEqual([
      [QueryType.Cost, 'category'],
      [QueryType.Cost, 'model'],
      [QueryType.CostSummary, undefined],
      [QueryType.Savings, undefined],
    ]);
  });

  it('compliance lists the inventory and the regulation register', () => {
    expect(queryTypes(complianceScene(UID))).toEqual([QueryType.Inventory, QueryType.Regulations]);
  });
});
