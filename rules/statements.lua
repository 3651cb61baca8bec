-- statements.lua - the starter pack: accusations, denials, demands and
-- threats, flagged by cue words in a sentence, with the actor found by one
-- shared helper. Each rule's own word lists and patterns live in its
-- do ... end block.

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

do
  -- accusation: a public actor blames another for wrongdoing.
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
end

do
  -- denial: an actor rejects an accusation, a report or responsibility.
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
end

do
  -- demand: an actor calls on another to act.

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
end

do
  -- threat: an actor warns of consequences or threatens action.

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
end
