import { expect, test } from './fixtures';

const tabs = [
  { tab: 'performance', panels: ['Quality vs baseline', 'Confusion matrix'] },
  { tab: 'drift', panels: ['Feature drift', 'Drift % over time'] },
  { tab: 'fairness', panels: ['Fairness by group', 'Disparities over time'] },
  { tab: 'data-quality', panels: ['Data quality per feature'] },
];

for (const { tab, panels } of tabs) {
  test(`risk-assessment drill-down ${tab} tab`, async ({ gotoPage, page }) => {
    await gotoPage(`/models/risk-assessment/${tab}`);
    await expect(page.getByRole('tab', { name: /Performance/ })).toBeVisible();
    for (const title of panels) {
      await expect(page.getByRole('heading', { name: title })).toBeVisible();
    }
  });
}

test('the drift panel renders its matrix on the demo fleet', async ({ gotoPage, page }) => {
  await gotoPage('/models/risk-assessment/drift');
  await expect(page.getByRole('grid', { name: 'Drift by feature and window' })).toBeVisible();
});
