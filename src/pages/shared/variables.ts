import { CustomVariable, DataSourceVariable, SceneVariableSet } from '@grafana/scenes';

import { DATASOURCE_TYPE, VAR_DATASOURCE, VAR_MODEL } from '../../constants';

/** The demo fleet's models: the model picker's choices until a query variable replaces them. */
export const DEMO_MODELS = [
  { value: 'risk-assessment', text: 'Risk Assessment' },
  { value: 'fraud-detection', text: 'Fraud Detection' },
  { value: 'recommendation-ai', text: 'Recommendation AI' },
  { value: 'customer-ai-assistant', text: 'Customer AI Assistant' },
  { value: 'demand-forecast', text: 'Demand Forecast' },
];

export function datasourceVariable(defaultUid: string): DataSourceVariable {
  return new DataSourceVariable({
    name: VAR_DATASOURCE,
    label: 'Data source',
    pluginId: DATASOURCE_TYPE,
    value: defaultUid,
  });
}

export function modelVariable(): CustomVariable {
  return new CustomVariable({
    name: VAR_MODEL,
    label: 'Model',
    query: DEMO_MODELS.map((m) => `${m.text} : ${m.value}`).join(','),
    value: DEMO_MODELS[0].value,
    text: DEMO_MODELS[0].text,
  });
}

/** Variables of a page: always the data source, and the model where the page is per model. */
export function pageVariables(defaultUid: string, withModel: boolean): SceneVariableSet {
  return new SceneVariableSet({
    variables: withModel ? [datasourceVariable(defaultUid), modelVariable()] : [datasourceVariable(defaultUid)],
  });
}
