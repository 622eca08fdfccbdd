import { expect, test } from './fixtures';

test('the configuration page offers the default data source', async ({ appConfigPage: _configPage, page }) => {
  await expect(page.getByRole('group', { name: 'Default data source' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save' })).toBeVisible();
});
