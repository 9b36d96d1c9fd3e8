#!/usr/bin/env bash
# integration/cli_test.sh PAYQ — the producer-side CLI against a real SQLite file: migrate, enqueue, import
# (mixed good and bad lines, re-import, stdin JSONL), list in every format, show, plain-SQL producers, exit codes.
source "$(dirname "$0")/lib.sh"
payq=$1
db="$work/q.db"
unset PAYQ_CONFIG PAYQ_CLIENT_SECRET
q() { "$payq" --db "$db" "$@"; }

expect_exit 0 "migrate" -- q migrate
expect_contains "migrate applies 0001" "$out" "applied 0001_init"
expect_exit 0 "migrate again" -- q migrate
expect_contains "second migrate is a no-op" "$out" "up to date"

expect_exit 0 "enqueue" -- q enqueue --amount 12.50 --currency USD --redirect-url https://s.example/r --reference-id E-1
expect_eq "enqueue prints the reference" "$out" "E-1"
expect_exit 0 "identical re-enqueue" -- q enqueue --amount 12.50 --currency USD --redirect-url https://s.example/r --reference-id E-1
expect_contains "re-enqueue says already present" "$err" "already present"
expect_exit 6 "conflicting re-enqueue" -- q enqueue --amount 13 --currency USD --redirect-url https://s.example/r --reference-id E-1
expect_contains "conflict names both amounts" "$err" "12.50 USD is stored, 13 USD was given"
expect_exit 2 "bad amount" -- q enqueue --amount 1.234 --currency USD --redirect-url https://s.example/r
expect_contains "bad amount names the field" "$err" "amount: '1.234' has 3 decimal places, USD allows at most 2"
expect_exit 2 "missing option" -- q enqueue --amount 1 --currency USD
expect_exit 0 "generated reference" -- q enqueue --amount 100 --currency JPY --redirect-url https://s.example/r
expect_contains "generated reference prefix" "$out" "pq-"

cat > "$work/mixed.csv" <<'CSV'
reference_id,amount,currency,redirect_url,batch
M-1,10.00,EUR,https://s.example/r,
M-2,0,EUR,https://s.example/r,
M-3,5,EUR,ftp://s.example/r,
M-4,7.25,EUR,https://s.example/r,
E-1,99.00,USD,https://s.example/r,
CSV
expect_exit 1 "import with rejected lines" -- q import "$work/mixed.csv" --batch nov
expect_contains "import summary" "$out" "inserted 2, already present 0, rejected 3"
expect_contains "line 3 reported" "$err" "mixed.csv:3: rejected ref=M-2: amount:"
expect_contains "line 4 reported" "$err" "mixed.csv:4: rejected ref=M-3: redirect_url:"
expect_contains "conflict reported" "$err" "mixed.csv:6: rejected ref=E-1"
expect_exit 1 "re-import" -- q import "$work/mixed.csv" --batch nov
expect_contains "re-import inserts nothing" "$out" "inserted 0, already present 2, rejected 3"

printf '%s\n' '{"reference_id":"J-1","amount":"3.50","currency":"GBP","redirect_url":"https://s.example/j"}' \
  | "$payq" --db "$db" import - --format jsonl >"$work/out" 2>"$work/err"
expect_eq "jsonl from stdin exit" "$?" "0"
expect_contains "jsonl from stdin summary" "$(cat "$work/out")" "inserted 1"

expect_exit 0 "list json" -- q list --format json --batch nov
expect_contains "json has contract fields" "$out" '"reference_id":"M-1","state":"queued","amount":"10.00","amount_minor":1000,"currency":"EUR"'
expect_contains "json has ambiguous" "$out" '"ambiguous":false'
expect_exit 0 "list csv" -- q list --format csv
expect_eq "csv header" "$(echo "$out" | head -1)" "reference_id,state,amount,amount_minor,currency,redirect_url,batch,remote_id,remote_status,attempts,throttled,polls,ambiguous,last_error,created_at,updated_at,settled_at,payment_url"
expect_eq "csv rows" "$(echo "$out" | tail -n +2 | wc -l)" "5"
expect_exit 0 "list table" -- q list --state queued
expect_contains "table footer" "$out" "5 intent(s)"
expect_exit 2 "unknown state" -- q list --state paid
expect_exit 2 "unknown format" -- q list --format xml

expect_exit 0 "show" -- q show M-1
expect_contains "show history" "$out" "state: - -> queued  (producer)"
expect_exit 0 "show json" -- q show M-1 --format json
expect_contains "show json transitions" "$out" '"transitions":[{"field":"state","from":null,"to":"queued"'
expect_exit 5 "show unknown" -- q show nope

# A plain-SQL producer: four columns, the schema does the rest or refuses.
sqlite3 "$db" "INSERT INTO payment_intents (reference_id, amount, currency, redirect_url) VALUES ('SQL-1', '4.5', 'USD', 'https://s.example/sql')"
expect_exit 0 "show plain-SQL intent" -- q show SQL-1 --format json
expect_contains "amount_minor derived by the schema" "$out" '"amount_minor":450'
checks=$((checks + 1))
if sqlite3 "$db" "INSERT INTO payment_intents (reference_id, amount, currency, redirect_url) VALUES ('SQL-2', '1e3', 'USD', 'https://s.example')" 2>"$work/err"; then
  fail "schema accepted amount 1e3"
fi
expect_contains "schema names the constraint" "$(cat "$work/err")" "amount_positive_plain_decimal"

# An explicit empty reference is refused: a retrying script passing an unset variable must not enqueue twice.
before=$(sqlite3 "$db" "SELECT count(*) FROM payment_intents")
expect_exit 2 "empty --reference-id" -- q enqueue --amount 1 --currency USD --redirect-url https://s.example/r --reference-id ""
expect_contains "empty reference named" "$err" "--reference-id must not be empty"
expect_eq "empty reference stored nothing" "$(sqlite3 "$db" "SELECT count(*) FROM payment_intents")" "$before"

# Control characters from input are escaped on the terminal (tables, show, rejections, errors); JSON stays exact.
esc=$'\e'
no_raw_escape() {
  checks=$((checks + 1))
  case "$2" in *"$esc"*) fail "$1: a raw ESC byte reached the terminal" ;; esac
}
printf 'reference_id,amount,currency,redirect_url\nX%s[31mRED,1.00,EUR,https://s.example/r\n' "$esc" >"$work/esc.csv"
expect_exit 1 "import a reference holding ESC" -- q import "$work/esc.csv"
no_raw_escape "import rejection" "$err"
expect_contains "rejection quotes the ESC escaped" "$err" 'X\x1b[31mRED'
expect_exit 2 "enqueue a reference holding ESC" -- q enqueue --amount 1 --currency USD --redirect-url https://s.example/r --reference-id "A${esc}]0;owned${esc}\\"
no_raw_escape "enqueue error" "$err"
expect_contains "enqueue error quotes the ESC escaped" "$err" 'A\x1b]0;owned'
sqlite3 "$db" "UPDATE payment_intents SET remote_status = 'x' || char(27) || '[2J', last_error = 'partner said ' || char(27) || '[31mred' || char(7), changed_by = 'test' WHERE reference_id = 'SQL-1'"
expect_exit 0 "list table with control characters" -- q list
no_raw_escape "list table" "$out"
expect_contains "list shows the status escaped" "$out" 'x\x1b[2J'
expect_exit 0 "show with control characters" -- q show SQL-1
no_raw_escape "show" "$out"
expect_contains "show escapes last_error" "$out" 'partner said \x1b[31mred\x07'
expect_exit 0 "list json with control characters" -- q list --format json
no_raw_escape "list json" "$out"
expect_contains "json keeps the exact value (JSON escape)" "$out" 'partner said \u001B[31mred\u0007'

expect_exit 5 "missing database for list" -- "$payq" --db "$work/none.db" list
expect_contains "missing database hint" "$err" "payq migrate"
expect_exit 2 "unknown command" -- "$payq" frobnicate
expect_exit 0 "help" -- "$payq" import --help
expect_contains "import help" "$out" "usage: payq import"
echo "database: nope: [" > "$work/bad.yaml"
expect_exit 3 "invalid config file" -- "$payq" --config "$work/bad.yaml" list
expect_exit 3 "missing explicit config" -- "$payq" --config "$work/absent.yaml" --db "$db" list
expect_eq "integrity" "$(sqlite3 "$db" 'PRAGMA integrity_check')" "ok"
finish
