#!/usr/bin/env python3
"""Compare two snapshots of the engine's outputs (/work/tools/snap.sh style
folders) as if the newer one had no `statements` member in its inspect
JSON: every other byte must be the same.

    python3 scripts/compare-without-statements.py BEFORE_DIR AFTER_DIR

The `statements` arrays are cut out of the inspect JSON as text (so that
every other byte is compared as written); other files are compared as is.
"""
import json
import os
import sys


def strip(text):
    """Cut every `,"statements":[...]` member out of the text, byte for
    byte: the array's brackets are matched outside JSON strings."""
    key = ',"statements":['
    out, pos = [], 0
    while True:
        i = text.find(key, pos)
        if i < 0:
            out.append(text[pos:])
            return "".join(out)
        out.append(text[pos:i])
        j, depth, in_str = i + len(key) - 1, 0, False
        while True:
            ch = text[j]
            if in_str:
                if ch == "\\":
                    j += 1
                elif ch == '"':
                    in_str = False
            elif ch == '"':
                in_str = True
            elif ch in "[{":
                depth += 1
            elif ch in "]}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        pos = j + 1


def main():
    before, after = sys.argv[1], sys.argv[2]
    ok = True
    for name in sorted(os.listdir(before)):
        a = open(os.path.join(before, name), encoding="utf-8", errors="surrogateescape").read()
        b = open(os.path.join(after, name), encoding="utf-8", errors="surrogateescape").read()
        if name.startswith("inspect") and name.endswith(".json"):
            b = strip(b)
        same = a == b
        ok &= same
        print("%-24s %s" % (name, "same" if same else "DIFFERS"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
