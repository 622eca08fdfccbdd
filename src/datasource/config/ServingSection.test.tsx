import React from 'react';
import type { DataSourceSettings } from '@grafana/data';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { testIds } from '../../testIds';
import { setUpComboboxEnvironment } from '../comboboxTestEnv';
import type { AiperfDataSourceOptions, AiperfSecureJsonData } from '../types';
import { EndpointsSection } from './EndpointsSection';
import { ServingSection } from './ServingSection';

setUpComboboxEnvironment();

const SECRET = 'prom-token-do-not-show';

function settings(jsonData: AiperfDataSourceOptions, secureJsonFields: Record<string, boolean> = {}) {
  return {
    id: 1,
    uid: 'aiperf',
    name: 'AI Performance Monitor',
    type: 'aiperf-monitor-datasource',
    jsonData,
    secureJsonFields,
    secureJsonData: { 'serving.bearerToken': SECRET },
  } as unknown as DataSourceSettings<AiperfDataSourceOptions, AiperfSecureJsonData>;
}

function setup(
  Section: typeof ServingSection,
  jsonData: AiperfDataSourceOptions,
  secureJsonFields?: Record<string, boolean>
) {
  const onOptionsChange = jest.fn();
  const view = render(<Section options={settings(jsonData, secureJsonFields)} onOptionsChange={onOptionsChange} />);
  return { onOptionsChange, ...view, user: userEvent.setup() };
}

describe('ServingSection', () => {
  it('turns the Prometheus connector on', async () => {
    const { onOptionsChange, user } = setup(ServingSection, {});
    await user.click(screen.getByTestId(testIds.configEditor.servingEnabled));
    expect(onOptionsChange).toHaveBeenCalledWith(
      expect.objectContaining({ jsonData: { serving: { connector: 'prometheus', url: '' } } })
    );
  });

  it('edits the URL in the serving section', () => {
    const { onOptionsChange } = setup(ServingSection, { serving: { connector: 'prometheus', url: '' } });
    fireEvent.change(screen.getByLabelText('URL'), { target: { value: 'http://prometheus:9090' } });
    expect(onOptionsChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ jsonData: { serving: { connector: 'prometheus', url: 'http://prometheus:9090' } } })
    );
  });

  it('files the bearer token as a secret under serving and shows only that it is set', async () => {
    const serving = { connector: 'prometheus' as const, url: 'http://p:9090', auth: 'bearer' as const };
    const { container, onOptionsChange, user } = setup(ServingSection, { serving }, { 'serving.bearerToken': true });
    expect(container.innerHTML).not.toContain(SECRET);
    expect(screen.getByDisplayValue('configured')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Reset' }));
    expect(onOptionsChange).toHaveBeenLastCalledWith(
      expect.objectContaining({
        secureJsonFields: { 'serving.bearerToken': false },
        secureJsonData: { 'serving.bearerToken': '' },
      })
    );
  });

  it('keeps model mappings as typed until they are a JSON list', () => {
    const { onOptionsChange } = setup(ServingSection, { serving: { connector: 'prometheus', url: 'http://p:9090' } });
    const models = screen.getByLabelText('Model mappings');
    fireEvent.change(models, { target: { value: '{"id": "iris"}' } });
    fireEvent.blur(models);
    expect(screen.getByText(/Enter a JSON list/)).toBeInTheDocument();
    expect(onOptionsChange).not.toHaveBeenCalled();
    fireEvent.change(models, { target: { value: '[{"id": "iris", "namespace": "prod"}]' } });
    fireEvent.blur(models);
    expect(onOptionsChange).toHaveBeenLastCalledWith(
      expect.objectContaining({
        jsonData: {
          serving: { connector: 'prometheus', url: 'http://p:9090', models: [{ id: 'iris', namespace: 'prod' }] },
        },
      })
    );
  });
});

describe('EndpointsSection', () => {
  it('adds a live endpoint and files its token under its name', async () => {
    const { onOptionsChange, user, rerender } = setup(EndpointsSection, {});
    await user.click(screen.getByRole('button', { name: 'Add endpoint' }));
    const added = onOptionsChange.mock.lastCall[0];
    expect(added.jsonData.endpoints).toEqual({
      connector: 'live',
      endpoints: [{ name: 'server-1', protocol: 'oip', url: '' }],
    });
    rerender(
      <EndpointsSection
        options={{
          ...added,
          jsonData: {
            endpoints: { connector: 'live', endpoints: [{ name: 'mlserver', protocol: 'oip', auth: 'bearer' }] },
          },
        }}
        onOptionsChange={onOptionsChange}
      />
    );
    expect(screen.getAllByTestId(testIds.configEditor.endpoint)).toHaveLength(1);
    fireEvent.change(screen.getByLabelText('Token'), { target: { value: 'tok' } });
    expect(onOptionsChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ secureJsonData: expect.objectContaining({ 'endpoints.mlserver.bearerToken': 'tok' }) })
    );
  });

  it('removes the section when the last endpoint goes', async () => {
    const { onOptionsChange, user } = setup(EndpointsSection, {
      endpoints: { connector: 'live', endpoints: [{ name: 'a', protocol: 'openai', url: 'http://vllm:8000' }] },
    });
    await user.click(screen.getByRole('button', { name: 'Remove endpoint' }));
    expect(onOptionsChange).toHaveBeenLastCalledWith(expect.objectContaining({ jsonData: { endpoints: undefined } }));
  });
});
