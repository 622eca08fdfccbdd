// Renders one custom panel, in one theme, from the data source's wire JSON
// (frames.json, written by ./demoframes), the way a Grafana dashboard would.
import {
  createTheme,
  DataFrameJSON,
  dataFrameFromJSON,
  getDefaultTimeRange,
  LoadingState,
  PanelProps,
  ThemeContext,
} from '@grafana/data';
import { GlobalStyles } from '@grafana/ui';
import React from 'react';
import { createRoot } from 'react-dom/client';

import { DriftPanel } from '../../src/panels/drift/DriftPanel';
import { FairnessPanel } from '../../src/panels/fairness/FairnessPanel';

type WireResponse = { results: Record<string, { frames?: DataFrameJSON[] }> };

const PANELS = {
  drift: { component: DriftPanel, options: { sortBy: 'current', topN: 20, colorScheme: 'theme' } },
  fairness: { component: FairnessPanel, options: { metric: 'selectionRate' } },
};

async function main() {
  const params = new URLSearchParams(window.location.search);
  const panel = PANELS[params.get('panel') as keyof typeof PANELS];
  const refId = params.get('refId') ?? params.get('panel')!;
  const theme = createTheme({ colors: { mode: params.get('theme') === 'light' ? 'light' : 'dark' } });
  const width = Number(params.get('width') ?? 900);
  const height = Number(params.get('height') ?? 520);
  const colorScheme = params.get('colorScheme');

  const wire: WireResponse = await (await fetch('frames.json')).json();
  const series = (wire.results[refId]?.frames ?? []).map(dataFrameFromJSON);
  const options = { ...panel.options, ...(colorScheme ? { colorScheme } : {}) };
  const props = {
    data: { series, state: LoadingState.Done, timeRange: getDefaultTimeRange() },
    options,
    width,
    height,
    timeZone: 'utc',
  } as unknown as PanelProps<never>;
  const Panel = panel.component as unknown as React.ComponentType<PanelProps<never>>;

  createRoot(document.getElementById('root')!).render(
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <div style={{ padding: 8, width, height }}>
        <Panel {...props} />
      </div>
    </ThemeContext.Provider>
  );
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  document.body.dataset.error = String(e);
});
