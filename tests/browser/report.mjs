// Browser check for the compliance report: opens Risk Assessment's report
// over the last 30 days on the demo fleet (the file the compliance-report
// resource serves) in headless Chromium, asserts that it renders with every
// section, loads nothing from anywhere, and that its numbers equal the
// evidence and complianceFacts frames the data source returns for the same
// model and period. Saves a screenshot under tests/browser/screenshots/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const shots = join(here, 'screenshots');
const out = mkdtempSync(join(tmpdir(), 'aiperf-report-'));
mkdirSync(shots, { recursive: true });

execFileSync('go', ['run', './tests/browser/compliancereport', out], { cwd: root, stdio: 'inherit' });
const reportPath = join(out, 'report.html');
const wire = JSON.parse(readFileSync(join(out, 'frames.json'), 'utf8')).results;

/** A frame of the wire JSON as rows of {field: value}. */
function rowsOf(refId) {
  const frame = wire[refId].frames[0];
  const names = frame.schema.fields.map((f) => f.name);
  const values = frame.data.values;
  return values[0].map((_, i) => Object.fromEntries(names.map((n, k) => [n, values[k][i] ?? null])));
}

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}\n     ${String(e.message ?? e).split('\n').join('\n     ')}`);
  }
}
function expect(cond, message) {
  if (!cond) {
    throw new Error(message);
  }
}
/** A number cell's data-value against a frame value: both null or equal. */
function same(cell, value) {
  return cell === '' ? value === null : value !== null && Number(cell) === value;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
const requests = [];
const errors = [];
page.on('request', (r) => requests.push(r.url()));
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
page.on('pageerror', (e) => errors.push(String(e)));
await page.goto(pathToFileURL(reportPath).href);
await page.screenshot({ path: join(shots, 'compliance-report.png'), fullPage: true });

await check('the report renders as one file with nothing loaded from elsewhere', async () => {
  const size = statSync(reportPath).size;
  expect(size > 20_000, `report is ${size} bytes`);
  const others = requests.filter((u) => !u.startsWith('file:'));
  expect(others.length === 0, `the report requested ${others.join(', ')}`);
  expect(errors.length === 0, `console errors: ${errors.join('; ')}`);
  expect((await page.title()).startsWith('Compliance report: Risk Assessment'), `title ${await page.title()}`);
  console.log(`     ${size} bytes, ${requests.length} request (the file itself)`);
});

await check('every section is there and visible', async () => {
  for (const id of ['inventory', 'monitoring-plan', 'results', 'incidents', 'findings', 'evidence']) {
    const box = await page.locator(`#${id}`).boundingBox();
    expect(box && box.height > 40, `section #${id} missing or empty`);
  }
  expect((await page.locator('#risk-class').textContent()) === 'high', 'risk class');
  expect(/Annex III 5\(b\)/.test(await page.locator('#intended-purpose').textContent()), 'intended purpose');
  const charts = await page.locator('figure.chart svg').count();
  expect(charts >= 4, `${charts} charts`);
  const drawn = await page.locator('figure.chart svg path').count();
  expect(drawn >= 4, `${drawn} series drawn`);
});

await check("the evidence appendix equals the evidence frame, row by row", async () => {
  const frame = rowsOf('evidence');
  const cells = await page.$$eval('#evidence-table tbody tr', (trs) =>
    trs.map((tr) => ({
      check: tr.dataset.check,
      value: tr.querySelector('td[data-value]').dataset.value,
      outcome: tr.children[4].textContent,
      alert: tr.children[5].textContent,
    }))
  );
  expect(cells.length === frame.length && frame.length > 100, `${cells.length} rows in the report, ${frame.length} in the frame`);
  frame.forEach((row, i) => {
    const c = cells[i];
    expect(
      c.check === row.check && c.outcome === row.outcome && c.alert === row.alert && same(c.value, row.value),
      `row ${i}: report ${JSON.stringify(c)}, frame ${JSON.stringify({ check: row.check, value: row.value, outcome: row.outcome, alert: row.alert })}`
    );
  });
});

await check('the results table counts the frame: windows, failures, alerts and the latest measured value per check', async () => {
  const frame = rowsOf('evidence');
  const rows = await page.$$eval('#results-table tbody tr', (trs) =>
    trs.map((tr) => ({
      check: tr.dataset.check,
      name: tr.dataset.name,
      runs: Number(tr.children[2].textContent),
      failed: Number(tr.children[4].textContent),
      alerts: Number(tr.children[6].textContent),
      latest: tr.querySelector('td[data-value]').dataset.value,
    }))
  );
  expect(rows.length >= 8, `${rows.length} result rows`);
  for (const r of rows) {
    const mine = frame.filter((f) => f.check === r.check && f.name === r.name);
    const measured = mine.filter((f) => f.value !== null);
    const latest = measured.length > 0 ? measured[measured.length - 1] : mine[mine.length - 1];
    expect(
      r.runs === mine.length &&
        r.failed === mine.filter((f) => f.outcome === 'fail').length &&
        r.alerts === mine.filter((f) => f.alert !== '').length &&
        same(r.latest, latest.value),
      `${r.check} ${r.name}: report ${JSON.stringify(r)}, frame ${mine.length} windows`
    );
  }
});

await check('the measured facts equal the complianceFacts frame', async () => {
  const frame = rowsOf('complianceFacts');
  const rows = await page.$$eval('#facts-table tbody tr', (trs) =>
    trs.map((tr) => ({
      fact: tr.dataset.fact,
      value: tr.querySelector('td[data-value]').dataset.value,
      shown: tr.querySelector('td[data-value]').textContent,
      outcome: tr.children[3].textContent,
      by: tr.children[4].textContent,
    }))
  );
  expect(rows.length === frame.length, `${rows.length} facts in the report, ${frame.length} in the frame`);
  frame.forEach((f, i) => {
    const r = rows[i];
    expect(
      r.fact === f.fact && same(r.value, f.value) && r.outcome === f.outcome && r.by === f.measuredBy,
      `fact ${f.fact}: report ${JSON.stringify(r)}, frame ${JSON.stringify(f)}`
    );
    if (f.unit === 'percentunit' && f.value !== null) {
      expect(r.shown === `${(f.value * 100).toFixed(2)}%`, `${f.fact} shown as ${r.shown}`);
    }
  });
});

await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
