#!/usr/bin/env bash
# Grafana Alerting in a real Grafana: starts ../shared/grafana-server with the
# built plugin (dist/) and a copy of provisioning/, then asserts through
# Grafana's HTTP API that the plugin loads, every query type answers, every
# provisioned rule, policy, contact point, template and mute timing is
# loaded, every rule evaluates with health ok and the demo's expected alerts
# fire (tests/alerting/check.py). Ends with "N passed, N failed"; exits 77
# where the server is absent or cannot run.
set -euo pipefail
cd "$(dirname "$0")/../.."

# The server ships beside the repository (../shared); GRAFANA_SERVER_START
# points at its start.sh from elsewhere, e.g. a git worktree.
server=${GRAFANA_SERVER_START:-../shared/grafana-server/start.sh}
if [ ! -f "$server" ]; then
  echo "skipped: no real Grafana server at $server (it ships beside the repository, not in it)" >&2
  exit 77
fi
if [ ! -f dist/plugin.json ] || [ ! -f dist/datasource/gpx_aiperf_monitor_linux_amd64 ]; then
  echo "dist/ holds no built plugin with its linux/amd64 backend: run 'npm run build' and 'go run github.com/magefile/mage@v1.15.0 build:linux' first" >&2
  exit 1
fi
command -v python3 >/dev/null || { echo "missing tool: python3 (runs the API checks)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/aiperf-alerting.XXXXXX")
GRAFANA_PID= GRAFANA_RUN=
cleanup() {
  if [ -n "$GRAFANA_PID" ]; then
    kill "$GRAFANA_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$GRAFANA_PID" 2>/dev/null || break; sleep 0.2; done
  fi
  rm -rf "$work" ${GRAFANA_RUN:+"$GRAFANA_RUN"}
}
trap cleanup EXIT

mkdir -p "$work/plugins"
cp -r dist "$work/plugins/aiperf-monitor-app"
cp -r provisioning "$work/provisioning"
# Paths into the temporary tree. Rule groups are evaluated every 10 s (the
# server's minimum) and pending periods are 0 s, so a condition that holds
# fires within one evaluation instead of after minutes; the conditions,
# queries, labels and routes are the shipped ones.
sed -i "s|/etc/grafana/provisioning|$work/provisioning|g" "$work/provisioning/dashboards/dashboards.yaml"
sed -i -E -e 's/^(    interval: ).*/\110s/' -e 's/^(        for: ).*/\10s/' "$work/provisioning/alerting/rules.yaml"

set +e
env_line=$("$server" "$work/plugins" "$work/provisioning" "${AIPERF_ALERTING_PORT:-3413}")
rc=$?
set -e
if [ "$rc" -ne 0 ]; then
  [ "$rc" -eq 77 ] && echo "skipped: the real Grafana server cannot run on this machine" >&2
  exit "$rc"
fi
eval "$env_line"
echo "Grafana at $GRAFANA_URL (log: $GRAFANA_LOG)"
status=0
python3 tests/alerting/check.py "$GRAFANA_URL" "$work/provisioning" || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- Grafana log (alerting and plugin errors) ---"
  grep -iE 'level=(error|warn)' "$GRAFANA_LOG" | grep -iE 'alert|plugin|aiperf|provision' | tail -n 30 || true
fi
exit "$status"
