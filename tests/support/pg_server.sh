# support/pg_server.sh — a throwaway PostgreSQL server for tests: initdb into a temp dir, serve on a free loopback
# port and a socket in that dir, stop by PID and remove the dir. Sourced by bash tests; no state outside the PG_* vars.
#
#   source tests/support/pg_server.sh
#   pg_start || exit 1            # or pg_start DIR (a new or empty directory the server user can reach)
#   trap 'pg_stop' EXIT
#   "$PG_BIN/psql" -X -c 'SELECT 1'  # PGHOST (the socket dir), PGPORT, PGUSER, PGDATABASE are exported
#   pg_stop
#
# After pg_start: PGHOST PGPORT PGUSER PGDATABASE (the owner role and its database), PG_URL
# (postgresql://USER@127.0.0.1:PORT/DB), PG_ADMIN_USER (the bootstrap superuser), PG_BIN (the server's binaries),
# PG_DIR (data in $PG_DIR/data, the log in $PG_DIR/server.log) and PG_PID (the postmaster). The server runs with
# fsync off (a test's data need not survive the machine); PG_DURABLE=1 before pg_start keeps it on (benchmarks).
#
# PGUSER owns PGDATABASE and is not a superuser: the role `payq migrate` runs as. Authentication is `trust`, on
# 127.0.0.1 and the socket only: the server lives for one test. PostgreSQL refuses to run as root, so as root the
# server runs as the system user payq-pgtest (created when missing); clients run as the caller.

PG_TEST_OS_USER=payq-pgtest
PG_TEST_ROLE=payq
PG_TEST_DATABASE=payq

# pg_bin_dir: the newest PostgreSQL server binaries (Debian keeps them off PATH, in /usr/lib/postgresql/N/bin).
pg_bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    echo "pg_server: no PostgreSQL server under /usr/lib/postgresql/*/bin (apt-get install postgresql)" >&2
    return 1
  fi
  echo "$dir"
}

# pg_os_user_ready: as root, makes sure the unprivileged server user exists (a concurrent test may create it too).
pg_os_user_ready() {
  getent passwd "$PG_TEST_OS_USER" >/dev/null && return 0
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_TEST_OS_USER" 2>/dev/null
  getent passwd "$PG_TEST_OS_USER" >/dev/null && return 0
  echo "pg_server: cannot create user $PG_TEST_OS_USER" >&2
  return 1
}

# pg_as_server_user COMMAND...: runs COMMAND as the server's user; setpriv execs it in place.
pg_as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --reuid="$PG_TEST_OS_USER" --regid="$PG_TEST_OS_USER" --init-groups -- "$@"
  else
    "$@"
  fi
}

# pg_free_port: a port nothing listens on now, from a random start; pg_start retries if it is taken before bind.
pg_free_port() {
  local port
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 40000))
    ss -Htln "sport = :$port" 2>/dev/null | grep -q . || { echo "$port"; return 0; }
  done
  return 1
}

# pg_start [DIR]: initdb into DIR (default: a new temp dir), start the server, create the owner role and its
# database; exports the variables above. Returns non-zero, with the server log on stderr, when it cannot start.
pg_start() {
  PG_BIN=$(pg_bin_dir) || return 1
  PG_DIR=${1:-$(mktemp -d "${TMPDIR:-/tmp}/payq-pg.XXXXXX")}
  mkdir -p "$PG_DIR" && chmod 0700 "$PG_DIR" || return 1
  PG_PID=
  if [ "$(id -u)" -eq 0 ]; then
    pg_os_user_ready || return 1
    chown "$PG_TEST_OS_USER:" "$PG_DIR" || return 1
  fi
  PG_ADMIN_USER=postgres
  # UTF8 and the C locale: length() counts characters and regular expressions compare code points, as on SQLite.
  if ! pg_as_server_user "$PG_BIN/initdb" -D "$PG_DIR/data" -U "$PG_ADMIN_USER" --auth=trust -E UTF8 --locale=C \
       --no-sync >"$PG_DIR/initdb.log" 2>&1; then
    echo "pg_server: initdb failed:" >&2; cat "$PG_DIR/initdb.log" >&2
    return 1
  fi
  local attempt launched
  for attempt in 1 2 3 4 5; do
    PGPORT=$(pg_free_port) || { echo "pg_server: no free port" >&2; return 1; }
    pg_launch
    launched=$?
    [ "$launched" -eq 0 ] && break
    [ "$launched" -eq 1 ] || return 1
    PG_PID=
    # Only a port taken between the check and the bind is worth another try.
    grep -q "could not bind\|could not create any TCP/IP sockets" "$PG_DIR/server.log" || {
      echo "pg_server: the server did not start:" >&2; cat "$PG_DIR/server.log" >&2; return 1; }
    [ "$attempt" -lt 5 ] || { echo "pg_server: no port could be bound:" >&2; cat "$PG_DIR/server.log" >&2; return 1; }
  done
  export PGHOST=$PG_DIR PGPORT PGUSER=$PG_TEST_ROLE PGDATABASE=$PG_TEST_DATABASE
  export PG_URL="postgresql://$PG_TEST_ROLE@127.0.0.1:$PGPORT/$PG_TEST_DATABASE"
  export PG_ADMIN_USER PG_BIN PG_DIR PG_PID
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -U "$PG_ADMIN_USER" -d postgres \
    -c "CREATE ROLE $PG_TEST_ROLE LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE" \
    -c "CREATE DATABASE $PG_TEST_DATABASE OWNER $PG_TEST_ROLE" >/dev/null || { pg_stop; return 1; }
}

# pg_launch: starts the postmaster on $PGPORT and waits (bounded) until it accepts connections on its own socket.
# 1: it exited first (a port taken is one reason; its log says); 2: it never became ready (stopped, dir removed).
pg_launch() {
  # fsync, synchronous_commit and full_page_writes off: nothing here has to survive a crash of the machine.
  # A simple command, not a function, in the background: $! is then the postmaster's own PID.
  local as_user=()
  [ "$(id -u)" -eq 0 ] && as_user=(setpriv --reuid="$PG_TEST_OS_USER" --regid="$PG_TEST_OS_USER" --init-groups --)
  # PG_DURABLE=1 keeps them on (benchmarks compare commits that reach the disk, as SQLite's do).
  local durability=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
  [ "${PG_DURABLE:-0}" = 1 ] && durability=()
  "${as_user[@]}" "$PG_BIN/postgres" -D "$PG_DIR/data" -p "$PGPORT" -k "$PG_DIR" -c listen_addresses=127.0.0.1 \
    "${durability[@]}" -c max_connections=40 \
    -c shared_buffers=16MB -c logging_collector=off >"$PG_DIR/server.log" 2>&1 &
  PG_PID=$!
  local i
  for i in $(seq 300); do
    # Ask our own socket: another server may hold the same port on 127.0.0.1.
    "$PG_BIN/pg_isready" -q -h "$PG_DIR" -p "$PGPORT" -t 1 && return 0
    kill -0 "$PG_PID" 2>/dev/null || { wait "$PG_PID" 2>/dev/null; return 1; }
    sleep 0.1
  done
  echo "pg_server: not ready after 30 s:" >&2; cat "$PG_DIR/server.log" >&2
  pg_stop
  return 2
}

# pg_gone PID: true once PID has exited (a zombie waiting for its parent counts as exited).
pg_gone() {
  [ ! -e "/proc/$1" ] || [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" = Z ]
}

# pg_stop: fast shutdown by the postmaster's PID (its postmaster.pid, else the one pg_start saw), escalating to
# immediate and then SIGKILL if it does not exit within bounded waits; then removes PG_DIR. Safe to call twice.
pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  local pid=${PG_PID:-} signal i
  [ -r "$PG_DIR/data/postmaster.pid" ] && pid=$(head -n 1 "$PG_DIR/data/postmaster.pid")
  if [ -n "$pid" ]; then
    for signal in INT QUIT KILL; do
      kill -s "$signal" "$pid" 2>/dev/null || break
      for i in $(seq 100); do pg_gone "$pid" && break; sleep 0.1; done
      pg_gone "$pid" && break
    done
    if pg_gone "$pid"; then wait "$pid" 2>/dev/null; else echo "pg_server: postmaster $pid did not exit" >&2; fi
  fi
  rm -rf "$PG_DIR"
  PG_DIR= PG_PID=
}
