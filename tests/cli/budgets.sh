#!/usr/bin/env bash
# Budgets that hold inside C (issue #11, cases 3-5): a rule stuck in one
# library call, or in a loop of long ones, ends at its deadline with
# error-deadline; a rule file with a 100,000-long field-access chain is
# refused at load with its file and line. The other rules still alert.
source "$(dirname "$0")/lib.bash"
ART="$SRC/examples/articles/voa-haqqani.txt"

cat >loops.lua <<'LUA'
-- #11.3: work inside one C call, calling C functions only
rule { id = "sort-c", title = "t", severity = "info", match = function(a)
  local t = {} for i = 1, 999999 do t[i] = (i * 7919) % 1000003 end
  while true do table.sort(t, math.ult) end
end }
rule { id = "remove-c", title = "t", severity = "info", match = function(a)
  local t = setmetatable({}, { __len = function() return 9999999 end,
    __index = rawequal, __newindex = rawequal })
  while true do table.remove(t, 1) end
end }
rule { id = "lexicon-c", title = "t", severity = "info", match = function(a)
  news.lexicon(setmetatable({}, { __len = function() return 1e15 end, __index = type }))
end }
rule { id = "plain-find", title = "t", severity = "info", match = function(a)
  local s = string.rep("a", 4e7)
  local p = string.rep("a", 2e4) .. "b"
  for i = 1, 100 do s:find(p, 1, true) end
end }
-- #11.4: 140 utf8.len over 60 MB, a few instructions apart
rule { id = "utf8", title = "t", severity = "info", match = function(a)
  local s = string.rep("\u{e9}", 3e7)
  for i = 1, 140 do utf8.len(s) end
end }
rule { id = "still-alerts", title = "t", severity = "info", match = function(a)
  a:alert{ message = "other rules run" } end }
LUA

run scan --deadline-ms 300 -r loops.lua "$ART"
expect_rc 3 "rules failed"
for id in sort-c remove-c lexicon-c utf8; do
	expect_grep "^newsrules: rule '$id' \(loops\.lua:[0-9]+\) on .*: error-deadline: loops\.lua:[0-9]+: deadline of 300 ms passed" err 1
done
# The plain find is linear now: done within the deadline, or stopped by it.
expect_no_grep "rule 'plain-find'.*error-(runtime|memory)" err
expect_grep '"rule":"still-alerts"' out 1

# #11.5: a 100,000-long chain; the file is refused, the other file loads.
{
	echo 'rule { id = "chain", title = "t", severity = "info", match = function(a)'
	echo '  local x = {} x.b = x'
	printf '  local y = x'
	for _ in $(seq 1000); do printf '.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b'; done
	echo '.c.d'
	echo 'end }'
} >chain.lua
cat >other.lua <<'LUA'
rule { id = "other", title = "t", severity = "info", match = function(a)
  a:alert{ message = "other file" } end }
LUA

run check chain.lua
expect_rc 1 "the chain file is rejected"
expect_grep "^error: chain\.lua:3: more than 100 field accesses in a row \(a sandbox limit\)" out

run scan -r chain.lua -r other.lua "$ART"
expect_rc 3 "a rule file was rejected"
expect_grep "chain\.lua:3: more than 100 field accesses" err
expect_grep '"rule":"other"' out 1

done_ok
