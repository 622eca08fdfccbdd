import { type DataQueryRequest, type DataQueryResponse } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import type { DataSource } from './datasource';
import { VariableResource, type AiperfVariableQuery } from './types';
import { AiperfVariableSupport } from './variables';

function fakeDataSource() {
  return {
    getModels: jest.fn().mockResolvedValue([
      { id: 'risk-assessment', name: 'Risk assessment', task: 'binary' },
      { id: 'churn', name: 'Churn', task: 'binary' },
    ]),
    getFeatures: jest.fn().mockResolvedValue([{ name: 'income', kind: 'numeric' }]),
    getAttributes: jest.fn().mockResolvedValue(['gender', 'age_band']),
  };
}

function run(datasource: ReturnType<typeof fakeDataSource>, query: Partial<AiperfVariableQuery>) {
  const support = new AiperfVariableSupport(datasource as unknown as DataSource);
  const request = { targets: [{ refId: 'variable', ...query }] } as DataQueryRequest<AiperfVariableQuery>;
  return lastValueFrom(support.query(request));
}

function values(response: DataQueryResponse) {
  const [frame] = response.data;
  return frame.fields.map((f: { name: string; values: string[] }) => [f.name, [...f.values]]);
}

describe('AiperfVariableSupport', () => {
  it('lists models with their names as text and ids as values', async () => {
    const response = await run(fakeDataSource(), { resource: VariableResource.Models });
    expect(values(response)).toEqual([
      ['text', ['Risk assessment', 'Churn']],
      ['value', ['risk-assessment', 'churn']],
    ]);
  });

  it('lists models for a variable that has no query yet', async () => {
    const datasource = fakeDataSource();
    await run(datasource, {});
    expect(datasource.getModels).toHaveBeenCalled();
  });

  it('lists the features of a chained model variable', async () => {
    const datasource = fakeDataSource();
    const response = await run(datasource, { resource: VariableResource.Features, model: '$model' });
    expect(datasource.getFeatures).toHaveBeenCalledWith('$model');
    expect(values(response)).toEqual([
      ['text', ['income']],
      ['value', ['income']],
    ]);
  });

  it('lists sensitive attributes', async () => {
    const response = await run(fakeDataSource(), { resource: VariableResource.Attributes, model: 'churn' });
    expect(values(response)[1]).toEqual(['value', ['gender', 'age_band']]);
  });

  it('says which field is missing when features are asked for without a model', async () => {
    await expect(run(fakeDataSource(), { resource: VariableResource.Features })).rejects.toThrow(
      'Listing features needs a model'
    );
  });
});
