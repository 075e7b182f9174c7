#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Triptych needs to build and run;
# with --test, also what the test suite uses (headless X, Chromium for the
# report injection test, poppler for PDF checks, clang for the fuzzers).
set -eu
pkgs=(
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libsqlite3-dev
  libxml2-dev libjson-glib-dev libcairo2-dev libpango1.0-dev
  desktop-file-utils appstream fonts-noto-core fonts-dejavu-core python3
)
if [ "${1:-}" = "--test" ]; then
  pkgs+=(xvfb xauth dbus dbus-x11 imagemagick poppler-utils unzip
         chromium clang libclang-rt-14-dev flatpak-builder)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
