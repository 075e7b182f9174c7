#!/usr/bin/env bash
# Renders every view of Triptych (library empty and full, search, compare,
# article, preferences) to PNG, in the light and the dark style and in each
# interface language, under Xvfb when there is no display.
#
#   tests/render-views.sh [BUILD_DIR] [OUT_DIR]
#
# BUILD_DIR defaults to build-ui, OUT_DIR to BUILD_DIR/renders. Pictures are
# named OUT_DIR/<language>-<style>/<view>.png.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build-ui}" && pwd)
out=${2:-$build/renders}

ninja -C "$build" tests/test-ui-render data/gschemas.compiled >/dev/null
# The compiled translations, when the build has any.
ninja -C "$build" triptych-gmo >/dev/null 2>&1 || true

runner=()
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  runner=(xvfb-run -a -s "-screen 0 1600x1000x24" dbus-run-session --)
fi

languages=(en)
# Every translation compiled into the build.
for mo in "$build"/po/*/LC_MESSAGES/triptych.mo; do
  [ -f "$mo" ] || continue
  lang=$(basename "$(dirname "$(dirname "$mo")")")
  languages+=("$lang")
done

for lang in "${languages[@]}"; do
  for style in light dark; do
    dir="$out/$lang-$style"
    mkdir -p "$dir"
    dark=0
    [ "$style" = dark ] && dark=1
    env LANGUAGE="$lang" LANG=C.UTF-8 TP_LOCALE_DIR="$build/po" \
      G_TEST_SRCDIR="$top/tests" G_TEST_BUILDDIR="$build/tests" \
      GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" \
      NO_AT_BRIDGE=1 GTK_A11Y=none \
      TP_RENDER_DIR="$dir" TP_RENDER_DARK=$dark \
      "${runner[@]}" "$build/tests/test-ui-render" >"$dir/render.log" 2>&1 ||
      { echo "rendering $lang-$style failed; see $dir/render.log" >&2; exit 1; }
    echo "$dir: $(ls "$dir"/*.png | xargs -n1 basename | tr '\n' ' ')"
  done
done
