#!/usr/bin/env bash
# The inference-log stores against real servers: starts PostgreSQL
# (postgres.sh) and ClickHouse (clickhouse.sh), each installed from the
# distribution's packages into .tools/ unless already on the machine, on
# free loopback ports, then runs the store tests with their DSNs set. The
# tests seed their own tables from the demo fleet's simulator and compare
# every quality, drift, fairness, data-quality and label-free frame with the
# in-memory computation, and check the per-query errors, cancellation and
# injection. The ClickHouse tests then run again on current ClickHouse
# (chdb, clickhouse.sh). Exits 77, saying why, when neither server can be
# installed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)

command -v go >/dev/null || { echo "skipped: Go is not installed" >&2; exit 77; }

run=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    # A server that outlives a few seconds is stopped hard.
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  rm -rf "$run"
}
trap cleanup EXIT

started=()
missing=()
# start NAME FUNCTION: starts one server; a server that cannot be installed
# (77) leaves its tests skipped, any other failure fails the step.
start() {
  local name=$1 rc=0
  "$2" "$run" || rc=$?
  case $rc in
    0) started+=("$name") ;;
    77) missing+=("$name") ;;
    *) echo "$name did not start" >&2; exit 1 ;;
  esac
}

source "$here/postgres.sh"
start PostgreSQL start_postgres
if [ -f "$here/clickhouse.sh" ]; then
  source "$here/clickhouse.sh"
  start ClickHouse start_clickhouse
else
  echo "ClickHouse: tests/integration/store/clickhouse.sh is missing" >&2
  missing+=(ClickHouse)
fi
if [ "${#started[@]}" -eq 0 ]; then
  echo "skipped: neither PostgreSQL nor ClickHouse could be installed or started (see above)" >&2
  exit 77
fi
[ "${#missing[@]}" -eq 0 ] || echo "the tests of ${missing[*]} skip: no server (see above)"

# summarize LOG RC: the outcome of every top-level test of a go test -v
# log, the output of failures, and go test's own closing lines.
summarize() {
  # A skip's reason is logged just before or just after its line.
  awk '/^--- (PASS|FAIL)/ { print }
    /^--- SKIP/ { print; if (prev ~ /^    /) print prev; if ((getline) > 0 && /^    /) print; else if (/^--- (PASS|FAIL)/) print }
    { prev = $0 }' "$1"
  if [ "$2" -ne 0 ]; then
    grep -vE '^(=== (RUN|PAUSE|CONT)|--- PASS|    --- PASS)' "$1" | grep -vE '^(ok|\?) ' | tail -150
  fi
  grep -E '^(ok|FAIL|\?) ' "$1" || true
}

cd "$root"
log="$run/go-test.log"
go test -count=1 -timeout 15m -v \
  -run '^Test(Postgres|ClickHouse|SummariesEqualTheEngines|ComplianceCountsMatchTheSeededRows)' \
  ./pkg/sources/inference/... ./pkg/plugin/ >"$log" 2>&1
rc=$?
summarize "$log" "$rc"

# The ClickHouse tests again on current ClickHouse (chdb, in process), when
# clickhouse.sh offers it: the connector's SQL must run on both.
if declare -F chdb_check >/dev/null; then
  echo
  echo "the ClickHouse tests on current ClickHouse (chdb):"
  chdb_rc=0
  chdb_check "$run" >"$run/chdb-test.log" 2>&1 || chdb_rc=$?
  if [ "$chdb_rc" -eq 77 ]; then
    tail -n 5 "$run/chdb-test.log"
    echo "skipped: chdb could not be installed or started (see above)"
  else
    summarize "$run/chdb-test.log" "$chdb_rc"
    [ "$chdb_rc" -eq 0 ] || rc=1
  fi
fi
exit "$rc"
