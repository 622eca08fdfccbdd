import { PanelBuilders } from '@grafana/scenes';

import { QueryType } from '../../datasource/types';
import { aiperfQuery } from '../shared/queries';
import { item, pageScene } from '../shared/scene';
import { columnWidths, wrapColumns } from '../shared/tables';

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
      [
        item(
          PanelBuilders.table()
            .setTitle('Unit costs, budget and ROI')
            .setDescription(
              'Cost per prediction and per 1k tokens, budget, month-end forecast, variance, business value and ROI per model'
            )
            .setData(aiperfQuery(QueryType.CostSummary))
            // Thirteen columns: headers wrap so every one fits at 1280 px.
            .setCustomFieldConfig('wrapHeaderText', true)
            .setOverrides((b) => columnWidths(b, { model: 170 }))
            .build(),
          320
        ),
      ],
      [
        item(
          PanelBuilders.table()
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
