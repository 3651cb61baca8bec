#!/usr/bin/env bash
# Names that hold across articles: the shipped pack's alerts carry the
# actor's and target's id and canonical name whatever alias the article
# used ("US", "Washington" acting, "the EU"); inspect shows them; and
# `test` takes an example's actor by any name of the same country.
source "$(dirname "$0")/lib.bash"

cat >us.txt <<'TXT'
Trade row

The US accused the European Union of dumping steel on Monday, officials said.
TXT
cat >washington.txt <<'TXT'
Trade row

Washington accused the European Union of dumping steel on Monday.
TXT
for f in us washington; do
	run scan --format jsonl $f.txt
	expect_rc 0
	expect_lines out 1
	expect_grep '"rule":"accusation"' out
	expect_grep '"actor_id":"USA","actor_canonical":"United States"' out
	expect_grep '"target_id":"org:european-union","target_canonical":"European Union"' out
done
# The actor as the article names it stays what it was.
expect_grep '"actor":"Washington"' out
run scan --format text washington.txt
expect_rc 0
expect_grep '^    actor: Washington \[USA, United States\]   target: European Union \[org:european-union\]$' out 1

# George Washington is nobody's alias; Washington state is no capital.
cat >george.txt <<'TXT'
History

George Washington accused the British of breaking the truce. Lawmakers in
Washington state accused the governor of lying.
TXT
run scan --format jsonl george.txt
expect_rc 0
expect_no_grep '"actor_id":"USA"' out

cat >eu.txt <<'TXT'
Trade row

The EU said the US had broken its promises.
TXT
run inspect --format json eu.txt
expect_rc 0
expect_grep '"name":"United States","id":"USA","canonical":"United States"' out
expect_grep '"name":"EU","id":"org:european-union","canonical":"European Union"' out
run inspect --format text washington.txt
expect_rc 0
expect_grep '^  organization  European Union \[org:european-union\] \(1 mention\)$' out 1
expect_grep '^  location      Washington \(1 mention\)$' out 1
run inspect --format text eu.txt
expect_grep '^  organization  EU \[org:european-union, European Union\] \(1 mention\)$' out 1

# An example's actor by another name of the same country passes; a
# person of that name does not.
cat >canon.lua <<'LUA'
rule {
  id = "canon", title = "Accusation", severity = "low",
  examples = {
    { text = "Washington accused Iran of lying.", expect = 1, actor = "United States" },
    { text = "The US accused Iran of lying.", expect = 1, actor = "America" },
    { text = "The EU accused Iran of lying.", expect = 1, actor = "European Union" },
    { text = "George Washington accused Iran of lying.", expect = 1, actor = "United States" },
  },
  match = function(article)
    for st in article:statements("accuse") do
      article:alert{ evidence = st.sentence, actor = st.actor, target = st.target }
    end
  end,
}
LUA
run test canon.lua
expect_rc 1
expect_grep '^3 passed, 1 failed$' out
expect_grep '^       actor: expected "United States", got "George Washington"' out
echo "identity: $CHECKS checks passed"
