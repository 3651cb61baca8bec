#!/usr/bin/env bash
# Text the command prints cannot drive a terminal or forge a line: ESC, CR,
# newlines and NUL from a rule's strings, from its error messages and from
# file names are escaped in --format text and on stderr, while JSON Lines
# keep every byte (NUL as \u0000) and every field.
source "$(dirname "$0")/lib.bash"

# No raw ESC, CR or NUL in a file (bytes tr would delete).
expect_clean() {
	local n
	n=$(tr -d '\033\r\000' <"$1" | wc -c)
	[ "$n" = "$(wc -c <"$1")" ] || fail "raw control bytes in $1"
	pass
}

cat >forge.lua <<'LUA'
rule { id = "forge", title = "t", severity = "info", match = function(a)
  a:alert{ message = "x\27[2J\rFAKE\nnewsrules: forged\0after", actor = "ac\0tor",
           fields = { k = "v\0w", ["\xff"] = 1, other = 2 } }
end }
rule { id = "err", title = "t", severity = "info", match = function(a)
  error("bad\27[31m\rforged")
end }
LUA
esc_name=$(printf 'evil\033[2Jname.txt')
printf 'Quiet Day\n\nNothing happened at the port today.\n' >"$esc_name"

run scan -r forge.lua --format text "$esc_name"
expect_rc 3 "the err rule failed"
expect_clean out
expect_clean err
# (The reader already drops control characters from an article's id.)
expect_grep '^evil(\\x1b)?\[2Jname\.txt  \[info\] forge: x\\x1b\[2J\\rFAKE\\nnewsrules: forged\\x00after$' out 1
expect_grep '^    actor: ac\\x00tor   target: -$' out 1
expect_grep "error-runtime: .*forge\.lua:6: bad\\\\x1b\[31m forged" err 1
expect_no_grep '^newsrules: forged' out

run scan -r forge.lua "$esc_name"
expect_rc 3
expect_grep '"message":"x\\u001B\[2J\\rFAKE\\nnewsrules: forged\\u0000after"' out 1
expect_grep '"fields":\{"actor":"ac\\u0000tor","target":null,"actor_id":null,"actor_canonical":null,"target_id":null,"target_canonical":null,"k":"v\\u0000w","other":2,"'$'\xef\xbf\xbd''":1\}' out 1
expect_utf8 out

# A file that cannot be read, named with ESC and CR: stderr stays clean.
run scan -r forge.lua "$(printf 'missing\033]0;title\007\r.txt')"
expect_rc 1
expect_clean err
expect_grep 'missing\\x1b\]0;title\\x07\\r\.txt' err 1

# check prints the diagnostics of a rule file escaped as well.
cat >bad.lua <<'LUA'
error("\27[2J\rcleared")
LUA
run check bad.lua
expect_rc 1
expect_clean out
expect_grep '^error: bad\.lua:1: \\x1b\[2J cleared$' out 1

# test prints a failing example's text (and the rule's error) escaped.
cat >ex.lua <<'LUA'
rule { id = "ex", title = "t", severity = "info",
  examples = { { text = "Esc \27[2J\rhere.", expect = 1 } },
  match = function(a) error("no\27[31m") end }
LUA
run test ex.lua
expect_rc 1
expect_clean out
expect_grep '^     text: Esc \\x1b\[2J\\rhere\.$' out 1
expect_grep 'ex\.lua:3: no\\x1b\[31m$' out 1

done_ok
