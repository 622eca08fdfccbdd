import { PanelBuilders, VizPanel } from '@grafana/scenes';

import { DRIFT_PANEL_ID, FAIRNESS_PANEL_ID } from '../../constants';
import { QueryType } from '../../datasource/types';
import { fleetStatusColumns, modelActiveAlerts, withAlertFirings } from '../shared/alerts';
import { aiperfQuery, withTargetsInView } from '../shared/queries';
import { item, pageScene } from '../shared/scene';
import { hasFairness, isClassifier, onlyWhere } from './applicability';

export type ModelTab = 'performance' | 'drift' | 'fairness' | 'dataQuality';

/** One tab of a model's drill-down; `model` comes from the URL. */
export function modelDetailScene(defaultUid: string, model: string, tab: ModelTab) {
  return withAlertFirings(pageScene({ defaultUid, rows: ROWS[tab](model) }), model);
}

function note(title: string, content: string) {
  return PanelBuilders.text().setTitle(title).setOption('content', content).setDisplayMode('transparent').build();
}

const ROWS: Record<ModelTab, (model: string) => Array<Array<ReturnType<typeof item>>>> = {
  performance: (model) => [
    [item(modelActiveAlerts(model), 220)],
    [
      item(
        PanelBuilders.timeseries()
          .setTitle('Quality vs baseline')
          .setDescription(
            'Metrics per window with their baselines; "(estimated)" series are label-free estimates for windows whose labels have not arrived. R² has its own axis on the right.'
          )
          .setData(aiperfQuery(QueryType.Quality, { model }))
          // R² is unitless around 0..1; MAE and RMSE are in the target's units.
          .setOverrides((b) =>
            b
              .matchFieldsWithNameByRegex('/^r2/')
              .overrideCustomFieldConfig('axisPlacement', 'right' as never)
              .overrideCustomFieldConfig('axisLabel', 'R²')
              .overrideCustomFieldConfig('axisSoftMin', 0)
              .overrideCustomFieldConfig('axisSoftMax', 1)
          )
          .build(),
        320
      ),
    ],
    [
      onlyWhere(
        item(
          PanelBuilders.table()
            .setTitle('Confusion matrix')
            .setDescription('Actual (rows) × predicted (columns), labeled rows in the range')
            .setData(aiperfQuery(QueryType.ConfusionMatrix, { model }))
            .build()
        ),
        model,
        isClassifier
      ),
      onlyWhere(
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
        model,
        isClassifier
      ),
      onlyWhere(
        item(
          note(
            'Classification views',
            `The confusion matrix and the calibration curve apply to classifiers. **${model}** is a regression model: its quality panel above shows MAE, RMSE, MAPE and R².`
          ),
          120
        ),
        model,
        isClassifier,
        false
      ),
    ],
    [
      item(
        PanelBuilders.table()
          .setTitle('Recommended actions')
          .setDescription('Status, severity and the action derived from the alert-severity rules')
          .setData(aiperfQuery(QueryType.FleetHealth, { model }))
          .setOverrides(fleetStatusColumns)
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
          .setData(withTargetsInView(aiperfQuery(QueryType.DriftTrend, { model })))
          .build()
      ),
    ],
  ],
  fairness: (model) => [
    [
      onlyWhere(
        item(
          new VizPanel({
            pluginId: FAIRNESS_PANEL_ID,
            title: 'Fairness by group',
            description: 'Per-group rates with the tolerated band, disparity ratio and pass/fail per criterion',
            $data: aiperfQuery(QueryType.Fairness, { model }),
          }),
          420
        ),
        model,
        hasFairness
      ),
      onlyWhere(
        item(
          note(
            'Fairness',
            `Fairness compares a classifier's decisions across sensitive groups. **${model}** is a regression model or declares no sensitive attributes, so there is nothing to compare: declare its sensitive attributes in the data source's model catalog to measure it.`
          ),
          120
        ),
        model,
        hasFairness,
        false
      ),
    ],
    [
      onlyWhere(
        item(
          PanelBuilders.timeseries()
            .setTitle('Disparities over time')
            .setDescription(
              'Differences between groups (left axis, as shares) and the demographic parity ratio (right axis, 0–1; below 0.8 fails the four-fifths rule) per sensitive attribute and window'
            )
            .setData(aiperfQuery(QueryType.FairnessTrend, { model }))
            .setUnit('percentunit')
            .setOverrides((b) =>
              b
                .matchFieldsWithNameByRegex('/demographicParityRatio/')
                .overrideUnit('none')
                .overrideCustomFieldConfig('axisPlacement', 'right' as never)
                .overrideCustomFieldConfig('axisLabel', 'ratio')
                .overrideCustomFieldConfig('axisSoftMin', 0)
                .overrideCustomFieldConfig('axisSoftMax', 1)
            )
            .build()
        ),
        model,
        hasFairness
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
