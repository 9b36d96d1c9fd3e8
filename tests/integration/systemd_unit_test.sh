#!/usr/bin/env bash
# integration/systemd_unit_test.sh PAYQ SANDBOX SOURCE_DIR — systemd/payq.service passes `systemd-analyze verify`
# and scores an exposure of 2.0 or lower in `systemd-analyze security`; the real daemon speaks the notify protocol
# (READY=1, STATUS=, WATCHDOG=1, STOPPING=1) to a socket this test listens on, and creates its files 0640.
source "$(dirname "$0")/lib.sh"
payq=$1
unit_src=$3/systemd/payq.service

# verify checks that ExecStart= exists: a copy of the unit (same name) points at the built binary.
mkdir -p "$work/unit"
sed "s#^ExecStart=/usr/bin/payq #ExecStart=$payq #" "$unit_src" >"$work/unit/payq.service"
expect_contains "the unit starts the installed binary" "$(cat "$unit_src")" \
  "ExecStart=/usr/bin/payq --config /etc/payq/payq.yaml run"
expect_exit 0 "systemd-analyze verify" -- systemd-analyze verify "$work/unit/payq.service"
expect_eq "systemd-analyze verify says nothing" "$err" ""

# --threshold is the exposure times ten: 20 means 2.0.
expect_exit 0 "systemd-analyze security (exposure <= 2.0)" -- \
  systemd-analyze security --offline=yes --threshold=20 "$work/unit/payq.service"
score=$(echo "$out" | sed -n 's/.*Overall exposure level for payq.service: \([0-9.]*\).*/\1/p')
echo "systemd-analyze security: exposure $score"
checks=$((checks + 1))
awk -v s="$score" 'BEGIN { exit !(s != "" && s <= 2.0) }' || fail "exposure '$score' is not 2.0 or lower"

# The credential systemd provides is where the example config reads the secret from.
expect_contains "credential loaded" "$(cat "$unit_src")" "LoadCredential=client_secret:/etc/payq/client_secret"
expect_contains "example config reads the credential" "$(cat "$3/config/payq.example.yaml")" \
  "client_secret_file: /run/credentials/payq.service/client_secret"

# The notify protocol, end to end: a datagram socket stands in for systemd (perl-base is always installed).
start_sandbox "$2" --settle-min 30s --settle-max 60s
write_config
make_intents 3 "$work/in.csv"
"$payq" --config "$work/payq.yaml" import "$work/in.csv" >/dev/null
perl -MSocket -MIO::Socket::UNIX -e '
  my $s = IO::Socket::UNIX->new(Type => SOCK_DGRAM, Local => $ARGV[0]) or die "listen: $!";
  $| = 1;
  while (defined $s->recv(my $m, 4096)) { print "$m\n"; }' "$work/notify.sock" >"$work/notify.out" &
listener=$!
for _ in $(seq 50); do [ -S "$work/notify.sock" ] && break; sleep 0.1; done
# WATCHDOG_PID must name the daemon itself: the shell execs payq, keeping its pid.
NOTIFY_SOCKET=$work/notify.sock WATCHDOG_USEC=2000000 \
  bash -c 'export WATCHDOG_PID=$$; exec "$0" --config "$1" run' "$payq" "$work/payq.yaml" 2>"$work/daemon.log" &
daemon=$!
for _ in $(seq 100); do
  grep -q "awaiting poll 3" "$work/notify.out" 2>/dev/null && grep -q "WATCHDOG=1" "$work/notify.out" && break
  sleep 0.1
done
kill -TERM "$daemon"
wait "$daemon"
expect_eq "exit status after SIGTERM" "$?" "0"
sleep 0.2
kill "$listener" 2>/dev/null
wait "$listener" 2>/dev/null
notes=$(cat "$work/notify.out")
expect_contains "READY=1 sent" "$notes" "READY=1"
expect_contains "STATUS= line" "$notes" "STATUS=queued 0, in flight 0, awaiting poll 3, rate"
expect_contains "WATCHDOG=1 sent" "$notes" "WATCHDOG=1"
expect_contains "STOPPING=1 sent" "$notes" "STOPPING=1"
expect_eq "READY=1 comes first" "$(grep -m1 -v '^$' "$work/notify.out")" "READY=1"
expect_eq "STOPPING=1 comes last" "$(grep -v '^$' "$work/notify.out" | tail -n 1)" "STOPPING=1"

# Under umask 022 the daemon still creates its database with no access for others (-wal/-shm follow it).
(umask 022; exec "$payq" --config "$work/payq.yaml" --db "$work/fresh.db" run 2>/dev/null) &
fresh=$!
for _ in $(seq 100); do [ -e "$work/fresh.db-shm" ] && [ -e "$work/fresh.db-wal" ] && break; sleep 0.1; done
modes=$(stat -c '%n %a' "$work/fresh.db" "$work/fresh.db-wal" "$work/fresh.db-shm" 2>&1 | sed "s#$work/##")
kill -TERM "$fresh"
wait "$fresh"
expect_eq "database files are 0640" "$modes" "$(printf 'fresh.db 640\nfresh.db-wal 640\nfresh.db-shm 640')"
finish
