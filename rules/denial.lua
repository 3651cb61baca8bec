-- denial.lua - an actor rejects an accusation, a report or responsibility.
--
-- A denial verb alone is not enough ("denied a visa", "rejected the
-- proposal"): the sentence must also name what is denied. Some phrases
-- are denials by themselves ("completely untrue", "taken out of context").

local DENY = news.lexicon { "deny", "reject", "dismiss", "refute", "rule out" }
local OBJECT = news.lexicon {
  "accusation", "allegation", "charge", "claim", "report", "responsibility",
  "involvement", "wrongdoing", "involved", "responsible", "suggestion",
}
local SELF_DENIAL = news.lexicon {
  "untrue", "not true", "taken out of context", "unsubstantiated", "baseless",
  "fabricated", "pleaded not guilty", "plead not guilty", "categorically",
  "no wrongdoing",
}
-- "denied a visa", "denied him entry": withholding, not denying.
local WITHHOLD = news.regex([[^\s*(?:a|an|him|her|them|us|me|access|entry|bail)\b]])

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
  id       = "denial",
  title    = "An actor denies an accusation or responsibility",
  severity = "medium",
  tags     = { "denial" },
  keywords = { "deni", "deny", "reject", "dismiss", "refut", "rule out", "ruled out",
               "rules out", "not guilty", "untrue", "not true", "out of context",
               "unsubstantiated", "baseless", "fabricated", "categorically", "wrongdoing" },
  examples = {
    { text = "The ministry denied the allegations on Tuesday.", expect = 1 },
    { text = "Governor Alan Pike rejected claims that he had misused funds.", expect = 1,
      actor = "Alan Pike" },
    { text = "The embassy denied him a visa.", expect = 0 },
    { text = "The striker says he was denied a penalty, a claim the referee disputes.",
      expect = 0 },
    { text = "The council rejected the proposal for a new bridge.", expect = 0 },
    { text = "The former mayor pleaded not guilty to bribery charges.", expect = 1 },
    { text = "A spokesman said the story was completely untrue.", expect = 1 },
    { text = "Governor Alan Pike spoke on Monday. He denied the allegations.", expect = 1,
      actor = "Alan Pike" },
  },
  match = function(article)
    local text = article.text
    for s in article:sentences() do
      local hit, m = s:has(DENY)
      if hit then
        local after = text:sub(m.stop + 1, m.stop + 12)
        if WITHHOLD:test(after) or not s:has(OBJECT) then hit = false end
      end
      if not hit then hit, m = s:has(SELF_DENIAL) end
      if hit then
        article:alert {
          message  = "denial: " .. m.text,
          evidence = s,
          actor    = actor_of(article, s, m),
        }
      end
    end
  end,
}
