#!/usr/bin/env bash
# Store benchmark (run by hand, not by the test command: it takes a while).
# Starts PostgreSQL and ClickHouse as the store tests do
# (tests/integration/store/), seeds each with the wide table of
# aiperf-seed (the demo's risk-assessment model with 20 numeric features),
# about 1,000,000 and 10,000,000 rows over 37 days, and times on each table
# (tests/bench/store/main.go):
#   plain  SUM of every feature column per day over the 30-day range,
#   cold   a 30-day drift + quality + fairness + data-quality request through
#          the data source on a fresh instance (baseline profiled, every
#          window summarized in the store),
#   warm   the same request again (a dashboard reload).
# Targets: cold ≤ 3× plain on each store, warm ≤ 10% of cold, and the
# plugin's peak RSS flat from 1M to 10M rows. Exits non-zero when a target
# is missed.
#
#   tests/bench/store.sh [ROWS]      (default 10000000)
#   STORES=clickhouse tests/bench/store.sh    (one store only)
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
rows=${1:-10000000}
days=37

run=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  rm -rf "$run"
}
trap cleanup EXIT

source tests/integration/store/postgres.sh
source tests/integration/store/clickhouse.sh
stores=()
# A bigger buffer cache than the default's 128 MB, as any server holding
# tables of this size would have.
wanted=" ${STORES:-postgres clickhouse} "
[[ $wanted == *" postgres "* ]] && POSTGRES_SETTINGS="-c shared_buffers=1GB -c work_mem=64MB" start_postgres "$run" && stores+=(postgres)
[[ $wanted == *" clickhouse "* ]] && start_clickhouse "$run" && stores+=(clickhouse)
[ "${#stores[@]}" -gt 0 ] || { echo "skipped: neither PostgreSQL nor ClickHouse could be installed" >&2; exit 77; }

go build -o "$run/aiperf-seed" ./cmd/aiperf-seed && go build -o "$run/bench" ./tests/bench/store || exit 1

dsn() { if [ "$1" = postgres ]; then echo "$AIPERF_TEST_POSTGRES"; else echo "$AIPERF_TEST_CLICKHOUSE"; fi; }

# seed STORE TABLE ROWS_PER_DAY: prints the rows written.
seed() {
  local start=$SECONDS out
  out=$("$run/aiperf-seed" --target "$1-wide" --dsn "$(dsn "$1")" --table "$2" --days "$days" --rows-per-day "$3") || return 1
  echo "$out (${3} rows per weekday, $((SECONDS - start)) s)" >&2
  echo "$out" | sed -n 's/^aiperf-seed: wrote \([0-9]*\) rows.*/\1/p'
}

# settle STORE TABLE: waits (up to 3 minutes) until ClickHouse has merged
# the parts the seeding wrote, so that no background merge shares the CPU
# with the timings.
settle() {
  [ "$1" = clickhouse ] || return 0
  local i n
  for i in $(seq 1 180); do
    n=$(curl -fsS --data-binary "SELECT count() FROM system.merges WHERE table = '$2'" "$(dsn "$1")") || return 0
    [ "$n" = 0 ] && return 0
    sleep 1
  done
  echo "$1: $2 still merging after 3 minutes" >&2
}

results="$run/results"
: >"$results"
: >"$results.rows"
failed=()
for store in "${stores[@]}"; do
  echo
  echo "== $store"
  # The simulator's weekday mean: weekends are quieter, so the small table
  # calibrates the rows per day that give ROWS rows.
  small_per_day=$((rows / 10 / days))
  small=$(seed "$store" bench_small "$small_per_day") || { failed+=("$store: seeding"); continue; }
  big_per_day=$((small_per_day * rows / small))
  big=$(seed "$store" bench_big "$big_per_day") || { failed+=("$store: seeding"); continue; }
  echo "$store rows: bench_small $small, bench_big $big" >>"$results.rows"
  for table in bench_small bench_big; do
    settle "$store" "$table"
    "$run/bench" -store "$store" -dsn "$(dsn "$store")" -table "$table" >"$run/out" 2>&1
    rc=$?
    grep -v '^RESULT' "$run/out"
    grep '^RESULT' "$run/out" >>"$results"
    [ "$rc" -eq 0 ] || failed+=("$store: $table")
  done
done

echo
echo "== summary"
cat "$results.rows"
# RESULT store table plain cold warm rss_mb
awk '
  /^RESULT/ {
    store = $2; t = $3; plain = $4; cold = $5; warm = $6; rss[store, t] = $7
    if (t == "bench_big") {
      r = cold / plain
      if (warm == "-") {
        printf "%-10s cold FAILED after %.2f s (plain scan %.2f s)  MISSED\n", store, cold, plain
        missed = 1
      } else {
        w = 100 * warm / cold
        ok = (r <= 3 && w <= 10)
        printf "%-10s cold %.2f s / plain %.2f s = %.2f× (target ≤ 3×)  warm %.3f s = %.1f%% of cold (target ≤ 10%%)  %s\n", store, cold, plain, r, warm, w, ok ? "ok" : "MISSED"
        if (!ok) missed = 1
      }
    }
    stores[store] = 1
  }
  END {
    for (s in stores) {
      printf "%-10s peak RSS of the plugin: %s MB at the small table, %s MB at the big one\n", s, rss[s, "bench_small"], rss[s, "bench_big"]
      if (rss[s, "bench_big"] > 1.5 * rss[s, "bench_small"] + 20) missed = 1
    }
    exit missed
  }' "$results"
met=$?
[ "${#failed[@]}" -eq 0 ] || { printf 'failed: %s\n' "${failed[@]}"; exit 1; }
exit "$met"
