import React from 'react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { testIds } from '../testIds';
import { setUpComboboxEnvironment } from './comboboxTestEnv';
import type { DataSource } from './datasource';
import { QueryEditor } from './QueryEditor';
import { QueryType, type AiperfQuery, type FeatureInfo, type ModelInfo } from './types';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getTemplateSrv: () => ({ getVariables: () => [{ name: 'model' }], replace: (v: string) => v }),
}));

const MODELS: ModelInfo[] = [
  { id: 'risk-assessment', name: 'Risk assessment', task: 'binary' },
  { id: 'churn', name: 'Churn', task: 'binary' },
];
const FEATURES: FeatureInfo[] = [
  { name: 'income', kind: 'numeric' },
  { name: 'region', kind: 'categorical' },
];

setUpComboboxEnvironment();
// Each test opens virtualized pickers several times: on a busy 2-core machine that takes more than jest's 5 s.
jest.setTimeout(20000);

function fakeDataSource(overrides: Partial<Record<keyof DataSource, jest.Mock>> = {}) {
  return {
    getQueryTypes: jest.fn().mockRejectedValue(new Error('not served')),
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
  return { onChange, onRunQuery, datasource, user: userEvent.setup() };
}

async function pick(user: ReturnType<typeof userEvent.setup>, testId: string, option: RegExp) {
  await user.click(screen.getByTestId(testId));
  // The query type list is long and virtualized: on a busy machine it takes more than findBy's default second.
  await user.click(await screen.findByRole('option', { name: option }, { timeout: 5000 }));
}

describe('QueryEditor', () => {
  it('shows only the query type and model pickers for serving types', async () => {
    setup({ queryType: QueryType.Latency, model: 'churn' });
    expect(screen.getByTestId(testIds.queryEditor.queryType)).toHaveValue('Latency');
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

  it('offers query types grouped by family, each with a description', async () => {
    const { user } = setup({ queryType: QueryType.Latency, model: 'churn' });
    await user.click(screen.getByTestId(testIds.queryEditor.queryType));
    const listbox = await screen.findByRole('listbox');
    expect(within(listbox).getByText('Serving')).toBeInTheDocument();
    expect(within(listbox).getByRole('option', { name: /Throughput.*Requests per second over time/ })).toBeVisible();
  });

  it('asks for a model when the type needs one and none is available', async () => {
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

  it('prefills the first model of the catalog into a new query and runs it', async () => {
    const { onChange, onRunQuery } = setup({ queryType: QueryType.Latency });
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith({ refId: 'A', queryType: QueryType.Latency, model: 'risk-assessment' })
    );
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('runs the query when the user picks a model', async () => {
    const { onChange, onRunQuery, user } = setup({ queryType: QueryType.Latency, model: '' });
    await pick(user, testIds.queryEditor.model, /Churn/);
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', queryType: QueryType.Latency, model: 'churn' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('offers dashboard variables as models', async () => {
    const { onChange, user } = setup({ queryType: QueryType.Latency, model: '' });
    await pick(user, testIds.queryEditor.model, /\$model/);
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ model: '$model' }));
  });

  it('changes the query type, drops fields the new type does not read, and waits for a feature', async () => {
    const { onChange, onRunQuery, user } = setup({ queryType: QueryType.Drift, model: 'churn', method: 'psi' });
    await pick(user, testIds.queryEditor.queryType, /Drift distribution/);
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
    await pick(user, testIds.queryEditor.feature, /income/);
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
    await pick(user, testIds.queryEditor.attribute, /gender/);
    expect(datasource.getAttributes).toHaveBeenCalledWith('churn');
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ attribute: 'gender' }));
  });

  it('adds quality metrics', async () => {
    const { onChange, onRunQuery, user } = setup({ queryType: QueryType.Quality, model: 'churn', metrics: ['f1'] });
    await pick(user, testIds.queryEditor.metrics, /^AUC-ROC/);
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ metrics: ['f1', 'aucRoc'] }));
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('sets the drift method', async () => {
    const { onChange, user } = setup({ queryType: QueryType.Drift, model: 'churn' });
    expect(screen.getByTestId(testIds.queryEditor.method)).toHaveValue('Auto');
    await pick(user, testIds.queryEditor.method, /Kolmogorov/);
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ method: 'ks' }));
  });

  it('groups cost by model', async () => {
    const { onChange, onRunQuery, user } = setup({ queryType: QueryType.Cost });
    await user.click(screen.getByRole('radio', { name: 'Model' }));
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', queryType: QueryType.Cost, groupBy: 'model' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('shows the backend query types once they arrive', async () => {
    const datasource = fakeDataSource({
      getQueryTypes: jest.fn().mockResolvedValue([
        {
          value: QueryType.Latency,
          label: 'Serving latency',
          description: 'Percentiles',
          needsModel: true,
          needsFeature: false,
          needsAttribute: false,
        },
      ]),
    });
    setup({ queryType: QueryType.Latency, model: 'churn' }, datasource);
    await waitFor(() => expect(screen.getByTestId(testIds.queryEditor.queryType)).toHaveValue('Serving latency'));
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
