import React from 'react';
import type { DataSourceSettings } from '@grafana/data';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { AiperfDataSourceOptions, AiperfSecureJsonData } from '../types';
import { RegistrySection, type RegistrySettings } from './RegistrySection';

const CANARY = 'mlflow-password-do-not-show';

type Options = AiperfDataSourceOptions & { registry?: RegistrySettings };

function settings(jsonData: Options, secureJsonFields: Record<string, boolean> = {}) {
  return {
    id: 1,
    uid: 'aiperf',
    name: 'AI Performance Monitor',
    type: 'aiperf-monitor-datasource',
    jsonData,
    secureJsonFields,
    secureJsonData: { 'registry.password': CANARY, 'registry.token': CANARY, 'registry.username': CANARY },
  } as unknown as DataSourceSettings<AiperfDataSourceOptions, AiperfSecureJsonData>;
}

function setup(jsonData: Options, secureJsonFields?: Record<string, boolean>) {
  const onOptionsChange = jest.fn();
  const view = render(
    <RegistrySection options={settings(jsonData, secureJsonFields)} onOptionsChange={onOptionsChange} />
  );
  return { onOptionsChange, ...view, user: userEvent.setup() };
}

const mlflow: RegistrySettings = { connector: 'mlflow', url: 'http://mlflow:5000' };

describe('RegistrySection', () => {
  it('turns the MLflow registry on with an empty address', async () => {
    const { onOptionsChange, user } = setup({});
    expect(screen.queryByLabelText(/URL/)).not.toBeInTheDocument();
    await user.click(screen.getByLabelText('Read the model catalog from MLflow'));
    expect(onOptionsChange).toHaveBeenCalledWith(
      expect.objectContaining({ jsonData: { registry: { connector: 'mlflow', url: '' } } })
    );
  });

  it('replaces another registry connector only when MLflow is turned on', async () => {
    const { onOptionsChange, user } = setup({ registry: { connector: 'demo' } as unknown as RegistrySettings });
    expect(screen.getByText(/comes from the demo registry connector/)).toBeInTheDocument();
    expect(screen.queryByLabelText(/URL/)).not.toBeInTheDocument();
    await user.click(screen.getByLabelText('Read the model catalog from MLflow'));
    expect(onOptionsChange).toHaveBeenCalledWith(
      expect.objectContaining({ jsonData: { registry: { connector: 'mlflow', url: '' } } })
    );
  });

  it('turns it off again', async () => {
    const { onOptionsChange, user } = setup({ registry: mlflow });
    await user.click(screen.getByLabelText('Read the model catalog from MLflow'));
    expect(onOptionsChange).toHaveBeenCalledWith(expect.objectContaining({ jsonData: { registry: undefined } }));
  });

  it('edits the address, alias, version tag and a tag key', () => {
    const { onOptionsChange } = setup({ registry: { connector: 'mlflow', url: '' } });
    fireEvent.change(screen.getByLabelText(/URL/), { target: { value: 'http://mlflow:5000' } });
    expect(onOptionsChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ jsonData: { registry: { connector: 'mlflow', url: 'http://mlflow:5000' } } })
    );
    fireEvent.change(screen.getByLabelText(/^Production alias/), { target: { value: 'prod' } });
    expect(onOptionsChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ jsonData: { registry: { connector: 'mlflow', url: '', productionAlias: 'prod' } } })
    );
    fireEvent.change(screen.getByLabelText(/^Version tag/), { target: { value: 'semver' } });
    expect(onOptionsChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ jsonData: { registry: { connector: 'mlflow', url: '', versionTag: 'semver' } } })
    );
    fireEvent.change(screen.getByLabelText(/^Owner tag/), { target: { value: 'team' } });
    expect(onOptionsChange).toHaveBeenLastCalledWith(
      expect.objectContaining({
        jsonData: { registry: { connector: 'mlflow', url: '', tagKeys: { owner: 'team' } } },
      })
    );
  });

  it('shows stored basic-auth secrets only as configured and resets one', async () => {
    const { container, onOptionsChange, user } = setup(
      { registry: mlflow },
      { 'registry.username': true, 'registry.password': true }
    );
    expect(container.innerHTML).not.toContain(CANARY);
    expect(screen.getAllByDisplayValue('configured')).toHaveLength(2);
    await user.click(screen.getAllByRole('button', { name: 'Reset' })[1]);
    expect(onOptionsChange).toHaveBeenLastCalledWith(
      expect.objectContaining({
        secureJsonFields: { 'registry.username': true, 'registry.password': false },
        secureJsonData: expect.objectContaining({ 'registry.password': '' }),
      })
    );
  });

  it('files a typed token under registry.token and drops basic-auth secrets when switching to it', async () => {
    const { onOptionsChange, user } = setup(
      { registry: mlflow },
      { 'registry.username': true, 'registry.password': true }
    );
    await user.click(screen.getByLabelText('Bearer token'));
    expect(onOptionsChange).toHaveBeenLastCalledWith(
      expect.objectContaining({
        secureJsonFields: { 'registry.username': false, 'registry.password': false },
        secureJsonData: expect.objectContaining({ 'registry.username': '', 'registry.password': '' }),
      })
    );
    fireEvent.change(screen.getByLabelText(/^Token/), { target: { value: 'abc' } });
    expect(onOptionsChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ secureJsonData: expect.objectContaining({ 'registry.token': 'abc' }) })
    );
  });
});
