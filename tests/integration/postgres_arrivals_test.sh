#!/usr/bin/env bash
# integration/postgres_arrivals_test.sh PAYQ SANDBOX — payq run on a throwaway PostgreSQL server hears of new intents
# through LISTEN/NOTIFY: it says it listens, an intent inserted by plain SQL is submitted, and when the server ends
# the listening session the daemon says so, keeps working (polling meanwhile) and listens again.
#
# How soon each intent was first attempted after its commit is shown, not judged (timings are the machine's; the
# first also waits out the limiter's conservative start, the one inserted while not listening an idle check).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/../support/pg_server.sh"
payq=$1
daemon_pid=
stop_daemon() {
  [ -n "$daemon_pid" ] || return 0
  stop_started_daemon "$daemon_pid"
  daemon_pid=
}
trap 'stop_daemon; stop_sandbox; pg_stop; cleanup' EXIT
trap 'exit 130' INT TERM

pg_start || { echo "FAIL: no PostgreSQL server" >&2; exit 1; }
start_sandbox "$2" --settle-min 200ms --settle-max 400ms --paid-fraction 1 --expired-fraction 0 --cancelled-fraction 0
write_config "workers: { count: 2 }"
pq() { "$payq" --config "$work/payq.yaml" --db "$PG_URL" "$@"; }
pg() { "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -c "$1"; }
# log_has TEXT [COUNT]: waits (bounded, 20 s) until the daemon's log holds TEXT at least COUNT times.
log_has() {
  local want=${2:-1}
  checks=$((checks + 1))
  for _ in $(seq 200); do
    [ "$(grep -c -F "$1" "$work/run.log")" -ge "$want" ] && return 0
    sleep 0.1
  done
  fail "the daemon's log does not say '$1' ($want time(s)): $(tail -5 "$work/run.log")"
  return 1
}
# insert_and_wait REF: one intent by plain SQL, then until it is final (payq wait, bounded).
insert_and_wait() {
  pg "INSERT INTO payment_intents (reference_id, amount, currency, redirect_url)
      VALUES ('$1', '12.30', 'EUR', 'https://shop.example/r/$1')"
  expect_exit 0 "$1 final" -- timeout 40 "$payq" --db "$PG_URL" wait --timeout 30s
  expect_eq "$1 settled" "$(pg "SELECT state FROM payment_intents WHERE reference_id = '$1'")" settled
  echo "$1 first attempted $(pg "SELECT first_attempt_at - created_at FROM payment_intents
    WHERE reference_id = '$1'") ms after it was inserted"
}

expect_exit 0 "payq migrate on the URL" -- pq migrate
"$payq" --config "$work/payq.yaml" --db "$PG_URL" run >>"$work/run.log" 2>&1 &
daemon_pid=$!
log_has "listening for new intents: submitters wake on every commit of new intents"
insert_and_wait A-1

# The server ends the listening session: the daemon says so once, reconnects, and nothing is lost meanwhile.
expect_eq "the listening session ended by the server" \
  "$(pg "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query ILIKE 'LISTEN%'")" 1
log_has "not listening for new intents"
insert_and_wait A-2
log_has "listening for new intents again"
insert_and_wait A-3
checks=$((checks + 1))
kill -0 "$daemon_pid" 2>/dev/null || fail "the daemon exited: $(tail -5 "$work/run.log")"
expect_eq "warnings about listening" "$(grep -c 'listening for new intents (' "$work/run.log")" 1
expect_eq "requests created at the partner" "$(sandbox_stat '$.payments_created')" 3
stop_daemon
echo "what the daemon said about listening:"
grep -F 'listening for new intents' "$work/run.log" | sed -E 's/^\[[^]]*\] //'
finish
