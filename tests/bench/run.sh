#!/usr/bin/env bash
# Peer benchmark: the same drift (20 features) + binary quality report computed
# by Evidently and by our engine on a generated dataset, timed end to end
# (reading the CSV files included for both). Prints rows/second for both, the
# ratio, and peak memory; our engine runs a second time on twice the rows to
# show that its peak memory does not grow with rows.
#
# Usage: tests/bench/run.sh [ROWS]   (default 1000000: 500k reference + 500k current)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
rows=${1:-1000000}
venv="$here/.venv"
data="$here/data"

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"

generate() { # ROWS → data dir holding reference.csv and current.csv
  local dir="$data/$1"
  if [ ! -s "$dir/current.csv" ]; then
    echo "bench: generating $1 rows into $dir" >&2
    "$venv/bin/python" "$here/gen_data.py" "$dir" "$1"
  fi
  echo "$dir"
}

bin="$data/enginebench"
mkdir -p "$data"
(cd "$root" && go build -o "$bin" ./tests/bench/enginebench)

small=$(generate "$rows")
large=$(generate "$((rows * 2))")

echo "bench: evidently on $rows rows" >&2
evidently=$(cd "$here" && "$venv/bin/python" run_evidently.py "$small")
echo "bench: engine on $rows and $((rows * 2)) rows" >&2
engine=$("$bin" "$small")
engine2x=$("$bin" "$large")

"$venv/bin/python" "$here/compare.py" "$evidently" "$engine" "$engine2x"
