#!/usr/bin/env bash
# Integration test of the serving connectors with real components: installs
# Prometheus (Debian package, unpacked into .tools/, unless one is on PATH)
# and Seldon MLServer (PyPI, pinned, into .venv here), trains and serves a
# small scikit-learn model, drives a bounded burst of real requests at it
# (some failing), lets Prometheus scrape it, then runs the Go test that asks
# the data source (plugin.Datasource QueryData and CheckHealth) about it.
# Exits 77, saying why, when a component cannot be installed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
tools="$root/.tools"
venv="$here/.venv"

skip() { echo "skipped: $*" >&2; exit 77; }

install_prometheus() {
  if command -v prometheus >/dev/null 2>&1; then command -v prometheus; return; fi
  local bin="$tools/prometheus/usr/bin/prometheus"
  if [ ! -x "$bin" ]; then
    command -v apt-get >/dev/null || return 1
    local tmp
    tmp=$(mktemp -d)
    (cd "$tmp" && apt-get download prometheus >/dev/null 2>&1) || { rm -rf "$tmp"; return 1; }
    mkdir -p "$tools/prometheus"
    dpkg -x "$tmp"/prometheus_*.deb "$tools/prometheus"
    rm -rf "$tmp"
  fi
  echo "$bin"
}

install_mlserver() {
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv" || return 1
  local stamp="$venv/.requirements"
  if ! cmp -s "$here/requirements.txt" "$stamp"; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt" || return 1
    cp "$here/requirements.txt" "$stamp"
  fi
}

prom=$(install_prometheus) || skip "Prometheus could not be installed (no prometheus on PATH and apt-get download prometheus failed)"
install_mlserver || skip "MLServer could not be installed from PyPI into $venv"
command -v go >/dev/null || skip "Go is not installed"

run=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$run"
}
trap cleanup EXIT

read -r http_port grpc_port metrics_port prom_port < <("$venv/bin/python" - <<'PY'
import socket
socks = [socket.socket() for _ in range(4)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])
PY
)

wait_for() { # URL SECONDS WHAT
  for _ in $(seq 1 $(($2 * 5))); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "$3 did not come up at $1 within $2 s" >&2
  return 1
}

# The model and its server.
"$venv/bin/python" "$here/train.py" "$run/models/iris"
cat >"$run/models/settings.json" <<JSON
{"host": "127.0.0.1", "http_port": $http_port, "grpc_port": $grpc_port, "metrics_port": $metrics_port,
 "parallel_workers": 0, "metrics_dir": "$run/mlserver-metrics", "debug": false}
JSON
mkdir -p "$run/mlserver-metrics"
(cd "$run/models" && exec "$venv/bin/mlserver" start . >"$run/mlserver.log" 2>&1) &
pids+=($!)
wait_for "http://127.0.0.1:$http_port/v2/models/iris/ready" 120 "MLServer" || { tail -30 "$run/mlserver.log"; exit 1; }

# Prometheus scraping it every second.
cat >"$run/prometheus.yml" <<YAML
global: {scrape_interval: 1s, evaluation_interval: 1s}
scrape_configs:
  - job_name: mlserver
    static_configs: [{targets: ['127.0.0.1:$metrics_port']}]
YAML
"$prom" --config.file="$run/prometheus.yml" --storage.tsdb.path="$run/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" --log.level=warn >"$run/prometheus.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$prom_port/-/ready" 60 "Prometheus" || { tail -30 "$run/prometheus.log"; exit 1; }

# scraped_requests: the model's request count in Prometheus's newest sample.
scraped_requests() {
  curl -fsS "http://127.0.0.1:$prom_port/api/v1/query" --data-urlencode \
    'query=sum(model_infer_request_success_total{model="iris"}) + sum(model_infer_request_failure_total{model="iris"})' |
    "$venv/bin/python" -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(int(float(r[0]["value"][1])) if r else -1)'
}
wait_scraped() { # COUNT: until Prometheus has scraped at least COUNT requests (a busy machine delays scrapes)
  for _ in $(seq 1 150); do
    [ "$(scraped_requests)" -ge "$1" ] && return 0
    sleep 0.2
  done
  echo "Prometheus did not scrape $1 requests within 30 s" >&2
  return 1
}

# One warm-up request creates the model's counters; scrapes record them
# before the burst, so the burst is what increase() sees.
infer="http://127.0.0.1:$http_port/v2/models/iris/infer"
curl -fsS -o /dev/null -H 'Content-Type: application/json' \
  -d '{"inputs":[{"name":"x","shape":[1,4],"datatype":"FP64","data":[5.1,3.5,1.4,0.2]}]}' "$infer"
wait_scraped 1
sleep 3
# The data source reads per-minute windows and increase() sees only the
# samples inside each: start the burst early in a minute so it, and a scrape
# on each side of it, fall in one.
while s=$((10#$(date +%S))); [ "$s" -lt 3 ] || [ "$s" -gt 35 ]; do sleep 1; done
burst_start=$(date +%s)
"$venv/bin/python" "$here/load.py" "$infer" 300 30 "$run/load.json"
wait_scraped 301
# Let the burst's minute close, so its window is sampled end to end and
# increase() extrapolates over at most one scrape interval in sixty.
sleep $((62 - 10#$(date +%S)))

cd "$root"
AIPERF_IT_PROMETHEUS="http://127.0.0.1:$prom_port" AIPERF_IT_MLSERVER="http://127.0.0.1:$http_port" \
AIPERF_IT_LOAD="$run/load.json" AIPERF_IT_BURST_START="$burst_start" \
  go test -count=1 -v ./tests/integration/serving/
