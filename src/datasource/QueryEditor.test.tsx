import React from 'react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';

import { testIds } from '../testIds';
import { setUpComboboxEnvironment } from './comboboxTestEnv';
import type { DataSource } from './datasource';
import { QueryEditor } from './QueryEditor';
import { QueryType, type AiperfQuery, type FeatureInfo, type ModelInfo, type QueryTypeInfo } from './types';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getTemplateSrv: () => ({ getVariables: () => [{ name: 'model' }], replace: (v: string) => v }),
}));

const MODELS: ModelInfo[] = [
  { id: 'risk-assessment', name: 'Risk assessment', task: 'binary', origin: 'registry' },
  { id: 'churn', name: 'Churn', task: 'binary', origin: 'settings' },
];
const FEATURES: FeatureInfo[] = [
  { name: 'income', kind: 'numeric' },
  { name: 'region', kind: 'categorical' },
];

/** The backend's `query-types` answer (pkg/query/types.go), for the types these tests use. */
const needs = (needsModel: boolean, needsFeature = false) => ({ needsModel, needsFeature, needsAttribute: false });
const QUERY_TYPES: QueryTypeInfo[] = [
  { value: QueryType.Latency, label: 'Latency', description: 'p50/p95/p99 serving latency', ...needs(true) },
  { value: QueryType.Throughput, label: 'Throughput', description: 'requests per second', ...needs(true) },
  { value: QueryType.Quality, label: 'Model quality', description: 'quality per window', ...needs(true) },
  { value: QueryType.Drift, label: 'Drift (matrix)', description: 'drift per feature', ...needs(true) },
  { value: QueryType.DriftTrend, label: 'Drift trend', description: 'drift % over time', ...needs(true) },
  {
    value: QueryType.DriftDistribution,
    label: 'Drift distribution',
    description: 'one feature',
    ...needs(true, true),
  },
  { value: QueryType.Fairness, label: 'Fairness', description: 'per-group rates', ...needs(true) },
  { value: QueryType.FairnessTrend, label: 'Fairness trend', description: 'over time', ...needs(true) },
  { value: QueryType.FleetHealth, label: 'Fleet health', description: 'every model', ...needs(false) },
  { value: QueryType.Cost, label: 'Cost', description: 'daily spend', ...needs(false) },
];

setUpComboboxEnvironment();

function fakeDataSource(overrides: Partial<Record<keyof DataSource, jest.Mock>> = {}) {
  return {
    getQueryTypes: jest.fn().mockResolvedValue(QUERY_TYPES),
    getDefaultQuery: jest.fn().mockReturnValue({ queryType: QueryType.Latency, model: undefined }),
    getModels: jest.fn().mockResolvedValue(MODELS),
    getFeatures: jest.fn().mockResolvedValue(FEATURES),
    getAttributes: jest.fn().mockResolvedValue(['gender', 'age_band']),
    ...overrides,
  } as unknown as DataSource & Record<string, jest.Mock>;
}

function setup(query: Partial<AiperfQuery>, datasource = fakeDataSource()) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  render(
    <QueryEditor datasource={datasource} query={{ refId: 'A', ...query }} onChange={onChange} onRunQuery={onRunQuery} />
  );
  // No delay between events and no computed-style walk per pointer event: both cost
  // seconds on a busy machine and test nothing the editor does.
  const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
  return { onChange, onRunQuery, datasource, user };
}

/**
 * Picks an option as a user who knows its name does: open the picker, type part of
 * the name, click the option. Filtering first keeps the accessible-name search to a
 * few options (over a full list it is the slowest step of these tests).
 */
async function pick(user: ReturnType<typeof userEvent.setup>, testId: string, search: string, option: RegExp) {
  await user.click(screen.getByTestId(testId));
  await user.paste(search);
  await user.click(await screen.findByRole('option', { name: option }));
}

describe('QueryEditor', () => {
  it('shows only the query type and model pickers for serving types', async () => {
    setup({ queryType: QueryType.Latency, model: 'churn' });
    await waitFor(() => expect(screen.getByTestId(testIds.queryEditor.queryType)).toHaveValue('Latency'));
    await waitFor(() => expect(screen.getByTestId(testIds.queryEditor.model)).toHaveValue('Churn'));
    for (const id of ['feature', 'attribute', 'metrics', 'method', 'groupBy'] as const) {
      expect(screen.queryByTestId(testIds.queryEditor[id])).not.toBeInTheDocument();
    }
  });

  it.each([
    [QueryType.Quality, 'metrics'],
    [QueryType.Drift, 'method'],
    [QueryType.DriftTrend, 'method'],
    [QueryType.DriftDistribution, 'feature'],
    [QueryType.Fairness, 'attribute'],
    [QueryType.FairnessTrend, 'attribute'],
    [QueryType.Cost, 'groupBy'],
  ] as const)('shows the %s field %s', async (queryType, field) => {
    setup({ queryType, model: 'churn' });
    expect(await screen.findByTestId(testIds.queryEditor[field])).toBeInTheDocument();
  });

  it("offers the backend's query types, each with its description", async () => {
    const { user } = setup({ queryType: QueryType.Latency, model: 'churn' });
    await waitFor(() => expect(screen.getByTestId(testIds.queryEditor.queryType)).toHaveValue('Latency'));
    await user.click(screen.getByTestId(testIds.queryEditor.queryType));
    await user.paste('Through');
    expect(await screen.findByRole('option', { name: /Throughput.*requests per second/ })).toBeVisible();
  });

  it('asks for a model when the backend says the type needs one', async () => {
    setup({ queryType: QueryType.Quality, model: '' });
    expect(await screen.findByText('Choose a model: this query type needs one.')).toBeInTheDocument();
  });

  it('asks for a feature for the drift distribution', async () => {
    setup({ queryType: QueryType.DriftDistribution, model: 'churn' });
    expect(await screen.findByText('Choose a feature: this query type needs one.')).toBeInTheDocument();
  });

  it('does not ask for a model on fleet-wide types', async () => {
    setup({ queryType: QueryType.FleetHealth });
    await waitFor(() => expect(screen.getByTestId(testIds.queryEditor.model)).not.toBeDisabled());
    expect(screen.queryByText(/Choose a model/)).not.toBeInTheDocument();
  });

  it("starts a query without a type on the data source's default query", async () => {
    const { onChange } = setup({});
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ queryType: QueryType.Latency }))
    );
  });

  it('prefills the first model of the catalog into a new query and runs it', async () => {
    const { onChange, onRunQuery } = setup({ queryType: QueryType.Latency });
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith({ refId: 'A', queryType: QueryType.Latency, model: 'risk-assessment' })
    );
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('runs the query when the user picks a model', async () => {
    const { onChange, onRunQuery, user } = setup({ queryType: QueryType.Latency, model: '' });
    await pick(user, testIds.queryEditor.model, 'Chu', /Churn/);
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', queryType: QueryType.Latency, model: 'churn' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('offers dashboard variables as models', async () => {
    const { onChange, user } = setup({ queryType: QueryType.Latency, model: '' });
    await pick(user, testIds.queryEditor.model, '$mod', /\$model/);
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ model: '$model' }));
  });

  it('changes the query type, drops fields the new type does not read, and waits for a feature', async () => {
    const { onChange, onRunQuery, user } = setup({ queryType: QueryType.Drift, model: 'churn', method: 'psi' });
    await waitFor(() => expect(screen.getByTestId(testIds.queryEditor.queryType)).toHaveValue('Drift (matrix)'));
    await pick(user, testIds.queryEditor.queryType, 'distribution', /Drift distribution/);
    expect(onChange).toHaveBeenLastCalledWith({
      refId: 'A',
      queryType: QueryType.DriftDistribution,
      model: 'churn',
      method: undefined,
      attribute: undefined,
      metrics: undefined,
      groupBy: undefined,
    });
    expect(onRunQuery).not.toHaveBeenCalled();
  });

  it('loads the features of the chosen model and runs once one is picked', async () => {
    const datasource = fakeDataSource();
    const { onChange, onRunQuery, user } = setup(
      { queryType: QueryType.DriftDistribution, model: 'churn' },
      datasource
    );
    await pick(user, testIds.queryEditor.feature, 'inc', /income/);
    expect(datasource.getFeatures).toHaveBeenCalledWith('churn');
    expect(onChange).toHaveBeenLastCalledWith({
      refId: 'A',
      queryType: QueryType.DriftDistribution,
      model: 'churn',
      feature: 'income',
    });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('waits for a model before listing features', async () => {
    const datasource = fakeDataSource();
    setup({ queryType: QueryType.DriftDistribution }, datasource);
    expect(await screen.findByTestId(testIds.queryEditor.feature)).toBeDisabled();
    expect(datasource.getFeatures).not.toHaveBeenCalled();
  });

  it('picks a sensitive attribute from the model', async () => {
    const datasource = fakeDataSource();
    const { onChange, user } = setup({ queryType: QueryType.Fairness, model: 'churn' }, datasource);
    await pick(user, testIds.queryEditor.attribute, 'gen', /gender/);
    expect(datasource.getAttributes).toHaveBeenCalledWith('churn');
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ attribute: 'gender' }));
  });

  it('adds quality metrics', async () => {
    const { onChange, onRunQuery, user } = setup({ queryType: QueryType.Quality, model: 'churn', metrics: ['f1'] });
    await pick(user, testIds.queryEditor.metrics, 'AUC', /^AUC-ROC/);
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ metrics: ['f1', 'aucRoc'] }));
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('sets the drift method', async () => {
    const { onChange, user } = setup({ queryType: QueryType.Drift, model: 'churn' });
    expect(screen.getByTestId(testIds.queryEditor.method)).toHaveValue('Auto');
    await pick(user, testIds.queryEditor.method, 'Kolmo', /Kolmogorov/);
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ method: 'ks' }));
  });

  it('groups cost by model', async () => {
    const { onChange, onRunQuery, user } = setup({ queryType: QueryType.Cost });
    await user.click(screen.getByRole('radio', { name: 'Model' }));
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', queryType: QueryType.Cost, groupBy: 'model' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('shows the query type picker as loading until the backend lists the types', async () => {
    let answer: (types: QueryTypeInfo[]) => void = () => {};
    const datasource = fakeDataSource({
      getQueryTypes: jest.fn().mockReturnValue(new Promise<QueryTypeInfo[]>((resolve) => (answer = resolve))),
    });
    setup({ queryType: QueryType.Latency, model: 'churn' }, datasource);
    const typePicker = screen.getByTestId(testIds.queryEditor.queryType).parentElement!;
    expect(within(typePicker).getByTestId('spinner')).toBeInTheDocument();
    answer([{ ...QUERY_TYPES[0], label: 'Serving latency' }]);
    await waitFor(() => expect(screen.getByTestId(testIds.queryEditor.queryType)).toHaveValue('Serving latency'));
    expect(within(typePicker).queryByTestId('spinner')).not.toBeInTheDocument();
  });

  it('says why the query types could not be loaded', async () => {
    const datasource = fakeDataSource({
      getQueryTypes: jest
        .fn()
        .mockRejectedValue({ status: 400, data: { message: 'the data source settings are invalid' } }),
    });
    setup({ queryType: QueryType.Latency, model: 'churn' }, datasource);
    const alert = await screen.findByTestId(testIds.queryEditor.queryTypesError);
    expect(alert).toHaveTextContent('Could not load the query types from the data source');
    expect(alert).toHaveTextContent('the data source settings are invalid');
  });

  it('shows the model picker as loading until the catalog answers', async () => {
    let answer: (models: ModelInfo[]) => void = () => {};
    const datasource = fakeDataSource({
      getModels: jest.fn().mockReturnValue(new Promise<ModelInfo[]>((resolve) => (answer = resolve))),
    });
    setup({ queryType: QueryType.Latency, model: 'churn' }, datasource);
    const modelPicker = screen.getByTestId(testIds.queryEditor.model).parentElement!;
    expect(within(modelPicker).getByTestId('spinner')).toBeInTheDocument();
    answer(MODELS);
    await waitFor(() => expect(within(modelPicker).queryByTestId('spinner')).not.toBeInTheDocument());
    expect(screen.getByTestId(testIds.queryEditor.model)).toHaveValue('Churn');
  });

  it('shows why the model catalog failed to load', async () => {
    const datasource = fakeDataSource({
      getModels: jest.fn().mockRejectedValue({ status: 500, data: { message: 'demo source is disabled' } }),
    });
    setup({ queryType: QueryType.Latency, model: 'churn' }, datasource);
    const alert = await screen.findByTestId(testIds.queryEditor.resourceError);
    expect(alert).toHaveTextContent('Could not load the model catalog');
    expect(alert).toHaveTextContent('demo source is disabled');
  });

  it('shows why the features failed to load', async () => {
    const datasource = fakeDataSource({ getFeatures: jest.fn().mockRejectedValue(new Error('unknown model "x"')) });
    setup({ queryType: QueryType.DriftDistribution, model: 'x' }, datasource);
    expect(await screen.findByTestId(testIds.queryEditor.resourceError)).toHaveTextContent('unknown model "x"');
  });
});
