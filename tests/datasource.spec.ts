import { expect, test } from '@grafana/plugin-e2e';

import { testIds } from '../src/testIds';

const DS_UID = 'aiperf-demo';
const DS_NAME = 'AI Performance Monitor (demo)';

test('the config editor shows the demo fleet and the catalog sections, and the health check passes', async ({
  gotoDataSourceConfigPage,
  page,
}) => {
  const configPage = await gotoDataSourceConfigPage(DS_UID);
  await expect(page.getByTestId(testIds.configEditor.demoEnabled)).toBeChecked();
  await expect(page.getByRole('heading', { name: 'Models' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Fleet targets and budget' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Regulation register' })).toBeVisible();
  await expect(configPage.saveAndTest()).toBeOK();
});

test('the query editor lists the backend query types and runs the chosen one', async ({
  panelEditPage,
  page,
  selectors,
}) => {
  await panelEditPage.datasource.set(DS_NAME);
  const row = panelEditPage.getQueryEditorRow('A');
  const queryType = row.getByTestId(testIds.queryEditor.queryType);
  await expect(queryType).toHaveValue('Latency');
  await expect(row.getByTestId(testIds.queryEditor.model)).not.toHaveValue('');
  await queryType.click();
  await page.keyboard.type('Throughput');
  // Choosing a type runs the query at once: no refresh button needed.
  const response = page.waitForResponse((r) => r.url().includes(selectors.apis.DataSource.query));
  await page.getByRole('option', { name: /^Throughput/ }).click();
  await expect(queryType).toHaveValue('Throughput');
  await expect(response).toBeOK();
  await expect(page.getByTestId(selectors.components.Panels.Panel.status('error'))).toHaveCount(0);
});

test('a query variable lists the catalog models', async ({ variableEditPage, page }) => {
  await variableEditPage.setVariableType('Query');
  await variableEditPage.datasource.set(DS_NAME);
  await expect(page.getByTestId(testIds.queryEditor.variableResource)).toHaveValue('Models');
  await variableEditPage.runQuery();
  await expect(variableEditPage).toDisplayPreviews(['Risk Assessment', 'Demand Forecast']);
});

test('the dashboard marks incidents with an annotation on the data source', async ({
  gotoAnnotationEditPage,
  page,
}) => {
  // The bundled dashboard's "Incidents" layer (index 1, after Grafana's built-in one) over its 30 days.
  const annotationEditPage = await gotoAnnotationEditPage({ dashboard: { uid: 'aiperf-fleet-overview' }, id: '1' });
  // The layer names its data source through the dashboard's $ds variable, which
  // Grafana's annotation editor does not resolve; pick the data source itself.
  await annotationEditPage.datasource.set(DS_NAME);
  await expect(page.getByTestId(testIds.queryEditor.queryType)).toHaveValue('Incidents');
  const response = await annotationEditPage.runQuery();
  expect(response.ok()).toBe(true);
  // Over the dashboard's 30 days the demo fleet has incidents: the frame has rows.
  const body = await response.json();
  const frames = Object.values(
    body.results as Record<string, { frames: Array<{ schema: { name: string }; data: { values: unknown[][] } }> }>
  ).flatMap((r) => r.frames);
  const incidents = frames.find((f) => f.schema.name === 'incidents');
  expect(incidents?.data.values[0]?.length ?? 0).toBeGreaterThan(0);
});
