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
    options: { metric: 'selectionRate', ...options },
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
    // 0.20 is 12 points below 0.32: outside the frame's 10-point target.
    expect(screen.getByRole('listitem', { name: /^female: .*outside the tolerated band$/ })).toBeInTheDocument();
    expect(screen.getByRole('listitem', { name: 'other: too small to judge (n = 12)' })).toBeInTheDocument();
    expect(screen.getByLabelText(/Demographic parity ratio 0.63, four-fifths line at 0.8/)).toBeInTheDocument();
  });

  it('uses the target the data source sent, not a panel setting', () => {
    renderPanel();
    const age = screen.getByRole('region', { name: 'Fairness by age_group' });
    expect(within(age).getByText(/Tolerated gap to 18-39: ±10.0%/)).toBeInTheDocument();
    // 0.26 is one point below 0.27, inside the 10-point band.
    expect(within(age).getByRole('listitem', { name: /^40\+: Selection rate 26.0%, n = 4512$/ })).toBeInTheDocument();
  });

  it('follows the chosen metric with its own criterion target', () => {
    renderPanel(fairnessFrames(), { metric: 'tpr' });
    expect(
      screen.getByRole('listitem', { name: /^male: True positive rate 87.0%, n = 5000, reference group$/ })
    ).toBeInTheDocument();
    // 7 points below the best TPR; equal opportunity's target is 3 points.
    expect(
      screen.getByRole('listitem', { name: /^female: True positive rate 80.0%, n = 4000, outside the tolerated band$/ })
    ).toBeInTheDocument();
  });

  it('draws no band for a metric without a criterion', () => {
    renderPanel(fairnessFrames(), { metric: 'accuracy' });
    expect(screen.getAllByText(/No target for accuracy/)).toHaveLength(2);
    expect(screen.queryByRole('listitem', { name: /outside the tolerated band/ })).not.toBeInTheDocument();
  });

  it('explains a wrong data shape', () => {
    const [groups] = fairnessFrames();
    renderPanel([groups]);
    expect(screen.getByText(/This panel needs a fairness query/)).toHaveTextContent('got frames: fairnessGroups');
  });
});
