import { PanelBuilders } from '@grafana/scenes';

import { QueryType } from '../../datasource/types';
import { aiperfQuery } from '../shared/queries';
import { item, pageScene } from '../shared/scene';
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
      ...complianceEvidenceRows(),
    ],
  });
}
