#!/usr/bin/env bash
# integration/postgres_daemon_test.sh PAYQ SANDBOX LOAD — payq run on a throwaway PostgreSQL server while four
# producers (enqueue, import, the Producer API, plain SQL) store 2,000 intents; then a kill -9 mid-run and a restart.
#
# Checked: every stored intent is final exactly once at the partner, none stuck; the partner never saw more than the
# partner's limit in any rolling second or answered a 429; status, report and list agree with plain SQL. The partner
# allows $limit req/s and payq is set to $rate (a faster partner than production's 5 req/s, so 4,600 requests fit in
# the test's time; daemon_run holds 5 of 5 exactly). A claim in flight at the kill is recovered.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/../support/pg_server.sh"
payq=$1
load=$3
rate=30
limit=35
per_producer=500
daemon_pid=
stop_daemon() {
  [ -n "$daemon_pid" ] || return 0
  stop_started_daemon "$daemon_pid"
  daemon_pid=
}
trap 'stop_daemon; stop_sandbox; pg_stop; cleanup' EXIT
trap 'exit 130' INT TERM

pg_start || { echo "FAIL: no PostgreSQL server" >&2; exit 1; }
start_sandbox "$2" --rate-limit "$limit" --latency 20ms --jitter 20ms --settle-min 200ms --settle-max 900ms \
  --paid-fraction 0.7 --expired-fraction 0.2 --cancelled-fraction 0.1
write_config "workers: { count: 4 }
rate_limit: { requests_per_second: $rate }"
pq() { "$payq" --config "$work/payq.yaml" --db "$PG_URL" "$@"; }
pg() { "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -c "$1"; }
not_final="state NOT IN ('settled', 'failed', 'on_hold', 'cancelled')"

# Not through pq: $! must be payq's own PID, not a subshell's.
start_daemon() {
  "$payq" --config "$work/payq.yaml" --db "$PG_URL" run >>"$work/run.log" 2>&1 &
  daemon_pid=$!
}
# within_limit: the partner never accepted more than its limit in a rolling second (payq's own peak is printed).
within_limit() {
  local peak; peak=$(sandbox_stat '$.max_accepted_in_window')
  checks=$((checks + 1))
  [ "$peak" -le "$limit" ] || fail "most accepted in a rolling second: $peak > $limit"
  echo "most accepted in a rolling second: $peak (payq set to $rate, the partner's limit $limit)"
}
# wait_final SECONDS: until every intent is final (payq wait, bounded); false when it timed out.
wait_final() { timeout "$(($1 + 10))" "$payq" --db "$PG_URL" wait --timeout "$1s" >"$work/wait.out" 2>&1; }

expect_exit 0 "payq migrate on the URL" -- pq migrate
expect_exit 0 "payq migrate again: nothing to do" -- pq migrate
start_daemon

# --- four producers at once -------------------------------------------------------------------------------------
# 1: one payq enqueue per intent.
enqueue_loop() {
  local i
  for i in $(seq "$per_producer"); do
    pq enqueue --amount "$((1 + i % 300)).$((i % 100))" --currency EUR --redirect-url "https://shop.example/e/$i" \
      --reference-id "ENQ-$i" --batch enqueue >/dev/null || { echo "enqueue ENQ-$i failed" >&2; return 1; }
  done
}
# 2: payq import of five CSV chunks of 100 lines.
import_chunks() {
  local chunk
  for chunk in 1 2 3 4 5; do
    awk -v c="$chunk" 'BEGIN { print "reference_id,amount,currency,redirect_url"
      for (i = (c - 1) * 100 + 1; i <= c * 100; i++) printf "IMP-%d,%d,JPY,https://shop.example/i/%d\n", i, 100 + i, i }' \
      >"$work/chunk$chunk.csv"
    pq import "$work/chunk$chunk.csv" --batch import >/dev/null || { echo "import chunk $chunk failed" >&2; return 1; }
  done
}
# 3: plain SQL through psql, only the producer's columns, one row per statement; five rows the schema must refuse.
sql_producer() {
  local i
  for i in $(seq "$per_producer"); do
    printf "INSERT INTO payment_intents (reference_id, amount, currency, redirect_url, batch) VALUES ('SQL-%d', '%d.%03d', 'KWD', 'https://shop.example/s/%d', 'sql');\n" \
      "$i" "$((i % 50))" "$((1 + i % 999))" "$i"
    case $i in
      100) echo "INSERT INTO payment_intents (reference_id, amount, currency, redirect_url, batch) VALUES ('BAD-1', '-5', 'EUR', 'https://x.example/', 'sql');" ;;
      200) echo "INSERT INTO payment_intents (reference_id, amount, currency, redirect_url, batch) VALUES ('BAD-2', 'abc', 'EUR', 'https://x.example/', 'sql');" ;;
      300) echo "INSERT INTO payment_intents (reference_id, amount, currency, redirect_url, batch) VALUES ('BAD-3', '1.5', 'JPY', 'https://x.example/', 'sql');" ;;
      400) echo "INSERT INTO payment_intents (reference_id, amount, currency, redirect_url, batch) VALUES ('BAD-4', '1', 'ZZZ', 'https://x.example/', 'sql');" ;;
      500) echo "INSERT INTO payment_intents (reference_id, amount, currency, redirect_url, batch) VALUES ('BAD-5', '1', 'EUR', 'ftp://x.example/', 'sql');" ;;
    esac
  done | "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=0 >/dev/null 2>"$work/sql.err"
}
enqueue_loop >"$work/p1.out" 2>"$work/p1.err" & p1=$!
import_chunks >"$work/p2.out" 2>"$work/p2.err" & p2=$!
"$load" "$PG_URL" "$per_producer" API >"$work/p3.out" 2>"$work/p3.err" & p3=$!
sql_producer & p4=$!
for p in "$p1 p1 enqueue" "$p2 p2 import" "$p3 p3 Producer-API"; do
  read -r pid name what <<<"$p"
  checks=$((checks + 1))
  wait "$pid" || fail "producer $what failed: $(head -3 "$work/$name.err")"
done
wait "$p4"
expect_eq "the schema refused the five bad SQL rows" "$(grep -c '^ERROR:' "$work/sql.err")" 5
for reason in "amount" "amount: more decimal places" "currency: not a known" "redirect_url"; do
  expect_contains "a refusal names '$reason'" "$(cat "$work/sql.err")" "$reason"
done
expect_eq "no bad row stored" "$(pg "SELECT count(*) FROM payment_intents WHERE reference_id LIKE 'BAD-%'")" 0
expect_eq "intents stored" "$(pg "SELECT count(*) FROM payment_intents")" $((4 * per_producer))
expect_eq "one first transition each" \
  "$(pg "SELECT count(*) FROM status_transitions WHERE field = 'state' AND old_value IS NULL")" $((4 * per_producer))

# --- the daemon drains them -------------------------------------------------------------------------------------
checks=$((checks + 1))
wait_final 400 || fail "not final after 400 s: $(cat "$work/wait.out")"
checks=$((checks + 1))
kill -0 "$daemon_pid" 2>/dev/null || fail "the daemon exited: $(tail -5 "$work/run.log")"
expect_exit 0 "payq status --format json" -- pq status --format json
expect_contains "status healthy" "$out" '"healthy":true'
expect_eq "intents not final" "$(pg "SELECT count(*) FROM payment_intents WHERE $not_final")" 0
expect_eq "intents settled" "$(pg "SELECT count(*) FROM payment_intents WHERE state = 'settled'")" $((4 * per_producer))
expect_eq "distinct references" "$(pg "SELECT count(DISTINCT reference_id) FROM payment_intents")" $((4 * per_producer))
expect_eq "requests created at the partner" "$(sandbox_stat '$.payments_created')" $((4 * per_producer))
expect_eq "duplicates at the partner" "$(sandbox_duplicates | wc -l)" 0
expect_eq "429 answers" "$(sandbox_stat '$.rate_limited')" 0
within_limit
expect_eq "payq list --state settled" "$(pq list --state settled --format csv | tail -n +2 | wc -l)" $((4 * per_producer))
# payq report's exact totals per currency against a NUMERIC sum in psql.
report_totals=$(pq report --format csv | awk -F, '$2 != "" && $2 !~ /all/ && $3 == "total_minor" { s[$1] += $4 }
  END { for (c in s) print c "=" s[c] }' | sort | paste -sd' ')
sql_totals=$(pg "SELECT string_agg(currency || '=' || total, ' ' ORDER BY currency) FROM
  (SELECT currency, sum(amount_minor) AS total FROM payment_intents GROUP BY currency) t")
expect_eq "report totals (minor units) equal psql's sums" "$report_totals" "$sql_totals"
report_paid=$(pq report --format csv | awk -F, '$1 == "EUR" && $2 == "paid" && $3 == "total" { print $4 }')
expect_eq "report's EUR paid total equals psql's" "$report_paid" \
  "$(pg "SELECT sum(amount::numeric) FROM payment_intents WHERE currency = 'EUR' AND remote_status = 'paid'")"
stop_daemon

# --- kill -9 mid-run on a second batch, restart ------------------------------------------------------------------
awk 'BEGIN { print "reference_id,amount,currency,redirect_url"
  for (i = 1; i <= 300; i++) printf "K-%d,%d.50,USD,https://shop.example/k/%d\n", i, i, i }' >"$work/second.csv"
expect_exit 0 "import the second batch" -- pq import "$work/second.csv" --batch second
start_daemon
# Bounded: kill once some of the batch is submitted, some still queued, and (if caught) a claim in flight.
for _ in $(seq 600); do
  [ "$(pg "SELECT count(*) FILTER (WHERE state <> 'queued') >= 40 AND count(*) FILTER (WHERE state = 'submitting') > 0
    FROM payment_intents WHERE batch = 'second'")" = t ] && break
  sleep 0.02
done
kill -KILL "$daemon_pid"; wait "$daemon_pid" 2>/dev/null; daemon_pid=
in_flight=$(pg "SELECT count(*) FROM payment_intents WHERE state = 'submitting'")
echo "killed with $in_flight claim(s) in flight; $(pg "SELECT string_agg(state || ' ' || n, ', ') FROM
  (SELECT state, count(*) n FROM payment_intents WHERE batch = 'second' GROUP BY state) t")"
checks=$((checks + 1))
[ "$(pg "SELECT count(*) FROM payment_intents WHERE batch = 'second' AND state = 'queued'")" -gt 0 ] ||
  fail "the kill came after the batch was claimed"
start_daemon
checks=$((checks + 1))
wait_final 200 || fail "second batch not final after 200 s: $(cat "$work/wait.out")"
expect_exit 0 "payq status after the restart" -- pq status --format json
expect_contains "status healthy after the restart" "$out" '"healthy":true'
expect_eq "intents stored" "$(pg "SELECT count(*) FROM payment_intents")" $((4 * per_producer + 300))
expect_eq "intents not final" "$(pg "SELECT count(*) FROM payment_intents WHERE $not_final")" 0
expect_eq "nothing left submitting" "$(pq list --state submitting --format csv | tail -n +2 | wc -l)" 0
expect_eq "payq list --state settled" "$(pq list --state settled --format csv | tail -n +2 | wc -l)" \
  "$(pg "SELECT count(*) FROM payment_intents WHERE state = 'settled'")"
expect_eq "every intent created at the partner is recorded" \
  "$(pg "SELECT count(*) FROM payment_intents WHERE remote_id IS NOT NULL")" "$(sandbox_distinct_created)"
for ref in $(sandbox_duplicates); do
  expect_eq "duplicate $ref flagged ambiguous" "$(pg "SELECT ambiguous FROM payment_intents WHERE reference_id = '$ref'")" 1
done
expect_eq "429 answers" "$(sandbox_stat '$.rate_limited')" 0
within_limit
echo "the sandbox created $(sandbox_duplicates | grep -c .) duplicate(s); $(grep -c 'recover' "$work/run.log") recovery line(s)"
stop_daemon
# What the daemons warned about, without timestamps and numbers, most frequent first (shown, not judged).
echo "daemon warnings and errors:"
grep -E '\[(warning|error|critical)\]' "$work/run.log" | sed -E 's/^\[[^]]*\] //; s/[0-9]+/N/g' | sort | uniq -c |
  sort -rn | head -n 8
finish
