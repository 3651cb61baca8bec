#!/usr/bin/env python3
"""Per-act confusion of the statement primitive against annotated articles.

    python3 scripts/statement-confusion.py --bin build/newsrules \\
        --root ../shared ../shared/eval/dev/*.json

For every required item of an annotation file (`statements` of
`accusation`, `denial`, `demand` or `threat`, the format of
`shared/eval/dev/`), finds the sentence of the article that holds its
`contains` text and lists the acts of the statements `newsrules inspect`
found in that sentence. Prints a table: one row per annotated type, one
column per act family found (the acts of docs/pack.md's rules, `other` for
any other act, `none` when the sentence has no statement), each cell the
share of the row's items. An item counts once per family, so a row can sum
past 1.00 when a sentence holds several statements.

Items of the title line are left out (the engine does not scan titles).
Needs only the Python standard library.
"""
import argparse
import json
import os
import subprocess
import sys

FAMILY = {
    "accuse": "accusation", "criticize": "accusation", "disapprove": "accusation",
    "complain": "accusation", "deny": "denial", "reject": "denial", "demand": "demand",
    "appeal": "demand", "threaten": "threat", "warn": "threat",
}
TYPES = ["accusation", "denial", "demand", "threat"]
COLUMNS = TYPES + ["other", "none"]


def inspect(binary, path):
    out = subprocess.run([binary, "inspect", path], capture_output=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"{path}: newsrules inspect failed: {out.stderr.decode()[:200]}")
    return json.loads(out.stdout)


def sentence_acts(doc, needle):
    """The act families of the statements in the sentence holding needle
    (byte offsets: the JSON gives UTF-8 offsets), or None when the text
    does not hold it (a title line)."""
    text = doc["text"].encode("utf-8")
    pos = text.find(needle.encode("utf-8"))
    if pos < 0:
        return None
    for i, s in enumerate(doc["sentences"]):
        if s["start"] <= pos < s["end"]:
            acts = {FAMILY.get(st["act"], "other") for st in doc["statements"]
                    if st["sentence"] == i}
            return acts or {"none"}
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--root", required=True, help="folder the files' paths are relative to")
    ap.add_argument("gold", nargs="+")
    args = ap.parse_args()
    counts = {t: {c: 0 for c in COLUMNS} for t in TYPES}
    totals = {t: 0 for t in TYPES}
    for g in args.gold:
        with open(g, encoding="utf-8") as f:
            ann = json.load(f)
        doc = inspect(args.bin, os.path.join(args.root, ann["file"]))
        for item in ann.get("statements", []):
            if item.get("optional") or item.get("negative") or item["type"] not in TYPES:
                continue
            acts = sentence_acts(doc, item["contains"])
            if acts is None:
                continue
            totals[item["type"]] += 1
            for a in acts:
                counts[item["type"]][a] += 1
    print("| annotated \\ found | " + " | ".join(COLUMNS) + " | items |")
    print("|---" * (len(COLUMNS) + 2) + "|")
    for t in TYPES:
        n = totals[t] or 1
        cells = " | ".join(f"{counts[t][c] / n:.2f}" for c in COLUMNS)
        print(f"| {t} | {cells} | {totals[t]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
