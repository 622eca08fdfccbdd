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
    feature: 'data-testid aiperf-query-feature',
    attribute: 'data-testid aiperf-query-attribute',
    metrics: 'data-testid aiperf-query-metrics',
    method: 'data-testid aiperf-query-method',
    groupBy: 'data-testid aiperf-query-group-by',
    measure: 'data-testid aiperf-query-measure',
    resourceError: 'data-testid aiperf-query-resource-error',
    queryTypesError: 'data-testid aiperf-query-types-error',
    variableResource: 'data-testid aiperf-variable-resource',
    variableModel: 'data-testid aiperf-variable-model',
  },
  configEditor: {
    container: 'data-testid aiperf-config-editor',
    demoEnabled: 'data-testid aiperf-config-demo',
    billingFeed: 'data-testid aiperf-config-billing-feed',
    addBillingFeed: 'data-testid aiperf-config-billing-add',
    servingEnabled: 'data-testid aiperf-config-serving',
    endpoint: 'data-testid aiperf-config-endpoint',
  },
  driftPanel: {
    container: 'data-testid aiperf-drift-panel',
  },
  fairnessPanel: {
    container: 'data-testid aiperf-fairness-panel',
  },
};
