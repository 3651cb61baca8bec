#!/usr/bin/env bash
# The shipped pack's alerts carry what the sentence's statement says (act,
# CAMEO code, negation, the actor's kind and country, the target), and
# talk between sports people is no public actor's.
source "$(dirname "$0")/lib.bash"

cat >politics.txt <<'TXT'
Border row deepens

Pakistan accused India of backing the rebels in the north, officials said on Monday.
TXT
run scan --format jsonl politics.txt
expect_rc 0
expect_lines out 1
expect_grep '"rule":"accusation"' out
expect_grep '"target":"India"' out
expect_grep '"act":"accuse"' out
expect_grep '"cameo":"112"' out
expect_grep '"negated":false' out
expect_grep '"actor_kind":"government"' out
expect_grep '"country":"PAK"' out

# The same charge between a striker and a referee, in a match report.
cat >sport.txt <<'TXT'
United held to draw

The striker accused the referee of cheating after the match. The club's
manager said the squad had played well in the league this season, and the
goalkeeper was injured at half-time.
TXT
run scan --format jsonl sport.txt
expect_rc 0
expect_lines out 0
echo "pack_fields: $CHECKS checks passed"
