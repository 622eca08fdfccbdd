import { expect, test } from './fixtures';

// Each view opens on the provisioned demo data source and shows its panels.
const views = [
  { path: 'executive', panels: ['Fleet health score', 'Critical AI systems', 'Key performance indicators'] },
  { path: 'models', panels: ['Model fleet'] },
  { path: 'infrastructure', panels: ['Utilisation vs target', 'SLA matrix', 'Error-budget burn'] },
  { path: 'cost', panels: ['Daily spend by category', 'Unit costs, budget and ROI', 'Savings opportunities'] },
  { path: 'compliance', panels: ['Model inventory', 'Regulation register'] },
];

for (const view of views) {
  test(`${view.path} page shows its panels`, async ({ gotoPage, page }) => {
    await gotoPage(`/${view.path}`);
    for (const title of view.panels) {
      await expect(page.getByRole('heading', { name: title })).toBeVisible();
    }
    await expect(page.getByText('No AI Performance Monitor data source found')).toHaveCount(0);
  });
}
