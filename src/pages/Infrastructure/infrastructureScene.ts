import { PanelBuilders } from '@grafana/scenes';

import { VAR_MODEL_EXPR } from '../../constants';
import { QueryType } from '../../datasource/types';
import { alertFrequencyPanel } from '../shared/alerts';
import { aiperfQuery, fromRow, onlyFrame, rowsWhere, withTargetsInView } from '../shared/queries';
import { item, pageScene, sharedRow } from '../shared/scene';
import { columnWidths, hideColumns } from '../shared/tables';

/** The SLA objectives of the `slaMatrix` frame, each in its own unit. */
const OBJECTIVES = [
  { objective: 'availability', title: 'Availability', unit: 'percentunit' },
  { objective: 'latencyP95', title: 'p95 latency', unit: 'ms' },
  { objective: 'errorRate', title: 'Error rate', unit: 'percentunit' },
];

/** One SLA table per objective, so target, current and 30-day values carry their unit. */
function slaTable({ objective, title, unit }: (typeof OBJECTIVES)[number]) {
  return item(
    PanelBuilders.table()
      .setTitle(`SLA: ${title}`)
      .setDescription(`${title} per model: target, this range, the last 30 days and whether the objective is met`)
      .setData(
        // By the field's name: Grafana's filter-by-value matches display names.
        fromRow(rowsWhere('objective', objective))
      )
      .setOverrides((b) => {
        hideColumns(b, ['objective']);
        for (const name of ['target', 'current', 'thirtyDay']) {
          b.matchFieldsWithName(name)
            .overrideUnit(unit)
            .overrideDecimals(unit === 'ms' ? 0 : 2);
        }
      })
      .build(),
    300
  );
}

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
            .setData(withTargetsInView(aiperfQuery(QueryType.Utilization, { model: VAR_MODEL_EXPR })))
            .build()
        ),
        item(
          PanelBuilders.timeseries()
            .setTitle('Latency percentiles vs target')
            .setDescription('p50/p95/p99; the red line is the p95 target')
            .setData(withTargetsInView(aiperfQuery(QueryType.Latency, { model: VAR_MODEL_EXPR })))
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
              'Share of failed requests of the selected model; the red line is the target; undefined where the runtime counts no failures'
            )
            .setData(withTargetsInView(aiperfQuery(QueryType.ErrorRate, { model: VAR_MODEL_EXPR })))
            .build()
        ),
      ],
      sharedRow(aiperfQuery(QueryType.SlaMatrix), OBJECTIVES.map(slaTable)),
      [
        item(
          PanelBuilders.table()
            .setTitle('Error-budget burn')
            .setDescription(
              'Multiwindow burn rates (14.4× 1h/5m, 6× 6h/30m, 3× 1d/2h, 1× 3d/6h); a condition fires when both windows exceed its factor'
            )
            .setData(aiperfQuery(QueryType.BurnRate))
            .setOverrides((b) =>
              columnWidths(b, {
                longWindow: 110,
                shortWindow: 110,
                factor: 100,
                longBurn: 140,
                shortBurn: 140,
                firing: 80,
              })
            )
            .build()
        ),
      ],
      // One incidents query: the incidents, and MTTR/MTBF per model beside them.
      sharedRow(aiperfQuery(QueryType.Incidents), [
        item(
          PanelBuilders.table()
            .setTitle('Incidents')
            .setDescription('Incidents in the range, newest last; open incidents have no resolution time')
            .setData(fromRow(onlyFrame('incidents')))
            .setOverrides((b) => columnWidths(b, { severity: 80, durationMinutes: 100 }))
            .build()
        ),
        item(
          PanelBuilders.table()
            .setTitle('MTTR and MTBF')
            .setDescription('Mean time to recover and mean time between failures per model, over the range')
            .setData(fromRow(onlyFrame('incidentStats')))
            .build(),
          280,
          40
        ),
      ]),
      [item(alertFrequencyPanel(), 320)],
    ],
  });
}
