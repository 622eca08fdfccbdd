import { expect, test } from './fixtures';
import { expectPanelsShowData } from './panels';

const tabs = [
  { tab: 'performance', panels: ['Quality vs baseline', 'Confusion matrix', 'Recommended actions'] },
  { tab: 'drift', panels: ['Feature drift', 'Drift % over time'] },
  { tab: 'fairness', panels: ['Fairness by group', 'Disparities over time'] },
  { tab: 'data-quality', panels: ['Data quality per feature'] },
];

for (const { tab, panels } of tabs) {
  test(`risk-assessment drill-down ${tab} tab shows data in every panel`, async ({ gotoPage, page, selectors }) => {
    await gotoPage(`/models/risk-assessment/${tab}`);
    await expect(page.getByRole('tab', { name: /Performance/ })).toBeVisible();
    for (const title of panels) {
      await expect(page.getByRole('heading', { name: title })).toBeVisible();
    }
    await expectPanelsShowData(page, selectors);
  });
}

test('a regression model explains the classifier views instead of failing them', async ({
  gotoPage,
  page,
  selectors,
}) => {
  await gotoPage('/models/demand-forecast/performance');
  await expect(page.getByRole('heading', { name: 'Classification views' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Confusion matrix' })).toHaveCount(0);
  await expectPanelsShowData(page, selectors);

  await gotoPage('/models/demand-forecast/fairness');
  await expect(page.getByRole('heading', { name: 'Fairness', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Fairness by group' })).toHaveCount(0);
});

test('the drift panel opens on the newest windows and keeps its matrix when a cell is chosen', async ({
  gotoPage,
  page,
}) => {
  await gotoPage('/models/risk-assessment/drift');
  const grid = page.getByRole('grid', { name: 'Drift by feature and window' });
  await expect(grid).toBeVisible();
  const scroller = grid.locator('..');
  await expect
    .poll(() => scroller.evaluate((el) => el.scrollWidth - el.clientWidth - el.scrollLeft))
    .toBeLessThanOrEqual(1);
  const heightBefore = await scroller.evaluate((el) => el.getBoundingClientRect().height);
  await grid.getByRole('gridcell').last().getByRole('button').click();
  await expect(page.getByRole('region', { name: /^Distribution of / })).toBeVisible();
  expect(await scroller.evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThanOrEqual(heightBefore - 1);
});
