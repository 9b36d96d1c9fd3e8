#!/usr/bin/env bash
# integration/check_config_test.sh PAYQ — `payq check-config` checks that the database's directory exists and is
# writable by the user running it: exit 4 naming the directory when it is missing, not a directory or read-only.
source "$(dirname "$0")/lib.sh"
payq=$1
unset PAYQ_CONFIG
chmod 0755 "$work"  # another user may read the config below
port=9 sandbox_pid=  # no sandbox: check-config makes no request
write_config
chmod 0644 "$work/payq.yaml"
check() { "$payq" --config "$work/payq.yaml" "$@" check-config; }

expect_exit 0 "a writable directory" -- check
expect_contains "says so" "$out" "# OK: valid and usable by the daemon; the database's directory is writable"

expect_exit 4 "a missing directory" -- check --db "$work/missing/q.db"
expect_contains "names the missing directory" "$err" "database.path: directory $work/missing does not exist"
expect_eq "no OK line" "$(grep -c '# OK' <<<"$out")" "0"

touch "$work/plain"
expect_exit 4 "a file where the directory should be" -- check --db "$work/plain/q.db"
expect_contains "names it" "$err" "database.path: $work/plain is not a directory"

mkdir -m 0755 "$work/ro"
if [ "$(id -u)" -eq 0 ]; then
  # root may write anywhere; the service's user may not write a directory root owns.
  expect_exit 4 "a directory this user may not write" -- \
    setpriv --reuid=nobody --regid=nogroup --clear-groups "$payq" --config "$work/payq.yaml" --db "$work/ro/q.db" \
    check-config
else
  chmod 0555 "$work/ro"
  expect_exit 4 "a directory this user may not write" -- check --db "$work/ro/q.db"
fi
expect_contains "names the read-only directory" "$err" "database.path: directory $work/ro is not writable by this user"

expect_exit 0 "a relative path in a writable working directory" -- \
  env -C "$work" "$payq" --config "$work/payq.yaml" --db q.db check-config

expect_exit 3 "an unusable config still exits 3, and the directory is reported too" -- \
  env -u PAYQ_CLIENT_SECRET "$payq" --config "$work/payq.yaml" --db "$work/missing/q.db" check-config
expect_contains "the directory is named" "$err" "$work/missing does not exist"
finish
