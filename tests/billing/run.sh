#!/usr/bin/env bash
# Billing checks beyond go test ./pkg/...: the seeder's FOCUS export read
# back as the demo's bill, then Parquet written by pyarrow read back exactly
# (skipped, exit 77, when pyarrow cannot be installed).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" && go test -count=1 ./cmd/aiperf-seed/ || exit 1
exec "$root/tests/billing/pyarrow-focus.sh"
