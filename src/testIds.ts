/** Every data-testid the plugin renders, in one place (e2e and jest select by these). */
export const testIds = {
  appConfig: {
    container: 'data-testid aiperf-app-config',
    datasource: 'data-testid aiperf-app-config-datasource',
    submit: 'data-testid aiperf-app-config-submit',
  },
  queryEditor: {
    queryType: 'data-testid aiperf-query-type',
    model: 'data-testid aiperf-query-model',
  },
  configEditor: {
    demoEnabled: 'data-testid aiperf-config-demo',
  },
  driftPanel: {
    container: 'data-testid aiperf-drift-panel',
  },
  fairnessPanel: {
    container: 'data-testid aiperf-fairness-panel',
  },
};
