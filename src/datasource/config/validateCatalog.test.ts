import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import type { Catalog } from './catalog';
import { goFloat, isDateOnly, validateCatalog, type FieldError } from './validateCatalog';

/**
 * The cases the Go settings tests use (pkg/plugin/settings_test.go) plus the edges
 * of every rule. Each runs through the Go validator itself (tests/contract/catalogcheck)
 * and through validateCatalog; both must reject the same fields with the same words.
 */
const CASES: Array<[string, Catalog]> = [
  ['an empty catalog', {}],
  ['the demo-style catalog', { models: [{ id: 'churn', name: 'Churn', targets: { p95LatencyMs: 120 } }] }],
  [
    'the Go settings test: every invalid field named',
    {
      models: [{ id: 'ok' }, { id: 'Bad Id' }, { id: 'x', targets: { p95LatencyMs: -5, uptime: 99.5 } }],
      regulations: [{ regulation: 'GDPR', nextReview: 'soon' }],
    },
  ],
  ['an uppercase id', { models: [{ id: 'BAD' }] }],
  ['an empty id', { models: [{ id: '' }] }],
  ['a 63-character id', { models: [{ id: 'a'.repeat(63) }] }],
  ['a 64-character id', { models: [{ id: 'a'.repeat(64) }] }],
  ['an id starting with a dash', { models: [{ id: '-churn' }] }],
  ['an id with dots and underscores', { models: [{ id: 'fraud.v2_eu-west' }] }],
  ['an id with a quote and a newline', { models: [{ id: 'a"b\nc' }] }],
  ['a duplicate id', { models: [{ id: 'churn' }, { id: 'churn' }] }],
  ['an unknown task', { models: [{ id: 'churn', task: 'ranking' }] }],
  [
    'the three tasks',
    {
      models: [
        { id: 'a', task: 'binary' },
        { id: 'b', task: 'multiclass' },
        { id: 'c', task: 'regression' },
      ],
    },
  ],
  [
    'negative money and days',
    {
      models: [{ id: 'churn', businessValuePerMonth: -1, budgetPerMonth: -2.5, retentionDays: -30, baselineDays: -7 }],
    },
  ],
  ['a large negative budget', { models: [{ id: 'churn', budgetPerMonth: -1234567 }] }],
  ['a tiny negative target', { targets: { costPerPrediction: -0.00001 } }],
  [
    'every ratio above 1',
    { targets: { accuracyDropAlert: 5, uptime: 99.5, fairnessGap: 1.5, errorRate: 2, utilisation: 80 } },
  ],
  ['ratios at their bounds', { targets: { accuracyDropAlert: 1, uptime: 0, fairnessGap: 0.05 } }],
  ['large non-ratio targets', { targets: { p95LatencyMs: 5000, mttrMinutes: 1440, costPerPrediction: 3 } }],
  ['model targets', { models: [{ id: 'churn', targets: { uptime: 1.2, mttrMinutes: -1 } }] }],
  ['a negative monthly budget', { monthlyBudget: -100 }],
  ['a currency that is not an ISO code', { currency: 'usd' }],
  ['a valid currency', { currency: 'EUR', monthlyBudget: 100 }],
  [
    'baseline and pipeline declarations',
    { models: [{ id: 'churn', baselineEnd: '2026-13-01', labelDelayHours: -1, expectedGapMinutes: -30 }] },
  ],
  [
    'a valid baseline end',
    { models: [{ id: 'churn', baselineEnd: '2026-02-28', labelDelayHours: 48, expectedGapMinutes: 60 }] },
  ],
  ['an unnamed regulation', { regulations: [{ regulation: '' }] }],
  [
    'review dates',
    {
      regulations: [
        { regulation: 'EU AI Act', lastReview: '2026-02-28', nextReview: '2028-02-29' },
        { regulation: 'GDPR', lastReview: '2026-02-30', nextReview: '2026-1-05' },
        { regulation: 'SOC 2', lastReview: '2026-13-01', nextReview: '26-01-01' },
      ],
    },
  ],
];

const sorted = (errors: FieldError[]) =>
  [...errors].sort((a, b) => `${a.field} ${a.problem}`.localeCompare(`${b.field} ${b.problem}`));

function goValidator(catalogs: Catalog[]): FieldError[][] {
  const out = execFileSync('go', ['run', './tests/contract/catalogcheck'], {
    cwd: join(__dirname, '../../..'),
    input: JSON.stringify(catalogs),
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

describe('validateCatalog', () => {
  // Compiling the Go command can take a while on a busy machine.
  let go: FieldError[][];
  beforeAll(() => {
    go = goValidator(CASES.map(([, c]) => c));
  }, 180_000);

  it.each(CASES.map(([name], i) => [name, i] as const))('%s: rejects what the Go validator rejects', (_name, i) => {
    // Go lists a regulation's two review dates in map order, so compare as sets.
    expect(sorted(validateCatalog(CASES[i][1]))).toEqual(sorted(go[i]));
  });

  it('names every invalid field of the Go settings test', () => {
    expect(validateCatalog(CASES[2][1]).map((e) => e.field)).toEqual([
      'models[1].id',
      'models[2].targets.p95LatencyMs',
      'models[2].targets.uptime',
      'regulations[0].nextReview',
    ]);
  });
});

describe('the Go formats it mirrors', () => {
  it.each([
    [-5, '-5'],
    [99.5, '99.5'],
    [100000, '100000'],
    [-1234567, '-1.234567e+06'],
    [-0.00001, '-1e-05'],
    [0.0001, '0.0001'],
  ])('%%v of %p is %s', (v, text) => {
    expect(goFloat(v)).toBe(text);
  });

  it('parses dates as time.DateOnly does', () => {
    expect(isDateOnly('2024-02-29')).toBe(true);
    expect(isDateOnly('2026-02-29')).toBe(false);
    expect(isDateOnly('2026-1-05')).toBe(false);
  });
});
