#!/usr/bin/env bash
# Writes the FOCUS fixture as Parquet with pyarrow (an independent writer)
# in a virtualenv this script makes, then runs the Go test that reads the
# files back and compares them with the CSV, exactly. Exit 77 when pyarrow
# cannot be installed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ] && ! python3 -m venv "$venv"; then
  echo "skipped: python3 -m venv failed (install python3-venv)"
  exit 77
fi
if ! "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"; then
  echo "skipped: pyarrow could not be installed from PyPI"
  exit 77
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$venv/bin/python" "$here/write_focus_parquet.py" "$root/pkg/sources/billing/focus/testdata/charges.csv" "$out" || exit 1
cd "$root" && FOCUS_PYARROW_DIR="$out" go test -count=1 -run 'TestParquetWrittenByPyarrow' -v ./pkg/sources/billing/focus/
