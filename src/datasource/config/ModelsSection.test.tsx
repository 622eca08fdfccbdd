import { screen } from '@testing-library/react';

import { ModelsSection } from './ModelsSection';
import { pasteInto, renderSection } from './renderSection';

describe('ModelsSection', () => {
  it('adds a model and edits what the catalog declares about it', async () => {
    const { saved, user } = renderSection(ModelsSection, {});
    await user.click(screen.getByRole('button', { name: 'Add model' }));
    await pasteInto(user, screen.getByLabelText(/^Id/), 'churn');
    await pasteInto(user, screen.getByLabelText(/^Owner/), 'Growth team');
    await user.click(screen.getByRole('radio', { name: 'Regression' }));
    await pasteInto(user, screen.getByLabelText(/^Retention/), '90');
    await pasteInto(user, screen.getByLabelText(/^Intended purpose/), 'retention offers');
    await pasteInto(user, screen.getByLabelText(/^p95 latency/), '120');
    expect(saved.current.models).toEqual([
      {
        id: 'churn',
        owner: 'Growth team',
        task: 'regression',
        retentionDays: 90,
        intendedPurpose: 'retention offers',
        targets: { p95LatencyMs: 120 },
      },
    ]);
  });

  it('says what the backend would reject, naming the fix', async () => {
    const { user } = renderSection(ModelsSection, { models: [{ id: 'churn' }, { id: 'churn', targets: {} }] });
    expect(screen.getByText(`"churn" is declared twice`)).toBeInTheDocument();
    // Only the model with a problem opens; the other stays folded.
    await pasteInto(user, screen.getByLabelText(/^Uptime/), '99.5');
    expect(screen.getByText('is a ratio between 0 and 1 (got 99.5; write 0.995 for 99.5%)')).toBeInTheDocument();
  });

  it('shows the fleet target a model falls back to', async () => {
    const { user } = renderSection(ModelsSection, { models: [{ id: 'churn' }], targets: { p95LatencyMs: 150 } });
    await user.click(screen.getByRole('button', { name: 'Expand section churn' }));
    expect(screen.getByLabelText(/^p95 latency/)).toHaveAttribute('placeholder', '150');
    expect(screen.getByLabelText(/^Uptime/)).toHaveAttribute('placeholder', '0.995');
  });

  it('removes a model', async () => {
    const { saved, user } = renderSection(ModelsSection, {
      models: [
        { id: 'churn', name: 'Churn' },
        { id: 'fraud', name: 'Fraud' },
      ],
    });
    await user.click(screen.getByRole('button', { name: 'Expand section Churn' }));
    await user.click(screen.getByRole('button', { name: 'Remove Churn' }));
    expect(saved.current.models).toEqual([{ id: 'fraud', name: 'Fraud' }]);
    expect(screen.queryByRole('heading', { name: 'Churn' })).not.toBeInTheDocument();
  });
});
