import type { E2ESelectorGroups } from '@grafana/plugin-e2e';
import type { Page } from '@playwright/test';

import { expect } from './fixtures';

/**
 * Waits until every panel on the page has finished loading, then fails when any is
 * in an error state or shows Grafana's "No data", "Cannot visualize data" or a
 * table's "No rows" (those messages are matched by their text: Grafana gives them
 * no other handle), or a table too narrow for its columns.
 */
export async function expectPanelsShowData(page: Page, selectors: E2ESelectorGroups) {
  const panel = selectors.components.Panels.Panel;
  // Panels load when they scroll into view: bring each one in before judging it.
  const headers = page.locator(`[data-testid^="${panel.title('')}"]`);
  for (const header of await headers.all()) {
    await header.scrollIntoViewIfNeeded();
  }
  await expect(page.getByLabel(panel.loadingBar(''))).toHaveCount(0, { timeout: 90_000 });
  // Panels render right after their data arrives; give the last ones a moment.
  await page.waitForLoadState('networkidle');
  await expect(page.getByTestId(panel.status('error')), 'panels in an error state').toHaveCount(0);
  await expect(page.getByText('No data', { exact: true }), 'panels showing "No data"').toHaveCount(0);
  await expect(page.getByText('Cannot visualize data'), 'panels that cannot visualize their data').toHaveCount(0);
  await expect(page.getByText('No rows', { exact: true }), 'tables without rows').toHaveCount(0);
  const clipped = await page
    .locator('[role="grid"]')
    .evaluateAll((grids) =>
      grids
        .filter((g) => g.scrollWidth > g.clientWidth + 1)
        .map((g) => g.closest('section')?.getAttribute('data-testid'))
    );
  expect(clipped, 'tables whose columns are cut off').toEqual([]);
}
