# ClickHouse for the store tests. Sourced by run.sh (bash), not executed.
#
# start_clickhouse RUN_DIR
#   Uses a clickhouse-server on PATH, or else the one Debian ships (18.16,
#   the oldest server the connector's SQL must run on), unpacked with
#   apt-get download + dpkg -x into .tools/clickhouse/ with the libraries it
#   needs that the system lacks, and reused on later runs. Starts it on free
#   loopback ports (HTTP, native TCP, interserver) with a random password
#   and a one-shard cluster aiperf_test on itself (for a Distributed table),
#   waits for it, appends its PID to the caller's `pids` array and exports
#   AIPERF_TEST_CLICKHOUSE=http://default:PASSWORD@127.0.0.1:PORT/default.
#   Returns 77, saying why on stderr, when the server cannot be installed
#   or started.
#
# start_chdb RUN_DIR
#   Serves current ClickHouse (chdb, PyPI, ClickHouse 25+ in-process; pinned
#   in requirements.txt, installed into .venv here and reused) behind the
#   HTTP interface (chdb_server.py) on a free loopback port, appends its PID
#   to `pids` and exports AIPERF_TEST_CHDB, a DSN like
#   AIPERF_TEST_CLICKHOUSE's. Returns 77, saying why, when chdb cannot be
#   installed or started.
#
# chdb_check RUN_DIR
#   Runs the ClickHouse tests against AIPERF_TEST_CHDB (calling start_chdb
#   RUN_DIR first when it is unset): the connector's own statements on
#   today's dialect, their summaries and frames compared with the in-memory
#   engine's. All but the cancellation test, which needs a server running
#   statements side by side (chdb runs one at a time). Returns go test's
#   status, or 77 when chdb cannot be installed.

_store_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
_store_root=$(cd "$_store_dir/../../.." && pwd)

# _ch_free_ports N: N distinct free loopback ports.
_ch_free_ports() {
  python3 - "$1" <<'PY'
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])
PY
}

# _ch_installed PKG: whether the system has PKG installed.
_ch_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# _ch_install DIR: unpacks clickhouse-server, clickhouse-common and every
# library package they need that the system lacks into DIR.
_ch_install() {
  local dir=$1 debs want next pkg dep round
  command -v apt-get >/dev/null && command -v dpkg >/dev/null || { echo "apt-get and dpkg are needed to install ClickHouse" >&2; return 1; }
  debs=$(mktemp -d)
  want="clickhouse-server clickhouse-common"
  for round in 1 2 3 4 5; do
    next=""
    for pkg in $want; do
      ls "$debs/${pkg}_"*.deb >/dev/null 2>&1 && continue
      (cd "$debs" && apt-get download "$pkg" >/dev/null 2>&1) || { echo "apt-get download $pkg failed" >&2; rm -rf "$debs"; return 1; }
      # Only shared libraries matter to a binary run from DIR.
      for dep in $(apt-cache depends "$pkg" 2>/dev/null | sed -n 's/^ *Depends: \([a-z0-9][a-z0-9.+-]*\).*/\1/p'); do
        case $dep in lib*) _ch_installed "$dep" || next="$next $dep" ;; esac
      done
    done
    [ -z "$next" ] && break
    want=$next
  done
  mkdir -p "$dir"
  for pkg in "$debs"/*.deb; do dpkg -x "$pkg" "$dir"; done
  rm -rf "$debs"
  [ -x "$dir/usr/sbin/clickhouse-server" ] || [ -x "$dir/usr/bin/clickhouse-server" ]
}

# _ch_server: prints the command that runs the server (LD_LIBRARY_PATH set
# for an unpacked one), installing it on first use.
_ch_server() {
  if command -v clickhouse-server >/dev/null 2>&1; then
    echo "clickhouse-server"
    return
  fi
  if command -v clickhouse >/dev/null 2>&1; then
    echo "clickhouse server"
    return
  fi
  local dir="$_store_root/.tools/clickhouse"
  if [ ! -x "$dir/usr/sbin/clickhouse-server" ]; then
    rm -rf "$dir"
    _ch_install "$dir" || { rm -rf "$dir"; return 1; }
  fi
  echo "env LD_LIBRARY_PATH=$dir/usr/lib/x86_64-linux-gnu:$dir/lib/x86_64-linux-gnu $dir/usr/sbin/clickhouse-server"
}

start_clickhouse() {
  local run=$1 server http tcp inter password dir
  server=$(_ch_server) || { echo "ClickHouse could not be installed: no clickhouse-server on PATH and the Debian packages could not be downloaded and unpacked" >&2; return 77; }
  read -r http tcp inter < <(_ch_free_ports 3) || { echo "no free loopback ports for ClickHouse" >&2; return 77; }
  password=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
  dir="$run/clickhouse"
  mkdir -p "$dir/data" "$dir/tmp" "$dir/user_files" "$dir/format_schemas" "$dir/log"
  # <yandex> is the root old servers require; current ones accept it too.
  cat >"$dir/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$dir/log/server.log</log><errorlog>$dir/log/error.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$http</http_port>
  <tcp_port>$tcp</tcp_port>
  <interserver_http_port>$inter</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <max_concurrent_queries>20</max_concurrent_queries>
  <path>$dir/data/</path>
  <tmp_path>$dir/tmp/</tmp_path>
  <user_files_path>$dir/user_files/</user_files_path>
  <format_schema_path>$dir/format_schemas/</format_schema_path>
  <users_config>$dir/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>268435456</mark_cache_size>
  <!-- One shard on this server: the tests read a Distributed table over a local one. -->
  <remote_servers><aiperf_test><shard><replica><host>127.0.0.1</host><port>$tcp</port><user>default</user><password>$password</password></replica></shard></aiperf_test></remote_servers>
</yandex>
XML
  cat >"$dir/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
  <users><default><password>$password</password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
  (cd "$dir" && exec $server --config-file="$dir/config.xml" >"$dir/log/stdout.log" 2>&1) &
  pids+=($!)
  local i
  for i in $(seq 1 300); do
    if [ "$(curl -fsS "http://127.0.0.1:$http/ping" 2>/dev/null)" = "Ok." ]; then
      export AIPERF_TEST_CLICKHOUSE="http://default:$password@127.0.0.1:$http/default"
      return 0
    fi
    kill -0 "${pids[${#pids[@]}-1]}" 2>/dev/null || break
    sleep 0.2
  done
  echo "ClickHouse did not start on 127.0.0.1:$http; its log:" >&2
  tail -n 20 "$dir/log/stdout.log" "$dir/log/error.log" >&2 2>/dev/null
  return 77
}

start_chdb() {
  local run=$1 venv="$_store_dir/.venv" port password i
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv" || { echo "python3 -m venv failed: chdb cannot be installed" >&2; return 77; }
  if ! cmp -s "$_store_dir/requirements.txt" "$venv/.requirements"; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$_store_dir/requirements.txt" >&2 ||
      { echo "chdb could not be installed from PyPI into $venv" >&2; return 77; }
    cp "$_store_dir/requirements.txt" "$venv/.requirements"
  fi
  read -r port < <(_ch_free_ports 1) || { echo "no free loopback port for chdb" >&2; return 77; }
  password=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
  mkdir -p "$run/chdb"
  "$venv/bin/python" "$_store_dir/chdb_server.py" "$port" "$password" "$run/chdb" >"$run/chdb.log" 2>&1 &
  pids+=($!)
  for i in $(seq 1 150); do
    if [ "$(curl -fsS "http://127.0.0.1:$port/ping" 2>/dev/null)" = "Ok." ]; then
      export AIPERF_TEST_CHDB="http://default:$password@127.0.0.1:$port/default"
      return 0
    fi
    kill -0 "${pids[${#pids[@]}-1]}" 2>/dev/null || break
    sleep 0.2
  done
  echo "chdb did not start on 127.0.0.1:$port; its log:" >&2
  tail -n 20 "$run/chdb.log" >&2
  return 77
}

chdb_check() {
  local own="" rc=0
  if [ -z "${AIPERF_TEST_CHDB:-}" ]; then
    start_chdb "$1" || return $?
    own=${pids[${#pids[@]}-1]} # stopped here, even when called in a subshell
  fi
  (cd "$_store_root" && AIPERF_TEST_CLICKHOUSE=$AIPERF_TEST_CHDB go test -count=1 -v \
    -run 'TestSummariesEqualTheEngines|TestComplianceCountsMatchTheSeededRows|TestClickHouse(DateTime64|FramesEqual|ReloadQueries|Failures|SecretsStay|ColumnsAndPreview|Injection)' \
    ./pkg/sources/inference/clickhouse/ ./pkg/plugin/) || rc=$?
  if [ -n "$own" ]; then
    kill "$own" 2>/dev/null
    wait "$own" 2>/dev/null
    unset AIPERF_TEST_CHDB
  fi
  return $rc
}
