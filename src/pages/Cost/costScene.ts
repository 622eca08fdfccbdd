import { PanelBuilders } from '@grafana/scenes';

import { QueryType } from '../../datasource/types';
import { aiperfQuery, fieldsNamed, fromRow } from '../shared/queries';
import { item, pageScene, sharedRow } from '../shared/scene';
import { columnWidths, tablePanel, wrapColumns } from '../shared/tables';

/** Cost view: spend by category and model, unit costs, budget, forecast, savings and ROI. */
export function costScene(defaultUid: string) {
  return pageScene({
    defaultUid,
    rows: [
      [
        item(
          PanelBuilders.timeseries()
            .setTitle('Daily spend by category')
            .setData(aiperfQuery(QueryType.Cost, { groupBy: 'category' }))
            .setCustomFieldConfig('stacking', { mode: 'normal' } as never)
            .setCustomFieldConfig('drawStyle', 'bars' as never)
            .build()
        ),
        item(
          PanelBuilders.timeseries()
            .setTitle('Daily spend by model')
            .setData(aiperfQuery(QueryType.Cost, { groupBy: 'model' }))
            .setCustomFieldConfig('stacking', { mode: 'normal' } as never)
            .build()
        ),
      ],
      // One costSummary query, read as two tables so every column fits at 1280 px.
      sharedRow(aiperfQuery(QueryType.CostSummary), [
        costTable(
          'Unit costs',
          'Spend, predictions and tokens in the range, and what one prediction and 1k tokens cost',
          ['model', 'spend', 'predictions', 'costPerPrediction', 'tokens', 'costPer1kTokens']
        ),
        costTable(
          'Budget, forecast and ROI',
          'Monthly budget, month-end forecast with its 95% interval, variance against the budget, declared business value and ROI',
          [
            'model',
            'budget',
            'forecastMonthEnd',
            'forecastLow',
            'forecastHigh',
            'budgetVariance',
            'businessValue',
            'roi',
          ]
        ),
      ]),
      [
        item(
          tablePanel()
            .setTitle('Savings opportunities')
            .setDescription('Idle GPUs and over-provisioned compute, as monthly savings')
            .setData(aiperfQuery(QueryType.Savings))
            .setOverrides((b) => {
              columnWidths(b, { model: 170, resource: 100, monthlySavings: 140 });
              wrapColumns(b, ['opportunity', 'detail']);
            })
            .build()
        ),
      ],
    ],
  });
}

/** A table of some `costSummary` columns; it takes a full line below 1300 px. */
function costTable(title: string, description: string, fields: string[]) {
  const table = item(
    tablePanel()
      .setTitle(title)
      .setDescription(description)
      .setData(fromRow(fieldsNamed(fields)))
      .setCustomFieldConfig('wrapHeaderText', true)
      .setOverrides((b) => columnWidths(b, { model: 170 }))
      .build(),
    300
  );
  table.setState({ minWidth: 620 });
  return table;
}
