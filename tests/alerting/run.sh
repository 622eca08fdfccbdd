#!/usr/bin/env bash
# Grafana Alerting in a real Grafana: starts ../shared/grafana-server with the
# built plugin (dist/) and a copy of provisioning/ (scripts/grafana.sh), then
# asserts through Grafana's HTTP API that the plugin loads, every query type
# answers, every provisioned rule, policy, contact point, template and mute
# timing is loaded, every rule evaluates with health ok and the demo's
# expected alerts fire, route and silence as documented
# (tests/alerting/check.py). Ends with "N passed, N failed"; exits 77 where
# the server is absent or cannot run.
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/grafana.sh

command -v python3 >/dev/null || { echo "missing tool: python3 (runs the API checks)" >&2; exit 1; }

# This Grafana is ours alone, not one the test command may have started.
GRAFANA_URL= GRAFANA_PID= GRAFANA_RUN= GRAFANA_LAYOUT=
trap stop_grafana EXIT

# Rule groups are evaluated every 10 s (the server's minimum) and pending
# periods are 0 s, so a condition that holds fires within one evaluation
# instead of after minutes; conditions, queries, labels and routes are the
# shipped ones.
fast_rules() {
  sed -i -E -e 's/^(    interval: ).*/\110s/' -e 's/^(        for: ).*/\10s/' "$1/alerting/rules.yaml"
}

start_grafana fast_rules
rc=$?
if [ "$rc" -ne 0 ]; then
  exit "$rc"
fi
status=0
python3 tests/alerting/check.py "$GRAFANA_URL" "$GRAFANA_LAYOUT/provisioning" || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- Grafana log (alerting and plugin errors) ---"
  grep -iE 'level=(error|warn)' "$GRAFANA_LOG" | grep -iE 'alert|plugin|aiperf|provision' | tail -n 30 || true
fi
exit "$status"
