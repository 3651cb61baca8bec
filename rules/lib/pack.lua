-- pack.lua - what the shipped pack's rules share: how a rule finds its
-- cue sentences, the actor behind a cue and the target after it, and how
-- it raises an alert (with the sentence's statement of the rule's kind).
-- The rules are ../accusation.lua, ../denial.lua, ../demand.lua and
-- ../threat.lua; docs/pack.md says how they decide.
--
-- Every rule reasons the same way, sentence by sentence:
--   1. a cue: a verb of the statement's class (the built-in
--      `speech_verbs` classes, widened with the CAMEO 2.0 verb dictionary;
--      docs/pack.md) or, inside what someone is quoted or reported as
--      saying, a predicate of the class ("is responsible for", "completely
--      untrue", "should resign", "there will be consequences");
--   2. the actor: the speaker the quote extractor attributed the cue or
--      the quote to (pronouns resolved), else the subject the sentence
--      gives the verb, else the group named before it;
--   3. checks of the class: accusers must speak for the public side
--      (officials, governments, parties, campaigns, not analysts); a denial
--      must deny something that is an accusation, a report or a claim; a
--      threat is a consequence the speaker's side would bring about.
-- Each rule raises one alert per sentence, except that two accusers (or a
-- denier named by a passive) in one sentence give two.
--
-- A module runs once per scanner and its value is shared by the rules
-- that require it: the per-article state below (which sentences a kind
-- has alerted on, whether the article is about sport) is kept by article
-- id, never across articles.

------------------------------------------------------------------------
-- Shared vocabulary

local V = {
  accuse  = news.lexicon("speech_verbs:accuse"),  -- accuse, blame, allege, charge, censure ...
  promise = news.lexicon("speech_verbs:promise"), -- pledge, vow, promise ...
  opinion = news.lexicon("speech_verbs:opinion"), -- believe, think ...
  say     = news.lexicon("speech_verbs"),
}

-- Speakers who give an assessment rather than speak for a side: their
-- charges are not official accusations.
local COMMENTATOR = news.lexicon {
  "analyst", "expert", "professor", "scholar", "researcher", "fellow", "economist",
  "journalist", "reporter", "correspondent", "columnist", "commentator", "editor",
  "host", "talk show host", "radio host", "author", "writer", "historian", "pollster",
  "strategist", "blogger", "critic",
}
local COMMENTATOR_WORDS = news.regex(
  [[\b(?:analyst|expert|professor|scholar|researcher|fellow|economist|journalist|reporter|correspondent|columnist|commentator|editor|host|author|writer|historian|pollster|blogger|critics?|observers?|some|many|people|readers|viewers|fans)s?\b]], "i")

-- Speech verbs, and "called" (it "baseless"), which the lexicon keeps
-- for "call on" and "call for".
local SPEECH = news.regex([[\b(?:said|says|say|saying|told|tells|added|adds|stated|argued|argues|insisted|insists|claimed|claims|called|calls|calling|described|describes|wrote|writes|tweeted|declared|accused|charged|warned|warns|maintained|contended|noted|asserted|claiming|alleging|alleged|charging|arguing|insisting|asserting|adding|complaining|complained|pledged|pledges|vowed|vows|promised|promises|threatened|threatens)\b]], "i")
-- Is something said before byte `pos` of sentence s ("X said the claims
-- were baseless", "X called the charges fabricated")?
local function spoken_before(s, pos)
  local v = s:find(SPEECH)()
  return v ~= nil and v.start < pos
end

local PRON = { he = "person", she = "person", him = "person", her = "person",
               it = "organization", they = "any", we = "any", i = "person" }

-- Text cut from an article can be as long as a sentence (or a 70 KB
-- "word"): what the pack does to phrases takes linear time whatever the
-- sandbox's budget for a Lua pattern on a long subject.

-- A phrase without its leading "the": "The prime minister" -> "prime
-- minister" (as the quote extractor writes groups).
local function strip_the(text)
  local c = text:byte(1)
  if (c == 84 or c == 116) and text:sub(2, 3) == "he" then
    local i = 4
    local b = text:byte(i)
    while b == 32 or (b and b >= 9 and b <= 13) do
      i = i + 1
      b = text:byte(i)
    end
    if i > 4 then return text:sub(i) end
  end
  return text
end

-- The last word of a name or title ("minister" of "prime minister"); nil
-- for none and for a name too long to be one.
local NAME_MAX = 200
local function last_word(text)
  if #text > NAME_MAX then return nil end
  return text:match("(%a+)$")
end

------------------------------------------------------------------------
-- Who says it

-- Words between a subject and its verb: auxiliaries, adverbs, times,
-- and verbs that carry the subject on ("continued to refute"). Each
-- pattern below ends with BRIDGE .. "$" at the verb.
local BRIDGE = [[(?:(?:has|have|had|is|are|was|were|been|being|will|would|could|also|again|then|later|earlier|previously|now|already|still|not|never|all|both|on\s+\w+day|\w+day|\w+ly|(?:continued|continues|began|begins|tried|tries|sought|seeks|moved|appeared|went\s+on|set|likely|about|ready|poised|expected)\s+to|(?:reported|said|understood|thought|believed)\s+to\s+(?:be|have))\s+)*]]

-- The group or noun phrase opening the clause before a cue, when no
-- entity is named: "Democrats", "The family, protesters and civic
-- leaders", "the prime minister's official spokesman", "Police".
local GROUP = news.regex(
  [[(?:^|[,;:(]\s*|\b(?:and|but|while|as|when|after|that|whereas|because)\s+)(?!(?:On|In|At|Last|This|Earlier|Later|But|And|However|Meanwhile|Then|Now|After|Before|When|While|Since|During|Yesterday|Today|something|anything|nothing|everything|which|what|who|whom)\b)((?:(?:[Tt]he|[Aa]n?|[Ss]ome|[Mm]any|[Tt]wo|[Tt]hree|[Ss]everal|[Mm]ultiple|[Tt]op)\s+)?(?:[\w.’'-]+(?:’s|'s)?,?\s+(?:and\s+)?){0,4}?(?:officials?|spokes(?:man|woman|person)|ministers?|lawmakers|legislators|senators|Democrats|Republicans|Tories|leaders|government|ministry|campaign|committee|council|police|officers|protesters|demonstrators|family|party|prosecutors?|lawyers?|attorneys?|aides|administration|diplomats|director|chief|secretary|chairman|governments|nations|countries|groups|activists|unions?|critics|opponents|MPs|MEPs|Conservatives|Labour|members|workers|staff|employees|doctors|nurses|teachers|barristers|judges|farmers|residents|students|rebels|militants|insurgents|troops|soldiers|forces|campaigners|voters|states|allies|ministers|envoys))\s+]] .. BRIDGE .. "$")
local BARE_GROUP = news.regex(
  [[(?:^|[,;:]\s+|\band\s+|\bbut\s+|\bthat\s+)((?:[Tt]he\s+)?(?:Democrats|Republicans|Tories|Conservatives|Labour|police|Police|protesters|Protesters|demonstrators|Demonstrators|officials|Officials|lawmakers|Lawmakers|critics|Critics|activists|Activists))\s+]] .. BRIDGE .. "$")
-- A sentence opening with a determiner phrase right before the verb:
-- "The cabinet pledged", "A report by the committee called for".
local SENT_NP = news.regex(
  [[^\s*((?:The|A|An|Its|Their|His|Her)\s+(?:[\w.’'-]+\s+){0,7}?[\w.’'-]+)\s+]] .. BRIDGE .. "$")
-- The determiner phrase a sentence opens with, up to its first verb:
-- "The Republican nominee also outlined ...".
local OPEN_NP = news.regex(
  [[^\s*(?:(?:Earlier|Later|Meanwhile|Separately|Also|\w+ly),?\s+)?((?:[Tt]he|[Aa]n?)\s+(?:[\w’'-]+\s+){0,4}?[\w’'-]+)\s+]] .. BRIDGE ..
  [[(?:\w+ed|\w+s|said|told|made|gave|took|went|spoke|wrote)\b]])
-- "A report by the committee": the writing speaks for its author.
local AUTHORED = news.regex([[^(?:[Tt]he|[Aa]n?)\s+(?:\w+\s+)?(?:report|statement|letter|study|ruling|review|inquiry|complaint|memo|press release)\s+(?:by|from)\s+(.+)$]])
-- "demonstrators here, who have ...": the relative's antecedent noun.
local WHO_NOUN = news.regex([[\b([\w’'-]+)(?:\s+(?:here|there))?,\s+(?:who|which)\s+[^,]*$]])
-- ", who" or ", which" opening the clause the verb is in.
local RELATIVE_ANY = news.regex([[,?\s+(?:which|who)\s+[^,]*$]])
-- "X, which/who ... denied": the relative's antecedent ends here.
local RELATIVE = news.regex([[,?\s+(?:which|who|that)\s+(?:\w+\s+){0,3}$]])
local DATELINE = news.regex([[^[A-Z][A-Za-z .,'’-]{1,40}?(?:\s*\([A-Za-z.]+\))?\s*(?:[–—]|--?)\s+]])
-- Words before a mention that make it no subject: "of X", "to X", "X's".
local OBLIQUE = news.regex(
  [[\b(?:of|to|for|against|with|from|about|on|at|in|into|over|toward|towards|than|like|as|whom|and|by)\s+(?:the\s+|a\s+|an\s+)?(?:[\w.’'-]+\s+){0,2}$]], "i")

-- The pronoun closest before the verb, a few words back: "he all but accused".
local PRON_NEAR = news.regex([[\b([Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)\s+(?:[\w’'-]+\s+){0,3}$]])
local PRON_OPEN = news.regex([[^\s*(\w+)\s]])
local PRON_CLAUSE = news.regex([[[,;]\s+(\w+)\s+\w+\s*$]])
local WHICH_BEFORE = news.regex([[\bwhich\s+[\w’'\s]+$]], "i")
-- "a charge the ministry rejected", "claims which the party denies":
-- what is denied, then who denies it.
local DENYING = news.regex([[^(?:den|reject|dismiss|disput|refut|rebut)]], "i")
local OBJECT_RELATIVE = news.regex([[\b(?:which|charges?|claims?|accusations?|allegations?|reports?|suggestions?)\s+(?:that\s+)?(?!(?:has|have|had|is|was|were|are|also|been|with|to|for|of|in|on|at|by|from|about|as|and|or|but|\w+ly)\b)((?:the\s+|its\s+)?[\w.’'-]+(?:\s+(?!and\b|or\b|with\b)[\w.’'-]+){0,3}?)\s+]] .. BRIDGE .. "$", "i")
local WHICH_SUBJECT = news.regex([[\bwhich\s+((?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})\s+(?:\w+ly\s+|also\s+|still\s+)?$]])
-- Between a subject and its verb: auxiliaries, adverbs, times.
local ADJACENT = news.regex([[^(?:’s|'s)?(?:,[^,]{1,80},|,)?\s*]] .. BRIDGE .. "$")
local APPOSED = news.regex([[^(?:’s|'s)?,[^,]{1,80},\s*]] .. BRIDGE .. "$")
-- A verb sharing the subject of the clause before: "... and accused",
-- "..., saying that", "..., accusing".
local SHARED_SUBJECT = news.regex([[(?:\s+and\s+(?:then\s+|also\s+|later\s+|\w+ly\s+)?|,\s+(?:\w+ly\s+)?(?:saying|adding|accusing|calling|urging|warning|claiming|arguing|insisting|telling|blaming|denying|demanding|threatening)\b[^,]*?)$]])
local PROGRESSIVE = news.regex([[(?:\b(?:is|are|was|were|be|been|am)|[’']s|[’']re)\s+(?:\w+ly\s+)?$]], "i")
-- Heads that make a phrase a role, not its modifier's name.
local ROLE_HEAD = news.regex([[\b(?:officials?|spokes(?:man|woman|person)|director|chief|secretary|chairman|minister|family|lawyers?|attorneys?|aides?|campaign|committee|government|ministry|administration|party|office|department)$]], "i")
-- "..., a Home Office minister has said." ending the sentence.
local SAID_AFTER = news.regex([[,\s+((?:[\w.’'-]+\s+){1,6}?)(?:has\s+|have\s+|had\s+)?(?:said|says|added|told\s+\w+|argued|insisted|warned)\W*$]])

-- Can this actor accuse or threaten for a side? Officials, governments,
-- parties, campaigns, groups: yes. Analysts, journalists, hosts, or no
-- actor at all: no. `q` is the quote the actor was taken from, whose
-- speaker phrase ("Ana Ruiz, a senior analyst") may tell more.
local FORMER = news.regex([[^(?:former|ex-|ex\s)]], "i")
local function public_speaker(actor, q)
  if not actor then return false end
  if type(actor) == "string" then return not COMMENTATOR_WORDS:test(actor) end
  -- "former talk show host" is no longer one
  if actor.title ~= "" and COMMENTATOR:test(actor.title) and not FORMER:test(actor.title) then
    return false
  end
  if q and q.speaker_span and COMMENTATOR_WORDS:test(q.speaker_span.text) then return false end
  return true
end

-- The last entity (or resolved pronoun) mentioned before byte `pos` of
-- sentence `s`, as the subject of the clause: not after a preposition
-- and not a possessive ("Scott's family").
local function subject_mention(article, s, pos)
  local best
  local text = article.text
  -- "NEW YORK (AP) — ...": a dateline names no subject.
  local _, dl_end = DATELINE:find(s.text)
  local from = dl_end and s.start + dl_end or s.start
  for m in s:mentions() do
    if m.start >= pos then break end
    if m.start < from then goto continue end
    local before = text:sub(s.start, m.start - 1)
    local after = text:sub(m.stop + 1, m.stop + 3)
    local oblique = OBLIQUE:test(before)
    local possessive = after:find("^’s") or after:find("^'s")
    if not oblique and not possessive then
      best = m
    end
    ::continue::
  end
  return best
end

-- The mention a relative clause starting at byte `at` refers back to:
-- the last one ending just before it ("the party, which ...").
local function antecedent(s, at)
  local best
  for m in s:mentions() do
    if m.stop < at then best = m else break end
  end
  if best and at - best.stop <= 12 then return best end
  return nil
end

-- The subject a clause gives the verb at `pos`: the antecedent of a
-- relative ("the party, which accused him"), "which the Tories deny", the
-- group or entity just before the verb. nil when the clause names none.
local function local_subject(article, s, pos)
  local before = article.text:sub(s.start, pos - 1)
  -- "X has quit the party and accused it", "X spoke, saying that":
  -- the verb shares the subject of the clause the sentence opens with.
  -- A participle ("..., accusing", "wrote to the parties urging them")
  -- that is not a progressive ("is urging") shares it too.
  local participle = article.text:sub(pos, pos + 20):find("^%a+ing%f[%A]") and
                     not PROGRESSIVE:test(before) and #before > 0
  if SHARED_SUBJECT:test(before) or participle then
    -- "demonstrators, who have taken to the streets and called for"
    local rel = RELATIVE_ANY:find(before)
    if rel then
      local best = antecedent(s, s.start + rel - 1)
      if best then return best.entity end
      local noun = WHO_NOUN:match(before)
      if noun then return noun end
    end
    local first = s:mentions()()
    if first and not OBLIQUE:test(article.text:sub(s.start, first.start - 1)) and
       first.start - s.start < 60 then
      return first.entity
    end
    local g = OPEN_NP:match(before)
    if g then return strip_the(g) end
  end
  local w = WHICH_SUBJECT:match(before)
  if w then return w end
  if DENYING:test(article.text:sub(pos, pos + 12)) then
    local o = OBJECT_RELATIVE:match(before)
    if o then
      local ostart = s.start + #before - #o - 1
      for m in s:mentions() do
        if m.start >= ostart then return m.entity end
      end
      return strip_the(o)
    end
  end
  local rs = RELATIVE:find(before)
  local best = rs and antecedent(s, s.start + rs - 1)
  if best then return best.entity end
  local m = subject_mention(article, s, pos)
  -- "Rep. Vance, the top Democrat on the committee, said"
  if m and APPOSED:test(article.text:sub(m.stop + 1, pos - 1)) then return m.entity end
  local group = SENT_NP:match(before) or GROUP:match(before) or BARE_GROUP:match(before)
  if group then
    local author = AUTHORED:match(group)
    if author then
      local a0 = s.start + #before - #author
      for mm in s:mentions() do
        if mm.start >= a0 and mm.stop >= s.start + #before - 1 - 2 then return mm.entity end
      end
      group = author
    end
    group = strip_the(group)  -- as the quote extractor writes groups
    local gstart = s.start + #before - #group
    -- "The FBI director", "Scott's family": the group is the subject, the
    -- entity inside it only modifies it.
    if not m or m.stop < gstart or ROLE_HEAD:test(group) then return group end
  end
  if m and ADJACENT:test(article.text:sub(m.stop + 1, pos - 1)) then return m.entity end
  return nil
end

-- Mentions before byte `pos` of sentence `s` and in the `back` sentences
-- before it, most recent first: where antecedents are looked for. A
-- window, not the whole article, keeps a long article linear.
local function recent_mentions(article, s, pos, back)
  local out = {}
  local cur = {}
  for m in s:mentions() do
    if m.stop < pos then cur[#cur + 1] = m end
  end
  for k = #cur, 1, -1 do out[#out + 1] = cur[k] end
  for i = s.index - 1, math.max(1, s.index - back), -1 do
    local prev = article:sentence(i)
    local list = {}
    for m in prev:mentions() do list[#list + 1] = m end
    for k = #list, 1, -1 do out[#out + 1] = list[k] end
  end
  return out
end

-- The entity a pronoun stands for: the last one of its kind mentioned
-- before `pos` in the few sentences before; "he" a man or someone of
-- unknown sex, "she" a woman or unknown. nil when `pron` is no pronoun
-- or nothing fits.
local function pronoun_entity(article, pron, s, pos)
  local kind = pron and PRON[pron:lower()]
  if not kind then return nil end
  local want = ({ he = "m", she = "f" })[pron:lower()]
  for _, m in ipairs(recent_mentions(article, s, pos, 8)) do
    local e = m.entity
    if (kind == "any" or e.type == kind) and (not want or not e.gender or e.gender == want) then
      return e
    end
  end
  return nil
end

-- The first quote with a speaker whose content holds byte `pos`, or nil.
local function quote_holding(quotes, pos)
  for _, q in ipairs(quotes) do
    if q.start <= pos and pos <= q.stop and q.speaker then return q end
  end
  return nil
end

-- Up to `n` bytes of sentence s just before span m, and around it.
local function text_before(article, s, m, n)
  return article.text:sub(math.max(s.start, m.start - n), m.start - 1)
end
local function text_around(article, s, m, n)
  return article.text:sub(math.max(s.start, m.start - n), math.min(s.stop, m.stop + n))
end

-- A quote's speaker: its entity, or the group as the article writes it
-- ("the prime minister", which resolve_nominal may match to an entity).
local function speaker_of(q)
  local sp = q.speaker
  if type(sp) == "string" and q.speaker_span and #q.speaker_span.text > #sp then
    return strip_the(q.speaker_span.text)
  end
  return sp
end

-- The entity or group behind a cue at byte `pos` in sentence `s`, plus the
-- quote that gave it (if any). `explicit`: the cue is the statement's own
-- verb ("accused", "urged"), whose subject is the actor even inside
-- someone else's quote.
local function actor_at(article, s, pos, quotes, explicit)
  -- 1. The quote extractor attributed this very cue to a speaker.
  for _, q in ipairs(quotes) do
    local c = q.cue_span
    if c and c.start <= pos and pos <= c.stop and q.speaker then return speaker_of(q), q end
  end
  -- 2. The verb's own subject.
  if explicit then
    local who = local_subject(article, s, pos)
    if who then return who, nil end
  end
  -- 3. The speaker of the quote holding the cue.
  local holder = quote_holding(quotes, pos)
  if holder then return speaker_of(holder), holder end
  local text = article.text
  local before = text:sub(s.start, pos - 1)
  -- 4. "CLAUSE, a Home Office minister has said."
  local tail = SAID_AFTER:match(text:sub(pos, s.stop))
  if tail then
    tail = tail:gsub("%s+$", "")
    local tstart = s.start + (text:sub(s.start, s.stop):find(tail, pos - s.start, true) or 1) - 1
    for m in s:mentions() do
      if m.start >= tstart then return m.entity, nil end
    end
    return strip_the(tail), nil
  end
  if not explicit then
    -- "The campaign called the charges baseless": the predicate's
    -- actor is whoever the speech verb before it has as subject.
    local verb
    for v in s:find(SPEECH) do
      if v.start < pos then verb = v else break end
    end
    local who = verb and local_subject(article, s, verb.start)
    if who then return who, nil end
  end
  -- 5. The subject the sentence names before the cue.
  local m = subject_mention(article, s, pos)
  if m then return m.entity, nil end
  -- 6. A pronoun opening the clause with no mention resolved: the last
  --    entity of its kind in the sentences before.
  local pron = PRON_NEAR:match(before) or PRON_OPEN:match(before) or PRON_CLAUSE:match(before)
  return pronoun_entity(article, pron, s, s.start), nil
end

-- "the prime minister", "the party": a role or a kind of body standing
-- for an entity named earlier. The entity whose title fits the role best
-- (people) or whose name ends with the noun (organisations), among those
-- mentioned in the sentences just before, the most recent on a tie; the
-- phrase itself when none fits.
local NOMINAL = news.regex([[^(?:[Tt]he\s+)?((?:[A-Za-z’'-]+\s+){0,3}(?:minister|secretary|president|chancellor|leader|governor|mayor|senator|spokes(?:man|woman)|chairman|chairwoman|director|nominee|candidate|general|MP|MEP|congressman|congresswoman|lawmaker|party|committee|company|group|agency|ministry|department|campaign|council|union|bank|firm|network))$]])
local function resolve_nominal(article, actor, s)
  if type(actor) ~= "string" then return actor end
  local role = NOMINAL:match(actor)
  if not role then return actor end
  role = role:lower():gsub("’s", ""):gsub("'s", "")
  local head = last_word(role)
  local best, best_score, seen = nil, 0, {}
  for _, m in ipairs(recent_mentions(article, s, s.start, 15)) do
    local e = m.entity
    if not seen[e.index] then
      seen[e.index] = true
      local score = 0
      if e.type == "person" then
        local t = e.title:lower()
        if t == role then
          score = 10
        elseif t ~= "" then
          -- "the Republican nominee": a head that matches the title
          -- counts, and so does each modifier found in the title or
          -- affiliation; title words the phrase lacks count against
          -- ("prime minister" is not "deputy prime minister").
          local where = t .. " " .. e.affiliation:lower()
          local head_ok = last_word(t) == head
          local mods = 0
          for w in role:gmatch("%a+") do
            if w ~= head and where:find(w, 1, true) then mods = mods + 1 end
          end
          if head_ok or mods > 0 then
            score = (head_ok and 1 or 0) + 2 * mods
            if head_ok then
              for w in t:gmatch("%a+") do
                if not role:find(w, 1, true) then score = score - 1 end
              end
            end
          end
        end
      elseif e.type == "organization" and last_word(e.name:lower()) == head then
        score = 1
      end
      -- most recent first: a later candidate must score higher
      if score > best_score then best, best_score = e, score end
    end
  end
  return best or actor
end

-- The first entity named after `pos` in the sentence that is not the actor.
local function target_after(s, pos, actor)
  for m in s:mentions() do
    if m.start > pos and m.entity ~= actor then return m.entity end
  end
  return nil
end

-- The party a predicate is said of, named right before it in what is
-- said ("Islamabad has not acted", "the group was responsible", "the U.S.
-- could lose an ally"): the last mention before the cue, joined to it by
-- auxiliaries and adverbs only; else a role phrase ("the group") that
-- resolve_nominal matches to an entity; else nil.
local ROLE_BEFORE = news.regex([[\b((?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir)\s+(?:[\w’'-]+\s+){0,3}?[\w’'-]+)\s+]] .. BRIDGE .. "$")
local function subject_before(article, s, cue)
  local last
  for m in s:mentions() do
    if m.stop >= cue.start then break end
    last = m
  end
  if last and last.entity and ADJACENT:test(article.text:sub(last.stop + 1, cue.start - 1)) then
    return last.entity
  end
  local role = ROLE_BEFORE:match(text_before(article, s, cue, 80))
  local e = role and resolve_nominal(article, role, s)
  return type(e) ~= "string" and e or nil
end

-- The article's quotes by sentence number: each quote under every
-- sentence its content runs over and the sentence of its cue.
local function quotes_by_sentence(article)
  local by = {}
  local function add(i, q)
    local list = by[i]
    if not list then list = {}; by[i] = list end
    if list[#list] ~= q then list[#list + 1] = q end
  end
  for q in article:quotes() do
    for qs in q:sentences() do add(qs.index, q) end
    if q.cue_span then add(q.cue_span:sentence().index, q) end
  end
  return by
end

local NO_QUOTES = {}
-- For one rule on one article: a function giving the quotes over sentence
-- s or whose cue is in it. The index is built the first time it is asked
-- for, once, so a long article stays linear.
local function quote_finder(article)
  local by
  return function(s)
    by = by or quotes_by_sentence(article)
    return by[s.index] or NO_QUOTES
  end
end

-- One regex from a list of alternatives, each a word or phrase pattern:
-- \b(?:a|b|c), and \b after them too when `word_end` is set.
-- An alternative is a pattern or { pattern, along = true } (news.cue_keywords).
local function any_of(alternatives, flags, word_end)
  local patterns = {}
  for i, a in ipairs(alternatives) do patterns[i] = type(a) == "table" and a[1] or a end
  return news.regex([[\b(?:]] .. table.concat(patterns, "|") .. ")" .. (word_end and [[\b]] or ""),
                    flags ~= "" and flags or nil)
end

-- A cue used as a finite or participle verb, not as a noun: "accused",
-- "blames", "has denied", "accusing"; not "the charge", "a demand".
local NOUN_BEFORE = news.regex([[\b(?:the|a|an|this|that|these|those|its|his|her|their|our|any|no|of)\s+$]], "i")
local function verbal(article, s, m)
  return not NOUN_BEFORE:test(text_before(article, s, m, 12))
end

-- Before a participle, a passive: its subject is not the actor ("was
-- accused", "will be asked").
local PASSIVE = news.regex([[\b(?:is|are|was|were|be|been|being|get|got)\s+(?:\w+ly\s+)?$]], "i")

-- A sentence in headline case ("Candidates Reject The Idea Of A Wage
-- Hike"): a title line, whose words give no reliable subject. Title
-- lines are short: a longer sentence is prose, and its words are not
-- walked (a pattern over a 68 KB sentence may pass its budget).
local HEADLINE_MAX = 500
local function headline_case(text)
  if #text > HEADLINE_MAX then return false end
  local words, caps = 0, 0
  for w in text:gmatch("%a+") do
    if #w >= 4 then
      words = words + 1
      if w:find("^%u") then caps = caps + 1 end
    end
  end
  return words >= 4 and caps >= 0.75 * words
end

-- A regex matching any of `words` at the start of a word, caseless.
local function trigger(words)
  local alt = {}
  for i, w in ipairs(words) do alt[i] = (w:gsub("[%^%$%(%)%%%.%[%]%*%+%-%?{}|\\]", "\\%0")) end
  return news.regex([[\b(?:]] .. table.concat(alt, "|") .. ")", "i")
end

-- article:hits{ word_start = true } finds what trigger(keywords) finds
-- over the text but for two things the regex does and the keyword pass
-- does not: it folds the case of letters beyond ASCII ("É" for "é"), and
-- it takes K (KELVIN SIGN) for "k" and ſ (LONG S) for "s". So a rule
-- whose keywords hold a letter beyond ASCII, and an article that holds
-- either sign, get their cue sentences from the regex: the same
-- sentences either way. Per keyword list, made on first use:
local how_of = {} -- keyword list -> how; the lists live as long as their rules
local function how(keywords)
  local h = how_of[keywords]
  if h then return h end
  h = { letters = false, ks = false }
  for _, w in ipairs(keywords) do
    -- punctuation (U+2010-205E, no-break space, guillemets) has no case
    local rest = w:gsub("\xE2\x80[\x90-\xBF]", ""):gsub("\xE2\x81[\x80-\x9E]", ""):gsub("\xC2[\xA0\xAB\xBB]", "")
    if rest:find("[\x80-\xFF]") then h.letters = true end
    if w:find("[kKsS]") then h.ks = true end
  end
  how_of[keywords] = h
  return h
end

-- Whether the text holds K (E2 84 AA) or ſ (C5 BF): looked for once per
-- article, not once per rule (the rules of a scanner share this module),
-- and first by their last bytes alone, which a one-byte search finds
-- fastest and news text seldom holds.
local signs_text, signs
local function has_signs(text)
  if text ~= signs_text then
    signs_text = text
    signs = (text:find("\xAA", 1, true) ~= nil and text:find("\xE2\x84\xAA", 1, true) ~= nil)
      or (text:find("\xBF", 1, true) ~= nil and text:find("\xC5\xBF", 1, true) ~= nil)
  end
  return signs
end

local function regex_needed(article, keywords)
  local h = how(keywords)
  if h.letters then return true end
  return h.ks and has_signs(article.text)
end

-- The sentences where the rule's keywords occur at the start of a word
-- (where `\b` would match before them), in order, each once and
-- headlines left out: a rule looks closely only at sentences its cue
-- words occur in. The scanner found the keywords in its one pass over
-- the article (article:hits): the text is not searched again, but in the
-- rare cases above, with the regex. `keywords` are the rule's own.
local function cue_sentences(article, keywords)
  local matches
  if regex_needed(article, keywords) then
    how_of[keywords].regex = how_of[keywords].regex or trigger(keywords)
    matches = article:find(how_of[keywords].regex)
  else
    matches = article:hits{ word_start = true }
  end
  local out, last = {}, nil
  for m in matches do
    local s = m:sentence()
    if s and s.index ~= last then
      last = s.index
      if not headline_case(s.text) then out[#out + 1] = s end
    end
  end
  return out
end

local ADVERB = { later = true, earlier = true, also = true, still = true, now = true, ["then"] = true,
                again = true, already = true, too = true }
local NOT_SUBJECT = { being = true, been = true, be = true, is = true, was = true, were = true,
                      are = true, has = true, had = true, have = true, saw = true, see = true,
                      sees = true, to = true, of = true, ["for"] = true, with = true }

-- A name or phrase longer than NAME_MAX names nobody (a sentence of
-- capitals, a 70 KB "word"): the alert leaves it out rather than fail.
local function sane(who)
  local text = type(who) == "string" and who or who and who.name
  if text and #text > NAME_MAX then return nil end
  return who
end

-- The acts of the statement extractor each rule's kind covers.
local ACTS = {
  accusation = { accuse = true, criticize = true, disapprove = true, complain = true },
  denial = { deny = true, reject = true },
  demand = { demand = true, appeal = true },
  threat = { threaten = true, warn = true },
}

-- The act an alert of each kind names when no statement says more.
local ACT_OF = { accusation = "accuse", denial = "deny", demand = "demand", threat = "threaten" }

-- The statement of this kind in sentence s: the one whose actor is the
-- alert's, else the first.
local function statement_of(s, kind, actor)
  local acts, first = ACTS[kind], nil
  for st in s:statements() do
    if acts[st.act] then
      local a = st.actor and st.actor.entity
      if actor ~= nil and a ~= nil and a == actor then return st end
      first = first or st
    end
  end
  return first
end

-- Sport: what players, managers and fans say of each other is no public
-- actor's (GUIDELINES: sports people are not public actors). An article
-- is about sport when many distinct words of sport occur in it; there, an
-- alert stands only when a public body or office holder makes it, or, for
-- a demand, when it is made of a governing body.
local SPORT = news.lexicon {
  "match", "matches", "league", "season", "coach", "goal", "goals", "cup", "championship",
  "championships", "tournament", "player", "players", "club", "clubs", "striker", "midfielder",
  "defender", "goalkeeper", "referee", "squad", "semi-final", "quarter-final", "medal", "medals",
  "olympic", "olympics", "athlete", "athletes", "athletics", "rugby", "football", "cricket",
  "tennis", "golf", "premiership", "wicket", "innings", "scrum", "grand slam", "manager",
  "fixture", "fixtures", "scored", "sprinter", "marathon", "skipper", "captain", "stadium",
  "fans", "champion", "champions", "world cup", "six nations", "batsman", "bowler", "wickets",
  "grand prix", "formula one", "lap", "boxer", "knockout", "fly-half", "winger", "full-back",
  "centre-back", "half-time", "kick-off", "hat-trick", "lineout", "relegation",
  "transfer window", "champions league", "fa cup", "premier league", "sprint", "hurdles", "iaaf",
  "wimbledon", "davis cup", "atp", "wta", "seeded", "semi-finals", "quarter-finals", "matchday",
  "footballer", "cricketer", "golfer", "jockey", "racecourse", "try-scoring", "tries", "points",
  "injury",
}
local SPORT_WORDS = 4
local sport_id, sport_is
local function sport_article(article)
  if sport_id == article.id then return sport_is end
  local seen, distinct, n = {}, 0, 0
  for m in article:find(SPORT) do
    local w = m.text:lower()
    if not seen[w] then seen[w] = true; distinct = distinct + 1 end
    n = n + 1
    if distinct >= SPORT_WORDS or n > 200 then break end
  end
  sport_id, sport_is = article.id, distinct >= SPORT_WORDS
  return sport_is
end
-- (A club named for its town reads as a place, and so as a government:
-- in sport, "government" is left to officials.)
local PUBLIC_BODY = { ministry = true, legislature = true, court = true, police = true,
                      intergovernmental = true, military = true }
local GOVERNING = { intergovernmental = true, organization = true, ministry = true,
                    court = true, legislature = true }
local WISH = news.regex([[^(?:should|must|ought|needs?|hop)]], "i")
local function public_in_sport(kind, st)
  if not st then return false end
  local a, t = st.actor, st.target
  if a and (PUBLIC_BODY[a.kind] or a.official) then return true end
  -- A call made of a governing body with a verb of calling ("urged the
  -- FA to"), not a wish of what a club should do.
  return kind == "demand" and t ~= nil and GOVERNING[t.kind] == true and
         not WISH:test(st.cue.text)
end

-- A party as the alert names it: its canonical name, and the words the
-- text used when they are others ("Congress" for the entity "Capitol Hill").
local function party_name(p)
  local name, text = p.name, p.text
  if not text or text == name then return name end
  for w in text:gmatch("%w+") do
    if #w > 2 and name:find(w, 1, true) then return name end
  end
  return name .. " (" .. text .. ")"
end

-- The alert: "Pakistan: denies", the sentence as evidence.
-- A `firm` target (the subject a predicate is said of) is kept; another
-- gives way to the statement's.
local alerted_id, alerted = nil, {}
local function alert(article, s, kind, cue, actor, target, firm)
  local st = statement_of(s, kind, type(actor) ~= "string" and actor or nil)
  if sport_article(article) and not public_in_sport(kind, st) then return end
  if alerted_id ~= article.id then alerted_id, alerted = article.id, {} end
  alerted[kind .. ":" .. s.index] = true
  if not firm and st and st.target and st.target.name then target = party_name(st.target) end
  actor, target = sane(actor), sane(target)
  if type(actor) == "string" then
    -- Phrases cut from text: "'s spokesman", "he later", "being".
    actor = actor:gsub("^[’']s%s+", ""):gsub("%s+(%a+)$", function(w)
      if ADVERB[w] or (w:find("^%l+ly$") and #w > 6) then return "" end
    end)
    local first = actor:match("^(%a+)")
    if first and PRON[first:lower()] and not actor:find("%s") then
      actor = pronoun_entity(article, first, s, s.start)
    elseif first and NOT_SUBJECT[first:lower()] then
      actor = nil
    end
  end
  actor = sane(resolve_nominal(article, actor, s))
  local who = type(actor) == "string" and actor or actor and actor.name or "(unnamed)"
  local by = st and st.actor
  article:alert {
    message  = who .. ": " .. cue,
    evidence = s,
    actor    = actor,
    target   = target,
    fields   = { act = st and st.act or ACT_OF[kind], cameo = st and st.cameo or "",
                 negated = st ~= nil and st.negated, actor_kind = by and by.kind or "",
                 country = by and by.country or "" },
  }
end

-- Statements the cue patterns above missed: after its own cues, each rule
-- takes the article's statements of its acts (docs/rules.md#statements) in
-- the sentences it has not alerted on, said outright by a named actor
-- (public, for charges and denials), with an addressee for demands.
local FALLBACK = {
  accusation = { acts = { "accuse" }, public = true },
  denial = { acts = { "deny" }, public = true },
  demand = { acts = { "demand", "appeal" }, addressee = true },
  threat = { acts = { "threaten" } },
}
-- What a denial may deny and still be no denial: it withholds or refuses.
local WITHHELD = news.lexicon {
  "visa", "visas", "bail", "access", "entry", "permission", "request", "requests", "application",
  "right", "rights", "comment", "service", "funding", "membership", "place", "chance", "offer",
  "offers", "proposal", "proposals", "bid", "try", "appeal", "motion", "claim for",
}
local INSIST = news.regex([[^insist]], "i")
-- "the tariffs they charge", "charge d'affaires": a price or a title.
local PRICE = news.regex([[^charges?$]], "i")
-- Threats said with a verb of threatening, not orders or plans.
local THREATENING = news.regex([[^(?:threat|vow|warn|ultimat)]], "i")
local function fallback_ok(kind, st)
  local f, a, t = FALLBACK[kind], st.actor, st.target
  if st.negated or st.modality == "question" or st.modality == "hedged" then return false end
  if not a or not a.name or headline_case(st.sentence.text) then return false end
  if kind ~= "threat" and st.modality ~= "asserted" then return false end
  if f.public and not public_speaker(a.entity or a.name, st.quote) then return false end
  if f.addressee and (not t or not t.name or t.name == a.name or INSIST:test(st.cue.text)) then
    return false
  end
  -- A charge is made against someone, not a trend ("blamed modern lifestyles").
  if kind == "accusation" and (not t or not t.name or PRICE:test(st.cue.text)) then
    return false
  end
  if kind == "threat" and not THREATENING:test(st.cue.text) then return false end
  return not (kind == "denial" and st.denied and st.denied:has(WITHHELD))
end
local function statement_alerts(article, kind)
  for st in article:statements(FALLBACK[kind].acts) do
    local s = st.sentence
    if not (alerted_id == article.id and alerted[kind .. ":" .. s.index]) and
       fallback_ok(kind, st) then
      local a = st.actor
      alert(article, s, kind, st.cue.text, a.entity or a.name,
            st.target and st.target.name and party_name(st.target))
    end
  end
end

return {
  V = V,
  COMMENTATOR_WORDS = COMMENTATOR_WORDS,
  NOUN_BEFORE = NOUN_BEFORE,
  PASSIVE = PASSIVE,
  OBJECT_RELATIVE = OBJECT_RELATIVE,
  WHICH_BEFORE = WHICH_BEFORE,
  SAID_AFTER = SAID_AFTER,
  actor_at = actor_at,
  alert = alert,
  any_of = any_of,
  cue_sentences = cue_sentences,
  public_speaker = public_speaker,
  quote_finder = quote_finder,
  quote_holding = quote_holding,
  spoken_before = spoken_before,
  statement_alerts = statement_alerts,
  strip_the = strip_the,
  subject_before = subject_before,
  target_after = target_after,
  text_before = text_before,
  text_around = text_around,
  trigger = trigger,
  verbal = verbal,
}
