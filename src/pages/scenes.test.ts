import {
  DataSourceVariable,
  EmbeddedScene,
  QueryVariable,
  SceneDataTransformer,
  SceneQueryRunner,
  sceneGraph,
} from '@grafana/scenes';

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

/** Panels that run a query of the plugin; Grafana's alert list reads Grafana's own alerting (shared/alerts.test.ts). */
function queryPanels(scene: EmbeddedScene) {
  return panelsOf(scene).filter((p) => p.pluginId !== 'alertlist');
}

function queryTypes(scene: EmbeddedScene) {
  return queryPanels(scene).map((p) => p.query?.queryType);
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
      const panels = queryPanels(scene);
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
    const transformations = sceneGraph
      .findAllObjects(scene, (o) => o instanceof SceneDataTransformer)
      .map((o) => (o as SceneDataTransformer).state.transformations[0]);
    expect(transformations).toEqual([
      // The score and the dimensions pick their fields by name, not by display name.
      { id: 'filterFieldsByName', options: { include: { names: ['time', 'healthScore'] } } },
      {
        id: 'filterFieldsByName',
        options: {
          include: {
            names: [
              'modelPerformance',
              'infrastructure',
              'dataQuality',
              'responseTimeSla',
              'compliance',
              'costEfficiency',
            ],
          },
        },
      },
      expect.any(Function), // one stat field per KPI, in its own unit
      { id: 'filterFieldsByName', options: { include: { names: ['model', 'roi'] } } },
    ]);
  });

  it('runs the health trend once for the score and its dimensions', () => {
    const runners = sceneGraph
      .findAllObjects(executiveScene(UID), (o) => o instanceof SceneQueryRunner)
      .map((o) => (o as SceneQueryRunner).state.queries[0].queryType);
    expect(runners.filter((t) => t === QueryType.HealthTrend)).toHaveLength(1);
  });

  it('links a fleet table model into its drill-down with the time range and data source', () => {
    const link = modelDrilldownLink();
    expect(link.url).toBe('/a/aiperf-monitor-app/models/${__data.fields.model}?${__url_time_range}&var-ds=${ds}');
    expect(queryTypes(modelsScene(UID))).toEqual([QueryType.FleetHealth]);
  });

  it('model drill-down tabs carry the model and the custom panels', () => {
    const perf = queryPanels(modelDetailScene(UID, 'risk-assessment', 'performance'));
    expect(perf.map((p) => p.query?.queryType)).toEqual([
      QueryType.Quality,
      QueryType.ConfusionMatrix,
      QueryType.Reliability,
      undefined, // the note shown instead of both for a regression model
      QueryType.FleetHealth,
    ]);
    expect(perf.filter((p) => p.query).every((p) => p.query?.model === 'risk-assessment')).toBe(true);

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
      QueryType.SlaMatrix,
      QueryType.SlaMatrix,
      QueryType.BurnRate,
      QueryType.Incidents,
      QueryType.Incidents,
      QueryType.AlertHistory,
    ]);
    // One query per panel, but the three SLA tables share one, and so do incidents and their MTTR/MTBF; and the alert history.
    const runners = sceneGraph.findAllObjects(scene, (o) => o instanceof SceneQueryRunner);
    expect(runners).toHaveLength(8);
    expect(panels[0].query?.model).toBe('${model}');
  });

  it('cost splits spend by category and by model', () => {
    const panels = panelsOf(costScene(UID));
    expect(panels.map((p) => [p.query?.queryType, p.query?.groupBy])).toEqual([
      [QueryType.Cost, 'category'],
      [QueryType.Cost, 'model'],
      [QueryType.CostSummary, undefined],
      [QueryType.CostSummary, undefined],
      [QueryType.Savings, undefined],
    ]);
  });

  it('compliance lists the inventory and the regulation register', () => {
    expect(queryTypes(complianceScene(UID))).toEqual([
      QueryType.Inventory,
      QueryType.Regulations,
      QueryType.ComplianceFacts,
      QueryType.ConfigurationDrift,
      QueryType.Evidence,
    ]);
  });
});
