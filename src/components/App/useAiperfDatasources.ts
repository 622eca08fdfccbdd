import { DataSourceInstanceSettings } from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import { useMemo } from 'react';

import { DATASOURCE_TYPE } from '../../constants';

/** Every instance of the plugin's data source the user can see. */
export function useAiperfDatasources(): DataSourceInstanceSettings[] {
  return useMemo(() => getDataSourceSrv().getList({ pluginId: DATASOURCE_TYPE }), []);
}
