import React from 'react';
import type { DataSourceSettings } from '@grafana/data';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { testIds } from '../../testIds';
import type { AiperfDataSourceOptions, AiperfSecureJsonData } from '../types';
import { BillingSection } from './BillingSection';
import type { BillingFeed } from './billingFeeds';

const SECRET = 'sk-admin-canary-do-not-show';

function setup(billing: BillingFeed[] | undefined, secureJsonFields: Record<string, boolean> = {}) {
  const onOptionsChange = jest.fn();
  const options = {
    id: 1,
    uid: 'aiperf',
    name: 'AI Performance Monitor',
    type: 'aiperf-monitor-datasource',
    jsonData: { demoEnabled: false, billing },
    secureJsonFields,
    secureJsonData: { 'billing.openai.adminKey': SECRET },
  } as unknown as DataSourceSettings<AiperfDataSourceOptions, AiperfSecureJsonData>;
  const view = render(<BillingSection options={options} onOptionsChange={onOptionsChange} />);
  return { onOptionsChange, ...view, user: userEvent.setup() };
}

const lastJsonData = (fn: jest.Mock) => fn.mock.calls[fn.mock.calls.length - 1][0].jsonData;

describe('BillingSection', () => {
  it('adds a FOCUS feed', async () => {
    const { onOptionsChange, user } = setup(undefined);
    await user.click(screen.getByTestId(testIds.configEditor.addBillingFeed));
    expect(lastJsonData(onOptionsChange).billing).toEqual([{ name: 'feed-1', connector: 'focus' }]);
  });

  it('edits a FOCUS feed: location and category rules', () => {
    const { onOptionsChange } = setup([{ name: 'cloud', connector: 'focus' }]);
    fireEvent.change(screen.getByLabelText('Location'), { target: { value: '/data/focus.parquet' } });
    expect(lastJsonData(onOptionsChange).billing[0]).toEqual({
      name: 'cloud',
      connector: 'focus',
      location: '/data/focus.parquet',
    });
    fireEvent.blur(screen.getByLabelText('Category rules'), {
      target: { value: 'ResourceType | ml\\.p4d | gpu\nincomplete line' },
    });
    expect(lastJsonData(onOptionsChange).billing[0].categories).toEqual([
      { column: 'ResourceType', pattern: 'ml\\.p4d', category: 'gpu' },
    ]);
  });

  it('maps OpenAI projects to models', () => {
    const { onOptionsChange } = setup([{ name: 'openai', connector: 'openai' }]);
    fireEvent.blur(screen.getByLabelText('Models'), { target: { value: 'proj_1 = customer-ai-assistant\nproj_2 =' } });
    expect(lastJsonData(onOptionsChange).billing[0].models).toEqual({ proj_1: 'customer-ai-assistant' });
  });

  it('files the admin key under the feed and shows only that it is set', async () => {
    const { container, onOptionsChange, user } = setup([{ name: 'openai', connector: 'openai' }], {
      'billing.openai.adminKey': true,
    });
    expect(container.innerHTML).not.toContain(SECRET);
    expect(screen.getByDisplayValue('configured')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Reset' }));
    expect(onOptionsChange).toHaveBeenLastCalledWith(
      expect.objectContaining({
        secureJsonFields: { 'billing.openai.adminKey': false },
        secureJsonData: { 'billing.openai.adminKey': '' },
      })
    );
  });

  it('types a new secret into its own key', () => {
    const { onOptionsChange } = setup([{ name: 'aws', connector: 'awsce' }]);
    fireEvent.change(screen.getByLabelText('Secret access key'), { target: { value: 'new-secret' } });
    expect(onOptionsChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ secureJsonData: expect.objectContaining({ 'billing.aws.secretKey': 'new-secret' }) })
    );
  });

  it('asks for no keys with the AWS default credential chain', () => {
    setup([{ name: 'aws', connector: 'awsce', authType: 'default' }]);
    expect(screen.queryByLabelText('Access key ID')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Assume role ARN')).toBeInTheDocument();
  });

  it('switching the connector keeps only the name', async () => {
    const { onOptionsChange, user } = setup([{ name: 'x', connector: 'focus', location: '/a.csv' }]);
    await user.click(screen.getByLabelText('OpenCost'));
    expect(lastJsonData(onOptionsChange).billing).toEqual([{ name: 'x', connector: 'opencost' }]);
  });

  it('reorders feeds, the first one winning overlaps, and removes them', async () => {
    const feeds: BillingFeed[] = [
      { name: 'focus', connector: 'focus' },
      { name: 'openai', connector: 'openai' },
    ];
    const { onOptionsChange, user } = setup(feeds);
    expect(screen.getAllByTestId(testIds.configEditor.billingFeed)).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Move up' }));
    expect(lastJsonData(onOptionsChange).billing.map((f: BillingFeed) => f.name)).toEqual(['openai', 'focus']);
    await user.click(screen.getAllByRole('button', { name: 'Remove feed' })[0]);
    expect(lastJsonData(onOptionsChange).billing.map((f: BillingFeed) => f.name)).toEqual(['openai']);
  });
});
