-- statements-v2.lua - a candidate pack on statements (article:statements()):
-- accusation, denial, demand and threat, four short rules over the
-- statement primitive, measured against the shipped rules/statements.lua
-- (docs/quality.md). Not loaded by `newsrules scan` without -r.

-- What the four rules share: who counts as a public
-- actor (eval/GUIDELINES.md: officials, governments, parties, politicians,
-- police, courts, organisations speaking for themselves; not analysts,
-- journalists or sports people), the fields every alert carries, and one
-- alert per sentence and tag.
local M = {}

-- Kinds of actor that speak for a side.
local PUBLIC_KINDS = {
  government = true, ministry = true, military = true, police = true, court = true,
  party = true, legislature = true, intergovernmental = true, ngo = true,
  company = true, organization = true, group = true,
}
-- Titles of people who comment rather than act.
local COMMENTATOR = news.lexicon {
  "analyst", "expert", "professor", "scholar", "researcher", "economist", "journalist",
  "reporter", "correspondent", "columnist", "commentator", "editor", "host", "author",
  "writer", "historian", "pollster", "strategist", "blogger", "critic",
}

function M.public(p)
  if not p or not p.name then return false end
  local kind = p.kind
  if kind == "media" or kind == "sports" then return false end
  if PUBLIC_KINDS[kind] then return true end
  if p.official then return true end
  local e = p.entity
  if e then
    if e.type ~= "person" then return true end
    return e.title == "" or not COMMENTATOR:test(e.title)
  end
  -- A role as written ("a senior politician"), unless a commentator's.
  return (kind == "" or kind == "person") and not COMMENTATOR:test(p.name)
end

-- Anyone named: demands and threats need no public speaker, but sports
-- people and commentators still say nothing that counts.
function M.named(p)
  return p ~= nil and p.name ~= nil and p.kind ~= "sports" and p.kind ~= "media"
end

-- The sentence of the cue, and the one the content starts in when that
-- is another (a quote before "he said").
function M.evidence(s)
  local ev = { s.sentence }
  local c = s.content
  if c then
    local cs = c:sentence()
    if cs and cs ~= s.sentence then ev[#ev + 1] = cs end
  end
  return ev
end

-- A party as the alert names it: its canonical name, and the words the
-- text used when they are others ("Congress" for the entity "Capitol Hill").
local function party_name(p)
  if not p then return nil end
  local name, text = p.name, p.text
  if not name then return text end
  if not text or text == name then return name end
  for w in text:gmatch("%w+") do
    if #w > 2 and name:find(w, 1, true) then return name end
  end
  return name .. " (" .. text .. ")"
end

function M.alert(article, s, tag, seen, message)
  local key = tag .. ":" .. s.sentence.index
  if seen[key] then return end
  seen[key] = true
  local actor, target = s.actor, s.target
  article:alert {
    message = message or ((actor and actor.name or "someone") .. " " .. s.act ..
                          (target and target.name and (" " .. target.name) or "")),
    evidence = M.evidence(s),
    actor = actor, target = party_name(target),
    fields = { act = s.act, cameo = s.cameo, negated = s.negated, modality = s.modality,
               actor_kind = actor and actor.kind or "", country = actor and actor.country or "" },
  }
end

------------------------------------------------------------------------
-- accusation.lua - a public actor accuses or blames another, or condemns
-- what it did: statements of the acts accuse (CAMEO 112) and criticize
-- (111), said outright (not denied, hedged or asked).

rule {
  id = "accusation-v2",
  title = "A public actor accuses another of wrongdoing",
  severity = "medium",
  tags = { "accusation" },
  keywords = { "accus", "blam", "alleg", "charg", "condemn", "denounc", "critici", "fault",
               "lambast", "slam", "blast", "rebuk", "implicat" },
  examples = {
    { text = "Pakistan accused India of backing the rebels.", expect = 1, actor = "Pakistan" },
    { text = "Islamabad has been accused by Washington of sheltering militants.", expect = 1,
      actor = "Washington" },
    { text = "The minister refused to accuse anyone.", expect = 0 },
    { text = "A television analyst accused the government of lying.", expect = 0 },
  },
  match = function(article)
    local seen = {}
    for s in article:statements { "accuse", "criticize" } do
      if not s.negated and s.modality ~= "question" and s.modality ~= "hedged" and
         M.public(s.actor) then
        M.alert(article, s, "accusation", seen)
      end
    end
  end,
}

------------------------------------------------------------------------
-- denial.lua - an actor rejects an accusation, a report or
-- responsibility: statements of the act deny (CAMEO 016), whose object is
-- a charge or a claim, or a clause ("denied that ...").

-- What is denied but is no charge: a visa, bail, a request.
local NOT_CHARGE = news.lexicon {
  "visa", "bail", "access", "entry", "permission", "request", "application", "right",
  "rights", "comment", "service", "funding", "membership", "place", "chance",
}

rule {
  id = "denial-v2",
  title = "An actor denies an accusation, a report or responsibility",
  severity = "medium",
  tags = { "denial" },
  keywords = { "deni", "deny", "reject", "refut", "rebut", "dismiss", "ruled out", "rule out" },
  examples = {
    { text = "The ministry rejected the accusation on Tuesday.", expect = 1 },
    { text = "India denied that its troops had crossed the border.", expect = 1, actor = "India" },
    { text = "The opposition did not deny the report.", expect = 0 },
    { text = "The company rejected the offer.", expect = 0 },
  },
  match = function(article)
    local seen = {}
    for s in article:statements("deny") do
      local d = s.denied
      local what = d == nil or not d:has(NOT_CHARGE)
      if not s.negated and s.modality ~= "question" and what and M.named(s.actor) then
        M.alert(article, s, "denial", seen)
      end
    end
  end,
}

------------------------------------------------------------------------
-- demand.lua - an actor calls on another to act: statements of the acts
-- demand (CAMEO 10x) and appeal (02x) made outright, not asked whether.

local CALL_FOR = news.lexicon { "call for", "called for", "calls for", "calling for" }
local CALL = news.lexicon { "call", "appeal", "plead", "beg", "implore", "ask", "urge", "press",
                           "petition", "request", "push" }

rule {
  id = "demand-v2",
  title = "An actor calls on another to act",
  severity = "low",
  tags = { "demand" },
  keywords = { "demand", "urg", "call", "insist", "appeal", "ask", "plead", "press", "push" },
  examples = {
    { text = "The United States called on Russia to withdraw its troops.", expect = 1,
      actor = "United States" },
    { text = "Russia will demand an apology from Britain.", expect = 1 },
    { text = "Oil demand rose sharply in March.", expect = 0 },
  },
  match = function(article)
    local seen = {}
    for s in article:statements { "demand", "appeal" } do
      -- Demands (CAMEO 10x) as they come; of the appeals (02x), calls and
      -- pleas with someone called on, not suggestions ("asked whether"
      -- asks no one to act).
      local c = s.content
      local whether = c ~= nil and c.text:match("^%W*[Ww]hether%f[%W]") ~= nil
      local strong = s.act == "demand" or s.cue:has(CALL)
      -- "called for the footage to be released": a call for, with no one
      -- named, still calls on whoever can.
      local called_for = s.cue:has(CALL_FOR)
      if strong and not s.negated and s.modality ~= "question" and not whether and
         (s.act == "demand" or s.target or called_for) and M.named(s.actor) then
        M.alert(article, s, "demand", seen)
      end
    end
  end,
}

------------------------------------------------------------------------
-- threat.lua - an actor threatens action or warns of consequences it
-- would bring: statements of the act threaten (CAMEO 13x), and warnings
-- whose content names a consequence.

local CONSEQUENCE = news.lexicon {
  "consequences", "sanction", "sanctions", "retaliate", "retaliation", "action", "force",
  "veto", "punish", "punishment", "reprisal", "reprisals", "response", "respond", "sue",
  "legal action", "lawsuit", "strike", "attack", "war", "expel", "cut off", "withdraw",
  "boycott", "embargo", "revenge", "price", "pay",
}

local RULE_OUT = news.lexicon { "rule out" }

rule {
  id = "threat-v2",
  title = "An actor threatens action or warns of consequences",
  severity = "medium",
  tags = { "threat" },
  keywords = { "threat", "warn", "vow", "pledg", "promis", "ultimatum", "caution", "rule out",
               "ruled out", "rules out" },
  examples = {
    { text = "Rebels threatened to retaliate.", expect = 1, actor = "Rebels" },
    { text = "Moscow warned it would impose sanctions.", expect = 1, actor = "Moscow" },
    { text = "The minister warned his supporters against complacency.", expect = 0 },
    { text = "The defence secretary said he would not rule out strikes.", expect = 1 },
  },
  match = function(article)
    local seen = {}
    for s in article:statements { "threaten", "warn", "promise", "reject" } do
      -- Threats outright; warnings and vows of a consequence; and "would
      -- not rule out" a step.
      local c = s.content
      local ok
      if s.act == "reject" then
        ok = s.negated and s.cue:has(RULE_OUT) and s.modality ~= "question"
      else
        ok = not s.negated and s.modality ~= "question" and
             (s.act == "threaten" or (c ~= nil and c:has(CONSEQUENCE)))
      end
      if ok and M.named(s.actor) then
        M.alert(article, s, "threat", seen)
      end
    end
  end,
}

