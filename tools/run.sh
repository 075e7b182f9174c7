#!/usr/bin/env bash
# Installs what is missing, builds Triptych and opens it on the sample
# library: a handful of short articles written for Triptych, kept in a file
# of its own ($XDG_DATA_HOME/triptych/sample-library.db) so trying the
# application never mixes samples into real work.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

bash tools/deps.sh

build=build-run
if [ ! -d "$build" ]; then
  meson setup "$build" >/dev/null
fi
ninja -C "$build" src/ui/triptych data/gschemas.compiled

# Run from the build folder, with the settings schema compiled there.
export GSETTINGS_SCHEMA_DIR="$top/$build/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"

runner=()
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run.sh: no display; starting Triptych under Xvfb (nothing will be visible)" >&2
  runner=(xvfb-run -a -s "-screen 0 1400x900x24")
fi
exec "${runner[@]}" "$build/src/ui/triptych" --open-sample "$@"
