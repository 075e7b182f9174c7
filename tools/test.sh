#!/usr/bin/env bash
# Builds Triptych and runs the whole test suite headless, then once more
# under AddressSanitizer and UndefinedBehaviorSanitizer. Prints
# "N passed, N failed" as its last line.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
bash tools/deps.sh --test || { echo "0 passed, 1 failed"; exit 1; }

run_suite () {
  local dir=$1; shift
  if [ ! -d "$dir" ]; then
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
ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suite build-sanitize -Db_sanitize=address,undefined -Db_lundef=false -Dgui=false || status=1

python3 tools/count-results.py build/meson-logs/testlog.json build-sanitize/meson-logs/testlog.json
exit $status
