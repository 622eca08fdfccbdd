import { PanelBuilders } from '@grafana/scenes';

import { QueryType } from '../../datasource/types';
import { fleetActiveAlerts, statusRuleLinks } from '../shared/alerts';
import { modelDrilldownLink } from '../shared/links';
import { aiperfQuery, onlyFields } from '../shared/queries';
import { item, pageScene } from '../shared/scene';

/** Executive view: health score and dimensions, critical systems, KPIs and ROI. */
export function executiveScene(defaultUid: string) {
  return pageScene({
    defaultUid,
    rows: [
      [
        item(
          PanelBuilders.gauge()
            .setTitle('Fleet health score')
            .setDescription('Weighted mean of the six health dimensions, latest window (target 95)')
            .setData(aiperfQuery(QueryType.HealthTrend))
            .setOption('reduceOptions', { calcs: ['lastNotNull'], fields: '/^healthScore$/', values: false })
            .setUnit('percent')
            .setMin(0)
            .setMax(100)
            .build(),
          260,
          25
        ),
        item(
          PanelBuilders.bargauge()
            .setTitle('Health dimensions')
            .setDescription(
              'Model performance, infrastructure, data quality, response-time SLA, compliance and cost efficiency'
            )
            .setData(aiperfQuery(QueryType.HealthTrend))
            .setOption('reduceOptions', { calcs: ['lastNotNull'], fields: '/^(?!healthScore$).*/', values: false })
            .setUnit('percent')
            .setMin(0)
            .setMax(100)
            .build()
        ),
      ],
      [
        item(
          PanelBuilders.table()
            .setTitle('Critical AI systems')
            .setDescription(
              'Status from the alert-severity rules, SLA, last issue and the recommended action; select a model to drill down'
            )
            .setData(aiperfQuery(QueryType.FleetHealth))
            .setOverrides((b) => statusRuleLinks(b.matchFieldsWithName('model').overrideLinks([modelDrilldownLink()])))
            .build(),
          320
        ),
      ],
      [item(fleetActiveAlerts(), 280)],
      [
        item(
          PanelBuilders.table()
            .setTitle('Key performance indicators')
            .setDescription('Uptime, response time, accuracy drift, cost per prediction and MTTR against their targets')
            .setData(aiperfQuery(QueryType.Kpis))
            .build()
        ),
        item(
          PanelBuilders.barchart()
            .setTitle('ROI per model')
            .setDescription('(declared business value − measured cost) / measured cost over the range')
            .setData(onlyFields(aiperfQuery(QueryType.CostSummary), ['model', 'roi']))
            .setOption('xField', 'model')
            .setUnit('percentunit')
            .build()
        ),
      ],
    ],
  });
}
