#!/usr/bin/env bash
# integration/consumer_test.sh BUILD_DIR SOURCE_DIR — installs payq into a scratch prefix, builds
# tests/consumer against it with find_package(payq), runs it and checks what it stored with payq itself.
source "$(dirname "$0")/lib.sh"
build=$1
src=$2
expect_exit 0 "install" -- cmake --install "$build" --prefix "$work/prefix"
expect_exit 0 "configure consumer" -- cmake -S "$src/tests/consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$work/prefix"
expect_exit 0 "build consumer" -- cmake --build "$work/consumer"
expect_exit 0 "run consumer" -- "$work/consumer/consumer" "$work/q.db"
expect_contains "consumer output" "$out" "stored 2; refused: amount: '1.5' has 1 decimal places, JPY allows at most 0"
expect_exit 0 "list what the consumer stored" -- "$work/prefix/bin/payq" --db "$work/q.db" list --batch consumer --format csv
expect_eq "rows stored by the consumer" "$(echo "$out" | tail -n +2 | wc -l)" "2"
finish
