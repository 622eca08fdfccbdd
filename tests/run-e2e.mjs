// Runs the end-to-end specs against a running Grafana (GRAFANA_URL, default
// http://localhost:3000, e.g. from `docker compose up --build`; scripts/test.sh
// starts its own). With no Grafana web UI answering, it says so and exits 77, which
// the test command counts as skipped, never as passed.
import { spawnSync } from 'node:child_process';

const url = process.env.GRAFANA_URL || 'http://localhost:3000';

async function webUiAnswers() {
  try {
    const res = await fetch(`${url}/login`, { signal: AbortSignal.timeout(5000) });
    return res.ok && (await res.text()).includes('<html');
  } catch {
    return false;
  }
}

if (!(await webUiAnswers())) {
  console.log(
    `e2e skipped: no Grafana web UI answers at ${url}/login. Start one with "docker compose up --build" or set GRAFANA_URL.`
  );
  process.exit(77);
}
const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, GRAFANA_URL: url },
});
process.exit(result.status ?? 1);
