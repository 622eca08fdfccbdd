import { DataFrame } from '@grafana/data';

import { booleans, describeFrames, fieldOf, frameByName, missingFields, numbers, strings } from '../shared/frames';
import { DriftCell, DriftData, DriftSort, Distribution, FeatureRow, Parsed } from './types';

const SCORE_FIELDS = ['time', 'feature', 'method', 'score', 'threshold', 'drifted'];
const DISTRIBUTION_FIELDS = ['time', 'feature', 'bin', 'baseline', 'current'];
const P_VALUE_METHODS = new Set(['ks', 'chisquare', 'ztest']);

export const distributionKey = (feature: string, time: number) => `${feature}@${time}`;

/** Turns the `drift` query's frames (driftScores + driftDistributions) into a matrix. */
export function parseDriftFrames(series: DataFrame[]): Parsed<DriftData> {
  const scores = frameByName(series, 'driftScores');
  if (!scores) {
    return {
      ok: false,
      error: `This panel needs a drift query (frames driftScores and driftDistributions); got frames: ${describeFrames(series)}`,
    };
  }
  const missing = missingFields(scores, SCORE_FIELDS);
  if (missing.length > 0) {
    return {
      ok: false,
      error: `The driftScores frame lacks the fields ${missing.join(', ')}; update the data source.`,
    };
  }
  const n = scores.length;
  const times = numbers(fieldOf(scores, 'time'), n);
  const features = strings(fieldOf(scores, 'feature'), n);
  const methods = strings(fieldOf(scores, 'method'), n);
  const score = numbers(fieldOf(scores, 'score'), n);
  const threshold = numbers(fieldOf(scores, 'threshold'), n);
  const drifted = booleans(fieldOf(scores, 'drifted'), n);
  const pValue = numbers(fieldOf(scores, 'pValue'), n);
  const driftPercent = numbers(fieldOf(scores, 'driftPercent'), n);
  const tooFewRows = booleans(fieldOf(scores, 'tooFewRows'), n);
  const reason = strings(fieldOf(scores, 'reason'), n);

  const allTimes = [...new Set(times.filter((t): t is number => t !== null))].sort((a, b) => a - b);
  const rows = new Map<string, FeatureRow>();
  for (let i = 0; i < n; i++) {
    const t = times[i];
    if (t === null || !features[i]) {
      continue;
    }
    let row = rows.get(features[i]);
    if (!row) {
      row = { feature: features[i], method: methods[i], cells: allTimes.map(emptyCell) };
      rows.set(features[i], row);
    }
    row.cells[allTimes.indexOf(t)] = {
      time: t,
      score: score[i],
      threshold: threshold[i] ?? 0,
      drifted: drifted[i],
      pValue: pValue[i],
      driftPercent: driftPercent[i],
      tooFewRows: tooFewRows[i],
      reason: reason[i] ?? '',
    };
  }
  const custom = (scores.meta?.custom ?? {}) as { datasetDrift?: boolean; driftedShare?: number; model?: string };
  return {
    ok: true,
    data: {
      times: allTimes,
      features: [...rows.values()],
      datasetDrift: typeof custom.datasetDrift === 'boolean' ? custom.datasetDrift : null,
      driftedShare: typeof custom.driftedShare === 'number' ? custom.driftedShare : null,
      model: custom.model,
      distributions: parseDistributions(frameByName(series, 'driftDistributions')),
    },
  };
}

function emptyCell(time: number): DriftCell {
  return {
    time,
    score: null,
    threshold: 0,
    drifted: false,
    pValue: null,
    driftPercent: null,
    tooFewRows: false,
    reason: '',
  };
}

function parseDistributions(frame: DataFrame | undefined): Map<string, Distribution> {
  const out = new Map<string, Distribution>();
  if (!frame || missingFields(frame, DISTRIBUTION_FIELDS).length > 0) {
    return out;
  }
  const n = frame.length;
  const times = numbers(fieldOf(frame, 'time'), n);
  const features = strings(fieldOf(frame, 'feature'), n);
  const bins = strings(fieldOf(frame, 'bin'), n);
  const baseline = numbers(fieldOf(frame, 'baseline'), n);
  const current = numbers(fieldOf(frame, 'current'), n);
  for (let i = 0; i < n; i++) {
    const t = times[i];
    if (t === null) {
      continue;
    }
    const key = distributionKey(features[i], t);
    const d = out.get(key) ?? { bins: [], baseline: [], current: [] };
    d.bins.push(bins[i]);
    d.baseline.push(baseline[i] ?? 0);
    d.current.push(current[i] ?? 0);
    out.set(key, d);
  }
  return out;
}

/**
 * How far a cell is past the threshold the backend set: 1 at the threshold, above 1
 * drifted. Distance methods compare the score; test methods (KS, χ²) the p-value.
 * The colour only grades; whether a cell drifted is the backend's `drifted` verdict.
 */
export function severity(method: string, cell: DriftCell): number | null {
  if (P_VALUE_METHODS.has(method)) {
    if (cell.pValue === null) {
      return null;
    }
    return cell.pValue <= 0 ? 10 : cell.threshold / cell.pValue;
  }
  if (cell.score === null || cell.threshold <= 0) {
    return null;
  }
  return cell.score / cell.threshold;
}

/** Current drift of a feature: the severity of its newest scored window. */
export function currentSeverity(row: FeatureRow): number {
  for (let i = row.cells.length - 1; i >= 0; i--) {
    const s = severity(row.method, row.cells[i]);
    if (s !== null) {
      return s;
    }
  }
  return -1;
}

export function sortFeatures(rows: FeatureRow[], by: DriftSort): FeatureRow[] {
  const sorted = [...rows];
  if (by === 'name') {
    return sorted.sort((a, b) => a.feature.localeCompare(b.feature));
  }
  return sorted.sort((a, b) => currentSeverity(b) - currentSeverity(a) || a.feature.localeCompare(b.feature));
}
