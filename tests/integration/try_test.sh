#!/usr/bin/env bash
# integration/try_test.sh SOURCE_DIR BUILD_DIR — `./payq.sh try` starts the sandbox and prints export lines that
# make the README's "Try it" commands (enqueue, import, run --until-idle, report) work as written from the clone;
# `./payq.sh try stop` stops that sandbox by its recorded PID and removes the directory.
source "$(dirname "$0")/lib.sh"
src=$1 build=$(cd "$2" && pwd)
unset PAYQ_CONFIG PAYQ_CLIENT_SECRET PAYQ_TRY_DIR
try_dir="$work/try"
try_script() { env PAYQ_BUILD_DIR="$build" PAYQ_TRY_DIR="$try_dir" "$src/payq.sh" try "$@"; }
trap 'try_script stop >/dev/null 2>&1; cleanup' EXIT

expect_exit 0 "payq.sh try" -- try_script
exports=$out
expect_contains "exports PAYQ_CONFIG" "$exports" "export PAYQ_CONFIG="
expect_contains "puts the build on the PATH" "$exports" "export PATH="
expect_eq "only export lines on stdout" "$(grep -vc '^export ' <<<"$exports")" "0"
eval "$exports"
expect_eq "payq is the build's" "$(command -v payq)" "$build/payq"
sandbox=$(cat "$try_dir/sandbox.pid")
grep -qs payq-sandbox "/proc/$sandbox/cmdline" || fail "no sandbox runs under the recorded PID $sandbox"
expect_exit 0 "check-config of the written config" -- payq check-config

cd "$src" || exit 1
expect_exit 0 "enqueue" -- payq enqueue --amount 49.90 --currency USD --redirect-url https://shop.example/thanks \
  --reference-id INV-1
expect_eq "enqueue prints the reference" "$out" "INV-1"
expect_exit 0 "import the shipped billing file" -- payq import examples/billing-2026-11.csv --batch 2026-11
expect_contains "all of it" "$out" "inserted 40, already present 0, rejected 0"
expect_exit 0 "run --until-idle" -- timeout 240 payq run --until-idle
expect_exit 0 "report" -- payq report --batch 2026-11
expect_contains "report totals" "$out" "Totals by currency and outcome"
expect_eq "every intent of the batch is settled" \
  "$(sqlite3 "$try_dir/payq.db" "SELECT count(*) FROM payment_intents WHERE batch = '2026-11' AND state = 'settled'")" "40"
expect_exit 0 "INV-1 settled too" -- payq show INV-1
expect_contains "INV-1 state" "$out" "settled"

expect_exit 0 "payq.sh try stop" -- try_script stop
expect_contains "names the PID it stopped" "$err" "stopped the sandbox (PID $sandbox)"
grep -qs payq-sandbox "/proc/$sandbox/cmdline" && fail "the sandbox (PID $sandbox) still runs after try stop"
[ ! -e "$try_dir" ] || fail "try stop left $try_dir"
finish
