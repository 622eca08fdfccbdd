#!/usr/bin/env bash
# The project's one test command: installs what the tests need, then runs
# typecheck, lint, jest, go vet, go test -race, the golden-fixture check, the
# builds, packaging, validation, the panel browser check, the API and browser
# checks against a real Grafana, and the compatibility checks. Ends with
# "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
source scripts/grafana.sh
trap stop_grafana EXIT

mage_version=v1.17.2

install_node_packages() { need node "Node.js 22+" && need npm "npm" && npm ci --no-audit --no-fund; }
install_go_modules() { need go "Go 1.26+" && go mod download; }
go_vet() { go vet ./pkg/...; }
# A generous timeout: on a loaded 2-core machine pkg/monitor under -race takes minutes.
go_test() { go test -race -short -count=1 -timeout 30m ./pkg/... ./cmd/...; }
# The long-range tests simulate a year of the demo fleet: run without the race
# detector, which would make them ten times slower.
go_test_long() { go test -count=1 -run 'LastYear' ./pkg/...; }
golden_fixtures_reproduce() {
  tests/golden/run.sh && git diff --exit-code --stat -- tests/golden/fixtures
}
frontend_build() { npm run build; }
backend_build() { go run "github.com/magefile/mage@$mage_version" -v; }
package_zip() { scripts/package.sh; }
check_package() { node scripts/check-package.mjs; }
panels_in_browser() { scripts/install-chromium.sh && node tests/browser/panels.mjs; }
grafana_api() { need_grafana && node tests/api/grafana-api.mjs; }
grafana_browser() { need_grafana && scripts/install-chromium.sh && CHROMIUM_PATH=/usr/bin/chromium node tests/run-e2e.mjs; }

step "install node packages" install_node_packages
step "install go modules" install_go_modules
step "typecheck" npm run typecheck
step "lint" npm run lint
step "jest" npm run test:ci
step "go vet" go_vet
step "go test -race" go_test
step "go test (long ranges)" go_test_long
step "golden fixtures reproduce" golden_fixtures_reproduce
step "billing: FOCUS seeder and Parquet from pyarrow" tests/billing/run.sh
step "frontend build" frontend_build
step "backend build (5 platforms)" backend_build
step "package" package_zip
step "package layout" check_package
step "plugincheck2" scripts/validate.sh
step "panels in headless chromium" panels_in_browser
step "grafana: start with the built plugin" start_grafana
step "grafana: plugins load, every query answers" grafana_api
step "grafana: pages and data source in chromium" grafana_browser
step "levitate: compatible with the oldest Grafana declared" scripts/levitate.sh
step "react 19 readiness" scripts/react19.sh
step "grafana alerting in a real grafana" tests/alerting/run.sh
step "model registry (real MLflow) and compliance report (headless chromium)" tests/integration/registry/run.sh
step "inference stores: real PostgreSQL and ClickHouse" tests/integration/store/run.sh
step "serving: Prometheus + MLServer integration" tests/integration/serving/run.sh

summary
