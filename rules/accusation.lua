-- accusation.lua - a public actor blames another for wrongdoing.
--
-- Flags sentences holding an accusation cue ("accused ... of", "blamed",
-- "condemned", "lied", "was responsible for"), and names as actor the
-- speaker ("X said ...") or the name just before the cue.

local ACCUSE = news.lexicon {
  "accuse", "blame", "allege", "condemn", "chastise", "scapegoat",
  "hold responsible", "held responsible", "was responsible for",
  "were responsible for", "is responsible for", "are responsible for",
  "lied", "tell lies", "told lies", "telling lies", "a clear violation",
  "in violation of",
}
-- Blame put on a trend, or a charge nobody makes: not an accusation.
local NOT_ACCUSATION = news.regex(
  [[\b(?:without charge|accused of (?:rape|murder|terrorist)|blamed? (?:the )?(?:weather|growing|modern|rising|falling))]], "i")
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
  id       = "accusation",
  title    = "An actor accuses another of wrongdoing",
  severity = "medium",
  tags     = { "accusation" },
  keywords = { "accus", "blam", "alleg", "responsible", "condemn", "chastis", "scapegoat",
               "lie", "lying", "violation" },
  examples = {
    { text = "The interior ministry accused Ruritania of arming the rebels.", expect = 1 },
    { text = "Senator Maria Lopes blamed the agency for the delays.", expect = 1,
      actor = "Maria Lopes" },
    { text = "The foreign office condemned the missile launch.", expect = 1 },
    { text = "The festival opened on Friday with a parade.", expect = 0 },
    { text = "Farmers blamed the weather for the poor harvest.", expect = 0 },
    { text = "The two men were released without charge.", expect = 0 },
  },
  match = function(article)
    for s in article:sentences() do
      local hit, m = s:has(ACCUSE)
      if hit and not s:has(NOT_ACCUSATION) then
        article:alert {
          message  = "accusation: " .. m.text,
          evidence = s,
          actor    = actor_of(article, s, m),
        }
      end
    end
  end,
}
