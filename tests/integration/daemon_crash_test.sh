#!/usr/bin/env bash
# integration/daemon_crash_test.sh PAYQ SANDBOX — kill -9 the daemon at 10 random moments of a 300-intent run,
# restarting it each time: no intent is lost or stuck, every duplicate at the sandbox is flagged ambiguous, every
# request the sandbox created is accounted for by identity, and the database passes PRAGMA integrity_check.
source "$(dirname "$0")/lib.sh"
payq=$1
start_sandbox "$2" --latency 60ms --jitter 40ms --settle-min 1s --settle-max 3s --paid-fraction 0.8 \
  --expired-fraction 0.1 --cancelled-fraction 0.1
write_config "workers: { count: 4 }"
make_intents 300 "$work/in.csv"
"$payq" --config "$work/payq.yaml" import "$work/in.csv" >/dev/null

RANDOM=42
for round in $(seq 10); do
  "$payq" --config "$work/payq.yaml" run 2>>"$work/run.log" &
  pid=$!
  sleep "$((1 + RANDOM % 3)).$((RANDOM % 10))"
  kill -KILL "$pid"
  wait "$pid" 2>/dev/null
  echo "round $round: $(db_value "SELECT group_concat(state || ' ' || n, ', ') FROM (SELECT state, count(*) n FROM payment_intents GROUP BY state)")"
done
expect_exit 0 "final run --until-idle" -- timeout 900 "$payq" --config "$work/payq.yaml" run --until-idle
expect_eq "intents stored" "$(db_value "SELECT count(*) FROM payment_intents")" "300"
expect_eq "intents not in a final state" \
  "$(db_value "SELECT count(*) FROM payment_intents WHERE state NOT IN ('settled', 'failed', 'on_hold')")" "0"
expect_eq "every intent created at the partner is recorded" \
  "$(db_value "SELECT count(*) FROM payment_intents WHERE remote_id IS NOT NULL")" \
  "$(sandbox_distinct_created)"
for ref in $(sandbox_duplicates); do
  expect_eq "duplicate $ref flagged ambiguous" "$(db_value "SELECT ambiguous FROM payment_intents WHERE reference_id = '$ref'")" "1"
done
echo "the sandbox created $(sandbox_duplicates | grep -c .) duplicate(s)"

# Identities: every request the sandbox created is its intent's remote id, or an orphan candidate of that intent,
# or (a create whose answer died with the killed process) a duplicate of an intent flagged ambiguous.
unaccounted=0
lost_with_process=0
while read -r id ref; do
  [ -n "$id" ] || continue
  known=$(db_value "SELECT (SELECT count(*) FROM payment_intents WHERE reference_id = '$ref' AND remote_id = '$id')
    + (SELECT count(*) FROM orphan_candidates o JOIN payment_intents i ON i.id = o.intent_id
        WHERE i.reference_id = '$ref' AND o.remote_id = '$id')")
  if [ "$known" -ge 1 ]; then continue; fi
  if [ "$(db_value "SELECT ambiguous FROM payment_intents WHERE reference_id = '$ref'")" = 1 ]; then
    lost_with_process=$((lost_with_process + 1))
  else
    unaccounted=$((unaccounted + 1)); echo "unaccounted: $id for $ref" >&2
  fi
done < <(curl -s "http://127.0.0.1:$port/_admin/payments")
expect_eq "requests created at the partner that the database cannot account for" "$unaccounted" "0"
checks=$((checks + 1))
[ "$lost_with_process" -le 40 ] || fail "answers lost with the killed process: $lost_with_process > 10 rounds x 4 workers"
echo "requests whose answer died with a killed daemon: $lost_with_process"
expect_eq "integrity" "$(db_value 'PRAGMA integrity_check')" "ok"
finish
