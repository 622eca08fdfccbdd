import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { validateInference, type StoreInference } from './inference';

/**
 * The settings page checks the inference section before it is saved; the backend checks it again
 * when the data source opens (pkg/sources/inference/{postgres,clickhouse}). Each case runs through
 * the backend itself (tests/contract/inferencecheck) and through validateInference (without the
 * table's columns, as the backend parses settings before it connects): both must reject the same
 * fields. The page words its problems for the form, so only the fields are compared.
 */
const pg = (s: Partial<StoreInference>): StoreInference =>
  ({ connector: 'postgres', url: 'db:5432', database: 'ml', user: 'reader', ...MAPPED, ...s }) as StoreInference;
const ch = (s: Partial<StoreInference>): StoreInference =>
  ({ connector: 'clickhouse', url: 'http://ch:8123', ...MAPPED, ...s }) as StoreInference;
const MAPPED = { table: 'ml.predictions', timeColumn: 'ts', modelColumn: 'model_id', scoreColumn: 'score' };

const CASES: Array<[string, StoreInference]> = [
  ['a complete PostgreSQL section', pg({})],
  ['a complete ClickHouse section', ch({})],
  ['an empty PostgreSQL section', { connector: 'postgres' }],
  ['an empty ClickHouse section', { connector: 'clickhouse' }],
  ['a PostgreSQL URL with a scheme', pg({ url: 'postgres://u:p@db:5432/ml' })],
  ['a PostgreSQL port out of range', pg({ url: 'db:70000' })],
  ['a PostgreSQL port that is not a number', pg({ url: 'db:pg' })],
  ['an IPv6 host with a port', pg({ url: '[::1]:5432' })],
  ['a ClickHouse native-protocol URL', ch({ url: 'tcp://ch:9000' })],
  ['a ClickHouse URL with credentials', ch({ url: 'http://u:p@ch:8123' })],
  ['a ClickHouse URL with a path', ch({ url: 'http://ch:8123/db' })],
  ['connection limits out of range', pg({ maxOpenConns: 500, connMaxLifetime: -1, statementTimeout: 4000 })],
  ['ClickHouse limits out of range', ch({ maxOpenConns: 101, statementTimeout: -5 })],
  ['a table with two dots', pg({ table: 'a.b.c' })],
  ['a table with a quote', pg({ table: 'ml."predictions' })],
  ['a column with a backquote', ch({ timeColumn: 'ts`; DROP TABLE x' })],
  ['a column name with a space', pg({ labelColumn: 'the label' })],
  ['no time or model column', pg({ timeColumn: '', modelColumn: '' })],
  ['an unknown task', pg({ task: 'ranking' as never })],
  ['multiclass without classes', pg({ task: 'multiclass', predictionColumn: 'pred' })],
  ['a threshold above 1', pg({ threshold: 1.5 })],
  [
    'features mapped twice, bounds reversed',
    pg({
      features: [
        { column: 'income', kind: 'numeric', min: 10, max: 1 },
        { column: 'income', kind: 'numeric' },
        { column: '', kind: 'categorical' },
      ],
    }),
  ],
  [
    'model entries',
    pg({
      features: [{ column: 'income', kind: 'numeric' }],
      sensitive: ['gender'],
      models: [
        { id: 'Churn' },
        { id: 'churn', features: ['age'], sensitive: ['region'] },
        { id: 'churn' },
        { id: 'prices', task: 'regression', predictionColumn: undefined } as never,
      ],
    }),
  ],
  ['an empty sensitive attribute', ch({ sensitive: [''] })],
];

/** The cases with nothing to reject; every other case is wrong somewhere. */
const VALID = [
  'a complete PostgreSQL section',
  'a complete ClickHouse section',
  'an IPv6 host with a port',
  'a column name with a space',
];

const sortedFields = (errors: Array<{ field: string }>) => errors.map((e) => e.field).sort();

function backend(sections: StoreInference[]): Array<Array<{ field: string; problem: string }>> {
  const out = execFileSync('go', ['run', './tests/contract/inferencecheck'], {
    cwd: join(__dirname, '../../..'),
    input: JSON.stringify(sections),
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

describe('validateInference and the backend', () => {
  // Compiling the Go command can take a while on a busy machine.
  let go: Array<Array<{ field: string; problem: string }>>;
  beforeAll(() => {
    go = backend(CASES.map(([, s]) => s));
  }, 180_000);

  it.each(CASES.map(([name], i) => [name, i] as const))('%s: rejects the fields the backend rejects', (_name, i) => {
    expect(sortedFields(validateInference(CASES[i][1]))).toEqual(sortedFields(go[i]));
  });

  it('the backend accepts exactly the valid cases', () => {
    const accepted = CASES.filter((_, i) => go[i].length === 0).map(([name]) => name);
    expect(accepted).toEqual(VALID);
  });
});
