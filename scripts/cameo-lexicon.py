#!/usr/bin/env python3
"""Compile the CAMEO 2.0 verb dictionary into core/lexicon/data/cameo_verbs.tsv.

    python3 scripts/cameo-lexicon.py CAMEO.2.0.verbs.txt > core/lexicon/data/cameo_verbs.tsv

The dictionary (PETRARCH2's CAMEO.2.0.txt, MIT licence, Open Event Data
Alliance) is not shipped with newsrules; its licence notice is copied into
the output's header. What is taken from it:

- every verb whose CAMEO code falls in a verbal family (01x, 02x, 03x,
  04x, 05x, 10x-13x): its own code ("ACCUSE [112]"), else its block's
  ("--- WARN [130] ---"), else the code most of its patterns give (DENY sits
  in an uncoded block; its patterns mostly say 016);
- phrasal verbs: "+RULE_OUT" is "rule" with the particle "out", and a
  pattern made of one preposition ("- * (ON) [020] # CALL") is "call on";
- verbs named only in pattern comments of a coded block ("# URGE" in the
  DEMAND block) belong to that block;
- object patterns ("- * ACCUSATION [016] # REJECT") whose code gives
  another act than the verb's own: one more row for the verb, applying when
  its object is one of the listed nouns (synsets "&CRIME" expanded, plurals
  added). "reject" is a rejection (12x), "reject the accusation" a denial.

Each row: lemma, particle, act, CAMEO code, object nouns, forms. The act
classes and the codes behind them are in ACTS below (and docs/lexicons.md).
Forms: the irregular forms newsrules already lists (verbs.tsv,
speech_verbs.tsv), else the dictionary's "{...}" forms when complete, else
empty (the library inflects regular verbs itself).
"""
import collections
import os
import re
import sys

# Act classes by CAMEO code prefix, longest prefix first. CAMEO has no code
# of its own for warnings (WARN sits under 130, threaten): BLOCK_ACTS does it.
ACTS = [
    ("010", "comment"), ("011", "decline_comment"), ("012", "pessimism"),
    ("013", "optimism"), ("014", "consider"), ("015", "acknowledge"), ("016", "deny"),
    ("017", "symbolic"), ("018", "sympathize"), ("019", "accord"),
    ("02", "appeal"), ("03", "promise"), ("04", "consult"),
    ("050", "cooperate"), ("051", "praise"), ("052", "defend"), ("053", "rally"),
    ("054", "recognize"), ("055", "apologize"), ("056", "forgive"), ("057", "agree"),
    ("10", "demand"),
    ("110", "disapprove"), ("111", "criticize"), ("112", "accuse"), ("113", "rally_opposition"),
    ("114", "complain"), ("115", "sue"), ("116", "convict"),
    ("12", "reject"), ("13", "threaten"),
]
# Blocks whose verbs get an act of their own within their code: CAMEO
# files warnings under 130 (threaten) and agreeing under 050 (cooperate).
BLOCK_ACTS = {"WARN": "warn", "AGREE": "agree"}
# Blocks of a verbal family whose verbs are not acts of speech or stance
# (moving, gathering, preparing): left out.
SKIP_BLOCKS = {"ARRIVE", "GO_SOMEWHERE", "ASSEMBLE", "PREPARE", "STRIVE", "REVIVE", "HOST",
               "VISIT", "INTEND", "SIGNAL", "CABLE", "DOCK", "EMERGE",
               # delaying, risking and degrading: coded 12x, 13x and 110, not speech
               "DELAY", "ENDANGER", "DISGRACE"}
# Verbs whose dictionary code is not the sense news uses them in, or that
# are not speech at all: left out (the verb, then why).
SKIP_VERBS = {}
for why, words in (
    ("not speech: spreading, counting, seeing", "circulate diffuse dispense disperse disseminate "
     "dissipate distribute propagate scatter spread assess calculate count estimate figure gauge "
     "measure reassesment score sum tally total see saw view watch witness notice take watch "
     "anticipate augur auspicate await envisage foresee forebode foreshadow foretell portend "
     "prefigure presage prognosticate copy echo imitate mimic bemock"),
    ("not speech: feelings, effects, dealings", "concern involve worried intrude obtrude pry "
     "trespass affect impact influence tempt exuberate exult triumph cry grieve mourn wail weep "
     "disappoint discourage dishearten sadden distress frustrate embolden enliven galvanize "
     "invigorate revitalize rouse spur inspire cheer esteem prize value prefer favor favour "
     "exalt glorify sanctify bless barter haggle bargain deal ally associate concert conform "
     "correlate harmonise harmonize integrate orchestrate organise organize synchronise "
     "synchronize unionise unionize advertise advertize promote back support brave confront "
     "encounter face interact engage run innovate insert acquaint learn find hear elicit "
     "expect seek is seem take run head link forgave forgiven worried decide determine vote apply fail breach defect defy aim compensate "
     "comply address head link negotiate mediate broker side cooperate collaborate coordinate "
     "expose unveil divulge confide profess summon override differ"),
    ("mostly another sense in news", "need want press push campaign compete contrast "
     "counterbalance contravene table lecture savage recognise recognize clap toast honor "
     "honour reward celebrate commemorate cane flog react receive reason think consider "
     "contemplate deliberate excogitate meditate mull muse ponder reconsider ruminate speculate "
     "weigh debate impress punctuate spotlight pinpoint define depict rationalize refer impart "
     "convey communicate detail narrate explicate expound elucidate articulate utter verbalise "
     "verbalize ordain pronounce dispute crucify outline file bid"),
):
    for w in words.split():
        SKIP_VERBS[w] = why
# Verbs the dictionary codes in a sense news rarely means: (act, code, why).
# Their object patterns are kept as they are.
OVERRIDES = {
    "allege": ("accuse", "112", "ALLEGE's block is 110, its patterns 112; 'alleged that' states a charge"),
    "claim": ("comment", "010", "'claimed that' asserts; CAMEO's 110 is for 'claim victory against'"),
    "admit": ("acknowledge", "015", "filed under DISCLOSE (050) beside ACKNOWLEDGE (015)"),
    "call": ("comment", "010", "bare 'called' names or describes ('called it a disgrace') far "
             "more often than it telephones; 'phone' and 'telephone' keep 041"),
    "vow": ("promise", "030", "'vowed to' promises; the threats (revenge, attacks) are object rows"),
}
# News verbs of speech the dictionary lacks, coded by the CAMEO codebook's
# definitions of the families: (lemma, particle, act, code).
SUPPLEMENT = [
    ("concede", "", "acknowledge", "015"), ("rebut", "", "deny", "016"),
    ("lambast", "", "criticize", "111"), ("hit", "out", "criticize", "111"),
    ("blast", "", "criticize", "111"), ("press", "for", "demand", "100"),
    ("push", "for", "demand", "100"), ("fume", "", "complain", "114"),
    ("grumble", "", "complain", "114"), ("concur", "", "agree", "057"),
    ("shrug", "off", "deny", "016"), ("brush", "aside", "deny", "016"),
]


def act_of(code):
    for prefix, act in ACTS:
        if code.startswith(prefix):
            return act
    return None


def root_code(code):
    """The family's own code: 1124 -> 112, 0256 -> 025 (kept as CAMEO writes it)."""
    return code[:3]


HEAD = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
VERB = re.compile(r"^(\+?[A-Z][A-Z_-]*)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?")
PATTERN = re.compile(r"^-\s+(.*?)\s*\[([^\]]*)\]\s*(?:\S*\s*)?#\s*([A-Z_]+)")
SYN_HEAD = re.compile(r"^&([A-Z_]+)")


def clean_code(raw):
    code = raw.split(":")[0].strip()
    return code if re.fullmatch(r"\d{3,4}", code) else None


def word(s):
    return s.lower().replace("_", " ").strip()


def read(path):
    """Blocks (name, code, verbs {name: (forms, own code)}, patterns) and synsets."""
    blocks, synsets = [], {}
    cur, syn = None, None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            m = SYN_HEAD.match(line)
            if m and cur is None:
                syn = synsets.setdefault(m.group(1), [])
                continue
            if line.startswith("+") and syn is not None and cur is None:
                syn.append(line[1:].split("#")[0].strip())
                continue
            m = HEAD.match(line)
            if m:
                syn = None
                cur = {"name": m.group(1), "code": clean_code(m.group(2)), "verbs": {},
                       "order": [], "patterns": []}
                blocks.append(cur)
                continue
            if cur is None:
                continue
            m = PATTERN.match(line)
            if m:
                cur["patterns"].append((m.group(1), clean_code(m.group(2)), m.group(3)))
                continue
            if line.startswith("-"):
                continue
            m = VERB.match(line)
            if m:
                name = m.group(1)
                forms = m.group(2)[1:-1].split() if m.group(2) else []
                own = clean_code(m.group(3)[1:-1]) if m.group(3) else None
                if name not in cur["verbs"]:
                    cur["verbs"][name] = (forms, own)
                    cur["order"].append(name)
    return blocks, synsets


def split_verb(name):
    """'+RULE_OUT' -> ('rule', 'out'); 'DENY' -> ('deny', ''); None when unusable."""
    phrasal = name.startswith("+")
    parts = name.lstrip("+").lower().split("_")
    parts = [p for p in parts if p]
    if not parts or not all(re.fullmatch(r"[a-z-]+", p) for p in parts):
        return None
    if phrasal and len(parts) == 2:
        return parts[0], parts[1]
    if len(parts) == 1 and not name.endswith("_"):
        return parts[0], ""
    return None


def comment_lemma(name, verbs):
    """The block verb a pattern comment names ('RULED_OUT' -> '+RULE_OUT')."""
    if name in verbs or "+" + name in verbs:
        return name if name in verbs else "+" + name
    base = name.split("_")[0]
    rest = name[len(base):]
    for suf, rep in (("ED", ""), ("ED", "E"), ("S", ""), ("ING", ""), ("ING", "E"), ("D", "")):
        if base.endswith(suf):
            cand = base[: -len(suf)] + rep + rest
            for c in (cand, "+" + cand):
                if c in verbs:
                    return c
    return None


def expand(obj, synsets):
    """Object nouns of a pattern's object: 'ACCUSATION', '&CRIME', '{RIGHTS ABUSE}'."""
    obj = obj.strip()
    if obj.startswith("{") and obj.endswith("}"):
        obj = obj[1:-1].strip()
        if "&" in obj or "(" in obj:
            return []
        return [word(obj)] if re.fullmatch(r"[A-Z -]+", obj) else []
    if obj.startswith("&"):
        # Big sets (currencies, weapons) name no party or charge.
        if len(synsets.get(obj[1:], [])) > 24:
            return []
        return [word(w) for w in synsets.get(obj[1:], []) if re.fullmatch(r"[A-Z_-]+", w)
                and not w.endswith("_")]
    return [word(obj)] if re.fullmatch(r"[A-Z-]+", obj) else []


def plural(n):
    if " " in n or n.endswith("s"):
        return None
    if n.endswith("y") and n[-2:-1] not in "aeiou":
        return n[:-1] + "ies"
    if n.endswith(("ch", "sh", "x", "z")):
        return n + "es"
    return n + "s"


def known_forms(root):
    """Irregular forms newsrules lists already: lemma -> '3sg|past|pastpart|ing'."""
    out = {}
    for name, col in (("verbs.tsv", 1), ("speech_verbs.tsv", 3)):
        path = os.path.join(root, "core", "lexicon", "data", name)
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                c = line.rstrip("\n").split("\t")
                if len(c) > col and c[col] and c[0] not in out:
                    out[c[0]] = c[col]
    return out


def forms_of(lemma, particle, braces, known):
    if lemma in known:
        return known[lemma]
    fs = [f.lstrip("+").lower() for f in braces]
    if particle:
        fs = [f[: -len(particle) - 1] for f in fs if f.endswith("_" + particle)]
    fs = [f for f in fs if re.fullmatch(r"[a-z-]+", f) and f != lemma]
    s3 = [f for f in fs if f.endswith("s") and not f.endswith("ss")]
    ing = [f for f in fs if f.endswith("ing")]
    past = [f for f in fs if f not in s3 and f not in ing]
    if len(s3) == 1 and len(ing) == 1 and 1 <= len(past) <= 2:
        pp = past[1] if len(past) == 2 else past[0]
        return "|".join((s3[0], past[0], pp, ing[0]))
    return ""


def majority(codes):
    """The code most of a verb's patterns give, by family (first two digits),
    counting every family: a verb mostly coded as fighting is no speech verb."""
    codes = [c for c in codes if c]
    if not codes:
        return None
    fam = collections.Counter(c[:2] for c in codes).most_common(1)[0][0]
    return collections.Counter(root_code(c) for c in codes if c[:2] == fam).most_common(1)[0][0]


def strong_majority(codes):
    """A verb of an uncoded block gets a default act only when most of its
    patterns agree (DENY, REJECT, RULE_OUT); otherwise only its object
    patterns become rows."""
    codes = [c for c in codes if c]
    if len(codes) < 8:
        return False
    fam, n = collections.Counter(c[:2] for c in codes).most_common(1)[0]
    return n >= 0.6 * len(codes)


def compile_rows(blocks, synsets, known):
    rows = collections.OrderedDict()  # (lemma, particle, act) -> [code, objects, forms]
    seen = {}  # (lemma, particle) -> default act already given

    def add(lemma, particle, act, code, objects, forms, block):
        if act is None or lemma in SKIP_VERBS or block in SKIP_BLOCKS:
            return
        key = (lemma, particle, act)
        if not objects:
            if (lemma, particle) in seen:
                return
            seen[(lemma, particle)] = act
        elif seen.get((lemma, particle)) == act:
            return
        row = rows.setdefault(key, [code, [], forms])
        for o in objects:
            for n in (o, plural(o)):
                if n and n not in row[1]:
                    row[1].append(n)

    for b in blocks:
        verbs = b["verbs"]
        per_verb = collections.defaultdict(list)
        extra = collections.OrderedDict()
        for pat, code, vname in b["patterns"]:
            name = comment_lemma(vname, verbs)
            if name is None and b["code"] and re.fullmatch(r"[A-Z]+", vname):
                name = vname
                extra.setdefault(name, ([], None))
            if name is not None:
                per_verb[name].append((pat, code))
        for name in list(b["order"]) + list(extra):
            braces, own = verbs.get(name) or extra[name]
            sv = split_verb(name)
            if sv is None:
                continue
            lemma, particle = sv
            codes = [c for _, c in per_verb[name]]
            code = own or b["code"]
            if code is None and strong_majority(codes):
                # Coded by its patterns only: the act's own code, not one
                # object's ("reject": 120, not 1246).
                code = majority(codes)
                code = next((p for p, a in ACTS if a == act_of(code)), code).ljust(3, "0")
            if code is None:
                continue
            act = BLOCK_ACTS.get(b["name"]) if not own else None
            act = act or act_of(code)
            if lemma in OVERRIDES and not particle:
                act, code = OVERRIDES[lemma][:2]
            forms = forms_of(lemma, particle, braces, known)
            add(lemma, particle, act, root_code(code), [], forms, b["name"])
            # Patterns of one preposition: a phrasal verb of its own.
            for pat, pcode in per_verb[name]:
                m = re.fullmatch(r"\*\s+\(([A-Z]+)\)", pat)
                if m and pcode and not particle:
                    p = m.group(1).lower()
                    add(lemma, p, act_of(pcode), root_code(pcode), [], forms, b["name"])
            # Object patterns that change the act.
            by_act = collections.defaultdict(lambda: ([], []))
            for pat, pcode in per_verb[name]:
                m = re.fullmatch(r"\*\s+(\{[A-Z &-]+\}|&?[A-Z-]+)", pat)
                pa = act_of(pcode) if pcode else None
                if not m or not pa or pa == act:
                    continue
                nouns = expand(m.group(1), synsets)
                by_act[pa][0].extend(nouns)
                by_act[pa][1].append(pcode)
            for pa, (nouns, pcodes) in by_act.items():
                if nouns:
                    c = collections.Counter(root_code(x) for x in pcodes).most_common(1)[0][0]
                    add(lemma, particle, pa, c, sorted(set(nouns)), forms, b["name"])
    return rows


def licence(path):
    keep, out = False, []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("# The MIT License"):
                keep = True
            if keep:
                if not line.startswith("#"):
                    break
                if line.startswith("# LAST UPDATE"):
                    out.append(line.rstrip())
                    break
                out.append(line.rstrip())
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    blocks, synsets = read(sys.argv[1])
    rows = compile_rows(blocks, synsets, known_forms(root))
    print("# cameo_verbs.tsv - verbs of speech and stance, each with the act it")
    print("# performs (a class of CAMEO's verbal event families) and its CAMEO code.")
    print("# Generated by scripts/cameo-lexicon.py from the CAMEO 2.0 verb dictionary")
    print("# of PETRARCH2 (openeventdata/petrarch2, data/dictionaries/CAMEO.2.0.txt,")
    print("# commit 676801cd9cb2924bbbad09f86d15c9323e7097bf); do not edit by hand.")
    print("# Columns: lemma<TAB>particle<TAB>act<TAB>cameo<TAB>objects<TAB>forms")
    print("# objects: nouns ('|'-separated) that select the row when they head the")
    print("# verb's object; a row without objects is the verb's own act. forms:")
    print("# 3sg|past|pastpart|ing, or empty for the regular spelling rules.")
    print("#")
    print("# The dictionary's licence:")
    print("#")
    for line in licence(sys.argv[1]):
        print(line)
    for lemma, particle, act, code in SUPPLEMENT:
        # Only verbs with no act of their own (object rows aside).
        if any(k[:2] == (lemma, particle) and not v[1] for k, v in rows.items()):
            continue
        key = (lemma, particle, act)
        if key in rows:
            rows[key][1] = []  # the object row becomes the verb's own
        else:
            rows[key] = [code, [], known_forms(root).get(lemma, "")]
    for (lemma, particle, act), (code, objects, forms) in rows.items():
        print("\t".join((lemma, particle, act, code, "|".join(objects), forms)))


if __name__ == "__main__":
    main()
