#!/usr/bin/env python3
"""List the verbs of the CAMEO 2.0 verb dictionary (PETRARCH2, MIT licence)
behind the rule pack's statement classes, and which of them the built-in
speech_verbs lexicon lacks.

    python3 scripts/cameo-verbs.py CAMEO.2.0.verbs.txt [core/lexicon/data/speech_verbs.tsv]

The dictionary is not shipped with newsrules: it comes from
openeventdata/petrarch2 (petrarch2/data/dictionaries/CAMEO.2.0.txt). A verb
belongs to a class when its own code, or its block's code, or a pattern
coded for it falls under the class's CAMEO codes:
  accuse     112x (accuse, blame, allege)
  criticize  111  (criticize or denounce)
  deny       016  (deny responsibility: "deny the accusation", "rule out involvement")
  demand     10x  (demand)
  threaten   13x  (threaten)
Verbs are printed as lemmas, lower case, "_" as a space.
"""
import re
import sys

CLASSES = [("accuse", ("112",)), ("criticize", ("111",)), ("deny", ("016",)),
           ("demand", ("10",)), ("threaten", ("13",))]


def cls_of(code):
    for name, prefixes in CLASSES:
        if any(code.startswith(p) for p in prefixes):
            return name
    return None


def parse(path):
    out = {name: set() for name, _ in CLASSES}
    block = None
    verbs_in_block = []
    head = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
    verb = re.compile(r"^\+?([A-Z][A-Z_]*)\s*(?:\{[^}]*\})?\s*(?:\[([^\]]*)\])?")
    pattern = re.compile(r"^-\s.*\[([^\]]*)\]\s*#\s*([A-Z_]+)")
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#") or not line.strip():
                continue
            m = head.match(line)
            if m:
                block = m.group(2).strip()
                verbs_in_block = []
                continue
            m = pattern.match(line)
            if m:
                c = cls_of(m.group(1).strip())
                if c:
                    out[c].add(m.group(2).lower().replace("_", " "))
                continue
            m = verb.match(line)
            if m and block is not None:
                code = (m.group(2) or block).strip()
                c = cls_of(code)
                lemma = m.group(1).lower().replace("_", " ")
                verbs_in_block.append(lemma)
                if c:
                    out[c].add(lemma)
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    classes = parse(sys.argv[1])
    have = set()
    if len(sys.argv) > 2:
        with open(sys.argv[2], encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                cols = line.rstrip("\n").split("\t")
                have.add(" ".join(x for x in (cols[0], cols[2] if len(cols) > 2 else "") if x))
    for name, _ in CLASSES:
        verbs = sorted(classes[name])
        print("%s (%d): %s" % (name, len(verbs), ", ".join(verbs)))
        if have:
            print("  not in speech_verbs: %s" % ", ".join(v for v in verbs if v not in have))


if __name__ == "__main__":
    main()
