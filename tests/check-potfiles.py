#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a file with translatable strings is missing from po/POTFILES.in,
or when POTFILES.in names a file that does not exist (xgettext would stop there).

usage: check-potfiles.py SOURCE_ROOT

Looked at: every .c file under src/ that calls a gettext macro or function,
every .ui file under src/ and data/ with translatable="yes", and the desktop,
metainfo and GSettings schema sources in data/ (their strings are translatable
by their formats' rules)."""

import os
import re
import sys

# A gettext call: _( N_( C_( NC_( Q_( and the g_d*gettext / ngettext family.
# The look-behind keeps identifiers that merely end in "_" (foo_()) out.
C_CALL = re.compile(r"(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_|g_dgettext|g_dcgettext|g_dngettext|"
                    r"g_dpgettext|g_dpgettext2|ngettext|dgettext|dngettext)\s*\(")
C_COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
C_STRING = re.compile(r'"(?:\\.|[^"\\\n])*"')
UI_TRANSLATABLE = re.compile(r'translatable\s*=\s*["\'](?:yes|true|1)["\']', re.I)
DATA_SUFFIXES = (".desktop.in", ".metainfo.xml.in", ".appdata.xml.in", ".gschema.xml")


def read_potfiles(path):
    entries = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                entries.append(line)
    return entries


def c_file_translates(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    # Strings first, so a "/*" inside a literal does not open a comment;
    # then comments, so "_(" in prose does not count.
    text = C_STRING.sub('""', text)
    text = C_COMMENT.sub(" ", text)
    return C_CALL.search(text) is not None


def ui_file_translates(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return UI_TRANSLATABLE.search(f.read()) is not None


def files_needing_translation(root):
    found = []
    for top in ("src", "data"):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, root).replace(os.sep, "/")
                if top == "src" and name.endswith(".c"):
                    if c_file_translates(full):
                        found.append(rel)
                elif name.endswith(".ui"):
                    if ui_file_translates(full):
                        found.append(rel)
                elif top == "data" and dirpath == os.path.join(root, "data") \
                        and name.endswith(DATA_SUFFIXES):
                    found.append(rel)
    return found


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    root = sys.argv[1]
    potfiles = os.path.join(root, "po", "POTFILES.in")
    listed = read_potfiles(potfiles)
    listed_set = set(listed)
    problems = 0

    for rel in files_needing_translation(root):
        if rel not in listed_set:
            print(f"missing from po/POTFILES.in: {rel}")
            problems += 1
    for rel in listed:
        if not os.path.isfile(os.path.join(root, rel)):
            print(f"po/POTFILES.in lists a file that does not exist: {rel}")
            problems += 1
    seen = set()
    for rel in listed:
        if rel in seen:
            print(f"po/POTFILES.in lists a file twice: {rel}")
            problems += 1
        seen.add(rel)

    if problems:
        print(f"{problems} problem(s) in po/POTFILES.in")
        return 1
    print(f"po/POTFILES.in lists all {len(listed)} files with translatable strings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
