-- keywords.lua - a rule's keywords checked against its cue patterns when
-- the rule file loads.
--
-- A rule runs only on articles holding one of its keywords, and the pack's
-- rules look closely only at sentences holding one at the start of a word.
-- A cue pattern no keyword covers would therefore never fire: adding a
-- cue without its keyword is a silent bug. `cover` reads the words every
-- match of a cue pattern must contain (its required literals, as a regex
-- prefilter does) and adds them to the keywords a rule lists for what
-- has no pattern (verbs of quotes and statements); a cue it can read no
-- selective word off fails the load, named.
--
--   local keywords = require "keywords"
--   local KEYWORDS = keywords.cover({ "accus", "alleg" }, CUES, MORE_CUES)

local M = {}

-- What may follow an atom and make it optional ("?", "*", "{0,n}"), or
-- repeat it at least once ("+", "{1,n}"); a lazy "?" after it changes
-- nothing here. Returns the kind (or nil) and the index after it.
local function quantifier(p, i)
  local c, kind, after = p:sub(i, i), nil, i
  if c == "?" then kind, after = "optional", i + 1
  elseif c == "*" then kind, after = "any", i + 1
  elseif c == "+" then kind, after = "more", i + 1
  elseif c == "{" then
    local lo, hi, close = p:match("^{(%d*)(,?%d*)}()", i)
    if close then
      kind = (lo == "" or lo == "0") and "optional" or "more"
      if hi == "" and lo == "1" then kind = nil end
      after = close
    end
  end
  if kind and p:sub(after, after) == "?" then after = after + 1 end
  if kind == "optional" and p:sub(i, i) == "{" and not p:match("^{%d*,?1?}", i) then
    kind = "any"
  end
  return kind, after
end

-- The index just past the group or class opening at i.
local function group_end(p, i)
  local depth, j = 0, i
  while j <= #p do
    local c = p:sub(j, j)
    if c == "\\" then
      j = j + 1
    elseif c == "[" then
      j = p:find("]", j + 2, true) or #p
    elseif c == "(" then
      depth = depth + 1
    elseif c == ")" then
      depth = depth - 1
      if depth == 0 then return j + 1 end
    end
    j = j + 1
  end
  return #p + 1
end

-- Split at the "|" outside groups and classes.
local function alternatives(p)
  local out, from, j = {}, 1, 1
  while j <= #p do
    local c = p:sub(j, j)
    if c == "\\" then j = j + 2
    elseif c == "(" then j = group_end(p, j)
    elseif c == "[" then j = (p:find("]", j + 2, true) or #p) + 1
    elseif c == "|" then out[#out + 1] = p:sub(from, j - 1); from = j + 1; j = j + 1
    else j = j + 1 end
  end
  out[#out + 1] = p:sub(from)
  return out
end

-- The characters of a class of plain characters ("[sz]", "[“\"‘']"), or
-- nil for one that stands for too many (ranges, "\w", "[^...]").
local function class_chars(body)
  if body == "" or body:find("^%^") or body:find("\\", 1, true) then return nil end
  local out = {}
  for ch in body:gmatch(utf8.charpattern) do
    if ch == "-" and #out > 0 and #body > #ch * (#out + 1) then return nil end
    out[#out + 1] = ch
  end
  return out
end

local MAX_FORMS = 64
-- Where a pattern matches text no list spells out: GAP may end inside a
-- word ("\\w+"), SPACE_GAP only at a space ("\\s+", "(?:\\w+\\s+)?").
local GAP, SPACE_GAP = {}, {}

-- Words too common to be keywords on their own.
local COMMON = {}
for w in ([[a an the this that these those it its his her their our your my
  is are was were be been being am has have had will would could shall should
  may might must can do does did not no and or but of to in on at by for with
  from as into than then there here who which what when where going all any
  one two out off own new now how why yes get got say see set put too]]):gmatch("%a+") do
  COMMON[w] = true
end

-- Is every form of an item a selective keyword: three characters or more,
-- and not made of common words alone?
local function selective(forms)
  for _, f in ipairs(forms) do
    if #f < 3 then return false end
    local all_common = true
    for w in f:gmatch("[%w'’]+") do all_common = all_common and COMMON[w] == true end
    if all_common then return false end
  end
  return true
end

-- The most selective item of a list (its shortest form the longest, then
-- the fewest forms), or nil when none is selective.
function M.best(items)
  local best, best_min
  for _, forms in ipairs(items or {}) do
    if selective(forms) then
      local min = math.huge
      for _, f in ipairs(forms) do min = math.min(min, #f) end
      if not best or min > best_min or (min == best_min and #forms < #best) then
        best, best_min = forms, min
      end
    end
  end
  return best
end

-- Pattern p as a sequence of atoms: a list of the strings the atom can
-- match, or GAP where it can match text no list says.
local parse_seq

-- The strings the whole of p can match, or nil when they are too many
-- or not all spelled out.
local function finite(p)
  local out = {}
  for _, alt in ipairs(alternatives(p)) do
    local forms = { "" }
    for _, atom in ipairs(parse_seq(alt)) do
      if atom == GAP or atom == SPACE_GAP or #forms * #atom > MAX_FORMS then return nil end
      local next_forms = {}
      for _, f in ipairs(forms) do
        for _, a in ipairs(atom) do next_forms[#next_forms + 1] = f .. a end
      end
      forms = next_forms
    end
    for _, f in ipairs(forms) do out[#out + 1] = f end
    if #out > MAX_FORMS then return nil end
  end
  return out
end

-- A group of alternatives not all spelled out ("(?:face|lose (?:\w+ )?ally)"):
-- the best literal each alternative requires, together one item; nil when
-- some alternative requires none.
local function one_of(body)
  local out = {}
  for _, alt in ipairs(alternatives(body)) do
    local best = M.best(M.required(alt))
    if not best then return nil end
    for _, f in ipairs(best) do out[#out + 1] = f end
  end
  return out
end

-- An atom's strings under its quantifier, appended to seq.
local function quantified(seq, forms, kind, gap)
  if forms == nil or kind == "any" then seq[#seq + 1] = gap or GAP return end
  if kind == "optional" then
    local with_empty = { "" }
    for _, f in ipairs(forms) do with_empty[#with_empty + 1] = f end
    seq[#seq + 1] = with_empty
    return
  end
  seq[#seq + 1] = forms
  if kind == "more" then seq[#seq + 1] = GAP end
end

-- Does every match of a group end with a character that ends a word
-- ("\\w+\\s+", "at all ", "[“\"]")?
local function ends_at_space(body)
  for _, alt in ipairs(alternatives(body)) do
    local class = alt:match("%[([^%]]*)%]$")
    local chars = class and class_chars(class)
    local nonword = chars ~= nil
    for _, ch in ipairs(chars or {}) do nonword = nonword and not ch:find("^[%w_]") end
    if not (alt:find("\\s[+*]?$") or alt:find("[%s%p]$") and not alt:find("[%]%)%?%*%+}]$")
            or nonword) then
      return false
    end
  end
  return true
end

function parse_seq(p)
  local seq, i = {}, 1
  while i <= #p do
    local c = p:sub(i, i)
    if c == "(" then
      local stop = group_end(p, i)
      local body = p:sub(i + 1, stop - 2)
      if body:find("^%?<?[=!]") then
        i = stop -- a lookaround: zero width
      else
        local kind, after = quantifier(p, stop)
        body = body:gsub("^%?:", "")
        local forms = finite(body)
        if forms or kind == "optional" or kind == "any" then
          quantified(seq, forms, kind, ends_at_space(body) and SPACE_GAP or GAP)
        else
          local either = one_of(body)
          local gap = ends_at_space(body) and SPACE_GAP or GAP
          seq[#seq + 1] = either and { either = either } or gap
          if kind == "more" then seq[#seq + 1] = gap end
        end
        i = after
      end
    elseif c == "[" then
      local close = p:find("]", i + 2, true) or #p
      local kind, after = quantifier(p, close + 1)
      quantified(seq, class_chars(p:sub(i + 1, close - 1)), kind)
      i = after
    elseif c == "\\" then
      local e = p:sub(i + 1, i + 1)
      if e == "b" or e == "B" then
        i = i + 2
      else
        local kind, after = quantifier(p, i + 2)
        quantified(seq, not e:find("%w") and { e } or nil, kind, e == "s" and SPACE_GAP or GAP)
        i = after
      end
    elseif c == "^" or c == "$" then
      i = i + 1
    else
      local ch = p:match("^" .. utf8.charpattern, i) or c
      local kind, after = quantifier(p, i + #ch)
      quantified(seq, c ~= "." and { ch } or nil, kind)
      i = after
    end
  end
  return seq
end

-- The literals every match of pattern p holds, each a list of the forms
-- one of which is there: "hack(?:ed|ing)" holds "hacked" or "hacking",
-- "cover(?:ed)?[- ]up" one of "cover-up", "cover up", "covered-up",
-- "covered up". nil when p has alternatives at its top (each is a cue).
function M.required(p)
  if #alternatives(p) > 1 then return nil end
  local items, run, mid_word = {}, { "" }, false
  local function flush()
    -- After "\w+" a run may start inside a word ("\w+ly denied"): a
    -- keyword must start a word, so the run starts at its first whole one.
    if mid_word then
      for k, r in ipairs(run) do run[k] = r:find("^[%w'’-]") and r:gsub("^[%w'’-]*", "") or r end
    end
    for k, r in ipairs(run) do run[k] = r:gsub("^%s+", "") end
    local ok = #run > 0
    for _, r in ipairs(run) do ok = ok and #r >= 3 end
    if ok then
      local lower = {}
      for k, r in ipairs(run) do lower[k] = r:lower() end
      items[#items + 1] = lower
    end
    run = { "" }
  end
  for _, atom in ipairs(parse_seq(p)) do
    if atom == GAP or atom == SPACE_GAP then
      flush()
      mid_word = atom == GAP
    elseif atom.either then
      flush()
      items[#items + 1] = atom.either
      mid_word = false
    else
      if #run * #atom > MAX_FORMS then flush() end
      local out = {}
      for _, r in ipairs(run) do
        for _, a in ipairs(atom) do out[#out + 1] = r .. a end
      end
      run = out
    end
  end
  flush()
  return items
end

-- Does keyword k occur in literal text at the start of a word?
local function starts_word_in(text, k)
  local from = 1
  while true do
    local at = text:find(k, from, true)
    if not at then return false end
    if at == 1 or not text:sub(at - 1, at - 1):find("%w") then return true end
    from = at + 1
  end
end

local function covered(literal, keywords)
  for _, k in ipairs(keywords) do
    if starts_word_in(literal, k) then return true end
  end
  return false
end

-- Is cue pattern p covered by a keyword? nil when nothing it requires can
-- be read off it (the check cannot say).
function M.covers(keywords, p)
  local items = M.required(p)
  if not items or #items == 0 then return nil end
  for _, forms in ipairs(items) do
    local all = true
    for _, form in ipairs(forms) do all = all and covered(form, keywords) end
    if all then return true end
  end
  return false
end

local function common_prefix(forms)
  local prefix = forms[1]
  for _, f in ipairs(forms) do
    local n = 0
    while n < #prefix and n < #f and prefix:byte(n + 1) == f:byte(n + 1) do n = n + 1 end
    prefix = prefix:sub(1, n)
  end
  return prefix
end

-- The fewest keywords to add to `keywords` so that a cue with these
-- required items is covered: the uncovered forms of the selective item
-- that has the fewest (then the most selective), as one common prefix
-- when they share one of four characters or more and are single words or
-- too many to list. nil when no item is selective.
function M.fewest(keywords, items)
  local best, best_min
  for _, forms in ipairs(items or {}) do
    if selective(forms) then
      local open, min = {}, math.huge
      for _, f in ipairs(forms) do
        if not covered(f, keywords) then open[#open + 1] = f end
        min = math.min(min, #f)
      end
      if not best or #open < #best or (#open == #best and min > best_min) then
        best, best_min = open, min
      end
    end
  end
  if not best or #best < 2 then return best end
  local prefix, one_word = common_prefix(best), true
  for _, f in ipairs(best) do one_word = one_word and not f:find("%s") end
  if #prefix >= 4 and (one_word or #best > 16) then return { prefix } end
  return best
end

-- A cue of a list: a pattern, or { pattern, along = true } for a cue that
-- only refines sentences the rule's other keywords find ("will face" is
-- a threat only where "consequences" or "sanctions" is too): no keyword
-- is asked of it.
function M.pattern(cue)
  if type(cue) == "table" then return cue[1], cue.along end
  return cue, false
end

-- The rule's keywords: `listed` (lowercased, as given) and, for every cue
-- of the lists no listed keyword covers, the forms of the most selective
-- literal the cue requires. Raises (at the caller's line, so at load)
-- naming each cue that no keyword covers and none can be read off.
function M.cover(listed, ...)
  local out, seen, missing = {}, {}, {}
  local function add(k)
    k = k:lower()
    if not seen[k] then seen[k], out[#out + 1] = true, k end
  end
  for _, k in ipairs(listed) do add(k) end
  for _, list in ipairs({ ... }) do
    for _, cue in ipairs(list) do
      local p, along = M.pattern(cue)
      if not along and M.covers(out, p) ~= true then
        local forms = M.fewest(out, M.required(p))
        if forms then
          for _, f in ipairs(forms) do add(f) end
        else
          missing[#missing + 1] = p
        end
      end
    end
  end
  -- What was added and another keyword covers ("an arm' of" once "arm'
  -- of" is there) goes.
  local kept = {}
  for i, k in ipairs(out) do
    local redundant = false
    if i > #listed then
      for j, other in ipairs(out) do
        redundant = redundant or (j ~= i and #other < #k and starts_word_in(k, other))
      end
    end
    if not redundant then kept[#kept + 1] = k end
  end
  out = kept
  if #missing > 0 then
    error("no keyword covers the cue " .. table.concat(missing, ", ") ..
          " and none can be read off it: list one, or mark the cue { pattern, along = true }" ..
          " if it only refines sentences the other keywords find", 2)
  end
  return out
end

return M
