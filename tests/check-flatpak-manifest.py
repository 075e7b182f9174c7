#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifests in flatpak/.

usage: check-flatpak-manifest.py SOURCE_ROOT

Both manifests must run `triptych` on the GNOME 47 (or newer) runtime, build this
source tree with meson, and ask for no more than the network, IPC, Wayland with
an X11 fallback and the GPU: no host files (files go through the portal file
chooser), no full session or system bus, no X11 without Wayland. The .Devel
variant may add only its own D-Bus name and debug output. When flatpak-builder
is installed, `flatpak-builder --show-manifest` must load each manifest."""

import json
import os
import shutil
import subprocess
import sys
import tempfile

APP_ID = "io.github.triptych.Triptych"
REQUIRED_ARGS = {"--share=network", "--share=ipc", "--socket=wayland",
                 "--socket=fallback-x11", "--device=dri"}
DEVEL_EXTRA_ARGS = {f"--own-name={APP_ID}", "--env=G_MESSAGES_DEBUG=all"}


def check(path, app_id, allowed_extra):
    errors = []
    name = os.path.basename(path)
    with open(path, encoding="utf-8") as f:
        m = json.load(f)

    if m.get("app-id", m.get("id")) != app_id:
        errors.append(f"app id is {m.get('app-id', m.get('id'))!r}, not {app_id!r}")
    if m.get("command") != "triptych":
        errors.append(f"command is {m.get('command')!r}, not 'triptych'")
    if m.get("runtime") != "org.gnome.Platform" or m.get("sdk") != "org.gnome.Sdk":
        errors.append("runtime and sdk must be org.gnome.Platform and org.gnome.Sdk")
    try:
        if int(str(m.get("runtime-version"))) < 47:
            errors.append(f"runtime-version {m.get('runtime-version')} is older than 47")
    except ValueError:
        errors.append(f"runtime-version {m.get('runtime-version')!r} is not a GNOME release")

    args = m.get("finish-args", [])
    if len(args) != len(set(args)):
        errors.append("finish-args repeats an entry")
    for missing in sorted(REQUIRED_ARGS - set(args)):
        errors.append(f"finish-args lacks {missing}")
    for extra in sorted(set(args) - REQUIRED_ARGS - allowed_extra):
        errors.append(f"finish-args asks for more than it needs: {extra}")

    modules = m.get("modules", [])
    if not modules or not isinstance(modules[-1], dict):
        errors.append("no module builds Triptych")
    else:
        last = modules[-1]
        if last.get("buildsystem") != "meson":
            errors.append("the last module does not build with meson")
        sources = last.get("sources", [])
        if not any(s.get("type") == "dir" and s.get("path") == ".." for s in sources):
            errors.append("the last module does not build this tree (type dir, path \"..\")")

    for e in errors:
        print(f"{name}: {e}")
    if not errors:
        print(f"{name}: app id, command, runtime, finish-args and module are as expected")
    return len(errors)


def show_manifest(path, app_id):
    builder = shutil.which("flatpak-builder")
    if builder is None:
        print(f"{os.path.basename(path)}: flatpak-builder is not installed; "
              "--show-manifest not run")
        return 0
    # flatpak-builder leaves a state folder in its working directory; keep it out of the tree.
    with tempfile.TemporaryDirectory(prefix="tp-flatpak-") as cwd:
        res = subprocess.run([builder, "--show-manifest", os.path.abspath(path)],
                             capture_output=True, text=True, timeout=60, cwd=cwd)
    if res.returncode != 0:
        print(f"{os.path.basename(path)}: flatpak-builder --show-manifest failed:\n"
              f"{res.stderr.strip()}")
        return 1
    shown = json.loads(res.stdout)
    if shown.get("id", shown.get("app-id")) != app_id:
        print(f"{os.path.basename(path)}: flatpak-builder reads app id "
              f"{shown.get('id')!r}, not {app_id!r}")
        return 1
    print(f"{os.path.basename(path)}: flatpak-builder --show-manifest accepts it")
    return 0


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    flatpak_dir = os.path.join(sys.argv[1], "flatpak")
    manifests = [
        (os.path.join(flatpak_dir, APP_ID + ".json"), APP_ID, set()),
        (os.path.join(flatpak_dir, APP_ID + ".Devel.json"), APP_ID + ".Devel", DEVEL_EXTRA_ARGS),
    ]
    errors = 0
    for path, app_id, extra in manifests:
        errors += check(path, app_id, extra)
        errors += show_manifest(path, app_id)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
