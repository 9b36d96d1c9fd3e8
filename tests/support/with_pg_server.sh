#!/usr/bin/env bash
# support/with_pg_server.sh COMMAND [ARGS...] — runs COMMAND with PAYQ_TEST_POSTGRES_URL set to a throwaway
# PostgreSQL server (pg_server.sh: the owner role's database on 127.0.0.1), stops it by PID and exits as COMMAND did.
source "$(dirname "$0")/pg_server.sh"
[ $# -gt 0 ] || { echo "usage: with_pg_server.sh COMMAND [ARGS...]" >&2; exit 2; }
trap 'pg_stop' EXIT
trap 'exit 130' INT TERM

pg_start || { echo "with_pg_server: no PostgreSQL server could be started" >&2; exit 1; }
export PAYQ_TEST_POSTGRES_URL=$PG_URL
status=0
"$@" || status=$?
pg_stop
exit "$status"
