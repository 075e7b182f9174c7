#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Installs the build into a temporary folder and runs what was installed.

usage: check-install.py BUILD_ROOT

`meson install --destdir` puts the files under TMP/PREFIX. Meson skips the
post-install steps under --destdir, so this does what gnome.post_install would
(compile the schemas), then checks that the expected files are there, that
the installed triptych-cli answers --version, that the installed translations
hold Vietnamese, and, with the GUI, that the installed triptych answers --help
and --version and, when a display is available, starts and keeps running with
only the installed schema and data to go on."""

import gettext
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

APP_ID = "io.github.triptych.Triptych"


def fail(msg):
    print(f"FAIL: {msg}")
    sys.exit(1)


def run(cmd, env=None, timeout=60):
    print("$ " + " ".join(cmd))
    res = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)
    if res.stdout.strip():
        print(res.stdout.rstrip())
    if res.stderr.strip():
        print(res.stderr.rstrip())
    return res


def build_options(build_root):
    with open(os.path.join(build_root, "meson-info", "intro-buildoptions.json"),
              encoding="utf-8") as f:
        return {o["name"]: o["value"] for o in json.load(f)}


def project_version(build_root):
    with open(os.path.join(build_root, "meson-info", "intro-projectinfo.json"),
              encoding="utf-8") as f:
        return json.load(f)["version"]


def builds_gui(build_root):
    """True when the build has the `triptych` application (not with -Dgui=false)."""
    with open(os.path.join(build_root, "meson-info", "intro-targets.json"),
              encoding="utf-8") as f:
        return any(t["name"] == "triptych" and t["type"] == "executable" for t in json.load(f))


def under(destdir, prefix, sub):
    path = sub if os.path.isabs(sub) else os.path.join(prefix, sub)
    return os.path.join(destdir, path.lstrip("/"))


def start_gui(binary, env):
    """True when the installed GUI starts and is still running after a few seconds."""
    cmd = [binary]
    if shutil.which("dbus-run-session"):
        # Its own bus, so an instance started by another test cannot take the call.
        cmd = ["dbus-run-session", "--"] + cmd
    print("$ " + " ".join(cmd) + "  (kept running for 4 s)")
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)
    try:
        proc.wait(timeout=4)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        out = proc.stdout.read()
        if "CRITICAL" in out or "ERROR" in out:
            print(out)
            fail("the installed triptych logged critical warnings while starting")
        return True
    print(proc.stdout.read())
    fail(f"the installed triptych exited with status {proc.returncode} right after starting")
    return False


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    build_root = sys.argv[1]
    gui = builds_gui(build_root)
    meson = shutil.which("meson")
    if meson is None:
        print("skipped: meson is not on PATH")
        return 77

    opts = build_options(build_root)
    prefix = opts["prefix"]
    version = project_version(build_root)

    with tempfile.TemporaryDirectory(prefix="tp-install-") as destdir:
        res = run([meson, "install", "-C", build_root, "--no-rebuild", "--quiet",
                   "--destdir", destdir], timeout=300)
        if res.returncode != 0:
            fail("meson install failed")

        bindir = under(destdir, prefix, opts["bindir"])
        datadir = under(destdir, prefix, opts["datadir"])
        localedir = under(destdir, prefix, opts["localedir"])
        schemadir = os.path.join(datadir, "glib-2.0", "schemas")

        expected = [
            os.path.join(bindir, "triptych-cli"),
            os.path.join(localedir, "vi", "LC_MESSAGES", "triptych.mo"),
        ]
        if gui:
            expected += [
                os.path.join(bindir, "triptych"),
                os.path.join(datadir, "applications", APP_ID + ".desktop"),
                os.path.join(datadir, "metainfo", APP_ID + ".metainfo.xml"),
                os.path.join(datadir, "icons", "hicolor", "scalable", "apps", APP_ID + ".svg"),
                os.path.join(datadir, "icons", "hicolor", "symbolic", "apps",
                             APP_ID + "-symbolic.svg"),
                os.path.join(schemadir, APP_ID + ".gschema.xml"),
            ]
        missing = [p for p in expected if not os.path.isfile(p)]
        for p in missing:
            print(f"not installed: {os.path.relpath(p, destdir)}")
        if missing:
            fail(f"{len(missing)} expected file(s) not installed")

        # The installed catalogue, read the way the programs read it.
        vi = gettext.translation("triptych", localedir=localedir, languages=["vi"])
        source = "Compare what Moscow, Washington and Kyiv say, topic by topic"
        if vi.gettext(source) == source:
            fail("the installed Vietnamese catalogue does not translate the desktop comment")

        env = dict(os.environ)
        env["LANGUAGE"] = "C"
        res = run([os.path.join(bindir, "triptych-cli"), "--version"], env=env)
        if res.returncode != 0 or res.stdout.strip() != f"triptych-cli {version}":
            fail(f"installed triptych-cli --version did not print “triptych-cli {version}”")

        if not gui:
            print("GUI not built: the installed command-line tool works")
            return 0

        desktop = os.path.join(datadir, "applications", APP_ID + ".desktop")
        with open(desktop, encoding="utf-8") as f:
            if "Comment[vi]=" not in f.read():
                fail("the installed desktop file carries no Vietnamese comment")

        # What gnome.post_install does after a real install.
        res = run(["glib-compile-schemas", "--strict", schemadir])
        if res.returncode != 0:
            fail("the installed schemas do not compile")

        home = os.path.join(destdir, "home")
        os.makedirs(home)
        env.update({
            "GSETTINGS_SCHEMA_DIR": schemadir,
            "GSETTINGS_BACKEND": "memory",
            "XDG_DATA_DIRS": datadir + os.pathsep + env.get("XDG_DATA_DIRS",
                                                            "/usr/local/share:/usr/share"),
            "XDG_DATA_HOME": os.path.join(home, "data"),
            "XDG_CONFIG_HOME": os.path.join(home, "config"),
            "XDG_CACHE_HOME": os.path.join(home, "cache"),
            "HOME": home,
        })
        triptych = os.path.join(bindir, "triptych")
        res = run([triptych, "--help"], env=env)
        if res.returncode != 0 or "--version" not in res.stdout:
            fail("installed triptych --help failed or does not list --version")
        res = run([triptych, "--version"], env=env)
        if res.returncode != 0 or version not in res.stdout:
            fail(f"installed triptych --version does not print {version}")

        if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
            start_gui(triptych, env)
            print("the installed triptych started and kept running")
        else:
            print("no display: the installed triptych was not started")
    return 0


if __name__ == "__main__":
    sys.exit(main())
