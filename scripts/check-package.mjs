// Checks the packaged zip against the layout Grafana's plugin catalog expects:
// one root folder named after the app id, every nested plugin with its
// plugin.json, module.js and logos, backend binaries for each platform, and
// versions filled in. Prints "N passed, N failed".
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const appId = JSON.parse(readFileSync('src/plugin.json', 'utf8')).id;
const zipName = readdirSync('artifacts').find((f) => f.endsWith('.zip'));
const results = [];
const check = (name, ok, detail = '') => results.push({ name, ok: Boolean(ok), detail });

check('a zip exists in artifacts/', zipName);
if (!zipName) {
  finish();
}
const zipPath = `artifacts/${zipName}`;
const expectedMd5 = readFileSync(`${zipPath}.md5`, 'utf8').split(/\s+/)[0];
check('md5 file matches the zip', createHash('md5').update(readFileSync(zipPath)).digest('hex') === expectedMd5);
check('zip is named <id>-<version>.zip', zipName === `${appId}-${pkg.version}.zip`, zipName);

// namelist(), not `zipfile -l`: the listing's columns run together for long names.
const entries = new Set(
  execFileSync(
    'python3',
    ['-c', 'import sys,zipfile;print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', zipPath],
    {
      encoding: 'utf8',
    }
  )
    .split('\n')
    .filter(Boolean)
);
const readEntry = (path) =>
  execFileSync(
    'python3',
    [
      '-c',
      'import sys,zipfile;sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())',
      zipPath,
      path,
    ],
    {
      encoding: 'utf8',
    }
  );

check(
  'every entry sits under the app id folder',
  [...entries].every((e) => e.startsWith(`${appId}/`))
);

const plugins = [
  { dir: '', id: appId, type: 'app' },
  { dir: 'datasource/', id: 'aiperf-monitor-datasource', type: 'datasource' },
  { dir: 'panels/drift/', id: 'aiperf-drift-panel', type: 'panel' },
  { dir: 'panels/fairness/', id: 'aiperf-fairness-panel', type: 'panel' },
];
for (const p of plugins) {
  const base = `${appId}/${p.dir}`;
  const jsonPath = `${base}plugin.json`;
  check(`${p.id}: plugin.json present`, entries.has(jsonPath));
  check(`${p.id}: module.js present`, entries.has(`${base}module.js`));
  check(`${p.id}: README.md present`, entries.has(`${base}README.md`));
  if (!entries.has(jsonPath)) {
    continue;
  }
  const meta = JSON.parse(readEntry(jsonPath));
  check(`${p.id}: id and type`, meta.id === p.id && meta.type === p.type, `${meta.id} ${meta.type}`);
  check(`${p.id}: version filled in`, meta.info?.version === pkg.version, meta.info?.version);
  check(`${p.id}: updated date filled in`, /^\d{4}-\d{2}-\d{2}$/.test(meta.info?.updated ?? ''), meta.info?.updated);
  check(`${p.id}: grafanaDependency set`, /^>=\d+\.\d+\.\d+/.test(meta.dependencies?.grafanaDependency ?? ''));
  for (const logo of Object.values(meta.info?.logos ?? {})) {
    check(`${p.id}: logo ${logo} present`, entries.has(`${base}${logo}`));
  }
}

const dsMeta = JSON.parse(readEntry(`${appId}/datasource/plugin.json`));
check(
  'datasource: backend, alerting and executable',
  dsMeta.backend && dsMeta.alerting && dsMeta.executable === 'gpx_aiperf_monitor'
);
for (const platform of ['linux_amd64', 'linux_arm64', 'darwin_amd64', 'darwin_arm64', 'windows_amd64.exe']) {
  check(`backend binary ${platform}`, entries.has(`${appId}/datasource/gpx_aiperf_monitor_${platform}`));
}
check('build manifest present', entries.has(`${appId}/go_plugin_build_manifest`));
const appMeta = JSON.parse(readEntry(`${appId}/plugin.json`));
for (const p of plugins.slice(1)) {
  check(
    `app includes ${p.id}`,
    appMeta.includes?.some((inc) => inc.path === `${p.dir}plugin.json` && inc.type === p.type)
  );
}

finish();

function finish() {
  for (const r of results) {
    console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.ok || !r.detail ? '' : ` (${r.detail})`}`);
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
