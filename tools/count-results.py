#!/usr/bin/env python3
"""Sums meson test logs (and the fuzz run's log) into one "N passed, N failed" line.

Each meson test is a program (GTest speaking TAP, or a validator); it counts as
failed when it failed, timed out or crashed, and as passed when it passed, failed
as expected, or was skipped because what it needs is absent (listed above the
total). Each fuzz target counts once: "fuzz NAME: ok" passes, anything else fails.
"""
import argparse, json, re

ap = argparse.ArgumentParser()
ap.add_argument("--fuzz")
ap.add_argument("logs", nargs="*")
args = ap.parse_args()

passed = failed = 0
for path in args.logs:
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError:
        print(f"missing test log {path}")
        failed += 1
        continue
    for line in lines:
        if not line.strip():
            continue
        rec = json.loads(line)
        result = rec.get("result")
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            print(f"skipped: {rec.get('name')}")
            passed += 1
        else:
            print(f"failed: {rec.get('name')} ({result})")
            failed += 1

if args.fuzz:
    try:
        text = open(args.fuzz, encoding="utf-8", errors="replace").read()
    except OSError:
        text = ""
    for m in re.finditer(r"^fuzz (\S+): (\S+)", text, re.M):
        if m.group(2) == "ok":
            passed += 1
        else:
            print(f"failed: fuzz {m.group(1)}")
            failed += 1
    if re.search(r"^fuzz: ", text, re.M):
        print("failed: fuzz build")
        failed += 1

print(f"{passed} passed, {failed} failed")
