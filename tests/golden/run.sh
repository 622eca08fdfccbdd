#!/usr/bin/env bash
# Regenerates the golden fixtures in tests/golden/fixtures/ from the reference
# libraries pinned in requirements.txt, inside a virtualenv this script makes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
mkdir -p "$here/fixtures"
# Evidently iterates Python sets of category names; a fixed hash seed fixes
# their order, so sums (and the fixtures) come out the same bit for bit.
export PYTHONHASHSEED=0
for gen in "$here"/gen_*.py; do
  echo "golden: $(basename "$gen")"
  "$venv/bin/python" "$gen" "$here/fixtures"
done
