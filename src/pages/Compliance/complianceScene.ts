import { PanelBuilders } from '@grafana/scenes';

import { QueryType } from '../../datasource/types';
import { aiperfQuery } from '../shared/queries';
import { item, pageScene } from '../shared/scene';
import { columnWidths, hideColumns, wrapColumns } from '../shared/tables';
import { complianceEvidenceRows } from './evidenceScene';

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
              columnWidths(b, {
                riskClass: 90,
                version: 80,
                task: 100,
                fairnessStatus: 110,
                auditCoverage: 90,
                retentionDays: 90,
              });
              wrapColumns(b, ['name', 'owner']);
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
            .setOverrides((b) => {
              // Review dates are days; the frame carries them as times.
              for (const name of ['lastReview', 'nextReview']) {
                b.matchFieldsWithName(name).overrideUnit('time: YYYY-MM-DD');
              }
              columnWidths(b, { status: 120, lastReview: 120, nextReview: 120 });
              wrapColumns(b, ['scope', 'owner']);
            })
            .build()
        ),
      ],
      ...complianceEvidenceRows(),
    ],
  });
}
