# The real Grafana the end-to-end steps run against: ../shared/grafana-server
# beside the repository (see its README.md), started with the built plugin and
# the repository's provisioning. Sourced by scripts/test.sh, not executed.

# shared_dir: the project's shared/ folder beside the repository, or beside the
# main checkout when this is a git worktree. Prints nothing where there is none.
shared_dir() {
  local candidates=("../shared")
  local common
  common=$(git rev-parse --path-format=absolute --git-common-dir 2>/dev/null) && candidates+=("$(dirname "$common")/../shared")
  local dir
  for dir in "${candidates[@]}"; do
    [ -d "$dir" ] && { (cd "$dir" && pwd); return 0; }
  done
  return 0
}

# free_port: a free TCP port on loopback.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_grafana [PREPARE]: lays out a plugins dir (aiperf-monitor-app/ = dist/) and a copy of
# provisioning/ whose paths point into it, then starts Grafana on a
# free loopback port. PREPARE, when given, is a function run on the provisioning
# copy before the server starts. Sets GRAFANA_URL and GRAFANA_PID. Returns 77
# (skipped) where the server is not there or cannot run on this machine.
start_grafana() {
  local shared
  shared=$(shared_dir)
  if [ -z "$shared" ] || [ ! -x "$shared/grafana-server/start.sh" ]; then
    echo "no ../shared/grafana-server beside the repository: the Grafana steps are skipped"
    return 77
  fi
  [ -f dist/plugin.json ] && ls dist/datasource/gpx_aiperf_monitor_linux_amd64 >/dev/null 2>&1 || {
    echo "dist/ lacks the plugin or its linux/amd64 backend: the build steps must pass first" >&2
    return 1
  }
  GRAFANA_LAYOUT=$(mktemp -d "${TMPDIR:-/tmp}/aiperf-grafana.XXXXXX")
  mkdir -p "$GRAFANA_LAYOUT/plugins"
  cp -r dist "$GRAFANA_LAYOUT/plugins/aiperf-monitor-app"
  cp -r provisioning "$GRAFANA_LAYOUT/provisioning"
  seed_focus_export "$GRAFANA_LAYOUT" || return 1
  # Data sources that read docker-compose's services (marked so on their first
  # line) cannot be healthy without them: leave them out of this layout.
  grep -rlx '# needs docker compose:.*' "$GRAFANA_LAYOUT/provisioning/datasources" | xargs -r rm -f
  # Provisioning names the Docker image's paths; point them into this layout.
  grep -rlE '/etc/grafana/provisioning|/var/lib/grafana/plugins' "$GRAFANA_LAYOUT/provisioning" | while read -r file; do
    sed -i -e "s#/etc/grafana/provisioning#$GRAFANA_LAYOUT/provisioning#g" \
      -e "s#/var/lib/grafana/plugins#$GRAFANA_LAYOUT/plugins#g" "$file"
  done
  [ -z "${1:-}" ] || "$1" "$GRAFANA_LAYOUT/provisioning" || return 1
  local out rc
  out=$("$shared/grafana-server/start.sh" "$GRAFANA_LAYOUT/plugins" "$GRAFANA_LAYOUT/provisioning" "$(free_port)")
  rc=$?
  [ "$rc" -eq 0 ] || return "$rc"
  eval "$out"
  export GRAFANA_URL GRAFANA_PID GRAFANA_RUN GRAFANA_LOG
  echo "Grafana $GRAFANA_URL (pid $GRAFANA_PID, log $GRAFANA_LOG)"
}

# seed_focus_export LAYOUT: the FOCUS import instance reads the export
# docker-compose's focus-seed service writes; write it here with the same
# seeder and command line, and point the instance at it.
seed_focus_export() {
  local file=$1/provisioning/datasources/billing.yaml
  [ -f "$file" ] || return 0
  go run ./cmd/aiperf-seed --target focus --out "$1/focus/demo-fleet.csv" --days 90 || return 1
  sed -i -e "s#/var/lib/aiperf/focus#$1/focus#g" -e '/^# needs docker compose:/d' "$file"
}

# stop_grafana: stops the Grafana start_grafana started, if any, waits for it
# to exit and removes its data and logs with the layout.
stop_grafana() {
  if [ -n "${GRAFANA_PID:-}" ]; then
    kill "$GRAFANA_PID" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$GRAFANA_PID" 2>/dev/null || break; sleep 0.2; done
    GRAFANA_PID=
  fi
  [ -n "${GRAFANA_RUN:-}" ] && rm -rf "$GRAFANA_RUN"
  [ -n "${GRAFANA_LAYOUT:-}" ] && rm -rf "$GRAFANA_LAYOUT"
  GRAFANA_RUN= GRAFANA_LAYOUT=
  return 0
}

# need_grafana: 77 (skipped) unless start_grafana has a Grafana running.
need_grafana() {
  [ -n "${GRAFANA_URL:-}" ] || { echo "no Grafana was started: skipped"; return 77; }
}
