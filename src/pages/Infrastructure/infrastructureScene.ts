import { PanelBuilders } from '@grafana/scenes';

import { VAR_MODEL_EXPR } from '../../constants';
import { QueryType } from '../../datasource/types';
import { aiperfQuery } from '../shared/queries';
import { item, pageScene } from '../shared/scene';

/** Infrastructure view: utilisation, latency, throughput, errors, SLA, error budget and incidents. */
export function infrastructureScene(defaultUid: string) {
  return pageScene({
    defaultUid,
    withModel: true,
    rows: [
      [
        item(
          PanelBuilders.timeseries()
            .setTitle('Utilisation vs target')
            .setDescription('GPU, CPU, memory and storage of the selected model; the line is the utilisation target')
            .setData(aiperfQuery(QueryType.Utilization, { model: VAR_MODEL_EXPR }))
            .build()
        ),
        item(
          PanelBuilders.timeseries()
            .setTitle('Latency percentiles vs target')
            .setDescription('p50/p95/p99; p95 turns red past its target')
            .setData(aiperfQuery(QueryType.Latency, { model: VAR_MODEL_EXPR }))
            .build()
        ),
      ],
      [
        item(
          PanelBuilders.timeseries()
            .setTitle('Throughput')
            .setDescription('Requests per second of the selected model')
            .setData(aiperfQuery(QueryType.Throughput, { model: VAR_MODEL_EXPR }))
            .build()
        ),
        item(
          PanelBuilders.timeseries()
            .setTitle('Error rate vs target')
            .setDescription(
              'Share of failed requests of the selected model; undefined where the runtime counts no failures'
            )
            .setData(aiperfQuery(QueryType.ErrorRate, { model: VAR_MODEL_EXPR }))
            .build()
        ),
      ],
      [
        item(
          PanelBuilders.table()
            .setTitle('SLA matrix')
            .setDescription(
              'Availability, p95 latency and error rate: target, this range, last 30 days and status per model'
            )
            .setData(aiperfQuery(QueryType.SlaMatrix))
            .build(),
          320
        ),
      ],
      [
        item(
          PanelBuilders.table()
            .setTitle('Error-budget burn')
            .setDescription(
              'Multiwindow burn rates (14.4× 1h/5m, 6× 6h/30m, 3× 1d/2h, 1× 3d/6h); a condition fires when both windows exceed its factor'
            )
            .setData(aiperfQuery(QueryType.BurnRate))
            .build()
        ),
        item(
          PanelBuilders.table()
            .setTitle('Incidents, MTTR and MTBF')
            .setDescription('Incidents in the range; pick the incidentStats frame for MTTR and MTBF per model')
            .setData(aiperfQuery(QueryType.Incidents))
            .build()
        ),
      ],
    ],
  });
}
