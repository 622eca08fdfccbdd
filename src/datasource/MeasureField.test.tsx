import React from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { testIds } from '../testIds';
import { setUpComboboxEnvironment } from './comboboxTestEnv';
import type { DataSource } from './datasource';
import { MeasureField, measureOptions } from './MeasureField';
import { usesField } from './queryTypes';
import { QueryType, type MeasureInfo } from './types';

const MEASURES: MeasureInfo[] = [
  { value: 'qualityDrop', description: 'primary-metric drop ÷ accuracyDropAlert', lookback: '168h0m0s' },
  { value: 'fairness', description: 'failing fairness criteria', dimension: 'attribute', lookback: '168h0m0s' },
];

setUpComboboxEnvironment();

describe('measure picker', () => {
  it('is shown for alert measures queries only', () => {
    expect(usesField(QueryType.Measures, 'measure')).toBe(true);
    expect(usesField(QueryType.Latency, 'measure')).toBe(false);
  });

  it('describes each measure and the label of its series', () => {
    expect(measureOptions(MEASURES)).toEqual([
      { label: 'qualityDrop', value: 'qualityDrop', description: 'primary-metric drop ÷ accuracyDropAlert' },
      { label: 'fairness', value: 'fairness', description: 'failing fairness criteria (label attribute)' },
    ]);
  });

  it('lists the backend measures and sets the chosen one', async () => {
    const datasource = { getResource: jest.fn().mockResolvedValue(MEASURES) } as unknown as DataSource;
    const onUpdate = jest.fn();
    render(
      <MeasureField
        datasource={datasource}
        query={{ refId: 'A', queryType: QueryType.Measures }}
        labelWidth={14}
        onUpdate={onUpdate}
      />
    );
    expect(await screen.findByText('Choose a measure: an alert measures query needs one.')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByTestId(testIds.queryEditor.measure));
    await user.click(await screen.findByRole('option', { name: /^fairness/ }));
    expect(datasource.getResource).toHaveBeenCalledWith('measures');
    expect(onUpdate).toHaveBeenCalledWith({ measure: 'fairness' });
  });
});
