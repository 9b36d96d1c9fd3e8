#!/usr/bin/env bash
# integration/cli_conventions_test.sh PAYQ — the command line follows convention: global options in every --help,
# unknown options named as options, list filters, `--format json` of wait and import, and payq(1) and the bash
# completion generated from the command table (every command and option present; completion driven in bash).
source "$(dirname "$0")/lib.sh"
payq=$1
db="$work/q.db"
unset PAYQ_CONFIG PAYQ_CLIENT_SECRET
q() { "$payq" --db "$db" "$@"; }
json() { sqlite3 :memory: "SELECT json_extract('$(echo "$out" | sed "s/'/''/g")', '$1')"; }
json_length() { sqlite3 :memory: "SELECT json_array_length('$(echo "$out" | sed "s/'/''/g")', '$1')"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# --- help, global options, unknown options ---------------------------------------------------------------------
expect_exit 0 "payq --help" -- "$payq" --help
expect_contains "top help lists --version" "$out" "--version"
expect_contains "top help lists --config" "$out" "--config PATH"
commands=$(echo "$out" | sed -n '/^commands:/,/^$/p' | awk 'NF > 1 { print $1 }')
expect_eq "top help lists 15 commands" "$(echo "$commands" | wc -l)" "15"
expect_exit 0 "payq --version" -- "$payq" --version
expect_contains "version line" "$out" "payq "
for cmd in $commands; do
  expect_exit 0 "payq help $cmd" -- "$payq" help "$cmd"
  help_text=$out
  expect_contains "help $cmd: usage" "$help_text" "usage: payq $cmd"
  expect_contains "help $cmd: --config" "$help_text" "--config PATH"
  expect_contains "help $cmd: --db" "$help_text" "--db DB"
  expect_exit 0 "payq $cmd --help" -- "$payq" "$cmd" --help
  expect_eq "payq $cmd --help is payq help $cmd" "$out" "$help_text"
done
expect_exit 2 "payq help of an unknown command" -- "$payq" help frobnicate
expect_contains "unknown command named" "$err" "payq: unknown command 'frobnicate'"
expect_exit 2 "an unknown option before any command" -- "$payq" --bogus
expect_contains "named as an option" "$err" "payq: unknown option '--bogus'"
expect_exit 2 "an unknown option after global options" -- "$payq" --db "$db" --bogus=1 list
expect_contains "named as an option, with its value" "$err" "payq: unknown option '--bogus=1'"
expect_exit 2 "an unknown option of a command" -- q list --bogus
expect_contains "command option named" "$err" "payq: unknown option '--bogus'"
expect_exit 2 "no command" -- "$payq"

# --- list filters -----------------------------------------------------------------------------------------------
expect_exit 0 "migrate" -- q migrate
day=86400000
t0=1793491200000  # 2026-11-01T00:00:00Z
sqlite3 "$db" "INSERT INTO payment_intents (reference_id, amount, currency, redirect_url, created_at, batch) VALUES
  ('L-1', '1.00', 'EUR', 'https://s.example/r', $t0, 'b'),
  ('L-2', '2.00', 'EUR', 'https://s.example/r', $((t0 + day / 2)), 'b'),
  ('L-3', '3.00', 'EUR', 'https://s.example/r', $((t0 + day)), 'b'),
  ('L-4', '4.00', 'EUR', 'https://s.example/r', $(($(now_ms) - 3600000)), 'b');
  UPDATE payment_intents SET state = 'submitted', remote_id = 'pr_2', remote_status = 'pending' WHERE reference_id = 'L-2';
  UPDATE payment_intents SET state = 'settled', remote_id = 'pr_3', remote_status = 'paid' WHERE reference_id = 'L-3';"
refs() { echo "$out" | tail -n +2 | cut -d, -f1 | paste -sd' '; }
expect_exit 0 "list --since a date" -- q list --format csv --since 2026-11-02
expect_eq "since a date" "$(refs)" "L-3 L-4"
expect_exit 0 "list --until a date (the whole day)" -- q list --format csv --until 2026-11-01
expect_eq "until a date" "$(refs)" "L-1 L-2"
expect_exit 0 "list --since an ISO time" -- q list --format csv --since 2026-11-01T12:00:00Z --until 2026-11-02T00:00:00Z
expect_eq "an ISO window" "$(refs)" "L-2 L-3"
expect_exit 0 "list --since an age" -- q list --format csv --since 2h
expect_eq "since 2h ago" "$(refs)" "L-4"
expect_exit 0 "list --remote-status" -- q list --format csv --remote-status paid
expect_eq "remote status paid" "$(refs)" "L-3"
expect_exit 0 "list --remote-status none" -- q list --format csv --remote-status none
expect_eq "no remote status" "$(refs)" "L-1 L-4"
expect_exit 0 "list --limit" -- q list --format csv --limit 2
expect_eq "the oldest two" "$(refs)" "L-1 L-2"
expect_exit 0 "filters together" -- q list --format csv --state queued --since 2026-11-01 --limit 1
expect_eq "state, since and limit" "$(refs)" "L-1"
expect_exit 2 "a bad --since" -- q list --since yesterday
expect_contains "bad --since named with the forms" "$err" "--since: 'yesterday' is not a date (2026-11-01), an ISO 8601 time"
expect_exit 2 "a bad --until" -- q list --until 2026-02-30
expect_contains "bad --until named" "$err" "--until: '2026-02-30'"
expect_exit 2 "--since after --until" -- q list --since 2026-11-02 --until 2026-11-01
expect_contains "window named" "$err" "--since is later than --until"
for bad in 0 -1 ten 1.5; do
  expect_exit 2 "--limit $bad" -- q list --limit "$bad"
  expect_contains "--limit $bad named" "$err" "--limit: '$bad' is not a whole number of at least 1"
done
expect_exit 2 "a bad --remote-status" -- q list --remote-status 'PAID!'
expect_contains "bad remote status named" "$err" "--remote-status: 'PAID!' is not a partner status"
expect_exit 2 "--limit without a value" -- q list --limit
expect_contains "missing value named" "$err" "--limit needs a value (N)"

# --- wait --format json -----------------------------------------------------------------------------------------
expect_exit 8 "wait json, timed out" -- q wait --batch b --timeout 1ms --format json
expect_eq "one line of JSON on stdout" "$(echo "$out" | wc -l)" "1"
expect_eq "timed out" "$(json '$.timed_out')" "1"
expect_eq "not final" "$(json '$.final')" "0"
expect_eq "the timeout" "$(json '$.timeout')" "1ms"
expect_eq "exit code in the object" "$(json '$.exit_code')" "8"
expect_eq "queued count" "$(json '$.counts.queued')" "2"
expect_eq "submitted count" "$(json '$.counts.submitted')" "1"
expect_eq "settled count" "$(json '$.counts.settled')" "1"
expect_eq "paid" "$(json '$.settled.paid')" "1"
expect_eq "total" "$(json '$.total')" "4"
sqlite3 "$db" "UPDATE payment_intents SET state = 'settled', remote_id = 'pr_' || id, remote_status = 'expired'
                WHERE reference_id IN ('L-1', 'L-2');
               UPDATE payment_intents SET state = 'failed' WHERE reference_id = 'L-4'"
expect_exit 1 "wait json, all final, one failed" -- q wait --batch b --format json
expect_eq "final" "$(json '$.final')" "1"
expect_eq "not timed out" "$(json '$.timed_out')" "0"
expect_eq "no timeout given" "$(json '$.timeout')" ""
expect_eq "batch" "$(json '$.batch')" "b"
expect_eq "exit code 1 in the object" "$(json '$.exit_code')" "1"
expect_eq "failed count" "$(json '$.counts.failed')" "1"
expect_eq "not paid" "$(json '$.settled.not_paid')" "2"
expect_eq "final_count" "$(json '$.final_count')" "4"
expect_exit 5 "wait json, nothing matches: no JSON, the message on stderr" -- q wait --batch nope --format json
expect_eq "nothing on stdout" "$out" ""
expect_exit 2 "wait --format csv" -- q wait --format csv
expect_contains "bad wait format" "$err" "--format: 'csv' is not text or json"

# --- import --format json ---------------------------------------------------------------------------------------
cat > "$work/mixed.csv" <<'CSV'
reference_id,amount,currency,redirect_url
I-1,10.00,EUR,https://s.example/r
I-2,0,EUR,https://s.example/r
L-1,1.00,EUR,https://s.example/r
L-3,9.00,EUR,https://s.example/r
I-3,5.00,EUR,ftp://s.example/r
CSV
expect_exit 1 "import json with rejections" -- q import "$work/mixed.csv" --format json
expect_eq "import json alone on stdout" "$(echo "$out" | wc -l)" "1"
expect_eq "no rejection lines on stderr" "$err" ""
expect_eq "read" "$(json '$.counts.read')" "5"
expect_eq "stored" "$(json '$.counts.stored')" "1"
expect_eq "already present" "$(json '$.counts.already_present')" "1"
expect_eq "conflicting" "$(json '$.counts.conflicting')" "1"
expect_eq "rejected" "$(json '$.counts.rejected')" "2"
expect_eq "import exit code in the object" "$(json '$.exit_code')" "1"
expect_eq "input format" "$(json '$.input_format')" "csv"
expect_eq "rejections listed" "$(json_length '$.rejections')" "3"
expect_eq "first rejection line" "$(json '$.rejections[0].line')" "3"
expect_eq "first rejection reference" "$(json '$.rejections[0].reference_id')" "I-2"
expect_eq "first rejection kind" "$(json '$.rejections[0].kind')" "rejected"
expect_contains "first rejection reason" "$(json '$.rejections[0].reason')" "amount:"
expect_eq "the conflict's line (in file order)" "$(json '$.rejections[1].line')" "5"
expect_eq "the conflict's kind" "$(json '$.rejections[1].kind')" "conflicting"
expect_eq "the conflict's reference" "$(json '$.rejections[1].reference_id')" "L-3"
expect_eq "the last rejection's line" "$(json '$.rejections[2].line')" "6"
printf '%s\n' '{"reference_id":"J-1","amount":"3.50","currency":"GBP","redirect_url":"https://s.example/j"}' >"$work/one.txt"
expect_exit 0 "import --input-format jsonl --format json" -- q import "$work/one.txt" --input-format jsonl --format json --batch j
expect_eq "clean import: exit 0 in the object" "$(json '$.exit_code')" "0"
expect_eq "jsonl named" "$(json '$.input_format')" "jsonl"
expect_eq "batch named" "$(json '$.batch')" "j"
expect_eq "no rejections" "$(json_length '$.rejections')" "0"
expect_exit 0 "the older --format jsonl still names the input" -- q import "$work/one.txt" --format jsonl
expect_contains "older spelling summary" "$out" "already present 1"
expect_exit 2 "import --format xml" -- q import "$work/one.txt" --format xml
expect_contains "bad import format" "$err" "--format: 'xml' is not text or json"

# --- payq(1): every command and every option of the table --------------------------------------------------------
expect_exit 0 "man page from the table" -- "$payq" __manual roff
roff=$out
expect_contains "roff title" "$roff" ".TH PAYQ 1"
for section in NAME SYNOPSIS DESCRIPTION COMMANDS "GLOBAL OPTIONS" "EXIT STATUS" FILES ENVIRONMENT "SEE ALSO"; do
  expect_contains "section $section" "$roff" ".SH $section"
done
expect_contains "PAYQ_CONFIG" "$roff" "PAYQ_CONFIG"
for cmd in $commands; do
  expect_contains "man: command $cmd" "$roff" ".SS ${cmd//-/\\-}"
  "$payq" "$cmd" --help | sed -n '/^global options:/q; s/^  \(--[a-z-]*\).*/\1/p' >"$work/options"
  while read -r option; do
    expect_contains "man: $cmd $option" "$(echo "$roff" | sed -n "/^\.SS ${cmd//-/\\\\-}\$/,/^\.S[SH] /p")" "\\fB${option//-/\\-}\\fR"
  done <"$work/options"
done
"$payq" --help | sed -n '/^global options:/,$ s/^  \(--[a-z-]*\).*/\1/p' >"$work/options"
expect_eq "four global options" "$(wc -l <"$work/options")" "4"
while read -r option; do
  expect_contains "man: global $option" "$(echo "$roff" | sed -n '/^\.SH GLOBAL OPTIONS/,/^\.SH EXIT/p')" "\\fB${option//-/\\-}\\fR"
done <"$work/options"
for code in 0 1 2 3 4 5 6 7 8 9 10 11 12 13; do
  expect_contains "man: exit $code" "$roff" $'.TP\n.B '"$code"$'\n'
done
checks=$((checks + 1))
if command -v groff >/dev/null; then  # groff-base: ./payq.sh installs it
  warnings=$(echo "$roff" | groff -man -Tutf8 -ww -z 2>&1)
  [ -z "$warnings" ] || fail "groff warns about payq(1): $warnings"
else
  fail "groff is missing: the man page cannot be checked"
fi

# --- bash completion, driven as bash drives it -------------------------------------------------------------------
expect_exit 0 "completion from the table" -- "$payq" __manual bash-completion
printf '%s\n' "$out" >"$work/payq.bash"
complete_words() {  # complete_words WORD...: the last word is the one being completed
  bash --norc --noprofile -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    _payq
    printf "%s\n" "${COMPREPLY[@]}" | sort | paste -sd" "' _ "$work/payq.bash" payq "$@"
}
checks=$((checks + 1))
bash --norc --noprofile -c 'source "$1"; complete -p payq' _ "$work/payq.bash" >/dev/null 2>&1 || fail "complete -F _payq payq not registered"
expect_eq "command names" "$(complete_words re)" "report requeue resolve resume"
expect_contains "every command offered" "$(complete_words '')" "check-config"
expect_eq "top-level options" "$(complete_words --)" "--config --db --help --version"
expect_eq "help completes commands" "$(complete_words help im)" "import"
expect_eq "list options" "$(complete_words list --l)" "--limit"
expect_contains "list options include the globals" "$(complete_words list --)" "--remote-status --since --state --until"
expect_eq "list --format values" "$(complete_words list --format '')" "csv json table"
expect_eq "list --format=j" "$(complete_words list --format = j)" "json"
expect_eq "--state values" "$(complete_words list --state s)" "settled submitted submitting"
expect_eq "cancel --state values" "$(complete_words cancel --state on)" "on_hold"
expect_eq "wait --format values" "$(complete_words wait --format '')" "json text"
expect_eq "status --format values" "$(complete_words --db x status --format p)" "prometheus"
mkdir -p "$work/files" && touch "$work/files/intents.csv" "$work/files/other.jsonl"
expect_eq "import completes file names" "$(complete_words import "$work/files/in")" "$work/files/intents.csv"
expect_eq "--db completes file names" "$(complete_words --db "$work/files/o")" "$work/files/other.jsonl"
expect_eq "--config after a command completes file names" "$(complete_words list --config "$work/files/i")" "$work/files/intents.csv"
expect_eq "a free value offers nothing" "$(complete_words list --batch '')" ""
expect_eq "the global option's value is not the command" "$(complete_words --db "$work/q.db" show --f)" "--format"

# The files the build wrote are this output.
build_dir=$(dirname "$payq")
if [ -f "$build_dir/payq.1" ]; then
  expect_eq "build/payq.1 is the table's page" "$(cat "$build_dir/payq.1")" "$roff"
  expect_eq "build/payq.bash-completion is the table's script" "$(cat "$build_dir/payq.bash-completion")" "$(cat "$work/payq.bash")"
  checks=$((checks + 1))
  gzip -dc "$build_dir/payq.1.gz" | cmp -s - "$build_dir/payq.1" || fail "payq.1.gz is not payq.1 compressed"
fi
finish
