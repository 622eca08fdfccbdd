import { screen } from '@testing-library/react';

import { pasteInto, renderSection } from './renderSection';
import { TargetsSection } from './TargetsSection';

describe('TargetsSection', () => {
  it('sets fleet targets and the monthly budget, leaving other settings alone', async () => {
    const { saved, user } = renderSection(TargetsSection, { demoEnabled: false });
    await pasteInto(user, screen.getByLabelText(/^Uptime/), '0.999');
    await pasteInto(user, screen.getByLabelText(/^Monthly budget/), '25000');
    expect(saved.current).toEqual({ demoEnabled: false, targets: { uptime: 0.999 }, monthlyBudget: 25000 });
  });

  it('shows the defaults where nothing is set', () => {
    renderSection(TargetsSection, {});
    expect(screen.getByLabelText(/^Cost per prediction/)).toHaveAttribute('placeholder', '0.005');
  });

  it('rejects a negative budget as the backend does', () => {
    renderSection(TargetsSection, { monthlyBudget: -5 });
    expect(screen.getByText('must be ≥ 0 (got -5)')).toBeInTheDocument();
  });
});
