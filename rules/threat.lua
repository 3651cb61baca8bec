-- threat.lua - the shipped pack: an actor threatens or warns of consequences (CAMEO 13x).
-- What the rules share is in lib/pack.lua; docs/pack.md says how they decide.

local pack = require "pack"
local V, actor_at, alert = pack.V, pack.actor_at, pack.alert
local any_of, cue_sentences, public_speaker = pack.any_of, pack.cue_sentences, pack.public_speaker
local quote_finder, quote_holding, statement_alerts = pack.quote_finder, pack.quote_holding, pack.statement_alerts
local subject_before, target_after, text_around = pack.subject_before, pack.target_after, pack.text_around
local verbal = pack.verbal

local THREAT_WORDS_CUES = {
  [=[(?<![-‐])threaten(?:s|ed|ing)?(?=\s+(?:to\s+\w+|(?:\w+\s+){0,4}?(?:with|sanctions|action|legal|retaliat\w*|reprisals?|force|war|strikes?|boycotts?|bans?|vetoe?s?|resign\w*|quit|expel\w*|suspen\w+|fines?|consequences|punish\w*|military|nuclear|arrest\w*|prosecut\w+|lawsuits?|court)\b))]=],
  [=[vow(?:s|ed|ing)? (?:to )?(?:retaliat\w*|punish\w*|respond)]=],
  [=[warn(?:s|ed|ing)? (?:of|that)\b[^.]{0,80}?\b(?:retaliat\w*|consequences|sanctions|reprisals?|punish\w*|action|measures|force|veto)]=],
  [=[(?:will|would|could|shall|going to)\s+(?:\w+\s+)?(?:face|pay (?:a|the) (?:\w+ )?price|lose (?:an? |the |its |their |our |his |her |your )?(?:\w+ )?(?:ally|allies|support|aid|funding|assistance|access|membership|status|privileges|seat|benefits|licen[cs]e|contract)|be punished|be sued|be held (?:responsible|accountable|liable)|retaliate|impose|veto|sue|punish|cut off|expel|scrap|close|take (?:legal )?action|take measures)\b]=],
  [=[(?:serious |grave |severe |dire |real )?consequences]=],
  [=[(?:further |new |tougher |more )?(?:sanctions|measures)\s+(?:against|on)]=],
  [=[impose (?:further |new |tougher )?sanctions]=],
  [=[further (?:significant )?measures]=],
  [=[veto (?:threat|it|the)]=],
  [=[(?:promis|pledg|vow|threat)\w* (?:a |to )?veto]=],
  [=[robust steps]=],
  [=[further steps]=],
  [=[not rule out]=],
  [=[wouldn't rule out]=],
  [=[won't rule out]=],
  [=[harshly punish]=],
  [=[severely punish]=],
  [=[break(?:ing)? up the]=],
}
local THREAT_WORDS = any_of(THREAT_WORDS_CUES, "i", true)
local NOT_THREAT = news.regex(
  [[\b(?:whether|if they will|feel threatened|felt threatened|(?:chance|abilit\w+|capacit\w+|capab\w+|power)\s+(?:of|to)\s+threaten\w*|declined to threaten|did not threaten|didn't threaten|threat to|a (?:grave |serious |growing |real |clear )?threat|threats? (?:of|from|against)|capab\w+ (?:of|to) threaten\w*|imposed (?:\w+ )?sanctions|had imposed|were imposed|was imposed|warned against|no consequences|didn't suggest|did not suggest|unintended consequences|economic consequences|consequences of (?:the|a|this|their|his|her|its)|would be a deterrent)\b]], "i")


-- The rule's keywords: each cue pattern above gives its own (news.cue_keywords
-- reads off the words every match of it holds); listed here are only the
-- words of cues with no pattern here (verbs the quote and statement
-- extractors attribute, the lexicon's verbs) and stems wider than a
-- pattern's words. Sentences without one are skipped.
local KEYWORDS = news.cue_keywords({
  "vow", "warn", "pay a", "pay the", "lose", "held responsible", "held accountable",
  "held liable", "retaliat", "rule out", "break up", "breaking up", "promis", "pledg",
}, THREAT_WORDS_CUES)
local MODAL_START = news.regex([[^(?:will|would|could|shall|going to)\b]], "i")

rule {
  id       = "threat",
  title    = "An actor warns of consequences or threatens action",
  severity = "high",
  tags     = { "threat" },
  keywords = KEYWORDS,
  examples = {
    { text = "The defence minister threatened sanctions against the neighbouring state.",
      expect = 1, actor = "defence minister" },
    { text = "President Olga Varn warned of retaliation if the strikes continued.",
      expect = 1, actor = "Olga Varn" },
    { text = "The cabinet pledged to impose further sanctions if the tests go on.",
      expect = 1 },
    { text = "Minister Piet Kaal said there would be consequences for the rebels.", expect = 1,
      actor = "Piet Kaal" },
    -- traps
    { text = "The prime minister declined to threaten the neighbouring state.", expect = 0 },
    { text = "Forecasters expect rain over the weekend.", expect = 0 },
    { text = "Experts called the virus a grave threat to public health.", expect = 0 },
    { text = "Last year the union imposed sanctions on the club.", expect = 0 },
    { text = "Shares in Time Warner fell after the results.", expect = 0 },
    { text = "Wales threatened a try in the final minute.", expect = 0 },
    { text = "Analysts warned that the economy could lose momentum.", expect = 0 },
    { text = "The foreign minister threatened to expel the ambassador.", expect = 1 },
  },
  match = function(article)
    local quotes_in = quote_finder(article)
    for _, s in ipairs(cue_sentences(article, KEYWORDS)) do
      local cue
      -- The first cue with no trap around it: "a clear threat to peace"
      -- elsewhere in the sentence does not spoil "pledged to impose sanctions".
      for c in s:find(THREAT_WORDS) do
        if not NOT_THREAT:test(text_around(article, s, c, 40)) then cue = c break end
      end
      if cue then
        local quotes = quotes_in(s)
        local low = cue.text:lower()
        local explicit = low:find("^threaten") or low:find("^warn") or low:find("^vow") or
                         low:find("rule out") or low:find("veto")
        local ok = explicit and verbal(article, s, cue)
        if not ok then
          -- A consequence counts when someone is quoted or reported
          -- saying it, or pledges it.
          ok = quote_holding(quotes, cue.start) ~= nil or s:has(V.promise)
        end
        local actor, q
        if ok then
          actor, q = actor_at(article, s, cue.start, quotes, explicit)
          ok = public_speaker(actor, q)
        end
        if ok then
          -- "the U.S. could lose an ally", "they will face consequences":
          -- a consequence is threatened to whoever is to suffer it.
          local faced = MODAL_START:test(cue.text) and subject_before(article, s, cue)
          if faced and faced ~= actor then
            alert(article, s, "threat", cue.text, actor, faced, true)
          else
            alert(article, s, "threat", cue.text, actor, target_after(s, cue.start, actor))
          end
        end
      end
    end
    statement_alerts(article, "threat")
  end,
}
