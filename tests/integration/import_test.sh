#!/usr/bin/env bash
# integration/import_test.sh PAYQ — `payq import` of 100,000 rows shares the database: another process enqueues
# in short transactions meanwhile (busy timeout 2 s) and never fails; kill -9 mid-import keeps whole chunks and
# a re-run stores every row exactly once; `--atomic` killed mid-import stores nothing.
source "$(dirname "$0")/lib.sh"
payq=$1
rows=100000
db="$work/q.db"
file="$work/intents.csv"
awk -v n="$rows" 'BEGIN {
  print "reference_id,amount,currency,redirect_url"
  for (i = 1; i <= n; i++) printf "IMP-%d,%d.%02d,USD,https://shop.example/r?o=%d\n", i, 1 + i % 500, i % 100, i
}' >"$file"
count() { sqlite3 "$db" "SELECT count(*) FROM payment_intents WHERE reference_id LIKE '${1:-IMP-}%'"; }
"$payq" --db "$db" migrate >/dev/null

# 1. Another writer with a 2 s busy timeout enqueues one intent per transaction while the import runs (the
#    import lets a waiting writer in within about a second; one transaction for the file would starve it).
cat >"$work/writer.yaml" <<YAML
database: { path: $db, busy_timeout: 2s }
YAML
"$payq" --db "$db" import "$file" >"$work/import.out" 2>"$work/import.err" &
import_pid=$!
enqueued=0
enqueue_failures=0
while kill -0 "$import_pid" 2>/dev/null && [ $enqueued -lt 2000 ]; do
  enqueued=$((enqueued + 1))
  "$payq" --config "$work/writer.yaml" enqueue --amount 2.00 --currency EUR --redirect-url https://shop.example/o \
    --reference-id "OTHER-$enqueued" >/dev/null 2>>"$work/writer.err" || enqueue_failures=$((enqueue_failures + 1))
done
checks=$((checks + 1))
wait "$import_pid" || fail "import beside another writer: exit $?; stderr: $(cat "$work/import.err")"
expect_contains "import summary" "$(cat "$work/import.out")" "inserted $rows, already present 0, rejected 0"
expect_eq "enqueues that failed while the import ran (of $enqueued): $(head -2 "$work/writer.err" 2>/dev/null)" \
  "$enqueue_failures" "0"
checks=$((checks + 1))
[ "$enqueued" -ge 1 ] || fail "no enqueue ran while the import was running"
expect_eq "imported rows stored" "$(count IMP-)" "$rows"
expect_eq "other writer's rows stored" "$(count OTHER-)" "$enqueued"
echo "the other writer enqueued $enqueued intents while the import ran"

# feed_half_and_kill DB [--atomic]: imports from a pipe, writes the first half of the file into it (so the
# import has read and inserted most of that half), then kills the import with SIGKILL.
feed_half_and_kill() {
  local target=$1; shift
  rm -f "$work/fifo"; mkfifo "$work/fifo"
  "$payq" --db "$target" import - "$@" <"$work/fifo" >/dev/null 2>"$work/killed.err" &
  local pid=$!
  exec 3>"$work/fifo"
  head -n $((rows / 2 + 1)) "$file" >&3
  kill -9 "$pid"
  wait "$pid" 2>/dev/null
  exec 3>&-
}

# 2. kill -9 mid-import: whole chunks stay; the same import again stores the rest, every row exactly once.
db="$work/killed.db"
"$payq" --db "$db" migrate >/dev/null
feed_half_and_kill "$db"
kept=$(count IMP-)
checks=$((checks + 1))
[ "$kept" -gt 0 ] && [ "$kept" -le $((rows / 2)) ] || fail "rows kept after kill -9 mid-import: $kept"
expect_exit 0 "re-run after kill -9" -- "$payq" --db "$db" import "$file"
expect_contains "re-run summary" "$out" "inserted $((rows - kept)), already present $kept, rejected 0"
expect_eq "rows after the re-run" "$(count IMP-)" "$rows"
expect_eq "distinct references" "$(sqlite3 "$db" 'SELECT count(DISTINCT reference_id) FROM payment_intents')" "$rows"
expect_eq "first transitions, one per row" \
  "$(sqlite3 "$db" "SELECT count(*) FROM status_transitions WHERE new_value='queued'")" "$rows"
expect_eq "integrity" "$(sqlite3 "$db" 'PRAGMA integrity_check')" "ok"

# 3. --atomic killed mid-import: nothing stored.
db="$work/atomic.db"
"$payq" --db "$db" migrate >/dev/null
feed_half_and_kill "$db" --atomic
expect_eq "rows after --atomic was killed" "$(count)" "0"
expect_eq "integrity after --atomic was killed" "$(sqlite3 "$db" 'PRAGMA integrity_check')" "ok"
expect_exit 0 "--atomic import to the end" -- "$payq" --db "$db" import "$file" --atomic
expect_contains "--atomic summary" "$out" "inserted $rows, already present 0, rejected 0"

# 4. Hostile lines are rejected with their lines, and the good ones go in.
db="$work/hostile.db"
{
  printf '\xEF\xBB\xBF"reference_id","amount","currency","redirect_url"\n'
  echo 'H-1,1.00,USD,https://s.example'
  echo 'H-2,"1.00,USD,https://s.example'
  for i in $(seq 3 14); do echo "H-$i,1.00,USD,https://s.example"; done
} >"$work/hostile.csv"
expect_exit 1 "CSV with a BOM, a quoted header and an unclosed quote" -- "$payq" --db "$db" import "$work/hostile.csv"
expect_contains "unclosed quote names the lines it took" "$err" \
  "hostile.csv:3-12: rejected ref=H-2: unclosed quote in field 2 (a record may span at most 10 lines); reading goes on at line 13"
expect_contains "the other lines go in" "$out" "inserted 4, already present 0, rejected 1"
{
  echo '{"reference_id":"J-1","amount":"1.00","amount":"100000.00","currency":"USD","redirect_url":"https://s.example"}'
  head -c 200000 /dev/zero | tr '\0' '['; echo
  echo '{"reference_id":"J-2","amount":"1.00","currency":"USD","redirect_url":"https://s.example"}'
} >"$work/hostile.jsonl"
expect_exit 1 "JSONL with a duplicate key and 200,000 '['" -- "$payq" --db "$db" import "$work/hostile.jsonl"
expect_contains "duplicate key" "$err" "hostile.jsonl:1: rejected ref=J-1: duplicate key 'amount'"
expect_contains "deep nesting" "$err" "hostile.jsonl:2: rejected: not valid JSON"
expect_contains "the good JSONL line goes in" "$out" "inserted 1, already present 0, rejected 2"

finish
