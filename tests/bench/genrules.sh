#!/usr/bin/env bash
# genrules.sh - the rule generator of bench/ writes rules that load, pass
# `check` without errors and run over the examples without a rule error;
# the same seed gives the same files.
#   bash genrules.sh <newsrules> <source-dir> <newsrules-bench-genrules>
GEN=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
source "$(dirname "$0")/../cli/lib.bash"

"$GEN" -n 12 rules >gen.out 2>gen.err || fail "generator failed: $(cat gen.err)"
[ "$(ls rules/*.lua | wc -l)" = 12 ] || fail "expected 12 rule files"
pass

run check rules
expect_rc 0
expect_grep '12 files, 12 rules: 0 errors' out

run scan --stats --format jsonl -r rules "$SRC/examples/articles"
expect_rc 0
expect_grep ', 0 rule errors$' err
expect_grep '^  gen-0012 ' err

# Same seed, same files; another seed, other words.
"$GEN" -n 12 again >/dev/null || fail "generator failed"
diff -r rules again >/dev/null || fail "the same seed gave different files"
pass
"$GEN" -n 12 -s 7 -w broad other >/dev/null || fail "generator failed"
if diff -r rules other >/dev/null; then fail "another seed gave the same files"; fi
pass

# Bad arguments are refused with a reason.
if "$GEN" -n 3 -k nosuch bad 2>err; then fail "unknown shape accepted"; fi
expect_grep "unknown shape 'nosuch'" err
if "$GEN" -n x bad 2>err; then fail "bad -n accepted"; fi
expect_grep "not a number" err

echo "ok: $TEST_NAME ($CHECKS checks)"
