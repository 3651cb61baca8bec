#!/usr/bin/env bash
# inspect --format text: a readable view with the title and numbered sentences.
source "$(dirname "$0")/lib.bash"

# A copy under a plain relative name, so ids and messages are predictable.
cp "$SRC/examples/articles/voa-haqqani.txt" voa.txt
voa=voa.txt
run inspect --format text "$voa"
expect_rc 0
expect_grep "^== voa\.txt\$" out 1
expect_grep '^title: White House Calls on Pakistan to Break Links With Haqqani Network$' out
expect_grep '^format: text, [0-9]+ paragraphs, [0-9]+ sentences, [0-9]+ bytes$' out
expect_grep '^   1  The White House is calling on Pakistan’s government' out
expect_no_grep '^\{' out
expect_utf8 out

# Sentences are numbered 1..N without gaps, N as the header says.
n=$(sed -n 's/^format: text, [0-9]* paragraphs, \([0-9]*\) sentences.*/\1/p' out)
[ -n "$n" ] && [ "$n" -gt 0 ] || fail "no sentence count in header"
nums=$(grep -E '^ *[0-9]+  ' out | awk '{print $1}' | tr '\n' ' ')
want=$(seq 1 "$n" | tr '\n' ' ')
[ "$nums" = "$want" ] || fail "sentence numbers '$nums' are not 1..$n"
pass

# -f is the short form; an article without a headline says so.
printf 'the meeting ended late, and nothing was decided about the budget.\n' >nohead.txt
run inspect -f text nohead.txt
expect_rc 0
expect_grep '^title: \(none\)$' out
expect_grep '^   1  the meeting ended late' out

# Errors go to stderr only; the good input is still shown.
: >empty.txt
run inspect -f text empty.txt "$voa"
expect_rc 1
expect_grep '^title: White House Calls' out
expect_no_grep 'empty\.txt' out
expect_lines err 1
expect_grep '^newsrules: empty\.txt: input is empty$' err

done_ok
