import React from 'react';
import type { DataSourceSettings } from '@grafana/data';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { testIds } from '../testIds';
import { ConfigEditor } from './ConfigEditor';
import type { AiperfDataSourceOptions, AiperfSecureJsonData } from './types';

const SECRET = 'sk-live-do-not-show';

function settings(jsonData: AiperfDataSourceOptions) {
  return {
    id: 1,
    uid: 'aiperf',
    name: 'AI Performance Monitor',
    type: 'aiperf-monitor-datasource',
    jsonData,
    secureJsonFields: { apiKey: true },
    secureJsonData: { apiKey: SECRET },
  } as unknown as DataSourceSettings<AiperfDataSourceOptions, AiperfSecureJsonData>;
}

function setup(jsonData: AiperfDataSourceOptions) {
  const onOptionsChange = jest.fn();
  const { container } = render(<ConfigEditor options={settings(jsonData)} onOptionsChange={onOptionsChange} />);
  return { onOptionsChange, container, user: userEvent.setup() };
}

describe('ConfigEditor', () => {
  it('has the demo fleet on for a new data source', () => {
    setup({});
    expect(screen.getByTestId(testIds.configEditor.demoEnabled)).toBeChecked();
  });

  it('turns the demo fleet off', async () => {
    const { onOptionsChange, user } = setup({ demoEnabled: true });
    await user.click(screen.getByLabelText('Enable demo fleet'));
    expect(onOptionsChange).toHaveBeenCalledWith(expect.objectContaining({ jsonData: { demoEnabled: false } }));
  });

  it('turns the demo fleet back on', async () => {
    const { onOptionsChange, user } = setup({ demoEnabled: false });
    expect(screen.getByTestId(testIds.configEditor.demoEnabled)).not.toBeChecked();
    await user.click(screen.getByLabelText('Enable demo fleet'));
    expect(onOptionsChange).toHaveBeenCalledWith(expect.objectContaining({ jsonData: { demoEnabled: true } }));
  });

  it('explains what the demo provides', () => {
    setup({});
    expect(screen.getByRole('heading', { name: 'Built-in demo fleet' })).toBeInTheDocument();
    expect(screen.getByText(/works against it without any external system/)).toBeInTheDocument();
  });

  it('never renders secret values', () => {
    const { container } = setup({});
    expect(container.innerHTML).not.toContain(SECRET);
  });
});
