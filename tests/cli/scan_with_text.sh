#!/usr/bin/env bash
# scan --with-text: every alert carries the text its evidence offsets
# point into (article.text), or each evidence's context; for every alert
# the shipped pack raises on the bundled examples, the bytes
# text[start:end] are the evidence's text (issue 13). Needs python3 to
# read the JSON.
source "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || fail "python3 is needed (scripts/debian-packages.txt)"

run scan "$SRC/examples/articles/"
expect_rc 0 "scan without --with-text"
cp out plain.jsonl
expect_no_grep '"article":\{[^}]*"text":' plain.jsonl

run scan --with-text "$SRC/examples/articles/"
expect_rc 0 "scan --with-text"
cp out full.jsonl
run scan --with-text=context "$SRC/examples/articles/"
expect_rc 0 "scan --with-text=context"
cp out context.jsonl

cat >verify.py <<'PY'
import json, sys

def records(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.startswith('{"rule"')]

plain, full, ctx = (records(p) for p in sys.argv[1:4])
assert len(plain) == len(full) == len(ctx) and len(full) >= 5, (len(plain), len(full), len(ctx))
spans = 0
for p, f, c in zip(plain, full, ctx):
    text = f["article"]["text"].encode("utf-8")
    # Without the text, the alert is what --with-text adds it to.
    g = dict(f, article={k: v for k, v in f["article"].items() if k != "text"})
    assert g == p, (g, p)
    assert "text" not in c["article"]
    for ev, cev in zip(f["evidence"], c["evidence"]):
        s, e = ev["start"], ev["end"]
        assert text[s:e].decode("utf-8") == ev["text"], (f["rule"], s, e)
        cx = cev["context"]
        assert cx["start"] <= s <= e <= cx["end"], (cx, s, e)
        assert text[cx["start"]:cx["end"]].decode("utf-8") == cx["text"]
        spans += 1
print("verified", len(full), "alerts", spans, "spans")
PY
python3 verify.py plain.jsonl full.jsonl context.jsonl >verify.out 2>&1 || {
	cat verify.out >&2
	fail "text[start:end] is not the evidence text"
}
pass
expect_grep '^verified [0-9]+ alerts [0-9]+ spans$' verify.out

# Text output: the evidence with a sentence of context on either side.
run scan --format text --with-text "$SRC/examples/articles/voa-haqqani.txt"
expect_rc 0 "scan --format text --with-text"
expect_grep '^    The White House is calling on Pakistan.s government to break any links it has with the militant Haqqani Network. ‹Obama administration officials say' out
run scan --with-text=all "$SRC/examples/articles/voa-haqqani.txt"
expect_rc 2 "scan --with-text=all"
expect_grep "^newsrules: --with-text wants full or context, not 'all'$" err

done_ok
