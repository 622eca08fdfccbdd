import { PanelBuilders } from '@grafana/scenes';

import { QueryType } from '../../datasource/types';
import { aiperfQuery } from '../shared/queries';
import { item, pageScene } from '../shared/scene';
import { columnWidths, hideColumns } from '../shared/tables';

/** Compliance view: inventory, fairness status, audit coverage, retention and the regulation register. */
export function complianceScene(defaultUid: string) {
  return pageScene({
    defaultUid,
    rows: [
      [
        item(
          PanelBuilders.table()
            .setTitle('Model inventory')
            .setDescription(
              'Owner, risk class, version, fairness status against targets, audit-log coverage and retention per model'
            )
            .setData(aiperfQuery(QueryType.Inventory))
            .setCustomFieldConfig('wrapHeaderText', true)
            .setOverrides((b) => {
              // The name is enough for people; the id is in the Models page's links.
              hideColumns(b, ['model']);
              columnWidths(b, { riskClass: 100, version: 90, task: 100, auditCoverage: 110, retentionDays: 100 });
            })
            .build(),
          340
        ),
      ],
      [
        item(
          PanelBuilders.table()
            .setTitle('Regulation register')
            .setDescription('Declared in the data source settings: status, owner and next review')
            .setData(aiperfQuery(QueryType.Regulations))
            .build()
        ),
      ],
    ],
  });
}
