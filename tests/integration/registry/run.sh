#!/usr/bin/env bash
# The model registry's checks. First the compliance report's browser check
# (tests/browser/report.mjs: the demo's report in headless Chromium, its
# numbers against the frames). Then the integration test of the MLflow
# registry connector with a real MLflow: installs MLflow (PyPI, pinned in requirements.txt) into .venv here (reused
# on later runs), starts its tracking server with MLflow's basic-auth app
# and a SQLite backend on a free loopback port, seeds the demo fleet's
# models through MLflow's own client (provisioning/mlflow/seed.py), then runs the Go tests that
# ask the data source about them, and checks that the canary secret the
# tests use appears nowhere in their output or logs. Ends with
# "N passed, N failed" over both; exits 77, saying why, when MLflow cannot
# be installed (after the browser check has passed).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
venv="$here/.venv"

skip() { echo "skipped: $*" >&2; exit 77; }

install_mlflow() {
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv" || return 1
  local stamp="$venv/.requirements"
  if ! cmp -s "$here/requirements.txt" "$stamp"; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt" || return 1
    cp "$here/requirements.txt" "$stamp"
  fi
}

command -v go >/dev/null || skip "Go is not installed"

# 1. The compliance report in a browser.
report_passed=0
report_failed=0
if "$root/scripts/install-chromium.sh" && command -v node >/dev/null; then
  (cd "$root" && node tests/browser/report.mjs) | tee "${TMPDIR:-/tmp}/aiperf-report-check.log" || true
  read -r report_passed report_failed < <(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "${TMPDIR:-/tmp}/aiperf-report-check.log" | tail -1)
  report_passed=${report_passed:-0}
  report_failed=${report_failed:-1}
else
  echo "compliance report browser check: skipped (Chromium or Node.js could not be installed)"
fi

# 2. MLflow.
command -v python3 >/dev/null || { [ "$report_failed" -eq 0 ] || exit 1; skip "python3 is not installed"; }
install_mlflow || { [ "$report_failed" -eq 0 ] || exit 1; skip "MLflow could not be installed from PyPI into $venv"; }

run=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$run"
}
trap cleanup EXIT

port=$("$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
admin_password="it-admin-$RANDOM$RANDOM"
canary="canary-$RANDOM$RANDOM-must-not-appear"
cat >"$run/auth.ini" <<INI
[mlflow]
default_permission = READ
database_uri = sqlite:///$run/auth.db
admin_username = admin
admin_password = $admin_password
authorization_function = mlflow.server.auth:authenticate_request_basic_auth
INI

MLFLOW_AUTH_CONFIG_PATH="$run/auth.ini" MLFLOW_FLASK_SERVER_SECRET_KEY="it-$RANDOM$RANDOM" \
  "$venv/bin/mlflow" server --app-name basic-auth --backend-store-uri "sqlite:///$run/mlflow.db" \
  --default-artifact-root "$run/artifacts" --host 127.0.0.1 --port "$port" --workers 1 >"$run/mlflow.log" 2>&1 &
server=$!
url="http://127.0.0.1:$port"
for _ in $(seq 1 240); do
  curl -fsS -o /dev/null "$url/health" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { tail -30 "$run/mlflow.log"; echo "MLflow exited before answering" >&2; exit 1; }
  sleep 0.5
done
curl -fsS -o /dev/null "$url/health" || { tail -30 "$run/mlflow.log"; echo "MLflow did not come up at $url within 120 s" >&2; exit 1; }

export MLFLOW_TRACKING_URI="$url" MLFLOW_TRACKING_USERNAME=admin MLFLOW_TRACKING_PASSWORD="$admin_password"
"$venv/bin/python" "$root/provisioning/mlflow/seed.py" seed 2>"$run/seed.log" || { cat "$run/seed.log"; exit 1; }

cd "$root"
status=0
AIPERF_IT_MLFLOW="$url" AIPERF_IT_MLFLOW_USER=admin AIPERF_IT_MLFLOW_PASSWORD="$admin_password" \
AIPERF_IT_CANARY="$canary" AIPERF_IT_SEED="$venv/bin/python $root/provisioning/mlflow/seed.py" \
  go test -count=1 -v ./tests/integration/registry/ >"$run/test.log" 2>&1 || status=$?
cat "$run/test.log"
go_passed=$(grep -c '^--- PASS' "$run/test.log" || true)
go_failed=$(grep -c '^--- FAIL' "$run/test.log" || true)
if [ "$status" -ne 0 ] && [ "$go_failed" -eq 0 ]; then go_failed=1; fi
if grep -q "$canary" "$run/test.log"; then
  echo "FAIL: the canary secret appears in the test output or the data source's logs" >&2
  go_failed=$((go_failed + 1))
else
  echo "canary secret: absent from every response, error and log line above"
fi
echo "$((report_passed + go_passed)) passed, $((report_failed + go_failed)) failed"
[ $((report_failed + go_failed)) -eq 0 ]
