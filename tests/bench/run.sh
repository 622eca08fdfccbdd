#!/usr/bin/env bash
# Peer benchmark, run by hand: the same drift (every feature, each tool's
# default test) + binary quality report computed by Evidently and by our
# engine on generated Parquet files (read with pyarrow/pandas and with
# Arrow's Go reader), timed end to end. compare.py prints rows/second for
# both, the ratio and peak memory, and fails when the results disagree or
# the ratio misses its target. Two cases: ROWS × 20 features (the engine
# runs a second time on twice the rows to show its memory stays flat) and
# WIDE_ROWS × 1,000 features.
#
# Each case's two JSON results are kept beside its data (evidently.json,
# engine.json), so compare.py can be rerun on them.
#
# Usage: tests/bench/run.sh [ROWS] [WIDE_ROWS]   (defaults 1000000 and 100000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
rows=${1:-1000000}
wide_rows=${2:-100000}
venv="$here/.venv"
data="$here/data"

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"

generate() { # ROWS FEATURES → data dir holding schema.json, reference.parquet, current.parquet
  local dir="$data/$1x$2"
  if [ ! -s "$dir/current.parquet" ]; then
    echo "bench: generating $1 rows × $2 features into $dir" >&2
    "$venv/bin/python" "$here/gen_data.py" "$dir" "$1" "$2"
  fi
  echo "$dir"
}

bin="$data/enginebench"
mkdir -p "$data"
(cd "$root" && go build -o "$bin" ./tests/bench/enginebench)

status=0
narrow=$(generate "$rows" 20)
double=$(generate "$((rows * 2))" 20)
echo "bench: evidently and engine on $rows rows × 20 features" >&2
evidently=$(cd "$here" && "$venv/bin/python" run_evidently.py "$narrow" | tee "$narrow/evidently.json")
engine=$("$bin" "$narrow" | tee "$narrow/engine.json")
engine2x=$("$bin" "$double")
"$venv/bin/python" "$here/compare.py" "$rows rows × 20 features" "$evidently" "$engine" "$engine2x" || status=1

wide=$(generate "$wide_rows" 1000)
echo "bench: evidently and engine on $wide_rows rows × 1000 features" >&2
evidently=$(cd "$here" && "$venv/bin/python" run_evidently.py "$wide" | tee "$wide/evidently.json")
engine=$("$bin" "$wide" | tee "$wide/engine.json")
"$venv/bin/python" "$here/compare.py" "$wide_rows rows × 1000 features" "$evidently" "$engine" || status=1
exit $status
