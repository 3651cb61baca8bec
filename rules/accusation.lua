-- accusation.lua - the shipped pack: an actor accuses another of wrongdoing (CAMEO 111, 112).
-- What the rules share is in lib/pack.lua; docs/pack.md says how they decide.

local pack = require "pack"
local V, COMMENTATOR_WORDS, NOUN_BEFORE = pack.V, pack.COMMENTATOR_WORDS, pack.NOUN_BEFORE
local PASSIVE, actor_at, alert = pack.PASSIVE, pack.actor_at, pack.alert
local any_of, cue_sentences, public_speaker = pack.any_of, pack.cue_sentences, pack.public_speaker
local quote_finder, quote_holding, spoken_before = pack.quote_finder, pack.quote_holding, pack.spoken_before
local statement_alerts, strip_the, subject_before = pack.statement_alerts, pack.strip_the, pack.subject_before
local target_after, text_before = pack.target_after, pack.text_before

-- Predicates that charge someone with wrongdoing, in what a speaker says.
local CHARGE_CUES = {
  -- responsibility and guilt ("was responsible for", not "may be")
  [=[(?<!may |might |could )(?<!I |we |We )(?:is|are|was|were|be|been)\s+(?:\w+\s+)?(?:responsible|to blame|guilty|complicit|culpable)]=],
  -- lying, fraud, crime
  [=[lied]=],
  [=[lies]=],
  [=[lying]=],
  [=[liars?]=],
  [=[to lie]=],
  [=[(?:is|was|were|are) criminal]=],
  [=[(?:is|was|are|were)\s+(?:\w+ly\s+)?fraud\b]=],
  [=[\ban?\s+(?:[\w-]+\s+){0,2}?(?:fraud|liar|crook|cheat|lie|misrepresentation|deception)\b]=],
  [=[misrepresent(?:s|ed|ing)\b]=],
  [=[slander\w*]=],
  [=[libel(?:l?ed|l?ing|ous)]=],
  [=[fearmonger\w*]=],
  [=[scaremonger\w*]=],
  [=[undermin(?:e|es|ed|ing)\s+(?:our|the|its|their)\s+(?:\w+\s+)?(?:constitution|democracy|rule of law|sovereignty|security|peace|stability|elections?|process|institutions)]=],
  [=[[“"‘']fraud\w*[”"’']]=],
  [=[commit\w*\s+(?:\w+\s+)?fraud]=],
  [=[fraudulent\w*]=],
  [=[(?<!could |might |may |would )(?:is|was|were|are|be|been|acted)\s+(?:\w+ly\s+)?(?:illegal|unlawful)]=],
  [=[illegally]=],
  [=[unlawfully]=],
  [=[(?:is|was|are|were)\s+(?:\w+ly\s+)?corrupt\b]=],
  [=[corrupted]=],
  [=[corrupting]=],
  -- breaking rules, laws, trust
  [=[cover(?:ed)?[- ]up]=],
  [=[rigg(?:ed|ing)]=],
  [=[scapegoat\w*]=],
  [=[double standards?]=],
  [=[hypocri\w+]=],
  [=[betray\w*]=],
  [=[meddl\w+]=],
  [=[interfer\w+]=],
  [=[hack(?:ed|ing)]=],
  [=[violat\w+]=],
  [=[a (?:clear |flagrant |blatant )?violation]=],
  [=[in (?:clear |flagrant )?violation]=],
  [=[breach(?:ed)? of]=],
  [=[abused]=],
  [=[abusing]=],
  [=[abuses? (?:of|its|his|her|their) (?:power|office|position|authority|trust)]=],
  [=[human[- ]rights abuses]=],
  -- deceiving, smearing, discriminating
  [=[misle(?:d|ad\w*)]=],
  [=[deceiv\w+]=],
  [=[deceptive]=],
  [=[smear\w*]=],
  [=[distort(?:s|ing)\b]=],
  [=[distorted\s+(?:the|his|her|their|its|our|my|what|facts|truth|record)]=],
  [=[discriminat(?:ed|es|ing) against]=],
  [=[discriminatory]=],
  [=[bias(?:ed)?]=],
  [=[racist]=],
  [=[defraud\w*]=],
  [=[squeez\w+]=],
  [=[stole]=],
  [=[stolen]=],
  [=[fabricat\w+]=],
  [=[outlaw]=],
  [=[provocati\w+]=],
  [=[reckless]=],
  -- bad faith and double standards
  [=[scandal]=],
  [=[conflicts? of interest]=],
  [=[demonis\w+]=],
  [=[demoniz\w+]=],
  [=[(?:different|double|separate) (?:set of )?standards?]=],
  [=[political hay]=],
  [=[play(?:s|ed|ing)? politics]=],
  [=[politici[sz]\w+]=],
  [=[stop at nothing]=],
  -- blame by effect ("was caused by", "stoking the issue")
  [=[(?:was|were|had been|has been|is|are)\s+(?:\w+\s+)?(?:caused|started|provoked|orchestrated|instigated|engineered)\s+by]=],
  [=[(?:started|instigated|orchestrated|provoked|stoked|stoking|fuel(?:l)?ed|fuel(?:l)?ing)\s+(?:the|this|that|a)\s+(?:\w+\s+)?(?:controversy|row|violence|riots?|unrest|attacks?|war|smear|crisis|hatred|tensions?|issue)]=],
  [=[had a conflict]=],
  [=[(?:complete|total|utter|blatant|flagrant|callous) disregard]=],
  [=[criminal[”"’']?\s+(?:attempt|act|conduct|behaviou?r|enterprise|scheme|cover)]=],
  -- being behind wrongdoers, sheltering or arming them
  [=[(?:is|are|was|were) behind (?:the |these |this |last |that )?(?:\w+ )?(?:attacks?|bombings?|plot|killings?|violence|hack\w*|leaks?|unrest|smear|murders?|assassination|shooting|explosions?)]=],
  [=[(?:an )?arm[”"’']? of]=],
  [=[(?:operat\w+|based|hid\w*|shelter\w*) (?:from |in )?(?:safe )?(?:havens?|sanctuar(?:y|ies))]=],
  [=[safe havens? (?:in|for|to)]=],
  [=[support(?:s|ed|ing)? (?:terroris|militan|insurgen)\w*]=],
  [=[shelter\w* (?:terror|militan|insurgen)\w*]=],
  [=[has not acted against]=],
  [=[failed to act against]=],
}
local CHARGE = any_of(CHARGE_CUES, "i")
-- Not a charge: a crime reported as news, a verb about the weather.
local NOT_CHARGE = news.regex(
  [[\b(?:without charge|accused of (?:rape|murder|terrorism|sexual)|(?:blamed?|blaming)\s+(?:the\s+)?(?:weather|growing|modern|rising|falling|computer|television|technology|video)|alleged(?:ly)?\s+\w+|people accused|those accused|the accused|charged with|charges? (?:of|against)|accusations?|allegations?|no (?:illegal|wrongdoing|fraud|evidence)\w*|whether|(?:left|let|allowed)\s+(?:it\s+|the matter\s+)?to lie|(?:those|anyone|anybody|people|whoever)\s+(?:who\s+)?(?:\w+\s+)?violat\w*|(?:comments|remarks|words|views|position|record)\s+(?:had\s+|have\s+|has\s+|were\s+|was\s+)?(?:been\s+)?(?:distorted|misrepresented|taken out of context))\b]], "i")
-- Blame put on a trend or a thing, not an actor.
local NOT_BLAME = news.regex(
  [[\b(?:blam\w+|fault\w*)\s+(?:it\s+on\s+)?(?:the\s+)?(?:weather|growing|modern|rising|falling|computer|television|technology|video|games|internet|economy|climate|rain|snow|storms?)\b|\b(?:people|those|men|women|man|woman|clients|suspects)\s+(?:\w+\s+)?accused\b|\bblam\w*\s+(?:myself|himself|herself|themselves|ourselves|yourself|itself)\b|\b(?:nobody|no one|noone|can't|cannot|couldn't|could not|don't)\s+(?:can\s+|really\s+)?blame\b|\b(?:not|n't|n’t)\s+(?:\w+\s+){0,3}?(?:to\s+)?blame\b|accused of (?:rape|murder|terror\w*|\w+ offences)]], "i")
local THAT_AFTER = news.regex([[^\s+(?:on\s+\w+day\s+|\w+day\s+)?that\b]], "i")
local CHARGED_WITH = news.regex([[^\s+(?:[\w.’'-]+\s+){1,4}?with\b]])
-- A negation earlier in the clause: "were not racist", "not going to
-- go around telling lies", "not do anything that would interfere".
-- "Don't tell lies, Nigel": an imperative accuses, it does not deny.
local IMPERATIVE = news.regex([[(?:^|[“"‘'(,;:]\s*)(?:[Dd]on['’]t|[Dd]o not)\s+\w+\s+$]])
local NEGATED = news.regex([[(?:\b(?:not|never|no)|n't|n’t)\b[^,.;:!?]{0,32}$]], "i")
local BY_AGENT = news.regex([[\bby\s+((?:the\s+)?[\w.’'-]+(?:\s+[\w.’'-]+){0,3}?)(?=\s*[,.;]|\s*$|\s+(?:and|who|which|after|over|for|in)\b)]])
-- Verbs of CAMEO 112 (accuse) and the sharpest of 111 (condemn,
-- denounce), plus criticism "for" a named act.
local EXPLICIT_CUES = {
  [=[(?:cast|casts|casting|put|puts|putting|placed|places|placing|laid|lays|laying|pinned|pins|pinning|shifted|shifts|shifting)\s+(?:the\s+|all\s+the\s+)?blame\s+(?:squarely\s+)?(?:on|at)]=],
  [=[accus(?:e|es|ed|ing)]=],
  [=[blam(?:e|es|ed|ing)]=],
  [=[censur(?:e|es|ed|ing)]=],
  [=[implicat(?:e|es|ed|ing)]=],
  [=[chastis\w+]=],
  [=[castigat\w+]=],
  [=[condemn(?:s|ed|ing)?]=],
  [=[denounc(?:e|es|ed|ing)]=],
  [=[decr(?:y|ied|ies)]=],
  [=[branded]=],
  [=[scapegoat\w*]=],
  [=[(?:made|issued|voiced|expressed)\s+(?:a\s+)?(?:\w+\s+)?condemnation]=],
  [=[fil(?:ed|es|ing)\s+(?:a\s+)?(?:formal\s+)?(?:complaint|lawsuit|suit|charges?)\s+(?:\w+\s+)?(?:against|with)]=],
  [=[(?:attacked|blasted|slammed|criticis(?:ed|es)|criticiz(?:ed|es)|lambast(?:ed|es)|rapped|rebuked|savaged|pilloried|hammered|grilled|excoriated|berated|chided|scolded|assailed|skewered|tore into|ripped into|hit out at|hitting)\s+(?:[\w’'-]+\s+){1,7}?for\s+(?!the first|the second|the last|a second|years|months|weeks|days)]=],
  [=[fault(?:ed|s)?\s+\w+\s+for]=],
  [=[held\s+\w+(?:\s+\w+)?\s+responsible]=],
  [=[hold\w*\s+\w+(?:\s+\w+)?\s+responsible]=],
}
local EXPLICIT = any_of(EXPLICIT_CUES, "i", true)


-- The rule's keywords: each cue pattern above gives its own (news.cue_keywords
-- reads off the words every match of it holds); listed here are only the
-- words of cues with no pattern here (verbs the quote and statement
-- extractors attribute, the lexicon's verbs) and stems wider than a
-- pattern's words. Sentences without one are skipped.
local KEYWORDS = news.cue_keywords({
  "blam", "alleg", "charged", "charging", "lambast", "excoriat", "hit out", "complaint",
  "lawsuit", "suit against", "culpab", "standards", "breach", "discriminat", "disregard",
  "instigat", "orchestrat", "provok", "is behind", "are behind", "was behind", "were behind",
  "arm”", "arm\"", "haven", "sanctuar", "support terror", "supports terror", "supported terror",
  "supporting terror", "acted against",
}, CHARGE_CUES, EXPLICIT_CUES)

rule {
  id       = "accusation",
  title    = "An actor accuses another of wrongdoing",
  severity = "medium",
  tags     = { "accusation" },
  -- V.accuse's "brand(s)" and "charge(s)" are goods and prices here: the
  -- rule takes only "branded", "charged" and "charging" of them.
  -- check: ignore uncovered-cue
  keywords = KEYWORDS,
  examples = {
    { text = "The interior ministry accused Ruritania of arming the rebels.", expect = 1,
      actor = "interior ministry" },
    { text = "Senator Maria Lopes blamed the agency for the delays.", expect = 1,
      actor = "Maria Lopes" },
    { text = "The foreign office condemned the missile launch as a clear violation of the treaty.",
      expect = 1 },
    { text = "Defence Minister Ivo Marek said the militia was responsible for the bombing.",
      expect = 1, actor = "Ivo Marek" },
    { text = "Governor Alan Pike spoke on Monday. He said the mayor had lied to voters.",
      expect = 1, actor = "Alan Pike" },
    -- traps
    { text = "The festival opened on Friday with a parade.", expect = 0 },
    { text = "Farmers blamed the weather for the poor harvest.", expect = 0 },
    { text = "The two men were released without charge.", expect = 0 },
    { text = "Ana Ruiz, a senior analyst at the Centre for Policy, said the regime was behind the attacks.",
      expect = 0 },
    { text = "The court heard the case of a man accused of murder.", expect = 0 },
    { text = "Lena Orr, a columnist, said the minister had lied about the budget.", expect = 0 },
    { text = "The senator accused the governor of lying, and the governor's office said the senator was responsible for the shutdown.",
      expect = 2 },
    { text = "I always blame myself when we lose.", expect = 0 },
    { text = "The governor cast the blame on his rivals in the legislature.", expect = 1,
      actor = "governor" },
    { text = "“I am not going to go around telling lies about it,” the striker said.", expect = 0 },
    { text = "Prosecutors charged the former mayor with taking bribes.", expect = 1,
      actor = "Prosecutors" },
    { text = "The regulator alleged that the bank had hidden its losses.", expect = 1,
      actor = "regulator" },
    { text = "She served a double fault and the alleged fraud was never mentioned.", expect = 0 },
  },
  match = function(article)
    local quotes_in = quote_finder(article)
    for _, s in ipairs(cue_sentences(article, KEYWORDS)) do
      -- Every cue of the sentence, explicit verbs first: two sides may
      -- accuse each other in one sentence ("X said Y lied, and Y accused
      -- X of ..."), one alert per accuser.
      local cues = {}
      for c in s:find(EXPLICIT) do cues[#cues + 1] = { c, true } end
      -- The accuse class (CAMEO 112): "alleged that", "charged him with",
      -- "faulted", "implicated" -- as verbs, not "the alleged fraud".
      for c in s:find(V.accuse) do
        local w = c.text:lower()
        local after = article.text:sub(c.stop + 1, c.stop + 60)
        local ok
        if w:find("^alleg") then
          ok = THAT_AFTER:test(after)
        elseif w:find("^charg") then
          ok = (w == "charged" or w == "charging") and CHARGED_WITH:test(after)
        elseif w:find("^fault") then
          ok = w == "faulted" -- "a double fault", "at fault", "my fault": nouns
        elseif w:find("^brand") then
          ok = false -- "brands" are goods; "branded X a ..." is in EXPLICIT
        else
          ok = not EXPLICIT:test(c.text)
        end
        if ok then cues[#cues + 1] = { c, true } end
      end
      for c in s:find(CHARGE) do cues[#cues + 1] = { c, false } end
      local seen = {}
      for _, cc in ipairs(cues) do
        local cue, ex = cc[1], cc[2]
        if not s:has(ex and NOT_BLAME or NOT_CHARGE) then
          local quotes = quotes_in(s)
          local before = text_before(article, s, cue, 12)
          local ok = true
          if ex then
            if NOUN_BEFORE:test(before) then ok = false end
            -- "was accused of ... by Muslim groups": the agent names the
            -- accuser; without one, nobody is named.
            local w1 = (cue.text:match("^%a+") or ""):lower()
            if ok and (w1:find("ed$") or w1:find("en$")) and PASSIVE:test(before) then
              local by = BY_AGENT:match(article.text:sub(cue.stop + 1, s.stop))
              if by and not seen[by] then
                seen[by] = true
                alert(article, s, "accusation", cue.text, strip_the(by), nil)
              end
              ok = false
            end
          else
            -- A charge counts inside what a speaker is quoted as saying,
            -- or in reported speech the extractor left unattributed.
            ok = quote_holding(quotes, cue.start) ~= nil or spoken_before(s, cue.start)
            -- "were not racist", "never lied": a charge denied, not made.
            local window = text_before(article, s, cue, 40)
            if NEGATED:test(window) and not IMPERATIVE:test(window) then
              ok = false
            end
          end
          if ok then
            local actor, q = actor_at(article, s, cue.start, quotes, ex)
            local key = type(actor) == "string" and actor or actor and actor.name
            -- An explicit "accused" or "blamed" is an accusation by whoever
            -- is named; a charge inside speech only from a public side.
            local public = public_speaker(actor, q)
            if ex and actor and not public then
              public = not (q and q.speaker_span and COMMENTATOR_WORDS:test(q.speaker_span.text))
            end
            if public and not seen[key] then
              seen[key] = true
              -- A charge inside speech is said of its subject.
              local charged = not ex and subject_before(article, s, cue)
              if charged and charged ~= actor then
                alert(article, s, "accusation", cue.text, actor, charged, true)
              else
                alert(article, s, "accusation", cue.text, actor, target_after(s, cue.start, actor))
              end
            end
          end
        end
      end
    end
    statement_alerts(article, "accusation")
  end,
}
