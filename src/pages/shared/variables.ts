import { DataSourceVariable, QueryVariable, SceneVariableSet } from '@grafana/scenes';

import { DATASOURCE_TYPE, VAR_DATASOURCE, VAR_MODEL } from '../../constants';
import { VariableResource } from '../../datasource/types';

export function datasourceVariable(defaultUid: string): DataSourceVariable {
  return new DataSourceVariable({
    name: VAR_DATASOURCE,
    label: 'Data source',
    pluginId: DATASOURCE_TYPE,
    value: defaultUid,
  });
}

/**
 * The model picker, listed by the chosen data source from its catalog (the
 * demo fleet or the user's declared models), so it follows `$ds`.
 */
export function modelVariable(): QueryVariable {
  return new QueryVariable({
    name: VAR_MODEL,
    label: 'Model',
    datasource: { type: DATASOURCE_TYPE, uid: `\${${VAR_DATASOURCE}}` },
    query: { refId: 'models', resource: VariableResource.Models },
  });
}

/** Variables of a page: always the data source, and the model where the page is per model. */
export function pageVariables(defaultUid: string, withModel: boolean): SceneVariableSet {
  return new SceneVariableSet({
    variables: withModel ? [datasourceVariable(defaultUid), modelVariable()] : [datasourceVariable(defaultUid)],
  });
}
