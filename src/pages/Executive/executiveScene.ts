import { PanelBuilders, SceneDataTransformer } from '@grafana/scenes';
import {
  BarGaugeDisplayMode,
  BigValueColorMode,
  BigValueGraphMode,
  BigValueTextMode,
  ThresholdsMode,
  VizOrientation,
} from '@grafana/schema';

import { QueryType } from '../../datasource/types';
import { fleetActiveAlerts, fleetStatusColumns } from '../shared/alerts';
import { kpiFields } from './kpiFields';
import { aiperfQuery, fieldsNamed, fromRow, onlyFields } from '../shared/queries';
import { item, pageScene, sharedRow } from '../shared/scene';
import { HEALTH_DIMENSIONS } from '../shared/tables';

/** Executive view: health score and dimensions, critical systems, KPIs and ROI. */
export function executiveScene(defaultUid: string) {
  return pageScene({
    defaultUid,
    rows: [
      // One healthTrend query feeds both the score and its dimensions.
      sharedRow(aiperfQuery(QueryType.HealthTrend), [
        item(
          PanelBuilders.gauge()
            .setTitle('Fleet health score')
            .setDescription('Weighted mean of the six health dimensions, latest window (target 95)')
            .setData(fromRow(fieldsNamed(['time', 'healthScore'])))
            .setOption('reduceOptions', { calcs: ['lastNotNull'], values: false })
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
              'Model performance, infrastructure, data quality, response-time SLA, compliance and cost efficiency, latest window; an empty bar is a dimension the data source could not measure'
            )
            .setData(fromRow(fieldsNamed(HEALTH_DIMENSIONS)))
            .setOption('reduceOptions', { calcs: ['lastNotNull'], values: false })
            .setOption('displayMode', BarGaugeDisplayMode.Basic)
            // Red below 80, amber below the health target (95), green from it.
            .setThresholds({
              mode: ThresholdsMode.Absolute,
              steps: [
                { value: -Infinity, color: 'red' },
                { value: 80, color: 'orange' },
                { value: 95, color: 'green' },
              ],
            })
            .setUnit('percent')
            .setMin(0)
            .setMax(100)
            .build()
        ),
      ]),
      [
        item(
          PanelBuilders.table()
            .setTitle('Critical AI systems')
            .setDescription(
              'Status from the alert-severity rules, SLA, last issue and the recommended action; select a model to drill down'
            )
            .setData(aiperfQuery(QueryType.FleetHealth))
            .setOverrides(fleetStatusColumns)
            .build(),
          440
        ),
      ],
      [item(fleetActiveAlerts(), 280)],
      [
        item(
          PanelBuilders.stat()
            .setTitle('Key performance indicators')
            .setDescription(
              'Uptime, p95 response time, accuracy drift, cost per prediction and MTTR, each in its own unit: green when it meets its target, red when it breaches it (targets are in the data source settings)'
            )
            .setData(new SceneDataTransformer({ $data: aiperfQuery(QueryType.Kpis), transformations: [kpiFields] }))
            .setOption('textMode', BigValueTextMode.ValueAndName)
            .setOption('colorMode', BigValueColorMode.Value)
            .setOption('graphMode', BigValueGraphMode.None)
            // One KPI per line: long values such as $0.000673 never run into the next one.
            .setOption('orientation', VizOrientation.Horizontal)
            .setOption('text', { titleSize: 14, valueSize: 24 })
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
