import type { DataSourceInstanceSettings, ScopedVars } from '@grafana/data';

import { DataSource } from './datasource';
import { QueryType, type AiperfDataSourceOptions, type AiperfQuery } from './types';

const VARIABLES: Record<string, string | string[]> = {
  model: 'churn',
  feature: 'income',
  attribute: 'gender',
  metrics: ['f1', 'aucRoc'],
  groupBy: 'model',
  check: 'fairness',
  outcome: 'fail',
};

// A small template service: `$name` becomes the variable's value, multi-values joined per format.
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getTemplateSrv: () => ({
    getVariables: () => [],
    replace: (target: string, scopedVars?: ScopedVars, format?: string) =>
      target.replace(/\$(\w+)/g, (match, name: string) => {
        const value = scopedVars?.[name]?.value ?? VARIABLES[name];
        if (value === undefined) {
          return match;
        }
        return Array.isArray(value) ? (format === 'csv' ? value.join(',') : `{${value.join(',')}}`) : String(value);
      }),
  }),
}));

function createDataSource() {
  return new DataSource({
    uid: 'aiperf',
    type: 'aiperf-monitor-datasource',
    name: 'AI Performance Monitor',
    jsonData: { demoEnabled: true },
  } as DataSourceInstanceSettings<AiperfDataSourceOptions>);
}

describe('DataSource.applyTemplateVariables', () => {
  it('interpolates model, feature, attribute, metrics and groupBy', () => {
    const query: AiperfQuery = {
      refId: 'A',
      queryType: QueryType.DriftDistribution,
      model: '$model',
      feature: '$feature',
      attribute: '$attribute',
      metrics: ['$metrics', 'accuracy'],
      groupBy: '$groupBy' as AiperfQuery['groupBy'],
      method: 'psi',
    };
    expect(createDataSource().applyTemplateVariables(query, {})).toEqual({
      refId: 'A',
      queryType: QueryType.DriftDistribution,
      model: 'churn',
      feature: 'income',
      attribute: 'gender',
      metrics: ['f1', 'aucRoc', 'accuracy'],
      groupBy: 'model',
      method: 'psi',
    });
  });

  it('interpolates the evidence register filters', () => {
    const query: AiperfQuery = {
      refId: 'A',
      queryType: QueryType.Evidence,
      model: '$model',
      check: '$check',
      outcome: '$outcome',
    };
    expect(createDataSource().applyTemplateVariables(query, {})).toMatchObject({
      model: 'churn',
      check: 'fairness',
      outcome: 'fail',
    });
  });

  it('prefers scoped variables, as in repeated panels', () => {
    const scoped: ScopedVars = { model: { text: 'Fraud', value: 'fraud' } };
    const result = createDataSource().applyTemplateVariables({ refId: 'A', model: '$model' }, scoped);
    expect(result.model).toBe('fraud');
  });

  it('leaves literal values and missing fields alone', () => {
    const result = createDataSource().applyTemplateVariables(
      { refId: 'A', queryType: QueryType.Latency, model: 'risk-assessment' },
      {}
    );
    expect(result).toEqual({ refId: 'A', queryType: QueryType.Latency, model: 'risk-assessment' });
  });
});

describe('DataSource.filterQuery', () => {
  const ds = createDataSource();

  it.each<[string, AiperfQuery, boolean]>([
    ['a complete model query', { refId: 'A', queryType: QueryType.Latency, model: 'churn' }, true],
    ['a hidden query', { refId: 'A', queryType: QueryType.Latency, model: 'churn', hide: true }, false],
    ['a query without a type', { refId: 'A', model: 'churn' }, false],
    // The backend checks the fields a type needs and names the missing one.
    ['a model query without a model, for the backend to explain', { refId: 'A', queryType: QueryType.Quality }, true],
    ['an unknown type, left for the backend to reject', { refId: 'A', queryType: 'nope' as QueryType }, true],
  ])('%s', (_name, query, expected) => {
    expect(ds.filterQuery(query)).toBe(expected);
  });
});

describe('DataSource resources', () => {
  it('starts new queries on the first model once the catalog is known', async () => {
    const ds = createDataSource();
    expect(ds.getDefaultQuery('dashboard' as never)).toEqual({ queryType: QueryType.Latency, model: undefined });
    jest
      .spyOn(ds, 'getResource')
      .mockResolvedValue([{ id: 'risk-assessment', name: 'Risk assessment', task: 'binary' }]);
    await ds.getModels();
    expect(ds.getDefaultQuery('dashboard' as never)).toEqual({
      queryType: QueryType.Latency,
      model: 'risk-assessment',
    });
  });

  it('interpolates the model before asking for its features and attributes', async () => {
    const ds = createDataSource();
    const getResource = jest.spyOn(ds, 'getResource').mockResolvedValue([]);
    await ds.getFeatures('$model');
    await ds.getAttributes('$model');
    expect(getResource).toHaveBeenCalledWith('features', { model: 'churn' });
    expect(getResource).toHaveBeenCalledWith('attributes', { model: 'churn' });
  });

  it('offers incidents as the default annotation query', () => {
    expect(createDataSource().annotations?.getDefaultQuery?.()).toEqual({ queryType: QueryType.Incidents });
  });
});

describe('DataSource.getQueryTypes', () => {
  it('asks the backend once and retries after a failure', async () => {
    const ds = createDataSource();
    const getResource = jest
      .spyOn(ds, 'getResource')
      .mockRejectedValueOnce(new Error('backend starting'))
      .mockResolvedValue([]);
    await expect(ds.getQueryTypes()).rejects.toThrow('backend starting');
    await ds.getQueryTypes();
    await ds.getQueryTypes();
    expect(getResource).toHaveBeenCalledTimes(2);
    expect(getResource).toHaveBeenCalledWith('query-types');
  });
});
