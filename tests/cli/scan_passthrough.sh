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

echo "scan_passthrough: $CHECKS checks passed"
