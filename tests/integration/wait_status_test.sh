#!/usr/bin/env bash
# integration/wait_status_test.sh PAYQ — `payq wait` exit codes (all paid, one failed, timeout, unknown batch) with
# a background subshell standing in for the daemon, and `payq status` fields and its unhealthy exit code.
source "$(dirname "$0")/lib.sh"
payq=$1
db="$work/q.db"
unset PAYQ_CONFIG PAYQ_CLIENT_SECRET
q() { "$payq" --db "$db" "$@"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
json() { sqlite3 :memory: "SELECT json_extract('$(echo "$out" | sed "s/'/''/g")', '$1')"; }

# settle_later BATCH SQL_CASE: after a short delay, settles every intent of BATCH as the daemon would: the
# state comes from SQL_CASE (an expression over reference_id), paid ones at the partner.
settle_later() {
  (sleep 1
   sqlite3 "$db" "PRAGMA busy_timeout = 5000;
     UPDATE payment_intents SET state = $2, remote_id = 'pr_' || id,
            remote_status = CASE $2 WHEN 'settled' THEN 'paid' END, updated_at = $(now_ms)
      WHERE batch = '$1'" >/dev/null) &
  settler=$!
}

printf 'reference_id,amount,currency,redirect_url\nA-1,10.00,EUR,https://s.example/r\nA-2,20.00,EUR,https://s.example/r\n' \
  >"$work/a.csv"
printf 'reference_id,amount,currency,redirect_url\nB-1,1.00,USD,https://s.example/r\nB-2,2.00,USD,https://s.example/r\nB-3,3.00,USD,https://s.example/r\n' \
  >"$work/b.csv"
expect_exit 0 "import batch a" -- q import "$work/a.csv" --batch 2026-11-a
expect_exit 0 "import batch b" -- q import "$work/b.csv" --batch 2026-11-b

expect_exit 5 "wait for an unknown batch" -- q wait --batch nope
expect_contains "unknown batch is named" "$err" "no intent has batch 'nope'"
expect_exit 2 "a bad timeout" -- q wait --batch 2026-11-a --timeout 5
expect_exit 8 "wait gives up at the timeout" -- q wait --batch 2026-11-a --timeout 1s
expect_contains "timeout says how far it got" "$out" "gave up after 1s with 0 of 2 intents final"
expect_contains "progress line off a terminal" "$err" "settled 0/2, paid 0, failed 0, on hold 0"

settle_later 2026-11-a "'settled'"
expect_exit 0 "wait until every intent of a is paid" -- q wait --batch 2026-11-a --timeout 30s
expect_contains "summary of a" "$out" "batch 2026-11-a: all 2 intents final: paid 2,"
wait "$settler"

settle_later 2026-11-b "CASE reference_id WHEN 'B-2' THEN 'failed' ELSE 'settled' END"
expect_exit 1 "wait for b, one failed" -- q wait --batch 2026-11-b --timeout 30s
expect_contains "summary of b" "$out" "paid 2, not paid (expired or cancelled at the partner) 0, failed 1,"
wait "$settler"
expect_exit 1 "wait for everything, one failed" -- q wait --timeout 5s

expect_exit 0 "status with nothing left to do" -- q status --format json
expect_eq "status healthy" "$(json '$.healthy')" "1"
expect_eq "status settled" "$(json '$.states.settled')" "4"
expect_eq "status failed" "$(json '$.states.failed')" "1"
expect_eq "status queued" "$(json '$.states.queued')" "0"
expect_eq "status total" "$(json '$.total')" "5"
expect_eq "status no success yet" "$(json '$.last_success_at')" ""

# A queued intent two hours old and no successful call: unhealthy.
sqlite3 "$db" "INSERT INTO payment_intents (reference_id, amount, currency, redirect_url, created_at)
               VALUES ('OLD-1', '5.00', 'EUR', 'https://s.example/r', $(($(now_ms) - 7200000)))"
expect_exit 9 "status unhealthy" -- q status --format json
expect_eq "unhealthy flag" "$(json '$.healthy')" "0"
expect_contains "problem names the queue" "$(json '$.problem')" "1 intents queued"
expect_eq "oldest queued age" "$(($(json '$.oldest_queued_age_s') >= 7200))" "1"
expect_exit 0 "a longer --unhealthy-after tolerates it" -- q status --unhealthy-after 3h
expect_exit 9 "text status unhealthy" -- q status
expect_contains "text says unhealthy" "$out" "UNHEALTHY"

# A recent successful call and a 429: healthy again, both counted in the last hour.
sqlite3 "$db" "INSERT INTO api_calls (kind, started_at, latency_ms, http_status, outcome)
               VALUES ('token', $(($(now_ms) - 60000)), 12, 200, 'success'),
                      ('create', $(($(now_ms) - 30000)), 15, 429, 'rate_limited'),
                      ('create', $(($(now_ms) - 7200000)), 15, 201, 'success')"
expect_exit 0 "status healthy after a success" -- q status --format json
expect_eq "calls in the last hour" "$(json '$.calls_last_hour')" "2"
expect_eq "429s in the last hour" "$(json '$.rate_limited_last_hour')" "1"
age=$(json '$.last_success_age_s')
expect_eq "last success age" "$((age >= 50 && age <= 120))" "1"

# The reconciler's view: 40 requests paid 10 s, 20 s, ... 400 s after creation (each between a pending poll 2 s
# before and the poll 2 s after), 40 still pending when last polled at 1000 s; the heartbeat of a daemon that stopped
# cleanly names its policy (one gone without a clean stop would make status unhealthy).
{ echo "reference_id,amount,currency,redirect_url"
  for i in $(seq 1 80); do echo "C-$i,1.00,EUR,https://s.example/r"; done; } >"$work/c.csv"
expect_exit 0 "import batch c" -- q import "$work/c.csv" --batch 2026-11-c
t0=$(($(now_ms) - 7200000))
sqlite3 "$db" "UPDATE payment_intents SET state = 'submitted', remote_id = 'pr_' || id, remote_status = 'pending',
                      submitted_at = $t0, pending_seen_at = $t0 + 1000000, next_poll_at = $t0 + 9000000,
                      changed_by = 'submitter' WHERE batch = '2026-11-c';
               UPDATE payment_intents SET state = 'settled', remote_status = 'paid', changed_by = 'reconciler',
                      pending_seen_at = $t0 + CAST(substr(reference_id, 3) AS INTEGER) * 10000 - 2000,
                      settled_at = $t0 + CAST(substr(reference_id, 3) AS INTEGER) * 10000 + 2000
                WHERE batch = '2026-11-c' AND CAST(substr(reference_id, 3) AS INTEGER) <= 40;
               INSERT INTO api_calls (kind, started_at, latency_ms, http_status, outcome)
               VALUES ('poll', $(($(now_ms) - 60000)), 9, 200, 'success'), ('poll', $(($(now_ms) - 7200000)), 9, 200, 'success');
               INSERT INTO daemon_heartbeat (id, pid, version, started_at, beat_at, rate, margin_us, host, epoch, poll_policy,
                                             stopped_at)
               VALUES (1, 999999, 'test', $t0, $t0, 5.0, 0, 'elsewhere', 1, 'adaptive', $t0)"
expect_exit 0 "status with a learned history" -- q status --format json
expect_eq "policy in force" "$(json '$.reconciler.policy')" "adaptive"
expect_eq "awaiting a poll" "$(json '$.reconciler.awaiting_poll')" "40"
expect_eq "polls in the last hour" "$(json '$.reconciler.polls_last_hour')" "1"
expect_eq "learned median time to payment" "$(json '$.reconciler.median_time_to_payment_s')" "200.0"
expect_eq "settlements learned" "$(json '$.reconciler.settlements_learned')" "40"
expect_exit 0 "text status with a learned history" -- q status
expect_contains "text reconciler line" "$out" "policy adaptive, 40 awaiting a poll, 1 polls in the last hour, median time to payment 200s (from 40 settlements)"

expect_exit 2 "bad status format" -- q status --format yaml
expect_exit 5 "status of a missing database" -- "$payq" --db "$work/none.db" status
finish
