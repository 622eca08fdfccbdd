import type { DataLink } from '@grafana/data';
import {
  EmbeddedScene,
  FieldConfigOverridesBuilder,
  PanelBuilders,
  SceneDataLayerSet,
  SceneDataTransformer,
  VizPanel,
  dataLayers,
} from '@grafana/scenes';
import type { TableFieldOptions } from '@grafana/schema';

import { DATASOURCE_TYPE, VAR_DATASOURCE_EXPR } from '../../constants';
import { QueryType, type AiperfQuery } from '../../datasource/types';
import { aiperfQuery, onlyFrame } from './queries';
import { fleetHealthColumns, hideColumns } from './tables';

/** The folder of the provisioned alert rules (provisioning/alerting/rules.yaml). */
export const ALERT_RULES_FOLDER = 'AI Performance Monitor';

/** Grafana's alert list: the firing, pending and failing instances whose labels match `labelFilter`. */
function alertList(title: string, description: string, labelFilter: string): VizPanel {
  return new VizPanel({
    pluginId: 'alertlist',
    title,
    description,
    options: {
      viewMode: 'list',
      groupMode: 'default',
      groupBy: [],
      maxItems: 50,
      sortOrder: 3, // importance: firing first
      dashboardAlerts: false,
      alertName: '',
      alertInstanceLabelFilter: labelFilter,
      datasource: 'grafana',
      showInstances: true,
      stateFilter: { firing: true, pending: true, error: true, noData: false, normal: false, recovering: true },
    },
  });
}

/** A label value inside a `{label="value"}` matcher. */
function quoted(value: string): string {
  return JSON.stringify(value);
}

/** Every active alert of the provisioned rules, for the Executive page. */
export function fleetActiveAlerts(): VizPanel {
  return alertList(
    'Active alerts',
    'Firing and pending alerts of the provisioned P0–P3 rules, most important first; a silence on model and rule acknowledges one',
    `{grafana_folder=${quoted(ALERT_RULES_FOLDER)}}`
  );
}

/** The active alerts of one model, for its page. */
export function modelActiveAlerts(model: string): VizPanel {
  return alertList(
    'Active alerts',
    `Firing and pending alerts on ${model}, from the same rules as its status`,
    `{model=${quoted(model)}}`
  );
}

/** The link from a status word to the alert rule that produced it (the `ruleLink` field of `fleetHealth`). */
export function statusRuleLink(): DataLink {
  return { title: 'Open the alert rule behind this status', url: '${__data.fields.ruleLink}' };
}

/**
 * The `fleetHealth` table's columns (fleetHealthColumns), each status linked
 * to its alert rule; the rule and its link stay out of sight.
 */
export function fleetStatusColumns(b: FieldConfigOverridesBuilder<TableFieldOptions>) {
  fleetHealthColumns(b);
  b.matchFieldsWithName('status').overrideLinks([statusRuleLink()]);
  hideColumns(b, ['rule', 'ruleLink']);
}

/** Alert firings of the model as annotations on every time series of its page (the `alertHistory` query). */
export function alertFiringAnnotations(model: string): SceneDataLayerSet {
  const target: AiperfQuery = { refId: 'alerts', queryType: QueryType.AlertHistory, model };
  return new SceneDataLayerSet({
    layers: [
      new dataLayers.AnnotationsDataLayer({
        name: 'Alert firings',
        query: {
          name: 'Alert firings',
          enable: true,
          iconColor: 'red',
          datasource: { type: DATASOURCE_TYPE, uid: VAR_DATASOURCE_EXPR },
          target,
        },
      }),
    ],
  });
}

/** Draws the model's alert firings on the time series of a page scene. */
export function withAlertFirings(scene: EmbeddedScene, model: string): EmbeddedScene {
  scene.setState({ $data: alertFiringAnnotations(model) });
  return scene;
}

/** Alert frequency and time to resolve per rule and model, for the Infrastructure page. */
export function alertFrequencyPanel(): VizPanel {
  return PanelBuilders.table()
    .setTitle('Alert frequency and MTTR')
    .setDescription(
      'The P0–P3 rules evaluated over the range: firings, firings per day, mean time to resolve, flaps (re-fired within an hour of resolving) and escalations, per rule and model'
    )
    .setData(
      new SceneDataTransformer({
        $data: aiperfQuery(QueryType.AlertHistory),
        transformations: [onlyFrame('alertFrequency')],
      })
    )
    .build();
}
