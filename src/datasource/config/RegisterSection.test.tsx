import { screen } from '@testing-library/react';

import { RegisterSection } from './RegisterSection';
import { pasteInto, renderSection } from './renderSection';

describe('RegisterSection', () => {
  it('adds a regulation with its review dates', async () => {
    const { saved, user } = renderSection(RegisterSection, {});
    await user.click(screen.getByRole('button', { name: 'Add regulation' }));
    expect(screen.getByText('is empty: name the regulation')).toBeInTheDocument();
    await pasteInto(user, screen.getByLabelText('Regulation'), 'EU AI Act');
    await pasteInto(user, screen.getByLabelText('Next review'), '2027-02-01');
    expect(saved.current.regulations).toEqual([{ regulation: 'EU AI Act', nextReview: '2027-02-01' }]);
    expect(screen.queryByText('is empty: name the regulation')).not.toBeInTheDocument();
  });

  it('rejects a date that is not YYYY-MM-DD', () => {
    renderSection(RegisterSection, { regulations: [{ regulation: 'GDPR', lastReview: '2026-02-30' }] });
    expect(screen.getByText('must be a date YYYY-MM-DD (got "2026-02-30")')).toBeInTheDocument();
  });

  it('removes a regulation', async () => {
    const { saved, user } = renderSection(RegisterSection, {
      regulations: [{ regulation: 'GDPR' }, { regulation: 'SOC 2' }],
    });
    await user.click(screen.getByRole('button', { name: 'Remove GDPR' }));
    expect(saved.current.regulations).toEqual([{ regulation: 'SOC 2' }]);
  });
});
