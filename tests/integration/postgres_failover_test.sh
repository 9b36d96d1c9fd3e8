#!/usr/bin/env bash
# integration/postgres_failover_test.sh PAYQ SANDBOX — two daemons on one PostgreSQL database: one leads, one stands
# by without a partner request; the leader is killed (-9) mid-run with creates in flight; the standby leads within
# 10 s, nothing is lost or stuck, every duplicate create is flagged ambiguous, and no rolling second at the partner
# ever held more than 5 arrivals. Then `run --until-idle` as a standby exits 0 once the leader has done the work.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/../support/pg_server.sh"
payq=$1 sandbox=$2
daemons=()
stop_daemons() { for pid in "${daemons[@]}"; do kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done; daemons=(); }
trap 'stop_daemons; stop_sandbox; pg_stop; cleanup' EXIT
trap 'exit 130' INT TERM

pg_start || { echo "FAIL: no PostgreSQL server" >&2; exit 1; }
pg() { "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }
# Creates answer slowly, so a kill -9 finds calls in flight; everything settles or expires within seconds.
start_sandbox "$sandbox" --latency 700ms --settle-max 4s --expire-after 6s
write_config
sed -i "s|^database: .*|database: { url: \"$PG_URL\" }|" "$work/payq.yaml"
p() { "$payq" --config "$work/payq.yaml" "$@"; }
status_field() {  # status_field PY_EXPR: one value of `payq status --format json` (d is the document)
  p status --format json 2>/dev/null | python3 -c "import json,sys; d=json.load(sys.stdin); print($1)" 2>/dev/null
}
leader_pid() { status_field 'd["daemon"]["pid"] if d["daemon"] else ""'; }
standby_pids() { status_field '" ".join(str(s["pid"]) for s in d["standbys"])'; }
created() { pg -c "SELECT count(*) FROM payment_intents WHERE remote_id IS NOT NULL"; }
still_open() { pg -c "SELECT count(*) FROM payment_intents WHERE state IN ('queued', 'submitting', 'submitted')"; }
wait_for() {  # wait_for SECONDS DESCRIPTION CONDITION: evaluates CONDITION every 0.2 s; false when it never held
  local limit=$1 what=$2 condition=$3
  local deadline=$((SECONDS + limit))
  until eval "$condition"; do
    [ "$SECONDS" -lt "$deadline" ] || { fail "$what: not within $limit s"; return 1; }
    sleep 0.2
  done
}

expect_exit 0 "migrate on the URL" -- p migrate
make_intents 150 "$work/in.csv"
expect_exit 0 "import 150 intents" -- p import "$work/in.csv"

"$payq" --config "$work/payq.yaml" run >"$work/d1.log" 2>&1 &
d1=$!; daemons+=("$d1")
wait_for 30 "the first daemon leads" 'test "$(leader_pid)" = "$d1"'
"$payq" --config "$work/payq.yaml" run >"$work/d2.log" 2>&1 &
d2=$!; daemons+=("$d2")
wait_for 30 "the second daemon is listed as a standby" 'test "$(standby_pids)" = "$d2"'
expect_contains "the standby says it stands by" "$(cat "$work/d2.log")" "standing by"
expect_eq "the standby made no partner request" "$(grep -c 'created, status' "$work/d2.log")" 0

# Kill the leader while creates are in flight (after some, well before all, are done).
wait_for 60 "the leader created some requests" 'test "$(created)" -ge 20'
in_flight=$(pg -c "SELECT count(*) FROM payment_intents WHERE state = 'submitting'")
kill -9 "$d1"; wait "$d1" 2>/dev/null
killed_at=$(date +%s.%N)
wait_for 10 "status names the standby as the leader within 10 s of the kill" 'test "$(leader_pid)" = "$d2"'
took=$(python3 -c "import time; print(round(time.time() - $killed_at, 1))")
echo "takeover: status names the new leader $took s after kill -9 ($in_flight intent(s) were submitting)"

wait_for 240 "every intent is final" 'test "$(still_open)" -eq 0'

# --until-idle started while another daemon leads: it stands by and exits 0, nothing left to do.
expect_exit 0 "run --until-idle as a standby exits 0 once nothing is left" -- timeout 60 "$payq" \
  --config "$work/payq.yaml" run --until-idle
expect_contains "it stood by" "$err" "standing by"
expect_exit 0 "the leader stops on SIGTERM" -- kill -TERM "$d2"
wait "$d2"; expect_eq "the leader's exit" "$?" 0
daemons=()
expect_contains "the standby took over" "$(cat "$work/d2.log")" "leading now"

expect_eq "nothing lost: 150 intents" "$(pg -c "SELECT count(*) FROM payment_intents")" 150
expect_eq "nothing stuck" "$(pg -c "SELECT count(*) FROM payment_intents WHERE state NOT IN ('settled')")" 0
expect_eq "every intent has its request" "$(pg -c "SELECT count(*) FROM payment_intents WHERE remote_id IS NULL")" 0
expect_eq "no 429 across the handover" "$(sandbox_stat '$.rate_limited')" 0
arrived=$(sandbox_stat '$.max_arrived_in_window')
[ "$arrived" -le 5 ] || fail "at most 5 arrivals in any rolling second at the partner, saw $arrived"
checks=$((checks + 1))
for ref in $(sandbox_duplicates); do
  expect_eq "duplicate create for $ref is flagged ambiguous" \
    "$(pg -c "SELECT ambiguous FROM payment_intents WHERE reference_id = '$ref'")" 1
done
echo "duplicates at the partner: $(sandbox_duplicates | wc -l), all flagged"
expect_eq "the partner's requests are the intents'" "$(sandbox_distinct_created)" 150
finish
