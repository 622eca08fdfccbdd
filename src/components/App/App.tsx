import { AppRootProps } from '@grafana/data';
import { SceneApp, useSceneApp } from '@grafana/scenes';
import { Alert } from '@grafana/ui';
import React, { useCallback } from 'react';
import { Navigate, useLocation } from 'react-router-dom';

import { AppSettings, DEMO_DATASOURCE_UID, PLUGIN_BASE_URL, ROUTES } from '../../constants';
import { prefixRoute } from '../../utils/utils.routing';
import { compliancePage, costPage, executivePage, infrastructurePage, modelsPage } from '../../pages/pages';
import { useAiperfDatasources } from './useAiperfDatasources';

function AppWithScenes({ defaultUid }: { defaultUid: string }) {
  const build = useCallback(
    () =>
      new SceneApp({
        pages: [
          executivePage(defaultUid),
          modelsPage(defaultUid),
          infrastructurePage(defaultUid),
          costPage(defaultUid),
          compliancePage(defaultUid),
        ],
        urlSyncOptions: { updateUrlOnInit: true, createBrowserHistorySteps: true },
      }),
    [defaultUid]
  );
  const scene = useSceneApp(build);
  return <scene.Component model={scene} />;
}

export default function App(props: AppRootProps<AppSettings>) {
  const datasources = useAiperfDatasources();
  const { pathname, search } = useLocation();
  // The app's root has no page of its own: open the Executive view, keeping the query string.
  if (pathname.replace(/\/+$/, '') === PLUGIN_BASE_URL) {
    return <Navigate to={`${prefixRoute(ROUTES.Executive)}${search}`} replace />;
  }
  const configured = props.meta.jsonData?.defaultDatasourceUid;
  const defaultUid = configured ?? datasources[0]?.uid ?? DEMO_DATASOURCE_UID;
  return (
    <>
      {datasources.length === 0 && (
        <Alert severity="warning" title="No AI Performance Monitor data source found">
          Add one under Connections → Data sources (with the built-in demo fleet enabled, it works right away), or
          provision one with uid {DEMO_DATASOURCE_UID}.
        </Alert>
      )}
      <AppWithScenes defaultUid={defaultUid} />
    </>
  );
}
