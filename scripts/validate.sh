#!/usr/bin/env bash
# Runs Grafana's official plugin validator (plugincheck2) on the packaged zip.
# The validator is a Go module; it is installed into .tools/ on first use.
# Exit 77 means "skipped": the validator could not be installed here.
set -uo pipefail
cd "$(dirname "$0")/.."
validator_version=v0.45.6
zip=$(ls artifacts/*.zip 2>/dev/null | head -n 1)
[ -n "$zip" ] || { echo "no zip in artifacts/: run scripts/package.sh first" >&2; exit 1; }
export GOBIN="$PWD/.tools/bin"
if [ ! -x "$GOBIN/plugincheck2" ]; then
  if ! log=$(go install "github.com/grafana/plugin-validator/pkg/cmd/plugincheck2@$validator_version" 2>&1); then
    echo "plugincheck2 $validator_version could not be installed from the Go module proxy:" >&2
    echo "$log" | tail -n 3 >&2
    echo "validation skipped; scripts/check-package.mjs still checks the archive layout." >&2
    exit 77
  fi
fi
"$GOBIN/plugincheck2" -sourceCodeUri "file://$PWD" "$zip"
