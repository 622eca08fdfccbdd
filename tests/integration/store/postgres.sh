# PostgreSQL for the store tests and the store benchmark. Sourced, not
# executed; defines start_postgres RUN_DIR, which
#   - uses the server binaries already on the machine (PATH, pg_config
#     --bindir, /usr/lib/postgresql/*/bin) or else unpacks the Debian
#     package into .tools/postgresql/ (kept for later runs),
#   - creates a cluster in RUN_DIR/postgres as an unprivileged user when run
#     as root (PostgreSQL refuses to run as root),
#   - starts it on a free loopback port, its unix socket inside RUN_DIR,
#   - creates the database aiperf owned by the user aiperf, who logs in with
#     a random password (scram-sha-256, so a wrong password is refused),
#   - exports AIPERF_TEST_POSTGRES=postgres://aiperf:PASSWORD@127.0.0.1:PORT/aiperf
#     and appends the server's PID to the caller's pids array.
# Returns 77, saying why on stderr, when no server can be found or installed.
# POSTGRES_SETTINGS (optional) adds "-c name=value" server options.

postgres_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)

# postgres_bindir prints the directory holding initdb and postgres.
postgres_bindir() {
  local dir
  for dir in "$(dirname "$(command -v postgres 2>/dev/null || echo /nonexistent/x)")" \
    "$(pg_config --bindir 2>/dev/null)" /usr/lib/postgresql/*/bin "$postgres_root"/.tools/postgresql/usr/lib/postgresql/*/bin; do
    if [ -n "$dir" ] && [ -x "$dir/postgres" ] && [ -x "$dir/initdb" ]; then
      echo "$dir"
      return 0
    fi
  done
  postgres_download || return 1
  for dir in "$postgres_root"/.tools/postgresql/usr/lib/postgresql/*/bin; do
    [ -x "$dir/postgres" ] && echo "$dir" && return 0
  done
  return 1
}

# postgres_download unpacks the distribution's PostgreSQL server package
# and the libraries it needs beyond the base system into .tools/postgresql.
postgres_download() {
  command -v apt-get >/dev/null && command -v dpkg >/dev/null || return 1
  local server
  server=$(apt-cache depends postgresql 2>/dev/null | sed -n 's/^ *Depends: \(postgresql-[0-9][0-9]*\)$/\1/p' | head -1)
  [ -n "$server" ] || return 1
  # The libraries it links that the system lacks come along (libllvm, libicu...).
  local libs=() dep
  for dep in $(apt-cache depends "$server" 2>/dev/null | sed -n 's/^ *Depends: \(lib[^ <>]*\)$/\1/p'); do
    dpkg -s "$dep" >/dev/null 2>&1 || libs+=("$dep")
  done
  local tmp
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download "$server" "${libs[@]}" >/dev/null 2>&1) || { rm -rf "$tmp"; return 1; }
  mkdir -p "$postgres_root/.tools/postgresql"
  local deb
  for deb in "$tmp"/*.deb; do dpkg -x "$deb" "$postgres_root/.tools/postgresql"; done
  rm -rf "$tmp"
}

# postgres_free_port prints a port free on loopback (a random one without
# python3: start_postgres retries when it is taken).
postgres_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
    echo $((20000 + RANDOM % 40000))
}

start_postgres() {
  local run_dir=$1
  local bindir
  bindir=$(postgres_bindir) || {
    echo "PostgreSQL is not installed and apt-get download of its server package failed" >&2
    return 77
  }
  # An unpacked package finds its libraries here.
  case "$bindir" in "$postgres_root"/.tools/*)
    export LD_LIBRARY_PATH="$postgres_root/.tools/postgresql/usr/lib/x86_64-linux-gnu:$postgres_root/.tools/postgresql/usr/lib/$(uname -m)-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" ;;
  esac

  # PostgreSQL refuses to run as root: root runs it as the system's postgres
  # user when there is one, else as nobody.
  local user="" as=()
  if [ "$(id -u)" -eq 0 ]; then
    command -v setpriv >/dev/null || { echo "running as root and setpriv is missing: cannot start PostgreSQL as an unprivileged user" >&2; return 77; }
    user=nobody
    getent passwd postgres >/dev/null && user=postgres
    as=(setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups --)
  fi

  local dir="$run_dir/postgres"
  mkdir -p "$dir"
  if [ -n "$user" ]; then
    chmod o+x "$run_dir"
    chown "$user" "$dir"
    "${as[@]}" test -x "$bindir/postgres" -a -w "$dir" || {
      echo "the user $user cannot run $bindir/postgres or write $dir (a parent folder is not searchable)" >&2
      return 77
    }
  fi
  chmod 700 "$dir"

  local password superpw
  password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
  superpw=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
  printf '%s\n' "$superpw" >"$dir/superpw"
  [ -z "$user" ] || chown "$user" "$dir/superpw"
  "${as[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --pwfile="$dir/superpw" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 || {
    tail -20 "$dir/initdb.log" >&2
    return 1
  }
  rm -f "$dir/superpw"

  # The test user and database, made in single-user mode before the server
  # listens (no client binaries needed).
  "${as[@]}" "$bindir/postgres" --single -D "$dir/data" postgres >"$dir/setup.log" 2>&1 <<SQL || {
CREATE ROLE aiperf LOGIN PASSWORD '$password';
CREATE DATABASE aiperf OWNER aiperf;
SQL
    tail -20 "$dir/setup.log" >&2
    return 1
  }

  local port log="$dir/postgres.log" attempt
  for attempt in 1 2 3; do
    port=$(postgres_free_port) || return 1
    # Durability off: these clusters are thrown away after the run. A
    # simple command, so $! is the server itself (setpriv execs it).
    # shellcheck disable=SC2086
    "${as[@]}" "$bindir/postgres" -D "$dir/data" -h 127.0.0.1 -p "$port" -k "$dir" \
      -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50 \
      ${POSTGRES_SETTINGS:-} >"$log" 2>&1 &
    local pid=$!
    local i
    for i in $(seq 1 150); do
      if grep -q "ready to accept connections" "$log" 2>/dev/null; then
        pids+=("$pid")
        export AIPERF_TEST_POSTGRES="postgres://aiperf:$password@127.0.0.1:$port/aiperf?sslmode=disable"
        echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (from $bindir)"
        return 0
      fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    # Another process took the port between the probe and the bind: retry.
    grep -q "could not bind\|Address already in use" "$log" || break
  done
  echo "PostgreSQL did not start:" >&2
  tail -20 "$log" >&2
  return 1
}
