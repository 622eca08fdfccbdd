#!/usr/bin/env bash
# Integration test of the MLflow registry connector with a real MLflow:
# installs MLflow (PyPI, pinned in requirements.txt) into .venv here (reused
# on later runs), starts its tracking server with MLflow's basic-auth app
# and a SQLite backend on a free loopback port, seeds the demo fleet's
# models through MLflow's own client (seed.py), then runs the Go tests that
# ask the data source about them, and checks that the canary secret the
# tests use appears nowhere in their output or logs. Exits 77, saying why,
# when MLflow cannot be installed.
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

command -v python3 >/dev/null || skip "python3 is not installed"
command -v go >/dev/null || skip "Go is not installed"
install_mlflow || skip "MLflow could not be installed from PyPI into $venv"

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
"$venv/bin/python" "$here/seed.py" seed 2>"$run/seed.log" || { cat "$run/seed.log"; exit 1; }

cd "$root"
status=0
AIPERF_IT_MLFLOW="$url" AIPERF_IT_MLFLOW_USER=admin AIPERF_IT_MLFLOW_PASSWORD="$admin_password" \
AIPERF_IT_CANARY="$canary" AIPERF_IT_SEED="$venv/bin/python $here/seed.py" \
  go test -count=1 -v ./tests/integration/registry/ >"$run/test.log" 2>&1 || status=$?
cat "$run/test.log"
if grep -q "$canary" "$run/test.log"; then
  echo "FAIL: the canary secret appears in the test output or the data source's logs" >&2
  exit 1
fi
echo "canary secret: absent from every response, error and log line above"
exit "$status"
