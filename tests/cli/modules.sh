#!/usr/bin/env bash
# require "name" from the command line: a rules directory of one's own that
# extends the shipped pack through its lib/ modules, a helper module beside
# two rules, and the errors an analyst meets (missing module, cycle, a cue
# no keyword covers), each with file:line.
source "$(dirname "$0")/lib.bash"

# A rule added to the pack from another directory: `require "pack"` comes
# from rules/lib/ because rules/ is loaded too.
mkdir -p mine
cat >mine/sanction_call.lua <<'LUA'
local pack = require "pack"
local CUES = { [=[impos(?:e|es|ed|ing) sanctions on]=] }
local CUE = pack.any_of(CUES, "i")
local KEYWORDS = news.cue_keywords({}, CUES)
rule {
  id = "sanction-call", title = "Someone imposes sanctions", severity = "low",
  keywords = KEYWORDS,
  examples = {
    { text = "The foreign ministry imposed sanctions on Ruritania on Monday.", expect = 1,
      actor = "foreign ministry" },
    { text = "Sanctions were discussed.", expect = 0 },
  },
  match = function(article)
    local quotes_in = pack.quote_finder(article)
    for _, s in ipairs(pack.cue_sentences(article, pack.trigger(KEYWORDS))) do
      for c in s:find(CUE) do
        local actor = pack.actor_at(article, s, c.start, quotes_in(s), true)
        pack.alert(article, s, "threat", c.text, actor, pack.target_after(s, c.stop, actor))
      end
    end
  end,
}
LUA
run check "$SRC/rules" mine
expect_rc 0 "check of the pack with a rule added"
expect_grep '^module: .*rules/lib/pack\.lua$' out
expect_grep '^5 files, 5 rules, 1 module: 0 errors, 0 warnings$' out
run test "$SRC/rules" mine
expect_rc 0 "test of the pack with a rule added"
expect_grep '^68 passed, 0 failed$' out
printf 'The foreign ministry imposed sanctions on Ruritania on Monday.\n' >a.txt
run scan -r "$SRC/rules" -r mine --format text a.txt
expect_rc 0 "scan"
expect_grep 'sanction-call: foreign ministry: imposed sanctions on' out

# Without the pack's directory the module is not there: the file is
# rejected with the line of the require and where it looked.
run check mine
expect_rc 1 "check without the pack"
expect_grep "^error: mine/sanction_call\.lua:1: module 'pack' not found \(tried 'mine/pack\.lua', 'mine/lib/pack\.lua'" out

# A helper beside two rules, a cycle, a module with a bug.
mkdir -p own/lib
cat >own/helpers.lua <<'LUA'
return { deny = news.lexicon { "deny", "reject" } }
LUA
for id in one two; do
	cat >own/$id.lua <<LUA
local helpers = require "helpers"
rule { id = "$id", title = "$id", severity = "low", keywords = { "deni", "deny", "reject" },
  examples = { { text = "The ministry denied it.", expect = 1 } },
  match = function(article)
    for s in article:sentences() do
      if s:has(helpers.deny) then article:alert { message = "$id", evidence = s } end
    end
  end }
LUA
done
run test own
expect_rc 0 "two rules sharing a module beside them"
expect_grep '^2 passed, 0 failed$' out
printf 'return require "b"\n' >own/lib/a.lua
printf 'return require "a"\n' >own/lib/b.lua
printf '\nlocal a = require "a"\n' >own/three.lua
run check own
expect_rc 1 "cycle"
expect_grep "^error: own/three\.lua:2: in module 'a': own/lib/a\.lua:1: in module 'b': own/lib/b\.lua:1: require cycle: a -> b -> a$" out
expect_grep '^3 files, 2 rules, 3 modules: 1 errors, 0 warnings$' out

# A cue the rule's keywords do not cover, with nothing to read off it.
mkdir -p cues
cat >cues/weak.lua <<'LUA'

local KEYWORDS = news.cue_keywords({ "deni" }, { [=[(?:will|would)\s+\w+\s+it]=] })
LUA
run check cues
expect_rc 1 "uncovered cue"
expect_grep "^error: cues/weak\.lua:2: no keyword covers the cue \(\?:will\|would\)" out

echo "modules: $CHECKS checks passed"
