#!/usr/bin/env bash
# integration/postgres_schema_test.sh PAYQ — migrations/postgres on a throwaway PostgreSQL server, side by side with
# the SQLite schema `payq migrate` makes: the same plain SQL is accepted or refused alike, for the same reason.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/../support/pg_server.sh"
payq=$1
migrations=$(cd "$(dirname "$0")/../../migrations/postgres" && pwd)
lite_db="$work/reference.db"
trap 'pg_stop; cleanup' EXIT
trap 'exit 130' INT TERM

pg_start || { echo "FAIL: no PostgreSQL server" >&2; exit 1; }
server_dir=$PG_DIR server_pid=$PG_PID
pg() { "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }
lite() { sqlite3 -bail "$lite_db" "$@"; }

# --- migrate as the database's owner, which is no superuser ----------------------------------------------------
expect_eq "owner role is no superuser" "$(pg -c "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")" f
expect_eq "owner role owns the database" \
  "$(pg -c "SELECT pg_get_userbyid(datdba) = current_user FROM pg_database WHERE datname = current_database()")" t
for file in "$migrations"/*.sql; do
  expect_exit 0 "$(basename "$file") applies in one transaction as the owner" -- \
    pg --single-transaction -f "$file"
done
expect_eq "no extension needed" "$(pg -c "SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql'")" 0
# The SQL is not idempotent (the migrator records versions), but a failed second run must change nothing.
objects="SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace"
before=$(pg -c "$objects")
expect_exit 3 "0001 applied again stops at its first statement" -- \
  pg --single-transaction -f "$migrations/0001_init.sql"
expect_eq "and leaves the schema as it was" "$(pg -c "$objects")" "$before"
expect_exit 0 "payq migrate makes the SQLite reference" -- "$payq" --db "$lite_db" migrate

# --- same tables, views, columns, indexes and triggers as SQLite -------------------------------------------------
lite_columns=$(lite "SELECT m.name || ': ' || (SELECT group_concat(name, ',') FROM
  (SELECT name FROM pragma_table_info(m.name) ORDER BY cid)) FROM sqlite_master m
  WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite_%'")
pg_columns=$(pg -c "SELECT table_name || ': ' || string_agg(column_name, ',' ORDER BY ordinal_position)
  FROM information_schema.columns WHERE table_schema = current_schema() GROUP BY table_name ORDER BY table_name")
expect_eq "tables and views with their columns in order" "$(sort <<<"$pg_columns")" "$(sort <<<"$lite_columns")"
missing=$(comm -23 \
  <(lite "SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL" | sort) \
  <(pg -c "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()
           UNION SELECT tgname FROM pg_trigger WHERE NOT tgisinternal" | sort))
expect_eq "every SQLite index and trigger has its namesake" "$missing" ""

# --- plain SQL accepted or refused alike ------------------------------------------------------------------------
# both DESCRIPTION SQL [WANT]: runs SQL on both databases; both accept it, or both refuse it for the same reason:
# SQLite's trigger message verbatim, the CHECK / UNIQUE / NOT NULL it names. WANT, when given, must be in both.
both() {
  local what=$1 sql=$2 want=${3:-} lite_err pg_err reason lite_rc=0 pg_rc=0
  checks=$((checks + 1))
  lite_err=$(lite "$sql" 2>&1 >/dev/null) || lite_rc=$?
  pg_err=$(pg -c "$sql" 2>&1 >/dev/null) || pg_rc=$?
  if [ "$lite_rc" -eq 0 ] && [ "$pg_rc" -eq 0 ]; then
    [ -z "$want" ] || fail "$what: accepted by both, want '$want'"
    return
  fi
  [ "$lite_rc" -ne 0 ] && [ "$pg_rc" -ne 0 ] || {
    fail "$what: SQLite ${lite_err:-accepts}, PostgreSQL ${pg_err:-accepts}"; return; }
  reason=$(sed -E 's/^(Error: (stepping, |near line [0-9]+: )?|Runtime error near line [0-9]+: )//; s/ \([0-9]+\)$//' \
    <<<"$lite_err")
  local pg_want
  case "$reason" in
    "CHECK constraint failed: "*[!a-z_]*) pg_want="violates check constraint" ;;  # unnamed: no common name
    "CHECK constraint failed: "*) pg_want="check constraint \"${reason#CHECK constraint failed: }\"" ;;
    "UNIQUE constraint failed: "*) pg_want="unique constraint" ;;
    "NOT NULL constraint failed: "*) pg_want="column \"${reason##*.}\"" ;;
    *) pg_want=$reason ;;
  esac
  case "$pg_err" in *"$pg_want"*) ;; *) fail "$what: SQLite refuses with '$reason', PostgreSQL with: $pg_err" ;; esac
  [ -z "$want" ] || case "$reason" in *"$want"*) ;; *) fail "$what: SQLite refuses with '$reason', want '$want'" ;; esac
}
# insert REF AMOUNT CURRENCY [URL]: the producer's four columns.
insert() {
  printf "INSERT INTO payment_intents (reference_id, amount, currency, redirect_url) VALUES ('%s', '%s', '%s', '%s')" \
    "$1" "$2" "$3" "${4:-https://shop.example/r}"
}
# same DESCRIPTION SQL: the query's answer is the same on both.
same() { expect_eq "$1" "$(pg -c "$2" 2>&1)" "$(lite "$2" 2>&1)"; }

both "12.5 USD" "$(insert A-1 12.5 USD)"
both "49.90 USD" "$(insert A-2 49.90 USD)"
both "100 JPY" "$(insert J-1 100 JPY)"
both "1000 JPY" "$(insert J-2 1000 JPY)"
both "1.234 KWD" "$(insert K-1 1.234 KWD)"
both "1.234 BHD" "$(insert K-2 1.234 BHD)"
both "0.5 CLF" "$(insert K-3 0.5 CLF)"
both "14 digits before the point" "$(insert L-1 12345678901234.99 USD)"
both "with a batch" "INSERT INTO payment_intents (reference_id, amount, currency, redirect_url, batch)
  VALUES ('B-1', '7', 'EUR', 'https://shop.example/r', 'nightly 1')"
expect_eq "amount_minor derived" "$(pg -c "SELECT string_agg(reference_id || '=' || amount_minor, ' ' ORDER BY id)
  FROM payment_intents")" "A-1=1250 A-2=4990 J-1=100 J-2=1000 K-1=1234 K-2=1234 K-3=5000 L-1=1234567890123499 B-1=700"
same "derived and defaulted columns" "SELECT reference_id, amount_minor, state, attempts, throttled, ambiguous, polls,
  not_found_polls, changed_by, CASE WHEN next_attempt_at = created_at AND created_at = updated_at
  AND created_at > 1700000000000 THEN 'now' END FROM payment_intents ORDER BY reference_id"
same "first transitions" "SELECT i.reference_id, t.field, coalesce(t.old_value, '-'), t.new_value, t.observed_by,
  CASE WHEN t.at = i.created_at THEN 'at creation' END
  FROM status_transitions t JOIN payment_intents i ON i.id = t.intent_id ORDER BY t.id"

both "duplicate reference_id" "$(insert A-1 1 USD)" reference_id
for bad in 0 0.00 -1 -5 1e3 " 100" 1,000 .5 5. 01 1.2.3 "" abc 123456789012345 1.5.; do
  both "amount '$bad'" "$(insert B "$bad" USD)" amount
done
both "1.234 USD" "$(insert B 1.234 USD)" "amount: more decimal places"
both "1.5 JPY" "$(insert B 1.5 JPY)" "amount: more decimal places"
both "1.00005 CLF" "$(insert B 1.00005 CLF)" "amount: more decimal places"
both "currency XXX" "$(insert B 1 XXX)" "currency: not a known"
both "currency ZZZ" "$(insert B 1 ZZZ)" "currency: not a known"
both "currency usd" "$(insert B 1 usd)" currency
both "currency EURO" "$(insert B 1 EURO)" currency
both "ftp:// redirect" "$(insert B 1 USD ftp://x)" redirect_url_absolute_http_with_host
both "https:/// redirect" "$(insert B 1 USD https:///x)" redirect_url_absolute_http_with_host
both "reference_id with a space" "$(insert "has space" 1 USD)" reference_id_1_to_128
both "empty reference_id" "$(insert "" 1 USD)" reference_id_1_to_128
both "129-character reference_id" "$(insert "$(printf 'r%.0s' $(seq 129))" 1 USD)" reference_id_1_to_128
both "reference_id with non-ASCII" "$(insert "Ré-1" 1 USD)" reference_id_1_to_128
both "batch with a tab" "$(printf "INSERT INTO payment_intents (reference_id, amount, currency, redirect_url, batch)
  VALUES ('B', '1', 'USD', 'https://x', 'a\tb')")" batch_1_to_128_printable_ascii
both "new intent not queued" "INSERT INTO payment_intents (reference_id, amount, currency, redirect_url, state)
  VALUES ('C', '1', 'USD', 'https://x', 'settled')" "state: a new intent starts as queued"
both "new intent with a remote id" "INSERT INTO payment_intents (reference_id, amount, currency, redirect_url,
  remote_id) VALUES ('C', '1', 'USD', 'https://x', 'pr_1')" "state: a new intent starts as queued"
both "amount_minor that does not match" "INSERT INTO payment_intents (reference_id, amount, amount_minor, currency,
  redirect_url) VALUES ('D', '1.5', 15, 'USD', 'https://x')" "amount_minor: does not match"
both "amount_minor that matches" "INSERT INTO payment_intents (reference_id, amount, amount_minor, currency,
  redirect_url) VALUES ('D-1', '1.5', 150, 'USD', 'https://x')"
both "no redirect_url" "INSERT INTO payment_intents (reference_id, amount, currency) VALUES ('E', '1', 'USD')" \
  redirect_url
both "payment_url not http" "INSERT INTO payment_intents (reference_id, amount, currency, redirect_url, payment_url)
  VALUES ('F', '1', 'USD', 'https://x', 'javascript:alert(1)')" payment_url_absolute_http
# Known difference: SQLite runs the redirect_url rule first, PostgreSQL the currency rule (triggers fire in name
# order); both refuse the row.
expect_exit 1 "bad currency and bad redirect_url" -- pg -c "$(insert B 1 ZZZ https://:pw@x/)"
expect_contains "the currency rule answers first" "$err" "currency: not a known"
both "negative attempts" "INSERT INTO payment_intents (reference_id, amount, currency, redirect_url, attempts)
  VALUES ('G', '1', 'USD', 'https://x', -1)"

# The redirect_url cases of the SQLite schema test (each against the C++ rule there), plus a few: same verdicts,
# same messages.
n=0
for url in "https://a.example" "https://a.example:443/x?y#z" "http://localhost:8080/x" "https://[::1]/" \
  "https://[::1]:80/" "https://127.0.0.1./" "https://localhost./" "https://x.example/p@q" "https://a.example:00080/" \
  "https://a-b_c~d.example/" "http://shop.example/return?to=https://x@y" "https://:pw@x.example/" \
  "https://user@host/p" "https://a.example:0/" "https://a.example:65536/" "https://a.example:/" \
  "https://a.example:8x/" "https://a.example:80:90/" "https://[::1" "https://[zz]/" "https://[]/" "https://[::1]x/" \
  "http://2130706433/" "http://127.1/" "http://0x7f.1/" "http://256.1.1.1/" "http://1.2.3.4.5/" \
  "http://127.000.0.1/" "https://a..b/" "https://.a/" "https://a.1b/" "https://a\$b/" "https://a%41.example/" \
  'https://a.example\@b/' "https://a!b.example/" 'https://a.example/ok\path' "https://:80/x" "HTTPS://a.example/" \
  "https://a b/" "https://A.Example/x" "https://a.-b/" "https://a.example?x=/y" "https://a.example#/y" \
  "https://a.9/" "https://a.b9.c/" "https://a./" "https://a.example:8443/p" "https://a.example:8443@b/" \
  "http://1.2.3.4/" "http://255.255.255.255:65535/" "http://1.2.3.04/" "https://[fe80::1%25eth0]/" \
  "https://a.example:123456/" "https://éa.example/" "http://@x/"; do
  n=$((n + 1))
  both "redirect_url $url" "$(insert "U-$n" 1 USD "$url")"
done

# --- history: append-only, every change recorded ----------------------------------------------------------------
both "state change" "UPDATE payment_intents SET state = 'cancelled', changed_by = 'operator', change_reason = 'dup',
  updated_at = updated_at + 5 WHERE reference_id = 'A-1'"
both "remote_status and state in one update" "UPDATE payment_intents SET state = 'submitted', remote_id = 'pr-a2',
  remote_status = 'pending', changed_by = 'daemon', updated_at = updated_at + 7 WHERE reference_id = 'A-2'"
both "remote_status change" "UPDATE payment_intents SET remote_status = 'paid', changed_by = 'reconciler'
  WHERE reference_id = 'A-2'"
both "an update that changes neither" "UPDATE payment_intents SET state = state, remote_status = remote_status,
  attempts = 1 WHERE reference_id = 'A-2'"
same "transitions after the updates, in order" "SELECT i.reference_id, t.field, coalesce(t.old_value, '-'),
  t.new_value, t.observed_by, coalesce(t.detail, '-'), CASE WHEN t.at = i.updated_at THEN 'writer'
  WHEN t.at >= i.created_at THEN 'now' END FROM status_transitions t JOIN payment_intents i ON i.id = t.intent_id
  WHERE i.reference_id IN ('A-1', 'A-2') AND (t.old_value IS NOT NULL OR t.field = 'remote_status') ORDER BY t.id"
both "UPDATE status_transitions" "UPDATE status_transitions SET new_value = 'x'" append-only
both "DELETE status_transitions" "DELETE FROM status_transitions" append-only
expect_exit 1 "TRUNCATE status_transitions" -- pg -c "TRUNCATE status_transitions"
expect_contains "TRUNCATE says why" "$err" "append-only"
both "amount changed" "UPDATE payment_intents SET amount = '2'" "never change"
both "currency changed" "UPDATE payment_intents SET currency = 'EUR'" "never change"
both "created_at changed" "UPDATE payment_intents SET created_at = created_at + 1" "never change"
both "amount set to itself" "UPDATE payment_intents SET amount = amount WHERE reference_id = 'J-1'"
both "intent deleted" "DELETE FROM payment_intents" "never deleted"
expect_exit 1 "TRUNCATE payment_intents" -- pg -c "TRUNCATE payment_intents CASCADE"
expect_contains "TRUNCATE says why" "$err" "never deleted"
both "unknown state" "UPDATE payment_intents SET state = 'bogus'" state_known
both "submitted without remote id" "UPDATE payment_intents SET state = 'submitted'" submitted_has_remote_id
both "submitting without lease" "UPDATE payment_intents SET state = 'submitting' WHERE reference_id = 'J-1'" \
  submitting_has_lease
both "remote id used twice" "UPDATE payment_intents SET remote_id = 'pr-a2' WHERE reference_id = 'J-1'"

# --- the other tables: append-only audit rows, single-row tables ------------------------------------------------
both "daemon epoch" "INSERT INTO daemon_epochs (pid, host, started_at) VALUES (42, 'h', 1)"
both "heartbeat without an id" "INSERT INTO daemon_heartbeat (pid, version, started_at, beat_at, rate, margin_us)
  VALUES (42, 'v', 1, 2, 4.5, 100)"
both "a second heartbeat row" "INSERT INTO daemon_heartbeat (id, pid, version, started_at, beat_at, rate, margin_us)
  VALUES (2, 42, 'v', 1, 2, 4.5, 100)"
same "heartbeat row" "SELECT id, pid, rate, host, coalesce(epoch, -1) FROM daemon_heartbeat"
both "pause" "INSERT INTO submission_pause (paused_at, paused_by) VALUES (1, 'ops')"
both "pause by nobody" "INSERT INTO submission_pause (id, paused_at, paused_by) VALUES (1, 1, '')"
both "pause event" "INSERT INTO pause_events (action, at, actor) VALUES ('pause', 1, 'ops')"
both "pause event with an unknown action" "INSERT INTO pause_events (action, at, actor) VALUES ('stop', 1, 'ops')"
both "pause event changed" "UPDATE pause_events SET actor = 'x'" append-only
both "pause event deleted" "DELETE FROM pause_events" append-only
both "orphan candidate" "INSERT INTO orphan_candidates (intent_id, remote_id, seen_at, reason)
  SELECT id, 'pr-x', 5, 'claim lost' FROM payment_intents WHERE reference_id = 'J-1'"
both "orphan candidate changed" "UPDATE orphan_candidates SET reason = 'x'" append-only
both "orphan candidate deleted" "DELETE FROM orphan_candidates" append-only
both "api call" "INSERT INTO api_calls (kind, started_at, latency_ms, http_status, outcome)
  VALUES ('token', 1, 3, 200, 'success')"
both "api call with a bad status" "INSERT INTO api_calls (kind, started_at, latency_ms, http_status, outcome)
  VALUES ('token', 1, 3, 99, 'success')"

# --- reporting views: same rows for intents with fixed times ----------------------------------------------------
t0=1767225600000  # 2026-01-01T00:00:00Z
i=0
for row in "P-1 10.10 EUR paid 3000" "P-2 0.10 EUR paid 61000" "P-3 0.20 EUR expired 9000" "P-4 5 JPY paid 1500" \
  "P-5 1.005 KWD cancelled 4000" "P-6 2.50 EUR failed 0" "P-7 3 EUR queued 0" "P-8 4 EUR pending 0"; do
  read -r ref amount currency outcome after <<<"$row"
  i=$((i + 1))
  created=$((t0 + i * 86400000 / 3))
  both "report intent $ref" "INSERT INTO payment_intents (reference_id, amount, currency, redirect_url, batch,
    created_at, updated_at, next_attempt_at) VALUES ('$ref', '$amount', '$currency', 'https://shop.example/$ref',
    'report', $created, $created, $created)"
  case $outcome in
    queued) ;;
    failed) both "fail $ref" "UPDATE payment_intents SET state = 'failed', last_error = 'HTTP 400: no',
              ambiguous = 1, attempts = 3, first_attempt_at = $created + 10, updated_at = $created + 20
              WHERE reference_id = '$ref'" ;;
    pending) both "submit $ref" "UPDATE payment_intents SET state = 'submitted', remote_id = 'pr-$ref',
              remote_status = 'pending', updated_at = $created + 30 WHERE reference_id = '$ref'" ;;
    *) both "submit $ref" "UPDATE payment_intents SET state = 'submitted', remote_id = 'pr-$ref',
         remote_status = 'pending', updated_at = $created + 30 WHERE reference_id = '$ref'"
       both "settle $ref" "UPDATE payment_intents SET state = 'settled', remote_status = '$outcome',
         settled_at = $created + $after + 500, updated_at = $created + $after WHERE reference_id = '$ref'" ;;
  esac
done
report="WHERE reference_id LIKE 'P-%'"
same "v_intents" "SELECT * FROM v_intents $report ORDER BY reference_id"
same "v_intent_outcomes" "SELECT reference_id, batch, currency, minor_digits, amount, amount_minor, state, remote_id,
  remote_status, outcome, ambiguous, last_error, day, created_at_ms, paid_at_ms FROM v_intent_outcomes $report
  ORDER BY reference_id"
same "v_intent_history" "SELECT reference_id, at, field, old_value, new_value, observed_by, detail
  FROM v_intent_history $report ORDER BY id"
same "v_failed_intents" "SELECT * FROM v_failed_intents $report ORDER BY reference_id"
same "v_possible_orphans" "SELECT * FROM v_possible_orphans $report ORDER BY reference_id"
days="WHERE day < '2026-01-04'"
same "v_daily_totals" "SELECT * FROM v_daily_totals $days ORDER BY day, currency, state, remote_status"
same "v_outcome_totals" "SELECT * FROM v_outcome_totals $days ORDER BY day, currency, outcome"
same "v_currency_outcome_totals" "SELECT * FROM v_currency_outcome_totals ORDER BY currency, outcome"
same "v_conversion" "SELECT currency, settled, paid, CAST(round(conversion_rate * 10000) AS INTEGER)
  FROM v_conversion ORDER BY currency"
same "v_time_to_payment" "SELECT currency, paid, median_ms, p95_ms, CAST(round(median_seconds * 10) AS INTEGER),
  CAST(round(p95_seconds * 10) AS INTEGER) FROM v_time_to_payment ORDER BY currency"
same "v_orphan_candidates" "SELECT * FROM v_orphan_candidates ORDER BY reference_id"
expect_eq "EUR paid total" "$(pg -c "SELECT total FROM v_currency_outcome_totals
  WHERE currency = 'EUR' AND outcome = 'paid'")" "10.20"
expect_eq "KWD cancelled total" "$(pg -c "SELECT total FROM v_currency_outcome_totals
  WHERE currency = 'KWD' AND outcome = 'cancelled'")" "1.005"

# --- a new intent wakes LISTENers on payq_intents, once per statement -------------------------------------------
# The insert runs in another session (\!) while this one is idle; the next query returns the notification.
notified=$("$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 2>&1 <<SQL
LISTEN payq_intents;
\! "$PG_BIN/psql" -X -q -c "$(insert N-1 1 USD), ('N-2', '2', 'USD', 'https://x'), ('N-3', '3', 'USD', 'https://x')"
SELECT 'after insert';
SQL
)
expect_contains "LISTEN payq_intents hears an insert" "$notified" 'Asynchronous notification "payq_intents" received'
expect_eq "one notification for a three-row insert" "$(grep -c 'Asynchronous notification' <<<"$notified")" 1

# --- payq import: the same report and the same rows on both stores ----------------------------------------------
# Rows go in through COPY and one set-based insert on PostgreSQL, row by row on SQLite: bad rows, rows stored before
# (same or other content), a reference repeated within a batch and across batches, and COPY's special characters
# must come out alike, line numbers included.
"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -U "$PG_ADMIN_USER" -d postgres -c "CREATE DATABASE imports OWNER $PGUSER"
import_url="postgresql://$PGUSER@127.0.0.1:$PGPORT/imports"
import_lite="$work/imports.db"
{
  echo "reference_id,amount,currency,redirect_url,batch"
  echo "A-1,10.00,EUR,https://shop.example/a,b1"
  echo "A-2,-5,EUR,https://shop.example/a,"
  echo "A-3,abc,EUR,https://shop.example/a,"
  echo "A-4,1.5,JPY,https://shop.example/a,"
  echo "A-5,10.00,ZZZ,https://shop.example/a,"
  echo "A-6,10.00,EUR,ftp://shop.example/a,"
  echo "A-1,10.00,EUR,https://shop.example/a,b2"
  echo "A-1,11.00,EUR,https://shop.example/a,"
  echo "PRE-SAME,5.00,EUR,https://shop.example/p,"
  echo "PRE-OTHER,6.00,EUR,https://shop.example/p,"
  echo '\N,3.00,EUR,https://shop.example/a\b?q=\t,\N'
  echo '"A-7","4.00","EUR","https://shop.example/a?x=1,2","tab\there ""quoted"""'
  for i in $(seq 1 2500); do echo "G-$i,$((i % 90 + 1)).25,USD,https://shop.example/g,"; done
  echo "A-1,10.00,EUR,https://shop.example/a,b3"
  echo "G-7,99.00,USD,https://shop.example/g,"
  echo "G-2400,1.25,USD,https://shop.example/g,"
} >"$work/mixed.csv"
for target in "$import_lite" "$import_url"; do
  "$payq" --db "$target" migrate >/dev/null
  "$payq" --db "$target" enqueue --reference-id PRE-SAME --amount 5.00 --currency EUR \
    --redirect-url https://shop.example/p >/dev/null
  "$payq" --db "$target" enqueue --reference-id PRE-OTHER --amount 5.00 --currency EUR \
    --redirect-url https://shop.example/p >/dev/null
done
import_report() {
  "$payq" --db "$1" import "$work/mixed.csv" 2>&1 | sed -E 's/ \([0-9]+ records in .*\)$//'
  echo "exit ${PIPESTATUS[0]}"
}
lite_report=$(import_report "$import_lite")
pg_report=$(import_report "$import_url")
expect_contains "SQLite import summary" "$lite_report" "inserted 2503, already present 3, rejected 9"
expect_eq "PostgreSQL import reports the same lines, reasons and counts" "$pg_report" "$lite_report"
rows="SELECT reference_id || ' ' || amount || ' ' || currency || ' ' || redirect_url || ' ' || coalesce(batch, '-')
  FROM payment_intents ORDER BY id"
expect_eq "and stores the same rows in the same order" "$(pg -d imports -c "$rows")" \
  "$(sqlite3 "$import_lite" "$rows")"
expect_eq "the same import again: everything present, nothing stored twice" \
  "$(import_report "$import_url" | tail -2 | head -1)" "inserted 0, already present 2506, rejected 9"

# --- nothing left behind ----------------------------------------------------------------------------------------
pg_stop
checks=$((checks + 1)); [ ! -e "$server_dir" ] || fail "server dir $server_dir left behind"
checks=$((checks + 1)); [ ! -e "/proc/$server_pid" ] || fail "postmaster $server_pid still runs"
finish
