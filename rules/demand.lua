-- demand.lua - the shipped pack: an actor calls on another to act (CAMEO 10x, 020).
-- What the rules share is in lib/pack.lua; docs/pack.md says how they decide.

local pack = require "pack"
local V, PASSIVE, SAID_AFTER = pack.V, pack.PASSIVE, pack.SAID_AFTER
local actor_at, alert, any_of = pack.actor_at, pack.alert, pack.any_of
local cue_sentences, quote_finder, quote_holding = pack.cue_sentences, pack.quote_finder, pack.quote_holding
local statement_alerts, target_after, text_before = pack.statement_alerts, pack.target_after, pack.text_before
local text_around = pack.text_around

-- "urged X to", "called on X to", "asked X to", "ordered X to".
local TOLD_TO = news.regex(
  [[\b(?:ask(?:s|ed|ing)?|tell|tells|told|telling|order(?:s|ed|ing)?|challeng(?:e|es|ed|ing)|instruct(?:s|ed|ing)?|press(?:es|ed|ing)?|shout(?:s|ed|ing)? at|plead(?:s|ed|ing)? with|pleading with|count(?:s|ed)? on|warn(?:s|ed)?)\s+((?:the\s+)?(?!myself|himself|herself|themselves|not|if|whether|what|how|why|when)[\w.’'-]+(?:\s+(?!I\b|would\b|will\b|could\b|had\b|have\b|was\b|is\b|that\b)[\w.’'-]+){0,3}?)\s+(?:not\s+)?to\s+(?!the\b|a\b|an\b|his\b|her\b|their\b|its\b|my\b|our\b)\w+]], "i")
-- A directive in what a speaker says: "the minister should resign".
local SHOULD = news.regex(
  [[\b(?!(?:I|we|We|it|It|one|One|the|The|a|A|an|this|that|its|his|her|their|our|my|your|himself|herself|itself|themselves|myself|ourselves|not|never|also|still|you\s+(?:really\s+)?(?:need|must)|everyone|everybody|people|athletes|players|fans|and|or|but)\b)(\w+)\s+(?:really\s+|now\s+|also\s+|simply\s+)?(?:should|must|ought to|needs to)\s+(?!have\b|know\b|realis\w+|realiz\w+|understand\b|remember\b|be noted\b|be able\b|not have\b|[A-Z]|(?:the|a|an|he|she|it|they|we|you|there|this|that)\b)(?:not\s+)?(?:be\s+\w+(?:ed|en|wn)\b|(?!be\b)\w+)]])
local ARTICLE_BEFORE = news.regex([[(?:\b(?:the|a|an|this|that|any|no|renewed|repeated|growing)|’s|'s)\s+$]], "i")
-- "“Don't shoot him,” she says": a quoted plea.
local PLEA = news.regex([[^\W*(?:please\s+)?(?:don['’]t|do not)\s+(?!get me wrong|worry|know|think|forget|care|mind)\w+]], "i")
-- "expects Holt to step in": an expectation put on someone named, not a
-- forecast ("expects 40 million people to see it").
local EXPECT_TO = news.regex([[(?<!not |n't |n’t )\bexpects?\s+((?:[A-Z][\w’'-]+\s*){1,3})\s+to\s+(?!(?:still\s+|also\s+|\w+ly\s+)?be\b)\w+]])
-- "insisted that Borduria stop": a named addressee and a bare verb.
local INSIST_SUBJ = news.regex([[\b[Ii]nsist(?:s|ed|ing)?\s+that\s+[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+)?\s+[“"‘']?(?!(?:was|is|are|were|had|has|have|would|will|could|did|does|do|can|may|might)\b)[a-z]+(?<!s|ed)\b]])
local CRITICAL = news.regex([[\bit is (?:critical|essential|imperative|vital|crucial|time) (?:that|for)\b]], "i")
local DEMAND_WORDS_CUES = {
  [=[call(?:s|ed|ing)?\s+(?:\w+day\s+|today\s+|again\s+|also\s+)?(?:on|for|upon)\b(?!\s+comment)]=],
  [=[urg(?:e|es|ed|ing)]=],
  [=[demand(?:s|ed|ing)?(?= that| \w+ (?:to|be)\b| the\b| an?\b| his\b| her\b| their\b)]=],
  [=[appeal(?:s|ed|ing)? (?:to|for)]=],
  [=[plead(?:s|ed|ing)? (?:with|for)]=],
  [=[implor\w+]=],
  [=[beg(?:s|ged|ging)?\s+\w+\s+to]=],
  [=[insist(?:s|ed|ing)?\s+(?:that\s+)?(?=(?:[\w.’'-]+\s+){1,6}?(?:should|must|be)\b)]=],
  [=[exhort\w*]=],
  [=[entreat\w*]=],
  [=[press(?:es|ed|ing)? for]=],
}
local DEMAND_WORDS = any_of(DEMAND_WORDS_CUES, "i", true)
local NOT_DEMAND = news.regex(
  [[\b(?:should\b(?:\s+\w+){0,3}\s+have\s+\w+|should know|should be noted|whether|(?:what|which|how|when|where)\s+(?:\w+\s+){0,3}should|asked (?:whether|if|why|how|what|about)|request(?:s|ed)? for comment|calls? for comment|demand for|to appeal to|appeal(?:s|ed|ing)? to (?:\w+\s+)?(?:voters|women|men|readers|viewers|audiences|fans|consumers|customers|buyers|the young|young people)|demands? (?:of|from) the|called it|call(?:s|ed)? him|call(?:s|ed)? her|phone call)\b]], "i")


-- The rule's keywords: each cue pattern above gives its own (news.cue_keywords
-- reads off the words every match of it holds); listed here are only the
-- words of cues with no pattern here (verbs the quote and statement
-- extractors attribute, the lexicon's verbs) and stems wider than a
-- pattern's words. Sentences without one are skipped.
local KEYWORDS = news.cue_keywords({
  "urg", "appeal", "plead", "pressed", "pressing", "asked", "asks", "asking", "ask ", "told",
  "tell", "ordered", "orders", "ordering", "order ", "challeng", "instruct", "shout", "expect",
  "count on", "counts on", "counted on", "warn", "should", "must", "needs to", "ought",
  "critical", "essential", "imperative", "vital", "crucial", "time for", "time that", "don't",
  "don’t", "do not",
}, DEMAND_WORDS_CUES)

rule {
  id       = "demand",
  title    = "An actor calls on another to act",
  severity = "low",
  tags     = { "demand" },
  keywords = KEYWORDS,
  examples = {
    { text = "The foreign ministry called on Borduria to withdraw its troops.", expect = 1,
      actor = "foreign ministry" },
    { text = "Mayor Ana Ortiz urged Parliament to pass the budget.", expect = 1,
      actor = "Ana Ortiz" },
    { text = "The union called for an inquiry into the accident.", expect = 1 },
    { text = "The minister said it is critical that the border stay open.", expect = 1 },
    { text = "Protesters demanded that the mayor resign.", expect = 1, actor = "Protesters" },
    { text = "Senator Lena Varga said the minister should resign at once.", expect = 1,
      actor = "Lena Varga" },
    -- traps
    { text = "She called her sister on Sunday.", expect = 0 },
    { text = "Demand for steel rose as the challenge of rebuilding began.", expect = 0 },
    { text = "Reporters asked whether the talks would resume.", expect = 0 },
    { text = "The council did not respond to requests for comment.", expect = 0 },
    { text = "Forecasters expect 40 million people to see the eclipse.", expect = 0 },
    { text = "The foreign minister insisted that Borduria stop the missile tests.", expect = 1 },
    { text = "The coach insisted that he had unfinished business at the club.", expect = 0 },
    { text = "He insisted on delaying the operation until he was home.", expect = 0 },
    { text = "Reporters asked whether the minister should have resigned.", expect = 0 },
  },
  match = function(article)
    local quotes_in = quote_finder(article)
    for _, s in ipairs(cue_sentences(article, KEYWORDS)) do
      local cue = s:find(DEMAND_WORDS)() or s:find(TOLD_TO)() or s:find(EXPECT_TO)() or
                  s:find(INSIST_SUBJ)() or s:find(CRITICAL)()
      local in_quote_only = false
      if not cue then
        cue = s:find(SHOULD)()
        in_quote_only = cue ~= nil
      end
      if not cue then
        for _, q in ipairs(quotes_in(s)) do
          if q.kind == "direct" and q.speaker and q.start >= s.start and PLEA:test(q.text) then
            cue = q
            in_quote_only = true
          end
        end
      end
      -- Traps are judged around the cue: "questioning whether ..., something
      -- Republicans had urged him to do" is still a demand.
      if cue and NOT_DEMAND:test(text_around(article, s, cue, 40)) then
        cue = nil
      end
      if cue then
        local quotes = quotes_in(s)
        local ok = true
        if in_quote_only then
          ok = quote_holding(quotes, cue.start) ~= nil
          -- Reported speech, not an opinion ("believes X must ...").
          local say = s:find(V.say)()
          if say and not V.opinion:test(say.text) and
             (say.stop < cue.start or SAID_AFTER:test(article.text:sub(cue.start, s.stop))) then
            ok = true
          end
        else
          local before = text_before(article, s, cue, 12)
          -- "a call for", "will be asked to give evidence": no one asks.
          local w = (cue.text:match("^%a+") or ""):lower()
          local participle = w:find("ed$") or w == "told"
          if ARTICLE_BEFORE:test(before) or (participle and PASSIVE:test(before)) then ok = false end
        end
        if ok then
          local actor = actor_at(article, s, cue.start, quotes, not in_quote_only)
          alert(article, s, "demand", cue.text, actor, target_after(s, cue.start, actor))
        end
      end
    end
    statement_alerts(article, "demand")
  end,
}
