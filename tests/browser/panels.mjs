// Browser check for the custom panels: renders the drift and fairness panels
// in headless Chromium, light and dark, from the frames the Go data source
// returns for the demo fleet, asserts what a user would see and saves
// screenshots under tests/browser/screenshots/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const shots = join(here, 'screenshots');
const site = mkdtempSync(join(tmpdir(), 'aiperf-panels-'));
mkdirSync(shots, { recursive: true });

// 1. The demo fleet's frames, straight from the backend.
writeFileSync(
  join(site, 'frames.json'),
  execFileSync('go', ['run', './tests/browser/demoframes'], { cwd: root, maxBuffer: 64 << 20 })
);
// 2. The harness bundle with the panels' real source.
await build({
  entryPoints: [join(here, 'harness.tsx')],
  outfile: join(site, 'harness.js'),
  bundle: true,
  format: 'iife',
  target: 'chrome120',
  define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
  loader: { '.svg': 'dataurl', '.woff': 'empty', '.woff2': 'empty', '.ttf': 'empty', '.css': 'empty' },
  logLevel: 'error',
});
writeFileSync(join(site, 'index.html'), readFileSync(join(here, 'harness.html')));

const types = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json' };
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname.replace(/^\/$/, '/index.html');
  try {
    const body = readFileSync(join(site, path.slice(1)));
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(
      `FAIL ${name}\n     ${String(e.message ?? e)
        .split('\n')
        .join('\n     ')}`
    );
  }
}
function expect(cond, message) {
  if (!cond) {
    throw new Error(message);
  }
}

/** Opens the harness with one panel and returns the page once it rendered. */
async function open(query, viewport = { width: 940, height: 580 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}?${new URLSearchParams(query)}`);
  await page.waitForFunction(() => document.body.dataset.ready || document.body.dataset.error);
  const error = await page.evaluate(() => document.body.dataset.error);
  expect(!error, `harness failed: ${error}`);
  page.errors = errors;
  return page;
}

// WCAG contrast ratio between two computed CSS colours.
function contrast(a, b) {
  const lum = (css) => {
    const [r, g, b] = css
      .match(/[\d.]+/g)
      .slice(0, 3)
      .map(Number)
      .map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
async function textContrast(page, selector) {
  const [fg, bg] = await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    return [getComputedStyle(el).color, getComputedStyle(document.body).backgroundColor];
  }, selector);
  return contrast(fg, bg);
}

for (const theme of ['light', 'dark']) {
  await check(`drift panel (${theme}): scores every demo feature and says whether the dataset drifted`, async () => {
    const page = await open({ panel: 'drift', theme });
    const grid = page.getByRole('grid', { name: 'Drift by feature and window' });
    await grid.waitFor();
    const rows = await grid.locator('tbody tr').count();
    expect(rows >= 5, `expected at least 5 feature rows, got ${rows}`);
    const status = (await page.getByRole('status').innerText()).replace(/\s+/g, ' ');
    // The demo drifts two of Risk Assessment's nine inputs from 10 days back.
    const share = status.match(/Latest window, dataset drift: no \(([\d.]+)% of features drifted\)/);
    expect(share && Number(share[1]) > 20, `summary line reads "${status}"`);
    const ratio = await textContrast(page, 'tbody th');
    expect(ratio >= 4.5, `feature names have contrast ${ratio.toFixed(2)} against the ${theme} background`);
    expect(page.errors.length === 0, `page errors: ${page.errors.join('; ')}`);
    await page.screenshot({ path: join(shots, `drift-${theme}.png`) });
    await page.close();
  });

  await check(
    `drift panel (${theme}): the most drifted cell opens baseline vs current with score and threshold`,
    async () => {
      const page = await open({ panel: 'drift', theme });
      const first = page.locator('tbody tr').first();
      const cell = first.getByRole('button').last();
      const label = await cell.getAttribute('aria-label');
      const feature = label.split(':')[0];
      expect(['loan_amount', 'credit_utilization'].includes(feature), `the most drifted feature is ${feature}`);
      await cell.click();
      const detail = page.getByRole('region', { name: `Distribution of ${feature}` });
      await detail.waitFor();
      const text = await detail.innerText();
      expect(/score [\d.e+-]+ \(threshold [\d.e+-]+\)/.test(text), `detail reads "${text.slice(0, 120)}"`);
      const bars = await detail.locator('[aria-label*="baseline"], [aria-label*="current"]').count();
      expect(bars >= 2, `expected baseline and current bars, found ${bars}`);
      await page.screenshot({ path: join(shots, `drift-${theme}-selected.png`), fullPage: true });
      await page.close();
    }
  );
}

await check('drift panel: arrow keys move between cells', async () => {
  const page = await open({ panel: 'drift', theme: 'dark' });
  const first = page.locator('tbody tr').first().getByRole('button').first();
  await first.focus();
  const before = await page.evaluate(() => document.activeElement.id);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  const after = await page.evaluate(() => document.activeElement.id);
  expect(before !== after && after.endsWith('-1'), `focus went from ${before} to ${after}`);
  await page.keyboard.press('Enter');
  await page.getByRole('region', { name: /^Distribution of / }).waitFor();
  await page.close();
});

await check('drift panel: colour-blind scheme uses no red or green', async () => {
  const page = await open({ panel: 'drift', theme: 'light', colorScheme: 'colorblind' });
  const colours = await page.$$eval('tbody button', (els) => [...new Set(els.map((e) => e.style.background))]);
  const redOrGreen = colours.filter((c) => {
    const [r, g, b] = c.match(/\d+/g).map(Number);
    return (r > 150 && g < 110 && b < 110) || (g > 120 && r < 120 && b < 120);
  });
  expect(colours.length >= 2, `only ${colours.length} distinct cell colours`);
  expect(redOrGreen.length === 0, `red/green cells: ${redOrGreen.join(', ')}`);
  await page.screenshot({ path: join(shots, 'drift-light-colorblind.png') });
  await page.close();
});

await check('drift panel: fairness frames get a message naming the needed query', async () => {
  const page = await open({ panel: 'drift', refId: 'fairness', theme: 'dark' });
  const text = await page.locator('#root').innerText();
  expect(/needs a drift query/.test(text) && /fairnessGroups/.test(text), `message reads "${text}"`);
  await page.close();
});

for (const theme of ['light', 'dark']) {
  await check(`fairness panel (${theme}): gender fails the four-fifths rule, age group passes`, async () => {
    const page = await open({ panel: 'fairness', theme });
    const gender = page.getByRole('region', { name: 'Fairness by gender' });
    await gender.waitFor();
    await gender.getByLabel('Demographic parity fails').waitFor();
    const genderRatio = await gender.getByLabel(/^Demographic parity ratio/).getAttribute('aria-label');
    const value = Number(genderRatio.match(/ratio ([\d.]+)/)[1]);
    expect(value < 0.8, `gender parity ratio ${value} should be under the four-fifths line`);
    const age = page.getByRole('region', { name: 'Fairness by age_group' });
    await age.getByLabel('Demographic parity passes').waitFor();
    const groups = await gender.getByRole('listitem').count();
    expect(groups >= 2, `gender shows ${groups} groups`);
    const ratio = await textContrast(page, 'section h4');
    expect(ratio >= 4.5, `headings have contrast ${ratio.toFixed(2)} against the ${theme} background`);
    expect(page.errors.length === 0, `page errors: ${page.errors.join('; ')}`);
    await page.screenshot({ path: join(shots, `fairness-${theme}.png`), fullPage: true });
    await page.close();
  });
}

await check('fairness panel: fits a narrow panel without horizontal overflow', async () => {
  const page = await open({ panel: 'fairness', theme: 'dark', width: 340, height: 700 }, { width: 380, height: 760 });
  const [scroll, client] = await page
    .getByTestId('data-testid aiperf-fairness-panel')
    .evaluate((el) => [el.scrollWidth, el.clientWidth]);
  expect(scroll <= client + 1, `content is ${scroll}px wide in a ${client}px panel`);
  await page.screenshot({ path: join(shots, 'fairness-dark-narrow.png') });
  await page.close();
});

await browser.close();
server.close();
console.log(`screenshots in ${shots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
