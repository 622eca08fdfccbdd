#!/usr/bin/env bash
# Runs Grafana's plugin validator (plugincheck2, offline build) on the packaged zip,
# with the source tree for the source-based checks. The validator lives beside the
# repository in ../shared/plugin-validator/ (see its README.md); where that folder is
# absent, or the validator cannot run on this machine, the step is skipped (exit 77).
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/grafana.sh # shared_dir
zip=$(ls artifacts/*.zip 2>/dev/null | head -n 1)
[ -n "$zip" ] || { echo "no zip in artifacts/: run scripts/package.sh first" >&2; exit 1; }
shared=$(shared_dir)
if [ -z "$shared" ] || [ ! -x "$shared/plugin-validator/run.sh" ]; then
  echo "no ../shared/plugin-validator beside the repository: validation skipped"
  exit 77
fi
"$shared/plugin-validator/run.sh" "$zip" .
