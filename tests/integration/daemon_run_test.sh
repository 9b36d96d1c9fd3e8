#!/usr/bin/env bash
# integration/daemon_run_test.sh PAYQ SANDBOX — 200 intents, 4 workers, against the sandbox enforcing 5 req/s over
# any rolling second: every intent settles as the sandbox decided, no request is answered 429, every status
# change the sandbox made is a transition row, and every HTTP request the sandbox saw is an api_calls row.
source "$(dirname "$0")/lib.sh"
payq=$1
start_sandbox "$2" --rate-limit 5 --settle-min 1s --settle-max 3s --paid-fraction 0.7 --expired-fraction 0.2 \
  --cancelled-fraction 0.1
write_config "workers: { count: 4 }"
make_intents 200 "$work/in.csv"
"$payq" --config "$work/payq.yaml" import "$work/in.csv" >/dev/null

expect_exit 0 "run --until-idle" -- timeout 600 "$payq" --config "$work/payq.yaml" run --until-idle
expect_eq "all settled" "$(db_value "SELECT count(*) FROM payment_intents WHERE state = 'settled'")" "200"
expect_eq "429 answers" "$(sandbox_stat '$.rate_limited')" "0"
expect_eq "most accepted in any rolling second" "$(sandbox_stat '$.max_accepted_in_window')" "5"
expect_eq "requests created at the partner" "$(sandbox_stat '$.payments_created')" "200"
expect_eq "duplicates at the partner" "$(sandbox_duplicates | wc -l)" "0"
# pending at creation, then the terminal status: two remote_status transitions per intent
expect_eq "remote status transitions" \
  "$(db_value "SELECT count(*) FROM status_transitions WHERE field = 'remote_status'")" "400"
expect_eq "terminal transitions" "$(db_value "SELECT count(*) FROM status_transitions WHERE field = 'remote_status'
  AND new_value IN ('paid', 'expired', 'cancelled')")" "200"
for kind in token create poll; do
  expect_eq "every $kind request the sandbox answered is an api_calls row" \
    "$(db_value "SELECT count(*) FROM api_calls WHERE kind = '$kind'")" "$(sandbox_requests $kind)"
done
expect_eq "nothing ambiguous" "$(db_value "SELECT count(*) FROM payment_intents WHERE ambiguous = 1")" "0"
expect_eq "integrity" "$(db_value 'PRAGMA integrity_check')" "ok"
finish
