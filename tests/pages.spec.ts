import { expect, test } from './fixtures';
import { expectPanelsShowData } from './panels';

// Each view opens on the provisioned demo data source and every panel shows data.
const views = [
  {
    path: 'executive',
    panels: [
      'Fleet health score',
      'Health dimensions',
      'Critical AI systems',
      'Key performance indicators',
      'ROI per model',
    ],
  },
  { path: 'models', panels: ['Model fleet'] },
  {
    path: 'infrastructure',
    panels: ['Utilisation vs target', 'SLA: Availability', 'Error-budget burn', 'MTTR and MTBF'],
  },
  {
    path: 'cost',
    panels: ['Daily spend by category', 'Unit costs', 'Budget, forecast and ROI', 'Savings opportunities'],
  },
  { path: 'compliance', panels: ['Model inventory', 'Regulation register'] },
];

for (const view of views) {
  test(`${view.path} page shows data in every panel`, async ({ gotoPage, page, selectors }) => {
    await gotoPage(`/${view.path}`);
    for (const title of view.panels) {
      await expect(page.getByRole('heading', { name: title })).toBeVisible();
    }
    await expect(page.getByText('No AI Performance Monitor data source found')).toHaveCount(0);
    await expectPanelsShowData(page, selectors);
  });
}

test('the app root opens the Executive page', async ({ gotoPage, page }) => {
  await gotoPage('');
  await expect(page).toHaveURL(/\/a\/aiperf-monitor-app\/executive/);
  await expect(page.getByRole('heading', { name: 'Fleet health score' })).toBeVisible();
});
