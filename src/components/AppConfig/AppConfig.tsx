import { css } from '@emotion/css';
import { AppPluginMeta, GrafanaTheme2, PluginConfigPageProps, PluginMeta } from '@grafana/data';
import { DataSourcePicker, getBackendSrv, locationService } from '@grafana/runtime';
import { Button, Field, FieldSet, TextLink, useStyles2 } from '@grafana/ui';
import React, { useState } from 'react';
import { lastValueFrom } from 'rxjs';

import { AppSettings, DATASOURCE_TYPE } from '../../constants';
import { testIds } from '../../testIds';

export interface AppConfigProps extends PluginConfigPageProps<AppPluginMeta<AppSettings>> {}

/** Chooses the data source the app's pages open with; everything else lives on the data source. */
export default function AppConfig({ plugin }: AppConfigProps) {
  const styles = useStyles2(getStyles);
  const { enabled, pinned, jsonData } = plugin.meta;
  const [uid, setUid] = useState(jsonData?.defaultDatasourceUid);
  const [error, setError] = useState<string | undefined>();

  const save = async () => {
    try {
      await updatePlugin(plugin.meta.id, { enabled, pinned, jsonData: { ...jsonData, defaultDatasourceUid: uid } });
      locationService.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'saving the settings failed');
    }
  };

  return (
    <div data-testid={testIds.appConfig.container}>
      <FieldSet label="Default data source">
        <Field
          label="Data source"
          description="The AI Performance Monitor data source the pages open with; the data source picker on each page can switch to another."
          error={error}
          invalid={Boolean(error)}
        >
          <div data-testid={testIds.appConfig.datasource}>
            <DataSourcePicker
              pluginId={DATASOURCE_TYPE}
              current={uid}
              onChange={(ds) => setUid(ds.uid)}
              noDefault
              width={40}
            />
          </div>
        </Field>
        <p className={styles.note}>
          Targets, budgets, the model catalog and the compliance register are settings of the data source, so alert
          rules use the same numbers: edit them under{' '}
          <TextLink href="/connections/datasources">Connections → Data sources</TextLink>.
        </p>
        <Button onClick={save} disabled={!uid} data-testid={testIds.appConfig.submit}>
          Save
        </Button>
      </FieldSet>
    </div>
  );
}

async function updatePlugin(pluginId: string, data: Partial<PluginMeta<AppSettings>>) {
  const response = getBackendSrv().fetch({ url: `/api/plugins/${pluginId}/settings`, method: 'POST', data });
  return lastValueFrom(response);
}

const getStyles = (theme: GrafanaTheme2) => ({
  note: css({ color: theme.colors.text.secondary, marginBottom: theme.spacing(2) }),
});
