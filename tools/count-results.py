#!/usr/bin/env python3
"""Sums meson test logs into one "N passed, N failed" line.

Each meson test is a GTest program speaking TAP; a program counts as failed
when it failed, timed out or crashed, and as passed when it passed or was
skipped because what it needs is absent (reported on the line above)."""
import json, sys

passed = failed = 0
for path in sys.argv[1:]:
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
print(f"{passed} passed, {failed} failed")
