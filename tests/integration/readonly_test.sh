#!/usr/bin/env bash
# integration/readonly_test.sh PAYQ SANDBOX — the read commands as a reporting user who may read the database
# (0640 root:group) but not write it or its directory: with no daemon (an immutable snapshot, said on stderr),
# while the daemon runs, and while another process holds the write lock (they return before it lets go). They
# never migrate: an older schema is reported. Every command creates database files 0640. Needs root (skips 77).
source "$(dirname "$0")/lib.sh"
payq=$1
[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root to create the reporting user and chown the database"; exit 77; }
reader=payq-reader
id "$reader" >/dev/null 2>&1 || useradd --system --user-group --no-create-home --shell /usr/sbin/nologin "$reader" ||
  { echo "cannot create user $reader" >&2; exit 1; }
unset PAYQ_CONFIG
db="$work/q.db"
q() { "$payq" --db "$db" "$@"; }
as_reader() { setpriv --reuid="$reader" --regid="$reader" --clear-groups "$payq" --db "$db" "$@"; }
mode() { stat -c '%a %U:%G' "$1"; }

# Every command that may create the database creates it 0640, whatever the umask lets through.
printf 'reference_id,amount,currency,redirect_url,batch\nRO-1,5.00,EUR,https://s.example/r,b1\nRO-2,6.00,EUR,https://s.example/r,b1\nRO-3,7.00,EUR,https://s.example/r,b2\n' \
  >"$work/in.csv"
(umask 022
 "$payq" --db "$work/m.db" migrate >/dev/null
 "$payq" --db "$work/e.db" enqueue --amount 1.00 --currency EUR --redirect-url https://s.example/r >/dev/null
 "$payq" --db "$db" import "$work/in.csv" >/dev/null)
expect_eq "migrate creates 0640" "$(stat -c %a "$work/m.db")" "640"
expect_eq "enqueue creates 0640" "$(stat -c %a "$work/e.db")" "640"
expect_eq "import creates 0640" "$(stat -c %a "$db")" "640"
expect_exit 0 "cancel RO-3" -- q cancel RO-3

chmod 0755 "$work"  # the reader may enter, not write
chown "root:$reader" "$db"
[ ! -e "$db-wal" ] || fail "the -wal file outlived the last connection"

# No daemon, no -wal file: a snapshot, and the reader says so.
expect_exit 0 "list as the reader (snapshot)" -- as_reader list
expect_contains "list shows the intents" "$out" "RO-2"
expect_contains "snapshot said on stderr" "$err" "reading a snapshot: no daemon is running"
expect_exit 0 "list --format json as the reader" -- as_reader list --format json
expect_exit 0 "show as the reader" -- as_reader show RO-1
expect_contains "show has the history" "$out" "queued"
expect_exit 5 "show an unknown reference as the reader" -- as_reader show nope
expect_exit 0 "report as the reader" -- as_reader report --format json
expect_exit 0 "status as the reader" -- as_reader status
expect_exit 1 "wait for a batch with a cancelled intent as the reader" -- as_reader wait --batch b2
expect_exit 8 "wait --timeout as the reader" -- as_reader wait --batch b1 --timeout 1s
expect_eq "the reader left no file behind" "$(ls "$work" | grep -c 'q.db-')" "0"
expect_eq "the database is still the reader's to read only" "$(mode "$db")" "640 root:$reader"

# Another process holds the write lock: the reader neither waits for it nor fails.
rm -f "$work/holding"
(sqlite3 "$db" "BEGIN IMMEDIATE; UPDATE payment_intents SET batch = 'held' WHERE reference_id = 'RO-1';" \
   ".output $work/holding" "SELECT 'holding';" ".output stdout" ".system sleep 8" "COMMIT;" >/dev/null) &
holder=$!
for _ in $(seq 100); do grep -q holding "$work/holding" 2>/dev/null && break; sleep 0.1; done
grep -q holding "$work/holding" || fail "the holder did not take the write lock"
expect_eq "-wal and -shm take the database's mode" "$(mode "$db-wal") $(mode "$db-shm")" \
  "640 root:$reader 640 root:$reader"
expect_exit 0 "list as the reader while a writer holds the lock" -- as_reader list --batch b1
expect_exit 0 "status as the reader while a writer holds the lock" -- as_reader status
kill -0 "$holder" 2>/dev/null || fail "the reader's commands returned only after the writer let go"
expect_contains "the uncommitted change is not seen" "$(as_reader list --batch b1 2>&1)" "RO-1"
wait "$holder"

# While the daemon runs (requests stay pending at the sandbox for a while), read live: no snapshot.
start_sandbox "$2" --settle-min 60s --settle-max 90s
write_config
sed -i "s#^database: .*#database: { path: $db }#" "$work/payq.yaml"
"$payq" --config "$work/payq.yaml" run 2>"$work/daemon.err" &
daemon=$!
for _ in $(seq 100); do
  [ "$(sqlite3 "$db" "SELECT count(*) FROM payment_intents WHERE state = 'submitted'" 2>/dev/null)" = "2" ] && break
  sleep 0.1
done
expect_exit 0 "list as the reader while the daemon runs" -- as_reader list --state submitted
expect_contains "submitted intents listed" "$out" "RO-2"
expect_eq "no snapshot while the daemon runs" "$err" ""
expect_exit 0 "show as the reader while the daemon runs" -- as_reader show RO-1
expect_exit 0 "status as the reader while the daemon runs" -- as_reader status
expect_exit 0 "report as the reader while the daemon runs" -- as_reader report
expect_exit 8 "wait as the reader while the daemon runs" -- as_reader wait --batch b1 --timeout 1s
kill -TERM "$daemon"
wait "$daemon" || fail "the daemon did not stop cleanly: $(cat "$work/daemon.err")"
stop_sandbox

# A schema older than this payq: reported with what to do, not upgraded.
cp "$db" "$work/old.db"
chown "root:$reader" "$work/old.db"
sqlite3 "$work/old.db" "DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)"
migrations=$(sqlite3 "$work/old.db" "SELECT count(*) FROM schema_migrations")
expect_exit 4 "list on an older schema as the reader" -- setpriv --reuid="$reader" --regid="$reader" --clear-groups \
  "$payq" --db "$work/old.db" list
expect_contains "older schema reported" "$err" "this payq expects"
expect_contains "older schema: what to do" "$err" "run payq migrate"
expect_exit 4 "list on an older schema as root (read-only too)" -- "$payq" --db "$work/old.db" list
expect_eq "not upgraded" "$(sqlite3 "$work/old.db" "SELECT count(*) FROM schema_migrations")" "$migrations"

# A user who may not even enter the database's directory is told so, not that the file is missing.
mkdir -m 0700 "$work/closed"
cp "$db" "$work/closed/q.db"
expect_exit 4 "list in a directory the reader may not enter" -- setpriv --reuid="$reader" --regid="$reader" \
  --clear-groups "$payq" --db "$work/closed/q.db" list
expect_contains "the refusal says permission denied" "$err" "Permission denied (is this user in the database's group?)"
finish
