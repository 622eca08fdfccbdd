// Checks the plugin through a running Grafana's HTTP API (GRAFANA_URL, admin/admin):
// the app and its nested plugins load, every provisioned data source of ours is
// healthy, every query type the backend lists answers through /api/ds/query with
// frames, and every panel query of every provisioned dashboard succeeds.
// Ends with "N passed, N failed"; exit 77 (skipped) when GRAFANA_URL is unset.
import { readFileSync } from 'node:fs';

const url = process.env.GRAFANA_URL;
if (!url) {
  console.log('GRAFANA_URL is not set: no Grafana to check, skipped');
  process.exit(77);
}
const auth = `Basic ${Buffer.from(`${process.env.GRAFANA_USER ?? 'admin'}:${process.env.GRAFANA_PASSWORD ?? 'admin'}`).toString('base64')}`;
const appJson = JSON.parse(readFileSync(new URL('../../src/plugin.json', import.meta.url), 'utf8'));
const nestedIds = ['datasource', 'panels/drift', 'panels/fairness'].map(
  (dir) => JSON.parse(readFileSync(new URL(`../../src/${dir}/plugin.json`, import.meta.url), 'utf8')).id
);
const PLUGIN_IDS = [appJson.id, ...nestedIds];
const DATASOURCE_TYPE = nestedIds[0];
const RANGE = { from: 'now-7d', to: 'now' };

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) {
    passed++;
    console.log(`ok - ${name}`);
  } else {
    failed++;
    console.log(`not ok - ${name}${detail ? `: ${detail}` : ''}`);
  }
  return ok;
}

async function api(path, body) {
  const res = await fetch(`${url}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { Authorization: auth, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(120_000),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

/** Runs one query; returns the problem, or undefined when it answered with frames and no error. */
async function runQuery(datasource, query) {
  const res = await api('/api/ds/query', { ...RANGE, queries: [{ refId: 'A', datasource, ...query }] });
  const result = res.json?.results?.A;
  if (!result) {
    return `HTTP ${res.status}: ${res.text.slice(0, 300)}`;
  }
  if (result.error) {
    return result.error;
  }
  if (!result.frames?.length) {
    return 'no frames';
  }
  if (!result.frames.some((f) => (f.data?.values?.[0]?.length ?? 0) > 0)) {
    return `frames ${result.frames.map((f) => f.schema?.name).join(', ')} hold no rows`;
  }
  return undefined;
}

// 1. The app and its nested plugins load.
const errors = (await api('/api/plugins/errors')).json ?? [];
for (const id of PLUGIN_IDS) {
  const mine = errors.filter((e) => e.pluginId === id);
  check(`plugin ${id} loads without errors`, mine.length === 0, JSON.stringify(mine));
  const settings = await api(`/api/plugins/${id}/settings`);
  check(`plugin ${id} is registered`, settings.status === 200, `HTTP ${settings.status}`);
}

// 2. Every provisioned data source of ours is healthy.
const datasources = ((await api('/api/datasources')).json ?? []).filter((d) => d.type === DATASOURCE_TYPE);
check(`at least one ${DATASOURCE_TYPE} data source is provisioned`, datasources.length > 0);
for (const ds of datasources) {
  const health = await api(`/api/datasources/uid/${ds.uid}/health`);
  check(`data source ${ds.uid} is healthy`, health.json?.status === 'OK', health.text.slice(0, 300));
}

// 3. Every query type the backend lists answers on a model that supports it.
const ds = datasources[0];
if (ds) {
  const ref = { type: DATASOURCE_TYPE, uid: ds.uid };
  const resource = async (path) => (await api(`/api/datasources/uid/${ds.uid}/resources/${path}`)).json;
  const types = (await resource('query-types')) ?? [];
  const models = (await resource('models')) ?? [];
  check('the query-types resource lists query types', types.length > 0);
  check('the models resource lists models', models.length > 0);
  for (const type of types) {
    const candidates = type.needsModel ? models.map((m) => m.id) : [undefined];
    const problems = [];
    let answered = false;
    for (const model of candidates) {
      const query = { queryType: type.value, model };
      if (type.needsFeature) {
        query.feature = (await resource(`features?model=${encodeURIComponent(model)}`))?.[0]?.name;
      }
      if (type.needsAttribute) {
        query.attribute = (await resource(`attributes?model=${encodeURIComponent(model)}`))?.[0];
      }
      if (type.value === 'measures') {
        query.measure = (await resource('measures'))?.[0]?.value; // every measure: tests/alerting
      }
      const problem = await runQuery(ref, query);
      if (!problem) {
        answered = true;
        break;
      }
      problems.push(`${model ?? 'fleet'}: ${problem}`);
    }
    check(`query type ${type.value} answers with frames`, answered, problems.join('; '));
  }

  // 4. Every panel query of every provisioned dashboard succeeds.
  const dashboards = (await api('/api/search?type=dash-db')).json ?? [];
  for (const hit of dashboards) {
    const dashboard = (await api(`/api/dashboards/uid/${hit.uid}`)).json?.dashboard;
    const variables = Object.fromEntries(
      (dashboard?.templating?.list ?? []).map((v) => [v.name, v.type === 'datasource' ? ds.uid : v.current?.value])
    );
    const interpolate = (value) =>
      typeof value === 'string'
        ? value.replace(/\$\{(\w+)(?::\w+)?\}|\$(\w+)/g, (m, a, b) => String(variables[a ?? b] ?? m))
        : value;
    const panels = (dashboard?.panels ?? []).flatMap((p) => (p.type === 'row' ? (p.panels ?? []) : [p]));
    check(`dashboard ${hit.uid} has panels`, panels.length > 0);
    for (const panel of panels) {
      for (const target of panel.targets ?? []) {
        const { datasource = panel.datasource, ...fields } = target;
        const query = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, interpolate(v)]));
        const problem = await runQuery({ ...datasource, uid: interpolate(datasource?.uid) }, query);
        check(`dashboard ${hit.uid} panel "${panel.title}" query ${target.refId} succeeds`, !problem, problem);
      }
    }
  }
}

// 5. The FOCUS import instance (provisioning/datasources/billing.yaml) reads
// the export and attributes its spend to models.
const focus = datasources.find((d) => d.uid === 'aiperf-focus');
if (focus) {
  const health = await api(`/api/datasources/uid/${focus.uid}/health`);
  check(
    'the FOCUS import instance checks its billing feed',
    /focus/i.test(health.json?.message ?? ''),
    health.text.slice(0, 300)
  );
  const res = await api('/api/ds/query', {
    ...RANGE,
    queries: [{ refId: 'A', datasource: { type: DATASOURCE_TYPE, uid: focus.uid }, queryType: 'costSummary' }],
  });
  const frame = res.json?.results?.A?.frames?.[0];
  const names = frame?.schema?.fields?.map((f) => f.name) ?? [];
  const models = frame?.data?.values?.[names.indexOf('model')] ?? [];
  const spend = frame?.data?.values?.[names.indexOf('spend')] ?? [];
  const billed = models.filter((m, i) => m !== '(fleet)' && spend[i] > 0);
  check(
    'costSummary on the FOCUS import attributes spend to models',
    billed.length > 0,
    res.json?.results?.A?.error ?? JSON.stringify(models)
  );
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
