import { getDefaultTimeRange, LoadingState, PanelProps } from '@grafana/data';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';

import { driftFrames } from '../shared/testFrames';
import { DriftPanel } from './DriftPanel';
import { DriftOptions } from './types';

function renderPanel(series = driftFrames(), options: Partial<DriftOptions> = {}) {
  const props = {
    data: { series, state: LoadingState.Done, timeRange: getDefaultTimeRange() },
    options: { sortBy: 'current', topN: 20, colorScheme: 'theme', ...options },
    width: 800,
    height: 400,
    timeZone: 'utc',
  } as unknown as PanelProps<DriftOptions>;
  return render(<DriftPanel {...props} />);
}

describe('DriftPanel', () => {
  it('draws one cell per feature and window with the dataset summary', () => {
    renderPanel();
    expect(screen.getByRole('grid', { name: 'Drift by feature and window' })).toBeInTheDocument();
    expect(screen.getAllByRole('gridcell')).toHaveLength(4);
    expect(screen.getByRole('status')).toHaveTextContent(
      'Latest window, dataset drift: yes (50.0% of features drifted)'
    );
    expect(screen.getByText(/Open risk-assessment/)).toHaveAttribute(
      'href',
      '/a/aiperf-monitor-app/models/risk-assessment'
    );
  });

  it('shows the distribution of a clicked cell', async () => {
    renderPanel();
    await userEvent.click(screen.getByRole('button', { name: /^region: chisquare 40.*drifted/ }));
    const detail = screen.getByRole('region', { name: 'Distribution of region' });
    expect(detail).toHaveTextContent('p-value 0.000100');
    expect(screen.getByLabelText('north current 80.0%')).toBeInTheDocument();
  });

  it('moves with the arrow keys and selects with Enter', async () => {
    renderPanel(driftFrames(), { sortBy: 'name' });
    const first = screen.getByRole('button', { name: /^income: wasserstein 0.0200/ });
    act(() => first.focus());
    await userEvent.keyboard('{ArrowRight}');
    expect(document.activeElement).toHaveAccessibleName(/^income: wasserstein 0.300/);
    await userEvent.keyboard('{Enter}');
    expect(screen.getByRole('region', { name: 'Distribution of income' })).toHaveTextContent('threshold 0.100');
  });

  it("marks a cell drifted by the backend's verdict, whatever the score looks like", () => {
    const [scores, dists] = driftFrames();
    // The backend's test said "not drifted" for a score past the threshold, and the reverse.
    scores.fields.find((f) => f.name === 'drifted')!.values = [true, false, false, true];
    renderPanel([scores, dists], { sortBy: 'name' });
    expect(screen.getByRole('button', { name: /^income: wasserstein 0.0200 .*, drifted$/ })).toHaveTextContent('!');
    expect(
      screen.getByRole('button', { name: /^income: wasserstein 0.300 \(threshold 0.100\), 21.0% moved$/ })
    ).not.toHaveTextContent('!');
  });

  it('opens scrolled to the newest windows', () => {
    jest.spyOn(Element.prototype, 'scrollWidth', 'get').mockReturnValue(1200);
    const scrollLeft = jest.spyOn(Element.prototype, 'scrollLeft', 'set');
    renderPanel();
    expect(scrollLeft).toHaveBeenCalledWith(1200);
    jest.restoreAllMocks();
  });

  it('keeps the matrix in view when a distribution opens', async () => {
    renderPanel();
    await userEvent.click(screen.getByRole('button', { name: /^region: chisquare 40.*drifted/ }));
    const matrix = screen.getByRole('grid', { name: 'Drift by feature and window' }).parentElement!;
    expect(getComputedStyle(matrix).flexShrink).toBe('0');
  });

  it('explains a wrong data shape', () => {
    const [, dists] = driftFrames();
    renderPanel([dists]);
    expect(screen.getByText(/This panel needs a drift query/)).toHaveTextContent('got frames: driftDistributions');
  });
});
