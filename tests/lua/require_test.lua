-- require_test.lua - the `newsrules` module from the stock lua5.4 interpreter.
-- Run by CTest as: lua5.4 -e 'package.cpath="<build>/lua/?.so;"..package.cpath'
--                  tests/lua/require_test.lua <source dir>
local src = assert(arg[1], "usage: require_test.lua <source dir>")
local nr = require "newsrules"
assert(require "newsrules" == nr, "one module table per state")
assert(type(nr.version) == "string")

-- from_text: one article, the rule objects on it
local a = nr.from_text("Officials in Karachi denied the report on Monday. " ..
                       "The minister said talks would continue.", "A headline")
assert(a.title == "A headline")
local sents = {}
for s in a:sentences() do
  assert(a.text:sub(s.start, s.stop) == s.text)
  sents[#sents + 1] = s.text
end
assert(#sents == 2, #sents)
assert(sents[2] == "The minister said talks would continue.")

local DENY = nr.lexicon("speech_verbs:deny")
local first = a:sentences()()
local ok, m = first:has(DENY)
assert(ok and m.text == "denied" and m.kind == "match")
assert(m:sentence() == first)
local n = 0
for hit in a:find(nr.regex([[\b[Tt]h\w+]])) do n = n + 1; assert(hit.text:sub(1, 2):lower() == "th") end
assert(n == 2, n)
assert(a:hits()() == nil and a:hits { word_start = true }() == nil) -- no scan, no keyword pass
assert(nr.lexicon { "talks" }:test(a.text))
-- keywords from lexicons (news.keywords) cover every form
local kw = nr.keywords(nr.lexicon { "deny", "talk" })
assert(table.concat(kw, ",") == "denie,deny,talk", table.concat(kw, ","))
assert(nr.news.keywords == nr.keywords)

-- entities and quotes: whatever the extractors find, the objects behave
for e in a:entities() do
  assert(type(e.name) == "string" and e.name ~= "")
  assert(({ person = 1, organization = 1, location = 1 })[e.type])
  for mm in e:mentions() do assert(a.text:sub(mm.start, mm.stop) == mm.text) end
end
for q in a:quotes() do
  assert(a.text:sub(q.start, q.stop) == q.text)
  assert(type(q.speaker_name) == "string" and type(q.cue_lemma) == "string")
  assert(q.sentence.kind == "sentence")
end
for s in a:sentences() do for e in s:entities("location") do assert(e.type == "location") end end

-- statements: their own pass, run the first time they are asked for
local acts = {}
for st in nr.from_text("Officials in Karachi denied the report on Monday."):statements() do
  acts[#acts + 1] = st.act
end
assert(#acts == 1 and acts[1] == "deny", #acts)
local c = nr.from_text("\"They lied,\" the minister accused the rebels on Monday.")
local sc = c:sentences()()
local k = 0
for st in sc:statements("accuse") do k = k + 1; assert(st.actor and st.act == "accuse") end
assert(k == 1, k)
local c2 = nr.from_text("\"They lied,\" the minister accused the rebels on Monday.")
local nq = 0
for q in c2:quotes() do nq = nq + 1; assert(q.statement and q.statement.act == "accuse") end
assert(nq == 1, nq)

-- objects keep their article alive after the article itself is dropped
local kept = a:sentences()()
a = nil
collectgarbage(); collectgarbage()
assert(kept.text:find("denied", 1, true))

-- alerts belong to rules
local b = nr.from_text("x")
local okA, err = pcall(b.alert, b, { message = "m" })
assert(not okA and err:find("no rule is running"), err)

-- read: a list of articles, or nil and a reason
local list = assert(nr.read(src .. "/examples/articles/feed.rss"))
assert(#list >= 2, #list)
for _, art in ipairs(list) do assert(#art.text > 0 and art.format == "feed") end
local one = assert(nr.read(src .. "/examples/articles/voa-haqqani.txt", "text"))
assert(#one == 1 and one[1]:sentences()())
local none, why = nr.read(src .. "/no/such/file.txt")
assert(none == nil and type(why) == "string", why)
assert(not pcall(nr.read, "x", "klingon"))

-- bad arguments raise like any Lua library
assert(not pcall(nr.regex, "a("))
assert(not pcall(nr.lexicon, "planets"))
-- coroutines made after require see the module too
local co = coroutine.wrap(function()
  local x = nr.from_text("One. Two.")
  local k = 0
  for _ in x:sentences() do k = k + 1; coroutine.yield(k) end
end)
assert(co() == 1 and co() == 2)
-- news.log in the analyst's own interpreter: a line through its print
local printed = {}
local real_print = print
print = function(...) printed[#printed + 1] = select("#", ...) .. ":" .. tostring((...)) end
nr.news.log("sentence", 2, true, nil)
print = real_print
assert(printed[1] == "1:sentence\t2\ttrue\tnil", printed[1])
print("require_test: ok")
