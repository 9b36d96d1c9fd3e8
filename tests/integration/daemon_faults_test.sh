#!/usr/bin/env bash
# integration/daemon_faults_test.sh PAYQ SANDBOX — the daemon against a partner that fails: 5% 5xx before
# creating, 2% 5xx after creating, 2% connection reset after creating, 1% truncated JSON and one 3-second
# outage. Every intent reaches a final state, nothing crashes, and every duplicate the sandbox created (the same
# reference_id twice) is flagged ambiguous on our side.
source "$(dirname "$0")/lib.sh"
payq=$1
start_sandbox "$2" --settle-min 1s --settle-max 3s --paid-fraction 0.8 --expired-fraction 0.1 --cancelled-fraction 0.1 \
  --fail-before-create 0.05 --fail-after-create 0.02 --drop-after-create 0.02 --truncate 0.01 \
  --outage-at 8s --outage-for 3s
write_config "workers: { count: 4 }"
make_intents 200 "$work/in.csv"
"$payq" --config "$work/payq.yaml" import "$work/in.csv" >/dev/null

expect_exit 0 "run --until-idle through faults" -- timeout 900 "$payq" --config "$work/payq.yaml" run --until-idle
expect_eq "intents not in a final state" \
  "$(db_value "SELECT count(*) FROM payment_intents WHERE state NOT IN ('settled', 'failed', 'on_hold')")" "0"
expect_eq "intents stored" "$(db_value "SELECT count(*) FROM payment_intents")" "200"
checks=$((checks + 1))
[ "$(db_value "SELECT count(*) FROM api_calls WHERE outcome = 'ambiguous'")" -gt 0 ] || fail "no fault was seen"
duplicates=$(sandbox_duplicates)
for ref in $duplicates; do
  expect_eq "duplicate $ref flagged ambiguous" "$(db_value "SELECT ambiguous FROM payment_intents WHERE reference_id = '$ref'")" "1"
done
echo "the sandbox created $(echo "$duplicates" | grep -c .) duplicate(s); $(db_value "SELECT count(*) FROM payment_intents WHERE ambiguous = 1") intent(s) flagged ambiguous"
expect_eq "integrity" "$(db_value 'PRAGMA integrity_check')" "ok"
finish
