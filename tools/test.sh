#!/usr/bin/env bash
# Builds Triptych and runs the whole test suite headless: the suite as built
# normally (GUI tests under Xvfb when there is no display), the core suite
# again under AddressSanitizer and UndefinedBehaviorSanitizer, then each
# libFuzzer target for FUZZ_SECONDS (default 60; 0 skips fuzzing). Prints
# "N passed, N failed" as its last line.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
bash tools/deps.sh --test || { echo "0 passed, 1 failed"; exit 1; }

logs=()
run_suite () {
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@" >/dev/null || return 1
  fi
  ninja -C "$dir" || return 1
  local runner=()
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    runner=(xvfb-run -a -s "-screen 0 1600x1000x24")
  fi
  "${runner[@]}" dbus-run-session -- meson test -C "$dir" --print-errorlogs --num-processes 2
}

status=0
run_suite build || status=1
logs+=(build/meson-logs/testlog.json)

ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suite build-sanitize -Db_sanitize=address,undefined -Db_lundef=false -Dgui=false || status=1
logs+=(build-sanitize/meson-logs/testlog.json)

fuzz_log=$(mktemp "${TMPDIR:-/tmp}/triptych-fuzz-log-XXXXXX")
if [ "${FUZZ_SECONDS:-60}" != 0 ]; then
  FUZZ_SECONDS=${FUZZ_SECONDS:-60} bash tools/fuzz.sh 2>&1 | tee "$fuzz_log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
fi

python3 tools/count-results.py --fuzz "$fuzz_log" "${logs[@]}"
rm -f "$fuzz_log"
exit $status
