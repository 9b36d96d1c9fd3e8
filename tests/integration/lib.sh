# integration/lib.sh — assertions and a scratch directory for the shell integration tests.
# Sourced; every failure names the check and what was seen, and the test exits non-zero at the end.
set -u
failures=0
checks=0
work=$(mktemp -d /tmp/payq-it.XXXXXX)
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# expect_exit CODE DESCRIPTION -- COMMAND...: runs COMMAND, stdout/stderr into $out/$err.
expect_exit() {
  local want=$1 what=$2; shift 3
  checks=$((checks + 1))
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  out=$(cat "$work/out"); err=$(cat "$work/err")
  [ "$got" -eq "$want" ] || fail "$what: exit $got, want $want; stderr: $err"
}

expect_contains() {
  checks=$((checks + 1))
  case "$2" in *"$3"*) ;; *) fail "$1: '$3' not found in: $2" ;; esac
}

expect_eq() {
  checks=$((checks + 1))
  [ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

finish() {
  echo "$((checks - failures)) passed, $failures failed"
  [ "$failures" -eq 0 ]
}
