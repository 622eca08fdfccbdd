#!/usr/bin/env bash
# Packs dist/ into the zip layout Grafana's plugin catalog expects:
# <plugin-id>/ at the root of the archive, plus an .md5 checksum beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
id=$(node -p "require('./src/plugin.json').id")
version=$(node -p "require('./package.json').version")
[ -f dist/plugin.json ] || { echo "dist/plugin.json is missing: run 'npm run build' and mage first" >&2; exit 1; }
ls dist/datasource/gpx_aiperf_monitor_* >/dev/null 2>&1 || { echo "no backend binaries in dist/datasource: run mage first" >&2; exit 1; }
out=artifacts
rm -rf "$out" && mkdir -p "$out/stage"
cp -r dist "$out/stage/$id"
zip_name="$id-$version.zip"
(cd "$out/stage" && python3 -m zipfile -c "../$zip_name" "$id")
(cd "$out" && md5sum "$zip_name" > "$zip_name.md5")
rm -rf "$out/stage"
echo "$out/$zip_name"
