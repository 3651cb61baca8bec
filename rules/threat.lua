-- threat.lua - an actor warns of consequences or threatens action.

local THREAT = news.lexicon {
  "threaten", "could lose", "would lose", "will retaliate", "vow to retaliate",
  "face consequences", "there are consequences", "without consequences",
  "impose sanctions", "impose further sanctions", "further sanctions",
  "promise a veto", "threaten a veto", "veto threat", "would not rule out",
  "wouldn't rule out", "will not rule out", "further measures", "robust steps",
  "harshly punish", "severely punish", "military action", "retaliation",
  "warn of retaliation", "warn of consequences", "warn of reprisals", "vow retaliation",
}
-- A forecast or a refusal to threaten is not a threat.
local NOT_THREAT = news.regex(
  [[\b(?:declined to threaten|capability to threaten|capable of threatening|chance of threatening|imposed sanctions)\b]], "i")

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
  id       = "threat",
  title    = "An actor warns of consequences or threatens action",
  severity = "high",
  tags     = { "threat" },
  keywords = { "threat", "lose", "retaliat", "consequences", "sanctions", "veto",
               "rule out", "measures", "robust", "punish", "military action" },
  examples = {
    { text = "The defence minister threatened sanctions against the neighbouring state.",
      expect = 1 },
    { text = "President Olga Varn warned of retaliation if the strikes continued.",
      expect = 1, actor = "Olga Varn" },
    { text = "The cabinet pledged to impose further sanctions if the tests go on.",
      expect = 1 },
    { text = "The prime minister declined to threaten the neighbouring state.", expect = 0 },
    { text = "Forecasters expect rain over the weekend.", expect = 0 },
  },
  match = function(article)
    for s in article:sentences() do
      local hit, m = s:has(THREAT)
      if hit and not s:has(NOT_THREAT) then
        article:alert {
          message  = "threat: " .. m.text,
          evidence = s,
          actor    = actor_of(article, s, m),
        }
      end
    end
  end,
}
