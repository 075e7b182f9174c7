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
#
# FUZZ_SEED (default below) is libFuzzer's random seed. With one job, the same
# seed, sources and fixtures give (nearly: see fixed_addresses) the same
# sequence of inputs, so a CI run replays the start of a sequence already
# fuzzed for longer before the seed was chosen; a crash in CI is then a
# change's fault, not luck. FUZZ_SEED=0 picks a new seed per target (printed
# with a crash) to look further afield.
set -u
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-60}
build=${FUZZ_BUILD_DIR:-build-fuzz}
jobs=${FUZZ_JOBS:-1}
fuzz_seed=${FUZZ_SEED:-20261123}
case $build in /*) build_abs=$build ;; *) build_abs=$(pwd)/$build ;; esac
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

# Seeds: the fixtures a target's input looks like, copied so they never
# change under the fuzzer, plus the saved regressions. They are handed over
# as a list in sorted order (-seed_inputs): libFuzzer shuffles the corpus it
# starts from, and the order a folder lists its files in differs between
# file systems, which would make a fixed seed replay different sequences.
seed() {
  local target=$1 dir=$2
  case $target in
    fuzz-text-ingest) find tests/data/ingest tests/data/analysis -name '*.txt' ;;
    fuzz-html) find tests/data -name '*.html' ;;
    fuzz-feed) find tests/data/feeds -type f ;;
    fuzz-extract) find tests/data/ingest tests/data/analysis -name '*.txt' ;;
    fuzz-dates) ;;
    fuzz-search) find tests/data/ingest -name '*.txt' ;;
  esac 2>/dev/null | LC_ALL=C sort | head -n 200 | while read -r f; do
    cp "$f" "$dir/$(echo "$f" | tr '/,' '__')"
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
    for f in tests/data/fuzz-regressions/"$target"/*; do
      [ -f "$f" ] && cp "$f" "$dir/regression_$(basename "$f" | tr ',' '_')"
    done
  fi
}

# Fixed addresses where the kernel allows it: libFuzzer also mutates with
# values the code compared against, and compared pointers would otherwise
# change from run to run and steer a seeded sequence elsewhere.
fixed_addresses=()
if setarch "$(uname -m)" -R true 2>/dev/null; then
  fixed_addresses=(setarch "$(uname -m)" -R)
fi

status=0
work=$(mktemp -d "${TMPDIR:-/tmp}/triptych-fuzz-XXXXXX")
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"

if [ "$fuzz_seed" = 0 ]; then
  echo "Fuzzing with a new random seed per target"
else
  echo "Fuzzing with seed $fuzz_seed (FUZZ_SEED=0 for random ones)"
fi

for target in $targets; do
  seeds="$work/$target-seeds"
  corpus="$work/$target"
  # With -jobs libFuzzer writes fuzz-<job>.log into the current folder:
  # each target runs in its own, never in the checkout other runs share.
  rundir="$work/$target-run"
  mkdir -p "$seeds" "$corpus" "$rundir"
  seed "$target" "$seeds"
  (cd "$seeds" && find . -type f | sed 's|^\./||' | LC_ALL=C sort \
     | sed "s|^|$seeds/|" | paste -sd, -) >"$work/$target-seeds.list"
  seed_inputs=()
  [ -s "$work/$target-seeds.list" ] && seed_inputs=(-seed_inputs="@$work/$target-seeds.list")
  parallel=()
  [ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
  log="$work/$target.log"
  (cd "$rundir" &&
   ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0} \
   UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
   G_SLICE=always-malloc G_DEBUG=gc-friendly \
     "${fixed_addresses[@]}" "$build_abs/fuzz/$target" -seed="$fuzz_seed" -max_total_time="$seconds" -timeout=30 \
       -rss_limit_mb=2560 -max_len=65536 -print_final_stats=1 "${parallel[@]}" \
       "${seed_inputs[@]}" -artifact_prefix="$build_abs/fuzz-artifacts/$target-" \
       "$corpus") >"$log" 2>&1
  rc=$?
  runs=$(grep -hE '^stat::number_of_executed_units' "$log" "$rundir"/fuzz-*.log 2>/dev/null \
         | awk '{ s += $2 } END { print s + 0 }')
  if [ $rc -eq 0 ]; then
    echo "fuzz $target: ok ($runs runs)"
  else
    status=1
    crash=$(grep -hoE "Test unit written to [^ ]+" "$log" "$rundir"/fuzz-*.log 2>/dev/null \
            | head -n 1 | sed 's/Test unit written to //')
    used_seed=$(grep -hoE '^INFO: Seed: [0-9]+' "$log" "$rundir"/fuzz-*.log 2>/dev/null \
                | head -n 1 | sed 's/INFO: Seed: //')
    echo "fuzz $target: CRASH (exit $rc) after $runs runs (seed ${used_seed:-?}); input saved to ${crash:-?}"
    [ "$jobs" -gt 1 ] && cat "$rundir"/fuzz-*.log >>"$log" 2>/dev/null
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
done

rm -rf "$work"
exit $status
