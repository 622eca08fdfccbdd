import type { FieldError } from './validateCatalog';

/**
 * The `inference` section of jsonData. Field names are the JSON of the Go settings:
 * pkg/sources/inference/postgres/settings.go, pkg/sources/inference/clickhouse/settings.go
 * and the column mapping in pkg/sources/inference/logstore/mapping.go.
 */
export type InferenceSettings = DemoInference | PostgresInference | ClickHouseInference;

export type InferenceConnector = InferenceSettings['connector'];

export type Task = 'binary' | 'multiclass' | 'regression';

export type FeatureKind = 'numeric' | 'categorical';

/** One feature column and what it may hold (logstore.FeatureMapping). */
export interface FeatureMapping {
  column: string;
  kind: FeatureKind;
  min?: number;
  max?: number;
  values?: string[];
}

/** What one model logs in a shared table (logstore.ModelMapping); a list left out takes the table's. */
export interface ModelMapping {
  id: string;
  task?: Task;
  threshold?: number;
  classes?: string[];
  features?: string[] | null;
  sensitive?: string[] | null;
}

/** Where the predictions table keeps what the summaries need (logstore.Mapping). */
export interface ColumnMapping {
  table?: string;
  timeColumn?: string;
  modelColumn?: string;
  versionColumn?: string;
  requestIdColumn?: string;
  scoreColumn?: string;
  predictionColumn?: string;
  labelColumn?: string;
  task?: Task;
  threshold?: number;
  classes?: string[];
  features?: FeatureMapping[];
  sensitive?: string[];
  models?: ModelMapping[];
}

export interface DemoInference {
  connector: 'demo';
}

export type TLSMode = 'disable' | 'require' | 'verify-ca' | 'verify-full';

export interface PostgresInference extends ColumnMapping {
  connector: 'postgres';
  /** host or host:port */
  url?: string;
  database?: string;
  user?: string;
  tlsMode?: TLSMode;
  maxOpenConns?: number;
  /** seconds */
  connMaxLifetime?: number;
  /** seconds */
  statementTimeout?: number;
}

export interface ClickHouseInference extends ColumnMapping {
  connector: 'clickhouse';
  /** The HTTP interface: http(s)://host:port */
  url?: string;
  database?: string;
  user?: string;
  tlsSkipVerify?: boolean;
  maxOpenConns?: number;
  /** seconds */
  statementTimeout?: number;
}

export type StoreInference = PostgresInference | ClickHouseInference;

export function isStore(s: InferenceSettings | undefined): s is StoreInference {
  return s?.connector === 'postgres' || s?.connector === 'clickhouse';
}

/** Secrets of the section, filed under `inference.<key>` in secureJsonData. */
export const INFERENCE_SECRETS = {
  password: 'inference.password',
  tlsCACert: 'inference.tlsCACert',
  tlsClientCert: 'inference.tlsClientCert',
  tlsClientKey: 'inference.tlsClientKey',
} as const;

/** A column of the predictions table, as the `inference/columns` resource lists it (logstore.Column). */
export interface TableColumn {
  name: string;
  type: string;
  class: 'float' | 'integer' | 'text' | 'boolean' | 'time' | 'other';
  nullable: boolean;
}

/** The first rows of every mapped column, as the `inference/preview` resource returns them (logstore.Preview). */
export interface MappingPreview {
  columns: string[];
  rows: Array<Array<string | null>>;
  missing?: string[];
}

/** Limits with their defaults and bounds, as the Go settings parse them. */
export interface Limit {
  key: 'maxOpenConns' | 'connMaxLifetime' | 'statementTimeout';
  label: string;
  description: string;
  fallback: number;
  max: number;
}

export const POSTGRES_LIMITS: Limit[] = [
  { key: 'maxOpenConns', label: 'Max open connections', description: 'Queries beyond it wait.', fallback: 4, max: 100 },
  {
    key: 'connMaxLifetime',
    label: 'Connection lifetime (seconds)',
    description: 'Connections are recycled after it.',
    fallback: 14400,
    max: 604800,
  },
  {
    key: 'statementTimeout',
    label: 'Statement timeout (seconds)',
    description: 'The server stops any statement that runs longer.',
    fallback: 60,
    max: 3600,
  },
];

export const CLICKHOUSE_LIMITS: Limit[] = [
  POSTGRES_LIMITS[0],
  { ...POSTGRES_LIMITS[2], description: "The server's max_execution_time for every query." },
];

/** A connection limit's value; undefined takes the default. */
export function limitOf(s: StoreInference, key: Limit['key']): number | undefined {
  return (s as Partial<Record<Limit['key'], number>>)[key];
}

/** What a mapped name may look like (logstore's identifier rule): no quotes, backslashes or control characters. */
const IDENTIFIER = /^[^"'`\\\x00-\x1f]{1,128}$/;
const MODEL_ID = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const MAX_FEATURES = 200;

/** The column roles and the column classes each accepts (logstore.Resolve). */
const NUMBER = ['float', 'integer'];
const VALUES = ['text', 'integer', 'boolean'];
export const COLUMN_ROLES: Array<{
  key: keyof ColumnMapping & `${string}Column`;
  label: string;
  description: string;
  contract: string;
  required?: boolean;
  classes: (task: Task) => string[] | undefined;
}> = [
  {
    key: 'timeColumn',
    label: 'Time',
    description: 'When the prediction was made (timestamp).',
    contract: 'ts',
    required: true,
    classes: () => ['time'],
  },
  {
    key: 'modelColumn',
    label: 'Model id',
    description: "The catalog id of the model that made it (text): the Models section's ids.",
    contract: 'model_id',
    required: true,
    classes: () => ['text'],
  },
  {
    key: 'versionColumn',
    label: 'Model version',
    description: 'Configuration drift and the audit trail read it.',
    contract: 'model_version',
    classes: () => undefined,
  },
  {
    key: 'requestIdColumn',
    label: 'Request id',
    description: 'Audit-trail coverage counts rows that have one.',
    contract: 'request_id',
    classes: () => undefined,
  },
  {
    key: 'scoreColumn',
    label: 'Score',
    description: "A binary model's P(y=1), a number from 0 to 1.",
    contract: 'score',
    classes: (task) => (task === 'binary' ? NUMBER : undefined),
  },
  {
    key: 'predictionColumn',
    label: 'Prediction',
    description: "A multiclass model's predicted class, or a regression model's predicted value.",
    contract: 'prediction',
    classes: (task) => (task === 'multiclass' ? ['text', 'integer'] : task === 'regression' ? NUMBER : undefined),
  },
  {
    key: 'labelColumn',
    label: 'Label',
    description: 'The ground truth, NULL until it arrives.',
    contract: 'label',
    classes: (task) =>
      task === 'binary' ? ['float', 'integer', 'boolean'] : task === 'multiclass' ? ['text', 'integer'] : NUMBER,
  },
];

/** Every setting of the section the backend would reject, by field below `inference.` (e.g. `features[0].column`). */
export function validateInference(s: InferenceSettings | undefined, columns?: TableColumn[]): FieldError[] {
  if (!isStore(s)) {
    return [];
  }
  const errs: FieldError[] = [];
  const bad = (field: string, problem: string) => errs.push({ field, problem });
  if (s.connector === 'postgres') {
    checkPostgresConnection(s, bad);
  } else {
    checkClickHouseConnection(s, bad);
  }
  const limits = s.connector === 'postgres' ? POSTGRES_LIMITS : CLICKHOUSE_LIMITS;
  for (const l of limits) {
    const v = limitOf(s, l.key);
    if (v !== undefined && (!Number.isInteger(v) || v < 1 || v > l.max)) {
      bad(l.key, `must be a whole number between 1 and ${l.max} (got ${v}); empty means ${l.fallback}`);
    }
  }
  checkMapping(s, bad, columns);
  return errs;
}

type Bad = (field: string, problem: string) => void;

function checkPostgresConnection(s: PostgresInference, bad: Bad) {
  const url = (s.url ?? '').trim();
  if (url === '') {
    bad('url', 'is empty: give the server as host or host:port, e.g. localhost:5432');
  } else if (url.includes('://') || /[/@?]/.test(url)) {
    bad('url', 'must be host or host:port, not a URL: put the database, user and password in their own fields');
  } else {
    // host:port or [v6]:port; a bare IPv6 address has no port (Go's net.SplitHostPort).
    const port = /^(?:\[[^\]]*\]|[^:]*):([^:]*)$/.exec(url)?.[1];
    if (port !== undefined && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
      bad('url', `has port ${port || '(empty)'}: use a number from 1 to 65535`);
    }
  }
  if (!s.database?.trim()) {
    bad('database', 'is empty: name the database that holds the predictions table');
  }
  if (!s.user?.trim()) {
    bad('user', 'is empty: name a user that may SELECT from the predictions table');
  }
}

function checkClickHouseConnection(s: ClickHouseInference, bad: Bad) {
  const url = (s.url ?? '').trim();
  if (url === '') {
    bad('url', 'is empty: give the HTTP interface, e.g. http://localhost:8123');
    return;
  }
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed && (parsed.username || parsed.password)) {
    bad(
      'url',
      "must be the HTTP interface's http(s)://host:port, without user or password: put those in their own fields"
    );
  } else if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !parsed.host) {
    bad('url', "must be the HTTP interface's http(s)://host:port; the native protocol (port 9000) is not used");
  } else if (parsed.search || (parsed.pathname !== '' && parsed.pathname !== '/')) {
    bad('url', 'must be scheme://host:port only: put the database, user and password in their own fields');
  }
}

function checkMapping(m: ColumnMapping, bad: Bad, columns?: TableColumn[]) {
  const table = (m.table ?? '').trim();
  const parts = (m.table ?? '').split('.');
  if (table === '') {
    bad('table', 'is empty: name the table or view of predictions (schema.table or table)');
  } else if (parts.length > 2) {
    bad('table', 'has more than one dot: use schema.table (or database.table) or table');
  } else if (!parts.every((p) => IDENTIFIER.test(p))) {
    bad('table', 'is not a table name: use the name as the database has it, without quotes');
  }
  const task = m.task ?? 'binary';
  const byName = new Map((columns ?? []).map((c) => [c.name, c]));
  const column = (field: string, name: string | undefined, required: boolean, classes?: string[]) => {
    if (!name) {
      if (required) {
        bad(field, 'is empty: name the column of the predictions table');
      }
      return;
    }
    if (!IDENTIFIER.test(name)) {
      bad(field, 'is not a column name: use the name as the table has it, without quotes');
      return;
    }
    if (!columns) {
      return;
    }
    const c = byName.get(name);
    if (!c) {
      const near = columns.find((x) => x.name.toLowerCase() === name.toLowerCase());
      bad(
        field,
        `is not a column of ${table}${near ? ` (did you mean ${near.name}? names are case-sensitive)` : ''}: pick one the table has`
      );
    } else if (classes && !classes.includes(c.class)) {
      bad(
        field,
        `is ${c.type}, but this needs a ${classes.join(' or ')} column: map another column, or cast it in a view`
      );
    }
  };
  for (const role of COLUMN_ROLES) {
    column(role.key, m[role.key], Boolean(role.required), role.classes(task));
  }
  // Models without an entry take the table's task, so it is always in use.
  const tasks = new Set([task, ...(m.models ?? []).map((mm) => mm.task ?? task)]);
  if (tasks.has('binary') && !m.scoreColumn) {
    bad('scoreColumn', "is empty: a binary model's score (P(y=1)) is read from it");
  }
  if ((tasks.has('multiclass') || tasks.has('regression')) && !m.predictionColumn) {
    bad('predictionColumn', "is empty: a multiclass model's class or a regression model's value is read from it");
  }
  checkTask('', m.task, m.threshold, m.classes, bad);
  const features = m.features ?? [];
  if (features.length > MAX_FEATURES) {
    bad('features', `has ${features.length} features, more than ${MAX_FEATURES}: map the features you monitor`);
  }
  const seen = new Set<string>();
  features.forEach((f, i) => {
    const at = `features[${i}]`;
    column(`${at}.column`, f.column, true, f.kind === 'numeric' ? NUMBER : VALUES);
    if (f.column && seen.has(f.column)) {
      bad(`${at}.column`, 'is mapped twice: map each column once');
    }
    seen.add(f.column);
    if (f.kind === 'numeric' && f.min !== undefined && f.max !== undefined && f.min > f.max) {
      bad(`${at}.min`, `${f.min} is above max ${f.max}: swap them`);
    }
  });
  const sensitive = m.sensitive ?? [];
  sensitive.forEach((s, i) => column(`sensitive[${i}]`, s, true, VALUES));
  const ids = new Set<string>();
  (m.models ?? []).forEach((mm, i) => {
    const at = `models[${i}]`;
    if (!MODEL_ID.test(mm.id ?? '')) {
      bad(`${at}.id`, "must be the model id as the model column holds it: lowercase letters, digits, '.', '_' or '-'");
    } else if (ids.has(mm.id)) {
      bad(`${at}.id`, `${mm.id} has two entries: keep one`);
    }
    ids.add(mm.id);
    checkTask(`${at}.`, mm.task, mm.threshold, mm.classes, bad);
    (mm.features ?? []).forEach((f, j) => {
      if (!seen.has(f)) {
        bad(`${at}.features[${j}]`, `${f} is not a mapped feature: add it to the features first`);
      }
    });
    (mm.sensitive ?? []).forEach((a, j) => {
      if (!sensitive.includes(a)) {
        bad(
          `${at}.sensitive[${j}]`,
          `${a} is not a mapped sensitive attribute: add it to the sensitive attributes first`
        );
      }
    });
  });
}

function checkTask(
  at: string,
  task: string | undefined,
  threshold: number | undefined,
  classes: string[] | undefined,
  bad: Bad
) {
  if (task && !['binary', 'multiclass', 'regression'].includes(task)) {
    bad(`${at}task`, `${task} is not a task: use binary, multiclass or regression`);
  }
  if (task === 'multiclass' && (classes ?? []).length < 2) {
    bad(
      `${at}classes`,
      'lists fewer than two classes: a multiclass model needs its class names as the prediction column holds them'
    );
  }
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) {
    bad(`${at}threshold`, `${threshold} is not a probability: use a threshold between 0 and 1`);
  }
}
