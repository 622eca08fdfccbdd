import type { Catalog, CatalogTargets } from './catalog';

/** One invalid jsonData field, worded as pkg/catalog/validate.go words it. */
export interface FieldError {
  field: string;
  problem: string;
}

/**
 * The rules of pkg/catalog/validate.go, in one table each, so the settings page
 * rejects exactly what the backend rejects. validateCatalog.test.ts runs the Go
 * validator on the same cases and compares, so the two cannot drift apart.
 */
const MODEL_ID = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const TASKS = ['binary', 'multiclass', 'regression'];
/** Model fields that must not be negative, in the Go validator's order. */
const NON_NEGATIVE = [
  'businessValuePerMonth',
  'budgetPerMonth',
  'retentionDays',
  'baselineDays',
  'labelDelayHours',
  'expectedGapMinutes',
] as const;
const CURRENCY = /^[A-Z]{3}$/;
/** Targets in the Go validator's order; ratios lie between 0 and 1. */
export const TARGET_RULES: Array<{ name: keyof CatalogTargets; ratio: boolean }> = [
  { name: 'accuracyDropAlert', ratio: true },
  { name: 'p95LatencyMs', ratio: false },
  { name: 'uptime', ratio: true },
  { name: 'mttrMinutes', ratio: false },
  { name: 'costPerPrediction', ratio: false },
  { name: 'fairnessGap', ratio: true },
  { name: 'errorRate', ratio: true },
  { name: 'utilisation', ratio: true },
];
const REVIEW_DATES = ['lastReview', 'nextReview'] as const;

/** Every invalid field of the catalog, as catalog.Validate returns them. */
export function validateCatalog(c: Catalog): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (c.models ?? []).forEach((m, i) => {
    const at = `models[${i}]`;
    const id = m.id ?? '';
    if (!MODEL_ID.test(id)) {
      errs.push({
        field: `${at}.id`,
        problem: `must be lowercase letters, digits, '.', '_' or '-' (got ${goQuote(id)})`,
      });
    } else if (seen.has(id)) {
      errs.push({ field: `${at}.id`, problem: `${goQuote(id)} is declared twice` });
    }
    seen.add(id);
    if (m.task && !TASKS.includes(m.task)) {
      errs.push({ field: `${at}.task`, problem: `must be binary, multiclass or regression (got ${goQuote(m.task)})` });
    }
    for (const name of NON_NEGATIVE) {
      const v = m[name] ?? 0;
      if (v < 0) {
        errs.push({ field: `${at}.${name}`, problem: `must be ≥ 0 (got ${goFloat(v)})` });
      }
    }
    if (m.baselineEnd && !isDateOnly(m.baselineEnd)) {
      errs.push({ field: `${at}.baselineEnd`, problem: `must be a date YYYY-MM-DD (got ${goQuote(m.baselineEnd)})` });
    }
    errs.push(...validateTargets(m.targets, `${at}.targets`));
  });
  errs.push(...validateTargets(c.targets, 'targets'));
  if ((c.monthlyBudget ?? 0) < 0) {
    errs.push({ field: 'monthlyBudget', problem: `must be ≥ 0 (got ${goFloat(c.monthlyBudget!)})` });
  }
  if (c.currency && !CURRENCY.test(c.currency)) {
    errs.push({
      field: 'currency',
      problem: `must be an ISO 4217 code in capitals such as USD or EUR (got ${goQuote(c.currency)})`,
    });
  }
  (c.regulations ?? []).forEach((r, i) => {
    const at = `regulations[${i}]`;
    if (!r.regulation) {
      errs.push({ field: `${at}.regulation`, problem: 'is empty: name the regulation' });
    }
    for (const name of REVIEW_DATES) {
      const d = r[name] ?? '';
      if (d !== '' && !isDateOnly(d)) {
        errs.push({ field: `${at}.${name}`, problem: `must be a date YYYY-MM-DD (got ${goQuote(d)})` });
      }
    }
  });
  return errs;
}

function validateTargets(t: CatalogTargets = {}, at: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const { name, ratio } of TARGET_RULES) {
    const v = t[name] ?? 0;
    if (v < 0) {
      errs.push({ field: `${at}.${name}`, problem: `must be > 0 (got ${goFloat(v)})` });
    } else if (ratio && v > 1) {
      errs.push({
        field: `${at}.${name}`,
        problem: `is a ratio between 0 and 1 (got ${goFloat(v)}; write 0.995 for 99.5%)`,
      });
    }
  }
  return errs;
}

/** Go's time.Parse(time.DateOnly, d): four-digit year, two-digit month and day, a real date. */
export function isDateOnly(d: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m) {
    return false;
  }
  const [year, month, day] = m.slice(1).map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth;
}

/** Go's %v of a float64: shortest digits, exponent form below 1e-4 and from 1e6 (1e+06). */
export function goFloat(v: number): string {
  if (!Number.isFinite(v)) {
    return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
  }
  if (v === 0) {
    return '0';
  }
  const [mantissa, exponent] = v.toExponential().split('e');
  const exp = Number(exponent);
  if (exp < -4 || exp >= 6) {
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${mantissa}e${exp < 0 ? '-' : '+'}${digits}`;
  }
  return String(v);
}

/** Go's %q of a string (strconv.Quote) for the characters a settings field can hold. */
export function goQuote(s: string): string {
  const escaped = s.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => {
    const named: Record<string, string> = {
      '\\': '\\\\',
      '"': '\\"',
      '\u0007': '\\a',
      '\b': '\\b',
      '\f': '\\f',
      '\n': '\\n',
      '\r': '\\r',
      '\t': '\\t',
      '\v': '\\v',
    };
    return named[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return `"${escaped}"`;
}
