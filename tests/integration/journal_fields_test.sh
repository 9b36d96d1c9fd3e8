#!/usr/bin/env bash
# integration/journal_fields_test.sh PAYQ SANDBOX — under systemd (stderr is the journal), log records about an
# intent reach the journal with PAYQ_REFERENCE= and PAYQ_REMOTE_ID= fields, through libsystemd's real
# sd_journal_sendv. With a journald running, journalctl finds them by field; without one (a container), a listener
# bound to journald's socket receives the entries as journald would. Needs root for the socket (skips 77).
source "$(dirname "$0")/lib.sh"
payq=$1
sandbox=$2
socket_dir=/run/systemd/journal
socket=$socket_dir/socket
[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root to stand in for journald"; exit 77; }

listener=
created_dir=
real_journald=
if [ -S "$socket" ] && command -v journalctl >/dev/null && journalctl -n 0 >/dev/null 2>&1; then
  real_journald=1
elif [ -e "$socket" ]; then
  echo "SKIP: $socket exists but journald does not answer"; exit 77
else
  [ -d "$socket_dir" ] || { mkdir -p "$socket_dir"; created_dir=1; }
  python3 "$(dirname "$0")/../support/journal_listener.py" "$socket" "$work/journal" &
  listener=$!
  for _ in $(seq 100); do [ -e "$work/journal.ready" ] && break; sleep 0.1; done
fi
stop_listener() {
  [ -n "$listener" ] || return 0
  kill "$listener" 2>/dev/null; wait "$listener" 2>/dev/null
  rm -f "$socket"
  [ -z "$created_dir" ] || rmdir "$socket_dir" 2>/dev/null || true
  listener=
}
trap 'stop_listener; stop_sandbox; cleanup' EXIT

# Every create is answered 500 after the partner created it: ambiguous, held for an operator at once. IT-0003 is
# already submitted with a remote id the partner does not know: 404 twice, held.
start_sandbox "$sandbox" --fail-after-create 1
write_config "retry: { initial_backoff: 100ms, max_backoff: 1s, max_attempts: 3, on_ambiguous: hold }
reconciler: { first_poll_after: 1s, max_poll_interval: 2s, max_not_found: 2 }"
sed -i '/^retry: { initial_backoff: 200ms/d; /^reconciler: { first_poll_after: 1s, max_poll_interval: 2s, max_poll_gap: 20s }$/d' \
  "$work/payq.yaml"
make_intents 3 "$work/in.csv"
"$payq" --config "$work/payq.yaml" import "$work/in.csv" >/dev/null
t=$(($(date +%s%N) / 1000000))
db_value "UPDATE payment_intents SET state = 'submitted', remote_id = 'pr_nowhere', remote_status = 'pending',
                 submitted_at = $t, pending_seen_at = $t, next_poll_at = $t, changed_by = 'submitter'
           WHERE reference_id = 'IT-0003'"
# What systemd does for a unit's stderr: JOURNAL_STREAM names the stream's device and inode (expect_exit sends
# stderr to $work/err, truncated in place: the same inode).
: >"$work/err"
export JOURNAL_STREAM
JOURNAL_STREAM=$(stat -c '%d:%i' "$work/err")
expect_exit 0 "a run that holds every intent, logging to the journal" -- \
  timeout 120 "$payq" --config "$work/payq.yaml" run --until-idle
unset JOURNAL_STREAM
expect_eq "all three on hold" "$(db_value "SELECT count(*) FROM payment_intents WHERE state = 'on_hold'")" "3"

if [ -n "$real_journald" ]; then
  journal() { journalctl --no-pager -o verbose -t payq --since "@$((t / 1000 - 5))" "$@" 2>/dev/null; }
  entries_for() { journal "PAYQ_REFERENCE=$1"; }
  entries_for_remote() { journal "PAYQ_REMOTE_ID=$1"; }
else
  stop_listener
  # One entry per block; keep the blocks with the field.
  entries_with() { awk -v RS='\n--entry--\n' -v want="$1" 'index($0, want "\n") { print; print "--" }' "$work/journal"; }
  entries_for() { entries_with "PAYQ_REFERENCE=$1"; }
  entries_for_remote() { entries_with "PAYQ_REMOTE_ID=$1"; }
fi

expect_contains "the held IT-0001 is found by PAYQ_REFERENCE" "$(entries_for IT-0001)" "on hold for an operator"
expect_contains "the held IT-0002 is found by PAYQ_REFERENCE" "$(entries_for IT-0002)" "on hold for an operator"
it3=$(entries_for IT-0003)
expect_contains "IT-0003's 404 hold is found by PAYQ_REFERENCE" "$it3" "on hold: the partner answered 404"
expect_contains "and carries its remote id" "$it3" "PAYQ_REMOTE_ID=pr_nowhere"
expect_contains "found by PAYQ_REMOTE_ID too" "$(entries_for_remote pr_nowhere)" "PAYQ_REFERENCE=IT-0003"
expect_contains "held lines are warnings (PRIORITY=4)" "$(entries_for IT-0001)" "PRIORITY=4"
expect_contains "entries say who wrote them" "$(entries_for IT-0001)" "SYSLOG_IDENTIFIER=payq"
checks=$((checks + 1))
case "$err" in *"on hold for an operator"*) fail "held lines went to stderr as well as the journal: $err" ;; esac
if [ -z "$real_journald" ]; then
  expect_eq "the stand-in socket is gone" "$([ -e "$socket" ] && echo present || echo gone)" "gone"
fi
finish
