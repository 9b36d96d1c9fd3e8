#!/usr/bin/env bash
# integration/report_test.sh PAYQ — `payq report` on a real file: intents imported, moved to final states with
# plain SQL, then JSON and CSV totals checked against sums the test computes itself; filters and exit codes.
source "$(dirname "$0")/lib.sh"
payq=$1
db="$work/q.db"
unset PAYQ_CONFIG PAYQ_CLIENT_SECRET
q() { "$payq" --db "$db" "$@"; }

# 60 intents: EUR and USD amounts of i*137 cents, JPY of i*37 yen; the expected sums come from these integers.
awk 'BEGIN { print "reference_id,amount,currency,redirect_url,batch"
  for (i = 1; i <= 60; i++) {
    c = (i % 3 == 0) ? "JPY" : (i % 3 == 1 ? "EUR" : "USD")
    a = (c == "JPY") ? sprintf("%d", i * 37) : sprintf("%d.%02d", int(i * 137 / 100), (i * 137) % 100)
    printf "R-%02d,%s,%s,https://shop.example/r/%d,%s\n", i, a, c, i, (i <= 40 ? "nov" : "dec") } }' >"$work/in.csv"
expected_by_currency=$(awk -F, 'NR > 1 { m = $2; gsub(/\./, "", m); s[$3] += m }
  END { for (c in s) printf "%s|%d\n", c, s[c] }' "$work/in.csv" | sort)

expect_exit 5 "report on a missing database" -- q report
expect_exit 0 "import" -- q import "$work/in.csv"
expect_exit 0 "enqueue one KWD intent" -- q enqueue --amount 1.005 --currency KWD --redirect-url https://s.example/r \
  --reference-id K-1 --batch nov
expected_by_currency=$(printf '%s\nKWD|1005\n' "$expected_by_currency" | sort)

# Final states by plain SQL (the schema's triggers record the transitions): by id modulo 7.
sqlite3 "$db" "
UPDATE payment_intents SET state = 'settled', remote_id = 'pr_' || id, remote_status = 'paid', changed_by = 'test',
       settled_at = created_at + 1000 * id, updated_at = created_at + 1000 * id WHERE id % 7 IN (0, 1);
UPDATE payment_intents SET state = 'settled', remote_id = 'pr_' || id, remote_status = 'expired', changed_by = 'test',
       settled_at = created_at + 3600000, updated_at = created_at + 3600000 WHERE id % 7 = 2;
UPDATE payment_intents SET state = 'failed', last_error = 'amount exceeds the merchant limit', changed_by = 'test'
 WHERE id % 7 = 3;
UPDATE payment_intents SET state = 'on_hold', ambiguous = 1, last_error = 'timeout after sending', changed_by = 'test'
 WHERE id % 7 = 4 AND id < 50;
UPDATE payment_intents SET state = 'cancelled', changed_by = 'test' WHERE id = 5;"
db_sql() { sqlite3 "$db" "$1"; }
# The outcome of each intent, spelled out here independently of the views.
outcomes="SELECT currency, amount_minor, batch, CASE state WHEN 'settled' THEN remote_status
  WHEN 'cancelled' THEN 'cancelled_before_submit' WHEN 'submitted' THEN 'awaiting_payment' ELSE state END AS outcome
  FROM payment_intents"

expect_exit 0 "report as json" -- q report --format json
echo "$out" >"$work/r.json"
json_sql() { sqlite3 :memory: "$1"; }
expect_eq "json totals per currency equal the test's own sums" \
  "$(json_sql "SELECT json_extract(value, '\$.currency') || '|' || sum(json_extract(value, '\$.total_minor'))
       FROM json_each(readfile('$work/r.json'), '\$.totals') GROUP BY json_extract(value, '\$.currency')
       ORDER BY 1")" "$expected_by_currency"
expect_eq "json totals per currency and outcome equal sqlite3's sums" \
  "$(json_sql "SELECT json_extract(value, '\$.currency') || '|' || json_extract(value, '\$.outcome') || '|' ||
       json_extract(value, '\$.intents') || '|' || json_extract(value, '\$.total_minor')
       FROM json_each(readfile('$work/r.json'), '\$.totals') ORDER BY 1")" \
  "$(db_sql "SELECT currency || '|' || outcome || '|' || count(*) || '|' || sum(amount_minor) FROM ($outcomes)
       GROUP BY currency, outcome ORDER BY 1")"
expect_eq "json amounts are the exact minor units formatted with the currency's digits" \
  "$(json_sql "SELECT count(*) FROM json_each(readfile('$work/r.json'), '\$.totals')
       WHERE json_extract(value, '\$.total') <> CASE json_extract(value, '\$.currency')
         WHEN 'JPY' THEN CAST(json_extract(value, '\$.total_minor') AS TEXT)
         WHEN 'KWD' THEN printf('%d.%03d', json_extract(value, '\$.total_minor') / 1000, json_extract(value, '\$.total_minor') % 1000)
         ELSE printf('%d.%02d', json_extract(value, '\$.total_minor') / 100, json_extract(value, '\$.total_minor') % 100) END")" "0"
expect_eq "json overall conversion: paid over settled" \
  "$(json_sql "SELECT json_extract(readfile('$work/r.json'), '\$.overall.conversion.paid') || '/' ||
       json_extract(readfile('$work/r.json'), '\$.overall.conversion.settled')")" \
  "$(db_sql "SELECT sum(outcome = 'paid') || '/' || sum(outcome IN ('paid', 'expired', 'cancelled')) FROM ($outcomes)")"
expect_eq "json failed, on hold and orphans" \
  "$(json_sql "SELECT json_extract(readfile('$work/r.json'), '\$.overall.failed') || ' ' ||
       json_extract(readfile('$work/r.json'), '\$.overall.on_hold') || ' ' ||
       json_array_length(readfile('$work/r.json'), '\$.possible_orphans')")" \
  "$(db_sql "SELECT sum(state = 'failed') || ' ' || sum(state = 'on_hold') || ' ' || sum(ambiguous) FROM payment_intents")"
# Paid after 1000 * id ms: the nearest-rank median and p95 over the ids of the paid intents.
expect_eq "json median and p95 time to payment" \
  "$(json_sql "SELECT json_extract(readfile('$work/r.json'), '\$.overall.time_to_payment.median_ms') || ' ' ||
       json_extract(readfile('$work/r.json'), '\$.overall.time_to_payment.p95_ms')")" \
  "$(db_sql "WITH p AS (SELECT 1000 * id AS ms FROM payment_intents WHERE remote_status = 'paid'),
       n AS (SELECT count(*) AS n FROM p)
     SELECT (SELECT ms FROM p ORDER BY ms LIMIT 1 OFFSET (SELECT (n + 1) / 2 - 1 FROM n)) || ' ' ||
            (SELECT ms FROM p ORDER BY ms LIMIT 1 OFFSET (SELECT (95 * n + 99) / 100 - 1 FROM n))")"

expect_exit 0 "report as csv" -- q report --format csv
expect_eq "csv header" "$(echo "$out" | head -1)" "currency,outcome,metric,value"
expect_eq "csv total_minor rows sum to the test's own totals" \
  "$(echo "$out" | awk -F, '$3 == "total_minor" { s[$1] += $4 } END { for (c in s) printf "%s|%d\n", c, s[c] }' | sort)" \
  "$expected_by_currency"
expect_eq "csv has the same figures as json" \
  "$(echo "$out" | awk -F, '$3 == "intents" { print $1 "|" $2 "|" $4 }' | sort)" \
  "$(json_sql "SELECT json_extract(value, '\$.currency') || '|' || json_extract(value, '\$.outcome') || '|' ||
       json_extract(value, '\$.intents') FROM json_each(readfile('$work/r.json'), '\$.totals') ORDER BY 1")"
expect_eq "csv rows all have four fields" "$(echo "$out" | awk -F, 'NF != 4' | wc -l)" "0"

expect_exit 0 "report --batch dec as json" -- q report --batch dec --format json
echo "$out" >"$work/dec.json"
expect_eq "batch filter: totals of batch dec only" \
  "$(json_sql "SELECT sum(json_extract(value, '\$.intents')) || ' ' || sum(json_extract(value, '\$.total_minor'))
       FROM json_each(readfile('$work/dec.json'), '\$.totals')")" \
  "$(db_sql "SELECT count(*) || ' ' || sum(amount_minor) FROM payment_intents WHERE batch = 'dec'")"

today=$(date -u +%F)
expect_exit 0 "report since today" -- q report --since "$today" --until "$today" --format json
echo "$out" >"$work/today.json"
expect_eq "today's report counts every intent" \
  "$(json_sql "SELECT sum(json_extract(value, '\$.intents')) FROM json_each(readfile('$work/today.json'), '\$.totals')")" "61"
expect_exit 0 "report since tomorrow" -- q report --since "$(date -u -d tomorrow +%F)" --format json
expect_contains "nothing created after today" "$out" '"totals":[]'
expect_exit 0 "table report" -- q report --batch nov
expect_contains "table has the totals section" "$out" "Totals by currency and outcome"
expect_contains "table lists a possible orphan" "$out" "timeout after sending"

expect_exit 2 "bad --since" -- q report --since 2026-13-01
expect_contains "bad --since is named" "$err" "--since: '2026-13-01' is not a date"
expect_exit 2 "--since later than --until" -- q report --since 2026-11-02 --until 2026-11-01
expect_exit 2 "bad --format" -- q report --format xml
expect_exit 2 "unknown option" -- q report --month 11


# Totals beyond int64: 20 maximal CLF amounts (4 minor digits) are 19999999999999999980 minor units, where
# SQLite's sum() raises "integer overflow"; the report prints them exactly in every format.
clf="$work/clf.db"
expect_exit 0 "migrate the CLF database" -- "$payq" --db "$clf" migrate
sqlite3 "$clf" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)
  INSERT INTO payment_intents (reference_id, amount, currency, redirect_url)
  SELECT 'CLF-' || i, '99999999999999.9999', 'CLF', 'https://s.example/r' FROM n;"
expect_exit 0 "report on huge CLF totals (json)" -- "$payq" --db "$clf" report --format json
expect_contains "json total is exact" "$out" '"total":"1999999999999999.9980","total_minor":19999999999999999980'
expect_exit 0 "report on huge CLF totals (csv)" -- "$payq" --db "$clf" report --format csv
expect_contains "csv total_minor is exact" "$out" "CLF,queued,total_minor,19999999999999999980"
expect_exit 0 "report on huge CLF totals (table)" -- "$payq" --db "$clf" report
expect_contains "table subtotal is exact" "$out" "1999999999999999.9980"

finish
