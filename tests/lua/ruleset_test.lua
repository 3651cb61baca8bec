-- ruleset_test.lua - rule sets in the `newsrules` module: load rules, scan,
-- alerts as tables; the same alerts as `newsrules scan`.
-- Run by CTest as: lua5.4 -e 'package.cpath="<build>/lua/?.so;"..package.cpath'
--                  tests/lua/ruleset_test.lua <source dir> <newsrules command>
local src = assert(arg[1], "usage: ruleset_test.lua <source dir> <newsrules>")
local cli = assert(arg[2], "usage: ruleset_test.lua <source dir> <newsrules>")
local nr = require "newsrules"

-- The shipped pack over the bundled example, as `scan` gives it.
local rs = assert(nr.ruleset { paths = { src .. "/rules" } })
assert(tostring(rs):match("^newsrules.RuleSet%(%d+ rules, %x+%)$"), tostring(rs))
assert(#rs:rules() >= 4 and rs:rules()[1].id and rs:rules()[1].file:find("rules/"))
assert(#rs:hash() == 16)
local path = src .. "/examples/articles/voa-haqqani.txt"
local art = assert(nr.read(path))[1]
local alerts, errors = rs:scan(art)
assert(errors == nil, errors and errors[1])
local p = assert(io.popen(string.format("%q scan --format jsonl %q", cli, path)))
local want = {}
for line in p:lines() do
  want[#want + 1] = line:match('^{"rule":"([^"]+)"') .. "@" .. line:match('"evidence":%[{"start":(%d+)')
end
p:close()
assert(#alerts == #want and #want > 0, #alerts .. " alerts, `scan` gives " .. #want)
for i, al in ipairs(alerts) do
  assert(al.rule .. "@" .. (al.evidence[1].start - 1) == want[i], i)
  assert(type(al.title) == "string" and type(al.severity) == "string")
  assert(type(al.message) == "string" and type(al.tags) == "table")
  assert(type(al.fields) == "table" and al.json:sub(1, 9) == '{"rule":"')
  for _, ev in ipairs(al.evidence) do assert(art.text:sub(ev.start, ev.stop) == ev.text) end
end

-- Text, sources, modules, fields of every type, the parties.
local rule = [[
local m = require "m"
rule { id = "deny", title = "Denial", severity = "high", tags = { "t1" }, keywords = { "denied" },
  examples = { { text = "Pakistan denied the report.", expect = 1 } },
  match = function(a)
    for s in a:sentences() do
      if s.text:find("denied", 1, true) then
        a:alert { message = m.say(s.text), evidence = s, actor = "Pakistan", target = "the report",
                  fields = { n = 3, x = 1.5, ok = true, word = "w" } }
      end
    end
  end }
]]
local rs2 = assert(nr.ruleset { sources = { ["deny.lua"] = rule },
                                modules = { m = "return { say = function(t) return 'said: ' .. t end }" } })
local got = rs2:scan("Pakistan denied the report. Talks went on.")
assert(#got == 1, #got)
local al = got[1]
assert(al.rule == "deny" and al.title == "Denial" and al.severity == "high" and al.tags[1] == "t1")
assert(al.message == "said: Pakistan denied the report.", al.message)
assert(al.actor == "Pakistan" and al.target == "the report" and al.actor_id == "PAK", al.actor_id)
assert(al.fields.n == 3 and math.type(al.fields.n) == "integer" and al.fields.x == 1.5)
assert(al.fields.ok == true and al.fields.word == "w")
assert(al.evidence[1].start == 1 and al.evidence[1].text == "Pakistan denied the report.")
assert(#rs2:scan(nr.from_text("Nothing to see.")) == 0)

-- A rule that fails: its error comes back as the second value.
local rs3 = assert(nr.ruleset { sources = { ["bad.lua"] = [[
rule { id = "bad", title = "Bad", severity = "low",
  match = function(a) error("boom") end }
]] } })
local none, errs = rs3:scan("Some text.")
assert(#none == 0 and #errs == 1 and errs[1]:find("boom"), errs and errs[1])
assert(rs3:diagnostics()[1].level == "warning") -- no keywords, no examples

-- Files that do not load: nil and every error.
local bad, why = nr.ruleset { sources = { ["x.lua"] = "rule {" } }
assert(bad == nil and why:find("x.lua:"), why)
local empty, why2 = nr.ruleset {}
assert(empty == nil and why2:find("no rules"), why2)
assert(not pcall(nr.ruleset, "rules/"))
assert(not pcall(nr.ruleset, { paths = { 1 } }))
assert(not pcall(rs2.scan, rs2, {}))
-- Host functions are the embedding program's: the module has none.
local rs4 = assert(nr.ruleset { sources = { ["h.lua"] = [[
rule { id = "h", title = "H", severity = "low",
  match = function(a) news.host.geo("x") end }
]] } })
local _, herr = rs4:scan("Text.")
assert(herr and herr[1]:find("news.host.geo: no such host function"), herr and herr[1])
rs, rs2, rs3, rs4 = nil, nil, nil, nil
collectgarbage()
print("ruleset_test: ok")
