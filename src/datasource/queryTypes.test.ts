import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { OPTIONAL_FIELDS, usesField } from './queryTypes';
import { QueryType } from './types';

/** The Go query type constants, read from the file that declares them. */
function goQueryTypes(): string[] {
  const source = readFileSync(join(__dirname, '../../pkg/query/types.go'), 'utf8');
  return [...source.matchAll(/^\s*QueryType\w+\s+Type\s*=\s*"([^"]+)"/gm)].map((m) => m[1]);
}

describe('QueryType', () => {
  it('mirrors the Go QueryType constants one to one', () => {
    const go = goQueryTypes();
    expect(go.length).toBeGreaterThan(0);
    expect([...Object.values(QueryType)].sort()).toEqual([...go].sort());
  });
});

describe('usesField', () => {
  it('shows each optional field on the types that read it (docs/queries.md)', () => {
    const shown = Object.fromEntries(
      OPTIONAL_FIELDS.map((field) => [field, Object.values(QueryType).filter((t) => usesField(t, field))])
    );
    expect(shown).toEqual({
      feature: [QueryType.DriftDistribution],
      attribute: [QueryType.Fairness, QueryType.FairnessTrend],
      metrics: [QueryType.Quality],
      method: [QueryType.Drift, QueryType.DriftTrend],
      groupBy: [QueryType.Cost],
      measure: [QueryType.Measures],
    });
  });
});
