import { PanelBuilders, VizPanel } from '@grafana/scenes';

import { DRIFT_PANEL_ID, FAIRNESS_PANEL_ID } from '../../constants';
import { QueryType } from '../../datasource/types';
import { modelActiveAlerts, statusRuleLinks, withAlertFirings } from '../shared/alerts';
import { aiperfQuery } from '../shared/queries';
import { item, pageScene } from '../shared/scene';

export type ModelTab = 'performance' | 'drift' | 'fairness' | 'dataQuality';

/** One tab of a model's drill-down; `model` comes from the URL. */
export function modelDetailScene(defaultUid: string, model: string, tab: ModelTab) {
  return withAlertFirings(pageScene({ defaultUid, rows: ROWS[tab](model) }), model);
}

const ROWS: Record<ModelTab, (model: string) => Array<Array<ReturnType<typeof item>>>> = {
  performance: (model) => [
    [item(modelActiveAlerts(model), 220)],
    [
      item(
        PanelBuilders.timeseries()
          .setTitle('Quality vs baseline')
          .setDescription(
            'Metrics per window with their baselines; "(estimated)" series are label-free estimates for windows whose labels have not arrived'
          )
          .setData(aiperfQuery(QueryType.Quality, { model }))
          .build(),
        320
      ),
    ],
    [
      item(
        PanelBuilders.table()
          .setTitle('Confusion matrix')
          .setDescription('Actual (rows) × predicted (columns), labeled rows in the range')
          .setData(aiperfQuery(QueryType.ConfusionMatrix, { model }))
          .build()
      ),
      item(
        PanelBuilders.barchart()
          .setTitle('Calibration (reliability curve)')
          .setDescription(
            'Mean predicted score vs observed positive rate per score bin: bars of equal height mean a calibrated model'
          )
          .setData(aiperfQuery(QueryType.Reliability, { model }))
          .setOption('xField', 'bin')
          .build()
      ),
    ],
    [
      item(
        PanelBuilders.table()
          .setTitle('Recommended actions')
          .setDescription('Status, severity and the action derived from the alert-severity rules')
          .setData(aiperfQuery(QueryType.FleetHealth, { model }))
          .setOverrides(statusRuleLinks)
          .build(),
        160
      ),
    ],
  ],
  drift: (model) => [
    [
      item(
        new VizPanel({
          pluginId: DRIFT_PANEL_ID,
          title: 'Feature drift',
          description: 'Feature × window drift; select a cell to compare baseline and current distributions',
          $data: aiperfQuery(QueryType.Drift, { model }),
        }),
        420
      ),
    ],
    [
      item(
        PanelBuilders.timeseries()
          .setTitle('Drift % over time')
          .setDescription('Share of each feature’s distribution that moved, with prediction and concept drift')
          .setData(aiperfQuery(QueryType.DriftTrend, { model }))
          .build()
      ),
    ],
  ],
  fairness: (model) => [
    [
      item(
        new VizPanel({
          pluginId: FAIRNESS_PANEL_ID,
          title: 'Fairness by group',
          description: 'Per-group rates with the tolerated band, disparity ratio and pass/fail per criterion',
          $data: aiperfQuery(QueryType.Fairness, { model }),
        }),
        420
      ),
    ],
    [
      item(
        PanelBuilders.timeseries()
          .setTitle('Disparities over time')
          .setDescription('Fairness criteria per sensitive attribute and window')
          .setData(aiperfQuery(QueryType.FairnessTrend, { model }))
          .build()
      ),
    ],
  ],
  dataQuality: (model) => [
    [
      item(
        PanelBuilders.table()
          .setTitle('Data quality per feature')
          .setDescription(
            'Completeness, validity, outlier rate and schema conformance; the last row is the overall score'
          )
          .setData(aiperfQuery(QueryType.DataQuality, { model }))
          .setUnit('percentunit')
          .build(),
        360
      ),
    ],
  ],
};
