// Screenshots of every page of the app, the provisioned dashboard, Explore and the
// data source's settings in a running Grafana (GRAFANA_URL, admin/admin), for
// reviewing the pages as a person sees them and for the catalog's screenshots.
//
//   node tests/browser/pages.mjs OUT_DIR [--sizes 1600x1000,1280x800] [--themes dark,light] [--ranges 7d,30d]
//     [--only executive,cost] [--viewport]   (--viewport: the visible part only, as for the catalog)
//
// Uses Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const url = process.env.GRAFANA_URL;
const out = process.argv[2];
if (!url || !out) {
  console.error('usage: GRAFANA_URL=http://127.0.0.1:3000 node tests/browser/pages.mjs OUT_DIR [options]');
  process.exit(2);
}
const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return (i > 0 ? process.argv[i + 1] : fallback).split(',').filter(Boolean);
};
const sizes = option('sizes', '1600x1000,1280x800').map((s) => s.split('x').map(Number));
const themes = option('themes', 'dark,light');
const ranges = option('ranges', '7d,30d');
const only = option('only', '');
const fullPage = !process.argv.includes('--viewport');

const APP = '/a/aiperf-monitor-app';
const PAGES = {
  root: APP,
  executive: `${APP}/executive`,
  models: `${APP}/models`,
  performance: `${APP}/models/risk-assessment/performance`,
  drift: `${APP}/models/risk-assessment/drift`,
  fairness: `${APP}/models/risk-assessment/fairness`,
  dataQuality: `${APP}/models/risk-assessment/data-quality`,
  regressionPerformance: `${APP}/models/demand-forecast/performance`,
  regressionFairness: `${APP}/models/demand-forecast/fairness`,
  infrastructure: `${APP}/infrastructure`,
  cost: `${APP}/cost`,
  compliance: `${APP}/compliance`,
  dashboard: '/d/aiperf-fleet-overview',
  explore: '/explore',
  datasourceSettings: '/connections/datasources/edit/aiperf-demo',
};

const auth = {
  Authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}`,
  'Content-Type': 'application/json',
};
async function setTheme(theme) {
  await fetch(`${url}/api/user/preferences`, { method: 'PUT', headers: auth, body: JSON.stringify({ theme }) });
}

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  for (const theme of themes) {
    await setTheme(theme);
    for (const [width, height] of sizes) {
      const context = await browser.newContext({
        viewport: { width, height },
        httpCredentials: { username: 'admin', password: 'admin' },
      });
      const page = await context.newPage();
      await page.request.post(`${url}/login`, { data: { user: 'admin', password: 'admin' } });
      for (const range of ranges) {
        for (const [name, path] of Object.entries(PAGES)) {
          if (only.length && !only.includes(name)) {
            continue;
          }
          const sep = path.includes('?') ? '&' : '?';
          const target =
            name.startsWith('datasource') || name === 'explore' ? path : `${path}${sep}from=now-${range}&to=now`;
          await page.goto(`${url}${target}`, { waitUntil: 'load', timeout: 120_000 });
          // Panels load as they scroll into view: bring each in, then back to the top.
          for (const header of await page.locator('[data-testid^="data-testid Panel header "]').all()) {
            await header.scrollIntoViewIfNeeded().catch(() => {});
          }
          await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => {});
          await page
            .locator('[data-testid^="data-testid Panel header "]')
            .first()
            .scrollIntoViewIfNeeded()
            .catch(() => {});
          await page.waitForTimeout(1500);
          const file = join(out, `${name}-${theme}-${width}-${range}.png`);
          await page.screenshot({ path: file, fullPage });
          console.log(`${file} <- ${page.url()}`);
        }
      }
      await context.close();
    }
  }
} finally {
  await setTheme('');
  await browser.close();
}
