import { DataSourcePlugin } from '@grafana/data';

import { ConfigEditor } from './ConfigEditor';
import { DataSource } from './datasource';
import { QueryEditor } from './QueryEditor';
import type { AiperfDataSourceOptions, AiperfQuery } from './types';

export const plugin = new DataSourcePlugin<DataSource, AiperfQuery, AiperfDataSourceOptions>(DataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
