#!/usr/bin/env bash
# React 19 readiness (Grafana 13 runs plugins on React 19): Grafana's
# @grafana/react-detect scans the built dist/ and the sources for APIs React 19
# removed. It comes from the npm registry; where the registry does not serve it,
# scripts/react19-scan.mjs scans for the same removed APIs instead. Ends with
# "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
[ -f dist/module.js ] || { echo "dist/ is not built: run npm run build first" >&2; exit 1; }
if ! version=$(npm view @grafana/react-detect version 2>/dev/null) || [ -z "$version" ]; then
  echo "the npm registry reachable here does not serve @grafana/react-detect: scanning for the removed APIs ourselves"
  exec node scripts/react19-scan.mjs
fi
if npx --yes "@grafana/react-detect@$version"; then
  echo "1 passed, 0 failed"
else
  echo "0 passed, 1 failed"
  exit 1
fi
