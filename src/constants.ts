import pluginJson from './plugin.json';

export const PLUGIN_BASE_URL = `/a/${pluginJson.id}`;

export enum ROUTES {
  Executive = 'executive',
  Models = 'models',
  Infrastructure = 'infrastructure',
  Cost = 'cost',
  Compliance = 'compliance',
}

export const DATASOURCE_TYPE = 'aiperf-monitor-datasource';
/** The data source provisioned with the demo fleet (provisioning/datasources/aiperf.yaml). */
export const DEMO_DATASOURCE_UID = 'aiperf-demo';

export const VAR_DATASOURCE = 'ds';
export const VAR_DATASOURCE_EXPR = '${ds}';
export const VAR_MODEL = 'model';
export const VAR_MODEL_EXPR = '${model}';

export const DRIFT_PANEL_ID = 'aiperf-drift-panel';
export const FAIRNESS_PANEL_ID = 'aiperf-fairness-panel';

/** The app's settings (jsonData), edited on its configuration page. */
export interface AppSettings {
  defaultDatasourceUid?: string;
}
