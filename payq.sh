#!/usr/bin/env bash
# payq.sh — the one entry point for setting up, demonstrating, testing and benchmarking payq.
#   ./payq.sh demo    install what is missing, build, run the sample batch end to end
#   ./payq.sh test    install what is missing, build from scratch, run every test (plain + ASan/UBSan + fuzz smoke)
#   ./payq.sh bench   build and run the benchmarks under tests/bench/
#   ./payq.sh bench-reconciler [POLICY...]  the daemon's poll policies against the sandbox (~3 min each)
#   ./payq.sh simulate [ARGS]  build and run the batch simulation in virtual time (tests/bench/sim; --help for ARGS)
#   ./payq.sh fuzz [SECONDS]  build the libFuzzer targets (clang, ASan+UBSan) and run each for SECONDS (60)
#   ./payq.sh try     build, start the sandbox partner on a free loopback port, write a config into a temp dir and
#                     print the export lines that point payq at it; ./payq.sh try stop stops it and removes the dir.
#                     With PAYQ_BUILD_DIR set, the binaries of that build are used as they are (nothing is built);
#                     with PAYQ_TRY_DIR set, that (new or empty) directory is used instead of a fresh temp dir.
set -euo pipefail
cd "$(dirname "$0")"

readonly PACKAGES=(g++ cmake make pkg-config curl sqlite3 libsqlite3-dev libcurl4-openssl-dev rapidjson-dev
  libsqlitecpp-dev libspdlog-dev libfmt-dev libyaml-cpp-dev doctest-dev libcpp-httplib-dev libsystemd-dev systemd
  clang libclang-rt-14-dev lintian postgresql libpq-dev libpqxx-dev python3 groff-base)
readonly JOBS=${PAYQ_JOBS:-$(nproc)}

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# build DIR [cmake args...]: configure and build into DIR.
build() {
  local dir=$1; shift
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$dir" -j "$JOBS"
}

demo() {
  install_packages
  log "building"
  build build
  local work; work=$(mktemp -d /tmp/payq-demo.XXXXXX)
  build/tests/sandbox/payq-sandbox --port 0 --client-id demo-shop --client-secret demo-secret \
    --settle-min 2s --settle-max 8s --paid-fraction 0.7 --expired-fraction 0.2 --cancelled-fraction 0.1 \
    >"$work/sandbox.out" 2>&1 &
  local sandbox=$!
  trap "kill $sandbox 2>/dev/null" EXIT
  local port=""
  for _ in $(seq 100); do
    port=$(grep -o '127.0.0.1:[0-9]*' "$work/sandbox.out" 2>/dev/null | cut -d: -f2) && [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { cat "$work/sandbox.out" >&2; exit 1; }
  log "sandbox partner API on 127.0.0.1:$port; database and config in $work"
  cat >"$work/payq.yaml" <<YAML
database: { path: $work/payq.db }
api: { base_url: "http://127.0.0.1:$port", client_id: demo-shop, client_secret_file: $work/client_secret }
reconciler: { first_poll_after: 2s, max_poll_interval: 10s }
YAML
  printf 'demo-secret\n' >"$work/client_secret"
  local payq=(build/payq --config "$work/payq.yaml")
  log "importing config/sample-intents.csv (two lines are wrong on purpose)"
  "${payq[@]}" import config/sample-intents.csv --batch demo || [ $? -eq 1 ]
  log "running the daemon until every intent is settled"
  "${payq[@]}" run --until-idle
  log "intents"
  "${payq[@]}" list
  log "report"
  "${payq[@]}" report
}

run_tests() {
  install_packages
  log "building from scratch (build-test)"
  rm -rf build-test
  build build-test
  log "running every test"
  (cd build-test && ctest --output-on-failure --timeout 600 -j 2)
  log "building with ASan+UBSan (build-asan)"
  rm -rf build-asan
  build build-asan -DPAYQ_SANITIZE=address
  log "unit tests under ASan+UBSan"
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -R '^unit$')
  log "fuzz smoke: every parser target briefly"
  rm -rf build-fuzz
  run_fuzz_targets 10
}

# run_fuzz_targets SECONDS: build tests/fuzz/ into build-fuzz and run every target from its seed corpus for
# SECONDS each. New inputs go to build-fuzz/corpus/<name>/, a crash to build-fuzz/artifacts/; a crash fails.
run_fuzz_targets() {
  local seconds=$1
  log "building the fuzz targets with clang (build-fuzz)"
  cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DPAYQ_FUZZ=ON >/dev/null
  cmake --build build-fuzz -j "$JOBS" --target payq_fuzz_targets
  mkdir -p build-fuzz/artifacts
  local target name failed=()
  for target in build-fuzz/tests/fuzz/*_fuzz; do
    name=$(basename "$target" _fuzz)
    mkdir -p "build-fuzz/corpus/$name"
    log "fuzzing $name for ${seconds}s"
    "$target" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
      -artifact_prefix="build-fuzz/artifacts/$name-" "build-fuzz/corpus/$name" "tests/fuzz/corpus/$name" \
      2>"build-fuzz/$name.log" || { failed+=("$name"); tail -n 30 "build-fuzz/$name.log" >&2; }
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec)' "build-fuzz/$name.log" >&2 || true
  done
  if [ ${#failed[@]} -ne 0 ]; then
    log "fuzz targets failed: ${failed[*]} (logs: build-fuzz/<name>.log, inputs: build-fuzz/artifacts/)"
    return 1
  fi
}

fuzz() {
  install_packages
  run_fuzz_targets "${1:-60}"
}

bench() {
  install_packages
  build build
  for b in tests/bench/*.sh; do
    [ -e "$b" ] || continue
    [ "$b" = tests/bench/reconciler_sandbox.sh ] && continue  # minutes per policy: ./payq.sh bench-reconciler
    log "$b"
    bash "$b" build
  done
}

# try: the sandbox partner on a free loopback port, left running, and a config for it in a temp dir. The export
# lines go to stdout (so `eval "$(./payq.sh try)"` works), the rest to stderr. The sandbox's PID is recorded in the
# dir, and the dir in $build/try-dir (unless PAYQ_TRY_DIR was given), for `try stop`.
try_start() {
  local build=${PAYQ_BUILD_DIR:-}
  if [ -z "$build" ]; then
    build=build
    install_packages
    log "building payq and the sandbox into $build/"
    cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build "$build" -j "$JOBS" --target payq payq-sandbox >&2
  fi
  build=$(cd "$build" && pwd)
  local dir=${PAYQ_TRY_DIR:-}
  if [ -n "$dir" ]; then
    mkdir -p "$dir"
    [ -z "$(ls -A "$dir")" ] || { echo "payq.sh try: PAYQ_TRY_DIR $dir is not empty" >&2; exit 2; }
  else
    try_running "$(cat "$build/try-dir" 2>/dev/null)" &&
      { echo "payq.sh try: already running in $(cat "$build/try-dir"); ./payq.sh try stop first" >&2; exit 1; }
    dir=$(mktemp -d "${TMPDIR:-/tmp}/payq-try.XXXXXX")
    echo "$dir" >"$build/try-dir"
  fi
  dir=$(cd "$dir" && pwd)
  "$build/tests/sandbox/payq-sandbox" --port 0 --client-id try-shop --client-secret try-secret \
    --settle-min 2s --settle-max 8s --paid-fraction 0.8 --expired-fraction 0.1 --cancelled-fraction 0.1 \
    </dev/null >"$dir/sandbox.log" 2>&1 &
  echo $! >"$dir/sandbox.pid"
  local port=""
  for _ in $(seq 100); do
    port=$(grep -o '127.0.0.1:[0-9]*' "$dir/sandbox.log" 2>/dev/null | cut -d: -f2) && [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { cat "$dir/sandbox.log" >&2; try_stop "$dir"; exit 1; }
  printf 'try-secret\n' >"$dir/client_secret"
  chmod 0600 "$dir/client_secret"
  cat >"$dir/payq.yaml" <<YAML
# Written by ./payq.sh try: the sandbox partner on 127.0.0.1:$port (PID $(cat "$dir/sandbox.pid")).
database: { path: $dir/payq.db }
api: { base_url: "http://127.0.0.1:$port", client_id: try-shop, client_secret_file: $dir/client_secret }
reconciler: { first_poll_after: 2s, max_poll_interval: 10s }
YAML
  log "sandbox partner API on 127.0.0.1:$port (log: $dir/sandbox.log); config $dir/payq.yaml"
  log "run these lines in your shell (or: eval \"\$(./payq.sh try)\"); ./payq.sh try stop ends it"
  printf 'export PAYQ_CONFIG=%q\n' "$dir/payq.yaml"
  printf 'export PAYQ_TRY_DIR=%q\n' "$dir"
  printf 'export PATH=%q:"$PATH"\n' "$build"
}

# try_running DIR: whether DIR holds the PID of a sandbox that still runs.
try_running() {
  local dir=$1 pid
  [ -n "$dir" ] && [ -f "$dir/sandbox.pid" ] || return 1
  pid=$(cat "$dir/sandbox.pid")
  grep -qs payq-sandbox "/proc/$pid/cmdline"
}

# try_stop [DIR]: stop the sandbox that `try` started (by its recorded PID) and remove its dir. DIR defaults to
# $PAYQ_TRY_DIR, else the one recorded in ${PAYQ_BUILD_DIR:-build}/try-dir.
try_stop() {
  local record=${PAYQ_BUILD_DIR:-build}/try-dir
  local dir=${1:-${PAYQ_TRY_DIR:-$(cat "$record" 2>/dev/null)}}
  [ -n "$dir" ] && [ -d "$dir" ] || { echo "payq.sh try stop: nothing to stop" >&2; rm -f "$record"; return 0; }
  if try_running "$dir"; then
    local pid; pid=$(cat "$dir/sandbox.pid")
    kill "$pid"
    for _ in $(seq 50); do try_running "$dir" || break; sleep 0.1; done
    try_running "$dir" && kill -KILL "$pid"
    log "stopped the sandbox (PID $pid)"
  fi
  [ "$(cat "$record" 2>/dev/null)" = "$dir" ] && rm -f "$record"
  rm -rf "$dir"
  log "removed $dir"
}

# bench_reconciler [POLICY...]: the real daemon against the sandbox with customers who pay on a lognormal curve,
# in compressed time, once per poll policy (default: backoff and adaptive); prints polls per settled intent,
# calls, detection lag and wall time for each.
bench_reconciler() {
  install_packages
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build build -j "$JOBS" --target payq payq-sandbox
  bash tests/bench/reconciler_sandbox.sh build "$@"
}

# The real daemon services against a simulated partner in virtual time: one run, or --sweep.
simulate() {
  install_packages
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build build -j "$JOBS" --target payq_simulate >/dev/null
  build/tests/bench/sim/payq_simulate "$@"
}

case "${1:-}" in
  demo) demo ;;
  test) run_tests ;;
  bench) bench ;;
  bench-reconciler) shift; bench_reconciler "$@" ;;
  fuzz) fuzz "${2:-60}" ;;
  try) if [ "${2:-}" = stop ]; then try_stop; else try_start; fi ;;
  simulate) shift; simulate "$@" ;;
  *) echo "usage: $0 demo|test|bench|fuzz [seconds]|try [stop]|bench-reconciler [policy...]|simulate [args]" >&2
     exit 2 ;;
esac

