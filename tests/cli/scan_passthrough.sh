#!/usr/bin/env bash
# Fields of a JSON Lines record that the article model has no place for
# come back with every alert on that article, under article.extra.
source "$(dirname "$0")/lib.bash"

cat >rule.lua <<'LUA'
rule {
  id = "any-accusation", title = "Accusation", severity = "low", keywords = { "accus" },
  match = function(a)
    for s in a:sentences() do
      if s:find("accus") then a:alert{ message = "accusation", evidence = s } end
    end
  end,
}
LUA
printf '%s\n' '{"id": "r1", "title": "T", "text": "The union accused the city of hiding the budget.", "desk": "metro", "priority": 2}' >in.jsonl

run scan -r rule.lua in.jsonl
expect_rc 0
expect_lines out 1
expect_grep '"article":\{"id":"r1",.*"extra":\{"desk":"metro","priority":2\}\}' out

# A 1 MB field and 300 accusations: every alert would repeat the megabyte
# (1 MB in, 300 MB out). Fields within 16 KiB in all ride along; a larger
# one is named with its size under article.left_out, and inspect still
# carries it once.
blob=$(head -c 1000000 /dev/zero | tr '\0' x)
sentences=$(for i in $(seq 1 300); do printf 'The union accused the city of hiding report %d. ' "$i"; done)
printf '{"id": "big", "title": "T", "text": "%s", "blob": "%s", "desk": "metro"}\n' \
	"$sentences" "$blob" >big.jsonl
run scan -r rule.lua big.jsonl
expect_rc 0
expect_lines out 300
expect_grep '"article":\{"id":"big","title":"T","url":null,"published":null,"extra":\{"desk":"metro"\},"left_out":\[\{"name":"blob","bytes":1000002\}\]\}' out 300
[ "$(wc -c <out)" -lt 1000000 ] || fail "300 alerts repeat the 1 MB field"
pass
run inspect --no-extract big.jsonl
expect_rc 0
expect_grep '"extra":\{"blob":"x+","desk":"metro"\}' out 1
[ "$(grep -o 'x*' out | awk 'length > m { m = length } END { print m }')" = 1000000 ] ||
	fail "inspect does not carry the whole field"
pass

# A 1 MB title is left out the same way (JSON and text), and the names of
# thousands of small fields past the budget are counted, not listed.
printf '{"id": "t", "title": "%s", "text": "The union accused the city."}\n' "$blob" >title.jsonl
run scan -r rule.lua title.jsonl
expect_rc 0
expect_grep '"title":null,.*"left_out":\[\{"name":"title","bytes":1000000\}\]' out 1
run scan -r rule.lua --format text title.jsonl
expect_grep '^    article: \(1000000 bytes, left out\)$' out 1
fields=$(for i in $(seq 1 3000); do printf '"f%04d": "vvvvvvvvvv", ' "$i"; done)
printf '{%s"id": "many", "text": "The union accused the city."}\n' "$fields" >many.jsonl
run scan -r rule.lua many.jsonl
expect_rc 0
expect_grep '"extra":\{"f0001":"vvvvvvvvvv",' out 1
expect_grep '"left_out":\[(\{"name":"f[0-9]{4}","bytes":12\},){16}\{"more":[0-9]+,"bytes":[0-9]+\}\]' out 1
[ "$(wc -c <out)" -lt 20000 ] || fail "an alert repeats more than its budget"
pass

echo "scan_passthrough: $CHECKS checks passed"
