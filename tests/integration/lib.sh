# integration/lib.sh — assertions and a scratch directory for the shell integration tests.
# Sourced; every failure names the check and what was seen, and the test exits non-zero at the end.
set -u
failures=0
checks=0
work=$(mktemp -d /tmp/payq-it.XXXXXX)
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# expect_exit CODE DESCRIPTION -- COMMAND...: runs COMMAND, stdout/stderr into $out/$err.
expect_exit() {
  local want=$1 what=$2; shift 3
  checks=$((checks + 1))
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  out=$(cat "$work/out"); err=$(cat "$work/err")
  [ "$got" -eq "$want" ] || fail "$what: exit $got, want $want; stderr: $err"
}

expect_contains() {
  checks=$((checks + 1))
  case "$2" in *"$3"*) ;; *) fail "$1: '$3' not found in: $2" ;; esac
}

expect_eq() {
  checks=$((checks + 1))
  [ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

finish() {
  echo "$((checks - failures)) passed, $failures failed"
  [ "$failures" -eq 0 ]
}

# start_sandbox SANDBOX_BIN [options...]: starts payq-sandbox on a free loopback port; sets sandbox_pid, port.
start_sandbox() {
  local bin=$1; shift
  "$bin" --port 0 --client-id shop --client-secret sandbox-secret --seed 7 "$@" >"$work/sandbox.out" 2>&1 &
  sandbox_pid=$!
  for _ in $(seq 100); do grep -q "listening on" "$work/sandbox.out" && break; sleep 0.1; done
  port=$(grep -o '127.0.0.1:[0-9]*' "$work/sandbox.out" | cut -d: -f2)
  [ -n "$port" ] || { echo "sandbox did not start: $(cat "$work/sandbox.out")" >&2; exit 1; }
}
stop_sandbox() {
  if [ -n "${sandbox_pid:-}" ]; then kill "$sandbox_pid" 2>/dev/null; wait "$sandbox_pid" 2>/dev/null; fi
  sandbox_pid=
}
trap 'stop_sandbox; cleanup' EXIT

# stop_started_daemon PID: SIGTERM to a daemon this test started, up to 30 s for it to go, then SIGKILL; reaps it.
stop_started_daemon() {
  kill -TERM "$1" 2>/dev/null
  for _ in $(seq 300); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null
  wait "$1" 2>/dev/null
}

# write_config [extra yaml]: a config for the sandbox on $port into $work/payq.yaml.
write_config() {
  cat >"$work/payq.yaml" <<YAML
database: { path: $work/q.db }
api: { base_url: "http://127.0.0.1:$port", client_id: shop, timeout: 5s, connect_timeout: 1s }
reconciler: { first_poll_after: 1s, max_poll_interval: 2s, max_poll_gap: 20s }
retry: { initial_backoff: 200ms, max_backoff: 2s, max_attempts: 12 }
${1:-}
YAML
}
export PAYQ_CLIENT_SECRET=sandbox-secret

# sandbox_stat JSON_PATH: one value of the sandbox's /_admin/stats, read with SQLite's JSON functions.
sandbox_stat() {
  local json; json=$(curl -s "http://127.0.0.1:$port/_admin/stats")
  sqlite3 :memory: "SELECT coalesce(json_extract('$(echo "$json" | sed "s/'/''/g")', '$1'), 0)"
}
# sandbox_duplicates: the reference_ids the sandbox created more than one payment request for, one per line.
sandbox_duplicates() {
  local json; json=$(curl -s "http://127.0.0.1:$port/_admin/stats")
  sqlite3 :memory: "SELECT key FROM json_each(json_extract('$(echo "$json" | sed "s/'/''/g")', '\$.duplicates'))"
}
# sandbox_distinct_created: how many distinct reference_ids the sandbox created payment requests for.
sandbox_distinct_created() {
  local json; json=$(curl -s "http://127.0.0.1:$port/_admin/stats" | sed "s/'/''/g")
  sqlite3 :memory: "SELECT json_extract('$json', '\$.payments_created')
    - coalesce((SELECT sum(value - 1) FROM json_each(json_extract('$json', '\$.duplicates'))), 0)"
}
# sandbox_requests ENDPOINT: every request the sandbox answered on token, create or poll, whatever the status.
sandbox_requests() {
  local json; json=$(curl -s "http://127.0.0.1:$port/_admin/stats" | sed "s/'/''/g")
  sqlite3 :memory: "SELECT coalesce(sum(value), 0) FROM json_each(json_extract('$json', '\$.requests.$1'))"
}
# make_intents N FILE: a CSV of N intents.
make_intents() {
  awk -v n="$1" 'BEGIN { print "reference_id,amount,currency,redirect_url"
    for (i = 1; i <= n; i++) printf "IT-%04d,%d.%02d,EUR,https://shop.example/r/%d\n", i, 1 + i % 500, i % 100, i }' >"$2"
}
db_value() { sqlite3 "$work/q.db" "$1"; }
