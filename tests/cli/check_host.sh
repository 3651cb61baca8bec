#!/usr/bin/env bash
# check and news.host.NAME: the command adds no host functions, so each
# one a file calls is a warning naming the function (an error with
# --strict), and the usual comment silences it.
source "$(dirname "$0")/lib.bash"

cat >host.lua <<'LUA'
rule { id = "geo", title = "Geo", severity = "low", keywords = { "Lahore" },
  examples = { { text = "Envoys met in Lahore.", expect = 0 } },
  match = function(a)
    if news.host.geo(a.text) == "PK" then a:alert {} end
  end }
LUA
run check host.lua
expect_rc 0 "warnings only"
expect_grep "^warning: host.lua:4: news.host.geo: the rule set has no host functions \(the program that embeds the rules adds them; \`newsrules\` itself adds none\) \[unknown-host-function\]$" out
run check --strict host.lua
expect_rc 1 "--strict"
expect_grep '^error: host.lua:4: news.host.geo:' out

sed -i '4i\    -- check: ignore [unknown-host-function]' host.lua
run check --strict host.lua
expect_rc 0 "silenced"
expect_no_grep 'news.host' out
