-- demand.lua - an actor calls on another to act.

local DEMAND = news.lexicon {
  "call on", "call for", "urge", "insist that", "press for", "plead with",
}
-- Verb forms only: "demand" and "appeal" are nouns in most news text.
local DEMAND_EXACT = news.lexicon {
  "demanded", "demand that", "demands that", "demanding that", "demanded that",
  "appealed to", "appealed for", "appeals for", "appealing for", exact = true,
}
-- "warned North Korea to refrain", "asked NBC to ...": a demand with a target.
local TOLD_TO = news.regex(
  [[\b(?:warn(?:s|ed)?|ask(?:s|ed)?|tell|tells|told|order(?:s|ed)?|challenge[sd]?)\s+((?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s+(?:not\s+)?to\b]])
local CRITICAL = news.regex([[\bit is (?:critical|essential|imperative|vital) that\b]], "i")
local TARGET = news.regex([[^\s*(?:that\s+)?((?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})]])

-- Who makes the statement: a named speaker ("X said ...") before the cue,
-- else the name (or "the <noun>") just before it.
-- A capitalised word that is not a weekday, a month or a sentence opener.
local CAP = [[(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|On|In|At|But|And|As|If|When|While|After|Before|Last|This|That|He|She|It|They|We|I|You)\b)[A-Z][\w.'’-]*]]
local NAME = "(?:" .. CAP .. [[\h+(?:of\h+|for\h+|the\h+)?)*]] .. CAP
local SAYS = news.regex("(" .. NAME .. [[)\s+(?:has\s+|have\s+)?(?:said|says|told|added|stated|announced)\b]])
local SUBJECT = news.regex("(" .. NAME .. [[|\b[Tt]he(?:\s+[\w'’-]+){1,3}?)(?:\s+(?:has|have|had|is|are|was|were|also|again|repeatedly|consistently|publicly|strongly|\w+day))*\s*$]])
-- Titles go: "Foreign Minister Lena Ortiz" -> "Lena Ortiz".
local TITLE = news.regex([[^(?:.*\b(?:President|Minister|Secretary|Spokesman|Spokeswoman|Senator|Sen\.|Governor|Gov\.|Admiral|General|Gen\.|Chairman|Ambassador|Mayor|Director|Chief|Judge|Prosecutor|Leader|Rep\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Lord|King|Queen|Prince)\s+)((?:[A-Z][\w.'’-]*\s*){1,4})$]])

-- Without a name in the sentence ("He denied ..."), the last full name
-- (two or more capitalised words) shortly before stands in for it.
local FULL_NAME = news.regex("(" .. CAP .. [[(?:\h+]] .. CAP .. [[){1,3})]])

local function actor_of(article, s, cue)
  local from = math.max(1, cue.start - s.start - 200)
  local prefix = s.text:sub(from, cue.start - s.start)
  local who
  for w in SAYS:gmatch(prefix) do who = w end
  who = who or SUBJECT:match(prefix)
  if not who then
    local text = article.text
    local back = text:sub(math.max(1, cue.start - 600), cue.start - 1)
    for w in FULL_NAME:gmatch(back) do who = w end
  end
  if not who then return nil end
  who = who:gsub("(%l)%.$", "%1") -- "Ortiz." ends a sentence; "U.S." stays
  return TITLE:match(who) or who
end

rule {
  id       = "demand",
  title    = "An actor calls on another to act",
  severity = "low",
  tags     = { "demand" },
  keywords = { "call", "urg", "demand", "insist", "appeal", "press", "challeng", "plead",
               "warn", "ask", "told", "tell", "order", "critical", "essential",
               "imperative", "vital" },
  examples = {
    { text = "The foreign ministry called on Borduria to withdraw its troops.", expect = 1 },
    { text = "Mayor Ana Ortiz urged Parliament to pass the budget.", expect = 1,
      actor = "Ana Ortiz" },
    { text = "The union called for an inquiry into the accident.", expect = 1 },
    { text = "The minister said it is critical that the border stay open.", expect = 1 },
    { text = "The envoy warned Borduria to halt the exercises.", expect = 1 },
    { text = "She called her sister on Sunday.", expect = 0 },
    { text = "Demand for steel rose as the challenge of rebuilding began.", expect = 0 },
    { text = "Protesters demanded that the mayor resign.", expect = 1 },
  },
  match = function(article)
    local text = article.text
    for s in article:sentences() do
      local hit, m = s:has(DEMAND)
      if not hit then hit, m = s:has(DEMAND_EXACT) end
      local target
      if hit then
        target = TARGET:match(text:sub(m.stop + 1, m.stop + 80))
      else
        for x in s:find(TOLD_TO) do m = x break end
        if m then target = TOLD_TO:match(m.text) end
        if not m then
          for x in s:find(CRITICAL) do m = x break end
        end
      end
      if target then -- "Pakistan’s government" -> "Pakistan"
        target = target:gsub("’s$", ""):gsub("'s$", "")
      end
      if m then
        article:alert {
          message  = "demand: " .. m.text,
          evidence = s,
          actor    = actor_of(article, s, m),
          target   = target,
        }
      end
    end
  end,
}
