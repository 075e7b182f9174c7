#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the translations in po/.

usage: check-translations.py SOURCE_ROOT [--complete LANG]... | --formats

With --formats, it checks only that every translatable string can be looked up at
run time: xgettext stops a string at a macro such as G_GINT64_FORMAT, so the
catalogue would hold "Article %" while the program asks for "Article %li is not
in the library", which no translation can ever match. Use %lld with a (long long)
cast, or <inttypes.h>'s PRId64, which gettext understands.

For every language in po/LINGUAS: `msgfmt --check` must accept its .po file.
For each --complete language, the .po file is also merged with a template made
fresh from po/POTFILES.in (the same xgettext keywords as meson's "glib" preset),
so a string added to the code since the last translation pass counts as
untranslated; `msgfmt --statistics` on the result must report no fuzzy and no
untranslated message. Exits 77 (skip) when the gettext tools are not installed."""

import os
import re
import shutil
import subprocess
import sys
import tempfile

# The keywords and flags of meson's i18n.gettext(preset: 'glib').
XGETTEXT_GLIB_ARGS = [
    "--from-code=UTF-8", "--add-comments",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format", "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
    "--flag=g_markup_printf_escaped:1:c-format", "--flag=g_log:3:c-format",
    "--flag=g_print:1:c-format", "--flag=g_printerr:1:c-format",
    "--flag=g_printf:1:c-format", "--flag=g_fprintf:2:c-format",
    "--flag=g_sprintf:2:c-format", "--flag=g_snprintf:3:c-format",
]
CUT_FORMAT = re.compile(r"^(.*?:\d+): warning: .*not a valid C format string\. "
                        r"Reason: The string ends in the middle of a directive", re.M)
# _("…%" G_GINT64_FORMAT …) and the like: a literal followed by a macro inside a gettext call.
LITERAL = r'"(?:\\.|[^"\\\n])*"'
MACRO_IN_CALL = re.compile(r"(?<![A-Za-z0-9_])(?:_|N_|C_\s*\(\s*" + LITERAL + r"\s*,|NC_\s*\(\s*" + LITERAL
                           + r"\s*,)\s*\(?\s*(?:" + LITERAL + r"\s*)+[A-Za-z_]")
STATS = re.compile(r"(\d+) translated messages?(?:, (\d+) fuzzy translations?)?"
                   r"(?:, (\d+) untranslated messages?)?")


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def statistics(po_file):
    """(translated, fuzzy, untranslated) as msgfmt --statistics counts them."""
    res = run(["msgfmt", "--statistics", "-o", os.devnull, po_file])
    if res.returncode != 0:
        raise RuntimeError(res.stderr.strip())
    m = STATS.search(res.stderr)
    if m is None:
        raise RuntimeError(f"cannot read msgfmt statistics: {res.stderr.strip()}")
    return tuple(int(g or 0) for g in m.groups())


def make_template(root, tmp):
    """The path of a fresh template, and the places where xgettext cut a string short."""
    pot = os.path.join(tmp, "fresh.pot")
    res = run(["xgettext", "--package-name=triptych", "--files-from=" + os.path.join(root, "po", "POTFILES.in"),
               "--directory=" + root, "--output=" + pot] + XGETTEXT_GLIB_ARGS)
    if res.returncode != 0:
        raise RuntimeError(f"xgettext failed: {res.stderr.strip()}")
    return pot, CUT_FORMAT.findall(res.stderr)


def main():
    args = sys.argv[1:]
    if not args:
        print("usage: check-translations.py SOURCE_ROOT [--complete LANG]...", file=sys.stderr)
        return 2
    root = args.pop(0)
    complete = []
    formats_only = args == ["--formats"]
    if formats_only:
        args = []
    while args:
        opt = args.pop(0)
        if opt != "--complete" or not args:
            print(f"unknown argument {opt}", file=sys.stderr)
            return 2
        complete.append(args.pop(0))

    for tool in ("msgfmt", "msgmerge", "xgettext"):
        if shutil.which(tool) is None:
            print(f"skipped: {tool} (gettext) is not installed")
            return 77

    if formats_only:
        with tempfile.TemporaryDirectory(prefix="tp-po-") as tmp:
            _, cut = make_template(root, tmp)
        cut = set(cut)
        with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
            sources = [l.strip() for l in f if l.strip().endswith(".c")]
        for rel in sources:
            with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as f:
                text = f.read()
            for m in MACRO_IN_CALL.finditer(text):
                cut.add(f"{rel}:{text.count(chr(10), 0, m.start()) + 1}")
        cut = sorted(cut, key=lambda w: (w.rsplit(":", 1)[0], int(w.rsplit(":", 1)[1])))
        for where in cut:
            print(f"{where}: a macro cuts this translatable string short; it can never be translated")
        if cut:
            return 1
        print("every translatable string is whole")
        return 0

    with open(os.path.join(root, "po", "LINGUAS"), encoding="utf-8") as f:
        linguas = [w for line in f for w in line.split("#", 1)[0].split()]
    failures = 0

    for lang in complete:
        if lang not in linguas:
            print(f"{lang}: not in po/LINGUAS")
            failures += 1

    for lang in linguas:
        po = os.path.join(root, "po", f"{lang}.po")
        res = run(["msgfmt", "--check", "-o", os.devnull, po])
        if res.returncode != 0:
            print(f"{lang}: msgfmt --check failed:\n{res.stderr.strip()}")
            failures += 1
        else:
            print(f"{lang}: msgfmt --check passed")

    if complete:
        with tempfile.TemporaryDirectory(prefix="tp-po-") as tmp:
            pot, _ = make_template(root, tmp)
            for lang in complete:
                po = os.path.join(root, "po", f"{lang}.po")
                merged = os.path.join(tmp, f"{lang}.po")
                res = run(["msgmerge", "--quiet", "--output-file=" + merged, po, pot])
                if res.returncode != 0:
                    print(f"{lang}: msgmerge failed:\n{res.stderr.strip()}")
                    failures += 1
                    continue
                translated, fuzzy, untranslated = statistics(merged)
                print(f"{lang}: {translated} translated, {fuzzy} fuzzy, {untranslated} untranslated "
                      f"against the current sources")
                if translated == 0 or fuzzy or untranslated:
                    failures += 1
                    for what, opt in (("fuzzy", "--only-fuzzy"), ("untranslated", "--untranslated")):
                        res = run(["msgattrib", opt, "--no-obsolete", merged])
                        # Everything after the header entry.
                        entries = res.stdout.split("\n\n", 1)[1:]
                        if entries:
                            print(f"{lang}: {what}:\n{entries[0]}")

    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
