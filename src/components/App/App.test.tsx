import React from 'react';
import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import type { AppRootProps } from '@grafana/data';

import App from './App';

jest.mock('./useAiperfDatasources', () => ({ useAiperfDatasources: () => [{ uid: 'aiperf-demo' }] }));

function Where() {
  const { pathname, search } = useLocation();
  return <output aria-label="location">{`${pathname}${search}`}</output>;
}

describe('App', () => {
  it('sends the app root to the Executive page, keeping the query string', () => {
    render(
      <MemoryRouter initialEntries={['/a/aiperf-monitor-app/?from=now-30d']}>
        <Routes>
          <Route path="/a/aiperf-monitor-app/executive" element={<Where />} />
          <Route path="*" element={<App {...({ meta: { jsonData: {} } } as unknown as AppRootProps)} />} />
        </Routes>
      </MemoryRouter>
    );
    expect(screen.getByRole('status', { name: 'location' })).toHaveTextContent(
      '/a/aiperf-monitor-app/executive?from=now-30d'
    );
  });
});
