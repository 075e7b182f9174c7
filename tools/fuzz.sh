#!/usr/bin/env bash
# Builds the libFuzzer targets with clang, ASan and UBSan and runs each one
# for FUZZ_SECONDS (default 60) seeded from the test fixtures.
#
#   bash tools/fuzz.sh [TARGET...]
#
# Prints "fuzz <name>: ok (<runs> runs)" per target, or the crash and where
# its input was saved; exits non-zero if any target crashed. Needs clang and
# libclang-rt-14-dev (Debian 12). FUZZ_BUILD_DIR picks the build folder
# (default build-fuzz); FUZZ_JOBS runs that many fuzzing processes per target.
set -u
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-60}
build=${FUZZ_BUILD_DIR:-build-fuzz}
jobs=${FUZZ_JOBS:-1}
all_targets="fuzz-text-ingest fuzz-html fuzz-feed fuzz-extract fuzz-dates fuzz-search"
targets=${*:-$all_targets}

if ! command -v clang >/dev/null; then
  echo "fuzz: clang is not installed (apt-get install clang libclang-rt-14-dev)" >&2
  exit 2
fi

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" -Dfuzzing=true -Dgui=false -Db_sanitize=none \
    >"${TMPDIR:-/tmp}/triptych-fuzz-setup.log" 2>&1 || {
      cat "${TMPDIR:-/tmp}/triptych-fuzz-setup.log" >&2
      echo "fuzz: meson setup failed" >&2
      exit 2
    }
fi
# shellcheck disable=SC2086
ninja -C "$build" $(for t in $targets; do echo "fuzz/$t"; done) >/dev/null || {
  echo "fuzz: build failed; run ninja -C $build to see why" >&2
  exit 2
}

# Seeds: the fixtures a target's input looks like, copied so libFuzzer's
# additions never land in the source tree, plus the saved regressions.
seed() {
  local target=$1 dir=$2
  case $target in
    fuzz-text-ingest) find tests/data/ingest tests/data/analysis -name '*.txt' ;;
    fuzz-html) find tests/data -name '*.html' ;;
    fuzz-feed) find tests/data/feeds -type f ;;
    fuzz-extract) find tests/data/ingest tests/data/analysis -name '*.txt' ;;
    fuzz-dates) ;;
    fuzz-search) find tests/data/ingest -name '*.txt' ;;
  esac 2>/dev/null | head -n 200 | while read -r f; do
    cp "$f" "$dir/$(echo "$f" | tr '/' '_')"
  done
  if [ "$target" = fuzz-dates ]; then
    # Dates as the fixtures write them.
    i=0
    grep -rhoE '(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{1,2} [A-Z][a-z]{2} [0-9]{4} [0-9:]{8} [-+A-Z0-9]+|[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[-+][0-9:]+)|[Hh]ôm [0-9]{1,2}/[0-9]{1,2}(/[0-9]{4})?|on (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)' \
      tests/data 2>/dev/null | sort -u | head -n 100 | while read -r d; do
        i=$((i + 1))
        printf '%s\n2024-07-04' "$d" >"$dir/date-$i"
      done
  fi
  if [ -d "tests/data/fuzz-regressions/$target" ]; then
    cp tests/data/fuzz-regressions/"$target"/* "$dir"/ 2>/dev/null
  fi
}

status=0
work=$(mktemp -d "${TMPDIR:-/tmp}/triptych-fuzz-XXXXXX")
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"

for target in $targets; do
  corpus="$work/$target"
  mkdir -p "$corpus"
  seed "$target" "$corpus"
  log="$work/$target.log"
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
  G_SLICE=always-malloc G_DEBUG=gc-friendly \
    "$build/fuzz/$target" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2560 \
      -max_len=65536 -print_final_stats=1 -jobs="$jobs" -workers="$jobs" \
      -artifact_prefix="$artifacts/$target-" "$corpus" >"$log" 2>&1
  rc=$?
  runs=$(grep -hE '^stat::number_of_executed_units' "$log" "fuzz-"*.log 2>/dev/null \
         | awk '{ s += $2 } END { print s + 0 }')
  if [ $rc -eq 0 ]; then
    echo "fuzz $target: ok ($runs runs)"
  else
    status=1
    crash=$(grep -hoE "Test unit written to [^ ]+" "$log" | head -n 1 | sed 's/Test unit written to //')
    echo "fuzz $target: CRASH (exit $rc) after $runs runs; input saved to ${crash:-?}"
    # Replayed once with the slow unwinder, so leaks and frees inside GLib
    # show the whole stack down to Triptych's code.
    if [ -n "$crash" ] && [ -f "$crash" ]; then
      ASAN_OPTIONS=fast_unwind_on_malloc=0:detect_leaks=1 G_SLICE=always-malloc \
        "$build/fuzz/$target" "$crash" >"$log.replay" 2>&1
      log="$log.replay"
    fi
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|.*ERROR \*\*|.*(Direct|Indirect) leak|    #[0-9]+ )' "$log" \
      | grep -v 'fuzzer::' | head -n 30 | sed 's/^/  /'
  fi
  rm -f fuzz-*.log
done

rm -rf "$work"
exit $status
