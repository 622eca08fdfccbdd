import { getDefaultTimeRange, LoadingState, PanelProps } from '@grafana/data';
import { render, screen, within } from '@testing-library/react';
import React from 'react';

import { fairnessFrames } from '../shared/testFrames';
import { FairnessPanel } from './FairnessPanel';
import { FairnessOptions } from './types';

function renderPanel(series = fairnessFrames(), options: Partial<FairnessOptions> = {}) {
  const props = {
    data: {
      series,
      state: LoadingState.Done,
      timeRange: getDefaultTimeRange(),
      request: { targets: [{ refId: 'A', model: 'risk-assessment' }] },
    },
    options: { metric: 'selectionRate', reference: 'best', target: 0.05, ...options },
    width: 800,
    height: 400,
  } as unknown as PanelProps<FairnessOptions>;
  return render(<FairnessPanel {...props} />);
}

describe('FairnessPanel', () => {
  it('shows pass and fail per criterion', () => {
    renderPanel();
    const gender = screen.getByRole('region', { name: 'Fairness by gender' });
    expect(within(gender).getByLabelText('Parity ratio (four-fifths) fails')).toBeInTheDocument();
    expect(within(gender).getByLabelText('Equal opportunity fails')).toBeInTheDocument();
    const age = screen.getByRole('region', { name: 'Fairness by age_group' });
    expect(within(age).getByLabelText('Parity ratio (four-fifths) passes')).toBeInTheDocument();
  });

  it('marks the reference group, the groups outside the band and the small ones', () => {
    renderPanel();
    expect(
      screen.getByRole('listitem', { name: /^male: Selection rate 32.0%, n = 5000, reference group$/ })
    ).toBeInTheDocument();
    expect(screen.getByRole('listitem', { name: /^female: .*outside the tolerated band$/ })).toBeInTheDocument();
    expect(screen.getByRole('listitem', { name: 'other: too small to judge (n = 12)' })).toBeInTheDocument();
    expect(screen.getByLabelText(/Demographic parity ratio 0.63, four-fifths line at 0.8/)).toBeInTheDocument();
  });

  it('follows the chosen metric and reference', () => {
    renderPanel(fairnessFrames(), { metric: 'tpr', reference: 'named', referenceGroup: 'female' });
    expect(
      screen.getByRole('listitem', { name: /^female: True positive rate 80.0%, n = 4000, reference group$/ })
    ).toBeInTheDocument();
    expect(
      screen.getByRole('listitem', { name: /^male: True positive rate 87.0%, n = 5000, outside the tolerated band$/ })
    ).toBeInTheDocument();
  });

  it('explains a wrong data shape', () => {
    const [groups] = fairnessFrames();
    renderPanel([groups]);
    expect(screen.getByText(/This panel needs a fairness query/)).toHaveTextContent('got frames: fairnessGroups');
  });
});
