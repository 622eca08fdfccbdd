#!/usr/bin/env bash
# Grafana's levitate: does every plugin entry point use only APIs that exist in the
# @grafana/* packages of the oldest Grafana we declare (grafanaDependency in
# src/plugin.json)? Needs the npm registry; ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
levitate_version=0.17.2
floor=$(node -p "require('./src/plugin.json').dependencies.grafanaDependency.replace(/^>=\s*/, '')")
targets="@grafana/data@$floor,@grafana/ui@$floor,@grafana/runtime@$floor"
passed=0
failed=0
for entry in src/module.tsx src/datasource/module.ts src/panels/drift/module.ts src/panels/fairness/module.ts; do
  echo "== $entry against Grafana $floor"
  if npx --yes "@grafana/levitate@$levitate_version" is-compatible --path "./$entry" --target "$targets"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
