-- denial.lua - the shipped pack: an actor denies an accusation, a report
-- or responsibility (CAMEO 016).
-- What the rules share is in lib/pack.lua; docs/pack.md says how they decide.

local pack = require "pack"
local PASSIVE, OBJECT_RELATIVE, WHICH_BEFORE = pack.PASSIVE, pack.OBJECT_RELATIVE, pack.WHICH_BEFORE
local actor_at, alert, any_of = pack.actor_at, pack.alert, pack.any_of
local cue_sentences, quote_finder, quote_holding = pack.cue_sentences, pack.quote_finder, pack.quote_holding
local spoken_before, statement_alerts, strip_the = pack.spoken_before, pack.statement_alerts, pack.strip_the
local target_after, text_before = pack.target_after, pack.text_before
local verbal = pack.verbal

-- What a denial denies (CAMEO 016 objects): not offers, requests,
-- visas or tries (CAMEO 120, 1233 and sport).
local DENIED = news.regex(
  [[^\W*(?:\S+\s+){0,4}?(?:accusations?|allegations?|charges?|claims?|reports?|rumou?rs?|involvement|responsibility|role|links?|connection|wrongdoing|suggestions?|stor(?:y|ies)|criticism|knowledge|the idea|research|figures|findings|study|analysis|speculation|rumou?rs?)\b]], "i")
-- "denied that ...", "denied it", "denied ever taking": only "deny"
-- itself takes a clause, a pronoun or a gerund as what is denied.
local DENIED_CLAUSE = news.regex([[^\W*(?:that|it|this|them|ever|\w+ing|any\s+\w+ing|(?:(?!as\b|when\b|while\b|because\b|if\b|after\b|before\b|until\b)[\w.’'-]+\s+){1,5}?(?:was|were|is|are|had|has|would|will|did|could)\b|(?:he|she|they|we|I)\s+\w+(?:ed|s)\b)]], "i")
-- "a claim denied by the chancellor": the passive names the denier.
local DENIED_BY = news.regex([[\b(?:claims?|charges?|allegations?|accusations?|reports?|suggestions?)\s+(?:\w+ly\s+)?(?:denied|rejected|dismissed|disputed|refuted)\s+by\s+((?:the\s+)?[\w.’'-]+(?:\s+[\w.’'-]+){0,3}?)(?=\s*[,.;]|\s*$|\s+(?:and|who|which|on|in|at|as)\b)]], "i")
-- "dismissed them as nonsense": what was said, waved away.
local DISMISSED_AS = news.regex([[^\W*(?:(?:them|it|this|these|those|that)\s+as\b|(?:\S+\s+){1,5}?as\s+(?:\w+\s+)?[“"‘']?(?:\w+\s+)?(?:rubbish|nonsense|untrue|false|baseless|unfounded|lies?|smear|fabricat\w*|fiction|scaremongering|speculation|misleading|inaccurate)\b)]], "i")
local NOT_DENIED = news.regex(
  [[^\W*(?:\w+\s+){0,3}?(?:offer|bid|proposals?|requests?|appeals?|demands?|calls?|plan|motion|amendment|bill|application|visa|entry|access|bail|permission|arguments?|try|goal|penalty|due process|chance|comment|victory|win|title|place|spot|opportunity)\b|^\s*(?:him|them|us|me)\s|^\s*her\s+(?:a|an|the|access|entry|bail|permission|visa)\b]], "i")
-- Plain rebuttals, said by the accused.
local REBUT_CUES = {
  [=[(?:(?:is|was|are|were|be|been|as|completely|totally|wholly|entirely|simply|absolutely|utterly|categorically|flatly)\s+|[“"‘'])(?:untrue|false|baseless|unfounded|groundless|nonsense|rubbish|fabricated|unsubstantiated)]=],
  [=[untrue]=],
  [=[not true]=],
  [=[without foundation]=],
  [=[(?:charges|claims|allegations|accusations|reports)\s+(?:as\s+)?(?:\w+\s+)?(?:untrue|false|baseless|unfounded|groundless|nonsense|rubbish|fabricated|unsubstantiated|lies)]=],
  [=[load of (?:nonsense|rubbish)]=],
  [=[call(?:s|ed|ing)?\s+(?:the|this|that|these|those|such)\s+(?:\w+\s+)?(?:reports?|claims?|allegations?|accusations?|stor(?:y|ies)|charges?|suggestions?)\s+(?:an?\s+)?[“"‘']?(?:\w+\s+)?(?:fabrication|fiction|lies?|nonsense|rubbish|false|untrue|baseless|unfounded|smear|hoax|fake)]=],
  [=[taken out of context]=],
  [=[(?:were|was|been|being|had been|have been|are|is)\s+(?:\w+ly\s+)?distorted]=],
  [=[inaccurate]=],
  [=[(?:I am|I'm|I’m|I was|he was|she was|he is|she is|he's|she's|he’s|she’s|we are|we're|we’re|we were|it was|it is|it's|it’s)\s+not (?:at all |being )?[“"‘']\w+]=],
  [=[(?:I am|I'm|I’m|I was|he was|she was|he is|she is|he's|she's|he’s|she’s|we are|we're|we’re|we were)\s+not at all]=],
  [=[(?:the\s+)?(?:claims|allegations|accusations|charges|suggestions|reports) (?:were|are|had been|have been)\s+(?!true|correct|accurate|right|being|under|made|published|reported|based)[“"‘']?\w+]=],
  [=[misleading]=],
  [=[not intentional]=],
  [=[no (?:illegal|improper|unlawful)\b]=],
  [=[no truth]=],
  [=[no basis]=],
  [=[no evidence]=],
  [=[pleaded not guilty]=],
  [=[plead(?:s|ing)? not guilty]=],
  [=[not guilty]=],
  [=[done nothing wrong]=],
  [=[no wrongdoing]=],
  [=[never (?:said|knew|took|met)]=],
  [=[was not what was happening]=],
  [=[not what happened]=],
  [=[(?:is|was) not (?:police |our |government )?policy]=],
}
local REBUT = any_of(REBUT_CUES, "i", true)
-- The verbs of CAMEO 016 and of rejecting a charge; "disagree",
-- "object" and "protest" rarely reject an accusation.
local DENY = news.lexicon { "deny", "reject", "dismiss", "refute", "rebut", "rebuff", "dispute",
                            "rule out", "brush aside", "shrug off", "contradict", "repudiate" }
local NOT_DENIAL = news.regex([[(?:\bnot|n't|n’t|\bnever|\brefused to|\bdeclined to)\s+(?:\w+\s+)?(?:rule[ds]? out|ruling out|deny|denied|dismiss\w*|reject\w*)|\bruled out (?:of|for|with)\b]], "i")


-- The rule's keywords: each cue pattern above gives its own (news.cue_keywords
-- reads off the words every match of it holds); listed here are only the
-- words of cues with no pattern here (verbs the quote and statement
-- extractors attribute, the lexicon's verbs) and stems wider than a
-- pattern's words. Sentences without one are skipped.
local KEYWORDS = news.cue_keywords({
  "deni", "deny", "reject", "dismiss", "refut", "rebut", "rebuff", "disput", "repudiat",
  "rule out", "ruled out", "rules out", "ruling out", "brush", "shrug", "contradict", "fabricat",
  "hoax", "fake", "load of", "out of context", "distort", "intentional", "nothing wrong", "not what",
  "not police", "not our policy", "not government policy", "not “", "not \"", "not ‘", "not '",
  "not at all", "not being",
}, REBUT_CUES)

rule {
  id       = "denial",
  title    = "An actor denies an accusation or responsibility",
  severity = "medium",
  tags     = { "denial" },
  keywords = KEYWORDS,
  examples = {
    { text = "The ministry denied the allegations on Tuesday.", expect = 1, actor = "ministry" },
    { text = "Governor Alan Pike rejected claims that he had misused funds.", expect = 1,
      actor = "Alan Pike" },
    { text = "The former mayor pleaded not guilty to bribery charges.", expect = 1 },
    { text = "A spokesman for the council said the story was completely untrue.", expect = 1 },
    { text = "Governor Alan Pike spoke on Monday. He denied the allegations.", expect = 1,
      actor = "Alan Pike" },
    { text = "Prime Minister Ona Kell met the press. The prime minister dismissed the reports as nonsense.",
      expect = 1, actor = "Ona Kell" },
    -- traps
    { text = "The embassy denied him a visa.", expect = 0 },
    { text = "The striker was denied a late try by the referee.", expect = 0 },
    { text = "The board rejected the takeover offer from a rival brewer.", expect = 0 },
    { text = "The council rejected the proposal for a new bridge.", expect = 0 },
    { text = "The minister would not rule out further cuts.", expect = 0 },
    { text = "The goalkeeper denied Rovers a late equaliser.", expect = 0 },
    { text = "The club dismissed the coach after a run of defeats.", expect = 0 },
    { text = "Party officials rejected claims that the vote was rigged.", expect = 1,
      actor = "Party officials" },
    { text = "Rebels accused the army of shelling villages, a charge the defence ministry rejected.",
      expect = 1, actor = "defence ministry" },
    { text = "The interior ministry denied a newspaper report that it had held secret talks.",
      expect = 1, actor = "interior ministry" },
    { text = "Spokesman Tomas Ruud called the report “a fabrication”.", expect = 1,
      actor = "Tomas Ruud" },
    { text = "Analysts say there is a hole in the budget, a claim denied by the finance minister.",
      expect = 1, actor = "finance minister" },
    { text = "Minister Ida Lund denied her forecasts were too optimistic.", expect = 1,
      actor = "Ida Lund" },
    { text = "Minister Ida Lund said the claims were “recycled gossip” and went back to work.",
      expect = 1, actor = "Ida Lund" },
    { text = "“I'm not at all hostile to the union,” Senator Ivo Marsh said.", expect = 1,
      actor = "Ivo Marsh" },
  },
  match = function(article)
    local quotes_in = quote_finder(article)
    for _, s in ipairs(cue_sentences(article, KEYWORDS)) do
      local hit, m = s:has(DENY)
      local ok, verb = false, false
      if hit and verbal(article, s, m) and not PASSIVE:test(text_before(article, s, m, 12)) and
         not s:has(NOT_DENIAL) then
        local after = article.text:sub(m.stop + 1, m.stop + 60)
        ok = DISMISSED_AS:test(after) or
             ((DENIED:test(after) or (m.text:lower():find("^den") and DENIED_CLAUSE:test(after))) and
              not NOT_DENIED:test(after))
        -- "which the Tories deny", "a charge the ministry rejected": the
        -- relative is what is denied.
        local pre = article.text:sub(s.start, m.start - 1)
        if not ok and (WHICH_BEFORE:test(pre) or OBJECT_RELATIVE:test(pre)) then
          ok = true
        end
        verb = ok
      end
      if not ok then
        local r = s:find(REBUT)()
        if r then
          local quotes = quotes_in(s)
          ok = quote_holding(quotes, r.start) ~= nil
          -- "A spokesman said the story was untrue": reported speech
          -- the quote extractor did not attribute.
          if not ok and (r.text:lower():find("guilty") or r.text:lower():find("^call") or
                         spoken_before(s, r.start)) then
            ok = true
          end
          if ok then m = r end
        end
      end
      local by = not ok and DENIED_BY:match(s.text)
      if by then
        local bstart = s.start + (s.text:find(by, 1, true) or 1) - 1
        local agent = strip_the(by):gsub("%.$", "")
        for mm in s:mentions() do
          if mm.start >= bstart and mm.start < bstart + #by then agent = mm.entity break end
        end
        alert(article, s, "denial", "denied by", agent, nil)
      end
      if ok then
        local actor = actor_at(article, s, m.start, quotes_in(s), verb)
        alert(article, s, "denial", m.text, actor, verb and target_after(s, m.start, actor) or nil)
      end
    end
    statement_alerts(article, "denial")
  end,
}
