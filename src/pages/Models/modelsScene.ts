import { PanelBuilders } from '@grafana/scenes';

import { QueryType } from '../../datasource/types';
import { fleetStatusColumns } from '../shared/alerts';
import { aiperfQuery } from '../shared/queries';
import { item, pageScene } from '../shared/scene';

/** The fleet table; each model opens its drill-down. */
export function modelsScene(defaultUid: string) {
  return pageScene({
    defaultUid,
    rows: [
      [
        item(
          PanelBuilders.table()
            .setTitle('Model fleet')
            .setDescription(
              'Every model in the catalog with its status, health score and recommended action; select a model to open its drill-down'
            )
            .setData(aiperfQuery(QueryType.FleetHealth))
            .setOverrides(fleetStatusColumns)
            .build(),
          480
        ),
      ],
    ],
  });
}
