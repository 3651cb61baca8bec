-- statements.lua - the shipped pack: accusations, denials, demands and
-- threats made by an actor the article names.
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
local function any_of(alternatives, flags, word_end)
  return news.regex([[\b(?:]] .. table.concat(alternatives, "|") .. ")" .. (word_end and [[\b]] or ""),
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

-- The sentences holding a match of `trigger`, in order, each once and
-- headlines left out: a rule looks closely only at sentences its cue
-- words occur in.
local function cue_sentences(article, trigger)
  local out, last = {}, nil
  for m in article:find(trigger) do
    local s = m:sentence()
    if s and s.index ~= last then
      last = s.index
      if not headline_case(s.text) then out[#out + 1] = s end
    end
  end
  return out
end

-- A trigger from a rule's keywords: any of them at the start of a word.
local function trigger(words)
  local alt = {}
  for i, w in ipairs(words) do alt[i] = (w:gsub("[%^%$%(%)%%%.%[%]%*%+%-%?{}|\\]", "\\%0")) end
  return news.regex([[\b(?:]] .. table.concat(alt, "|") .. ")", "i")
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

------------------------------------------------------------------------
-- accusation

do
  -- Predicates that charge someone with wrongdoing, in what a speaker says.
  local CHARGE = any_of({
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
    [=[(?:an )?arm[”"’']?\s+of]=],
    [=[(?:operat\w+|based|hid\w*|shelter\w*) (?:from |in )?(?:safe )?(?:havens?|sanctuar(?:y|ies))]=],
    [=[safe havens? (?:in|for|to)]=],
    [=[support(?:s|ed|ing)? (?:terroris|militan|insurgen)\w*]=],
    [=[shelter\w* (?:terror|militan|insurgen)\w*]=],
    [=[has not acted against]=],
    [=[failed to act against]=],
  }, "i")
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
  local EXPLICIT = any_of({
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
  }, "i", true)

  -- Every word a cue below starts with: sentences without one are skipped.
  local KEYWORDS = {
    "slander", "libel", "fearmonger", "scaremonger", "undermin", "blame",
    "misrepresent", "deception",
    -- verbs (CAMEO 112 and 111)
    "accus", "blam", "alleg", "charged", "charging", "branded", "implicat", "censur", "faulted",
    "condemn", "denounc", "decr", "chastis", "castigat", "scapegoat", "demonis", "demoniz",
    "attacked", "blasted", "slammed", "criticised", "criticized", "criticises", "criticizes",
    "lambast", "rapped", "rebuked", "savaged", "pilloried", "hammered", "grilled", "excoriat",
    "berated", "chided", "scolded", "assailed", "skewered", "tore into", "ripped into",
    "hit out", "hitting", "complaint", "lawsuit", "suit against",
    -- charges inside speech
    "responsible", "to blame", "guilty", "complicit", "culpab", "lie", "lying", "liar",
    "criminal", "fraud", "illegal", "unlawful", "corrupt", "cover-up", "cover up", "covered up",
    "rigg", "double standard", "standards", "hypocri", "betray", "meddl", "interfer", "hacked",
    "hacking", "violat", "breach", "abused", "abusing", "abuse of", "abuses of", "rights abuses",
    "misle", "deceiv", "deceptive", "smear", "distort", "discriminat", "bias", "racist",
    "defraud", "squeez", "stole", "fabricat", "outlaw", "provocati", "reckless", "scandal",
    "conflict of interest", "conflicts of interest", "had a conflict", "disregard",
    "condemnation", "political hay", "play politics", "playing politics", "played politics",
    "politicis", "politiciz", "stop at nothing", "caused by", "started", "instigat",
    "orchestrat", "provok", "stok", "fuelled", "fueled", "fuelling", "fueling",
    "is behind", "are behind", "was behind", "were behind", "arm of", "arm”", "arm\"",
    "haven", "sanctuar", "support terror", "supports terror", "supported terror",
    "supporting terror", "support militan", "supports militan", "shelter", "acted against",
    "a fraud", "a liar", "a crook", "a cheat",
  }
  local TRIGGER = trigger(KEYWORDS)

  rule {
    id       = "accusation",
    title    = "An actor accuses another of wrongdoing",
    severity = "medium",
    tags     = { "accusation" },
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
      for _, s in ipairs(cue_sentences(article, TRIGGER)) do
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
end

------------------------------------------------------------------------
-- denial

do
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
  local REBUT = any_of({
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
    [=[(?:I am|I'm|I’m|I was|he was|she was|he is|she is|he's|she's|he’s|she’s|we are|we're|we’re|we were|it was|it is|it's|it’s)\s+not\s+(?:at all\s+|being\s+)?[“"‘']\w+]=],
    [=[(?:I am|I'm|I’m|I was|he was|she was|he is|she is|he's|she's|he’s|she’s|we are|we're|we’re|we were)\s+not\s+at\s+all]=],
    [=[(?:the\s+)?(?:claims|allegations|accusations|charges|suggestions|reports)\s+(?:were|are|had been|have been)\s+(?!true|correct|accurate|right|being|under|made|published|reported|based)[“"‘']?\w+]=],
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
  }, "i", true)
  -- The verbs of CAMEO 016 and of rejecting a charge; "disagree",
  -- "object" and "protest" rarely reject an accusation.
  local DENY = news.lexicon { "deny", "reject", "dismiss", "refute", "rebut", "rebuff", "dispute",
                              "rule out", "brush aside", "shrug off", "contradict", "repudiate" }
  local NOT_DENIAL = news.regex([[(?:\bnot|n't|n’t|\bnever|\brefused to|\bdeclined to)\s+(?:\w+\s+)?(?:rule[ds]? out|ruling out|deny|denied|dismiss\w*|reject\w*)|\bruled out (?:of|for|with)\b]], "i")

  -- Every word a cue below starts with: sentences without one are skipped.
  local KEYWORDS = {
    "deni", "deny", "reject", "dismiss", "refut", "rebut", "rebuff", "disput", "repudiat",
    "rule out", "ruled out", "rules out", "ruling out", "brush", "shrug", "contradict", "not guilty",
    "untrue", "not true", "false", "baseless", "unfounded", "groundless", "without foundation",
    "nonsense", "rubbish", "fabricat", "fiction", "smear", "hoax", "fake", "load of",
    "unsubstantiated", "out of context", "distort", "inaccurate", "misleading", "intentional",
    "no illegal", "no improper", "no unlawful", "no truth", "no basis", "no evidence",
    "nothing wrong", "no wrongdoing", "never said", "never knew", "never took",
    "never met", "not what", "not police", "not our policy", "not government policy",
    "not “", "not \"", "not ‘", "not '", "not at all", "not being",
    "claims were", "claims are", "allegations were", "allegations are", "accusations were",
    "accusations are", "charges were", "charges are", "reports were", "reports are",
    "suggestions were",
  }
  local TRIGGER = trigger(KEYWORDS)

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
      for _, s in ipairs(cue_sentences(article, TRIGGER)) do
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
end

------------------------------------------------------------------------
-- demand

do
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
  local DEMAND_WORDS = any_of({
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
  }, "i", true)
  local NOT_DEMAND = news.regex(
    [[\b(?:should\b(?:\s+\w+){0,3}\s+have\s+\w+|should know|should be noted|whether|(?:what|which|how|when|where)\s+(?:\w+\s+){0,3}should|asked (?:whether|if|why|how|what|about)|request(?:s|ed)? for comment|calls? for comment|demand for|to appeal to|appeal(?:s|ed|ing)? to (?:\w+\s+)?(?:voters|women|men|readers|viewers|audiences|fans|consumers|customers|buyers|the young|young people)|demands? (?:of|from) the|called it|call(?:s|ed)? him|call(?:s|ed)? her|phone call)\b]], "i")

  -- Every word a cue below starts with: sentences without one are skipped.
  local KEYWORDS = {
    "call on", "calls on", "called on", "calling on", "call for", "calls for", "called for",
    "calling for", "call upon", "calls upon", "called upon", "calling upon", "called ",
    "urg", "demand", "appeal", "plead", "implor", "beg", "insist", "exhort", "entreat",
    "press for", "presses for", "pressed", "pressing", "asked", "asks", "asking", "ask ",
    "told", "tell", "ordered", "orders", "ordering", "order ", "challeng", "instruct", "shout",
    "expect", "count on", "counts on", "counted on", "warn", "should", "must", "needs to",
    "ought", "critical", "essential", "imperative", "vital", "crucial", "time for",
    "time that", "don't", "don’t", "do not",
  }
  local TRIGGER = trigger(KEYWORDS)

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
      for _, s in ipairs(cue_sentences(article, TRIGGER)) do
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
end

------------------------------------------------------------------------
-- threat

do
  local THREAT_WORDS = any_of({
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
  }, "i", true)
  local NOT_THREAT = news.regex(
    [[\b(?:whether|if they will|feel threatened|felt threatened|(?:chance|abilit\w+|capacit\w+|capab\w+|power)\s+(?:of|to)\s+threaten\w*|declined to threaten|did not threaten|didn't threaten|threat to|a (?:grave |serious |growing |real |clear )?threat|threats? (?:of|from|against)|capab\w+ (?:of|to) threaten\w*|imposed (?:\w+ )?sanctions|had imposed|were imposed|was imposed|warned against|no consequences|didn't suggest|did not suggest|unintended consequences|economic consequences|consequences of (?:the|a|this|their|his|her|its)|would be a deterrent)\b]], "i")

  -- Every word a cue below starts with: sentences without one are skipped.
  local KEYWORDS = {
    "threaten", "vow", "warn", "face", "pay a", "pay the", "lose", "punish", "sued", "sue ",
    "held responsible", "held accountable", "held liable", "retaliat", "cut off", "expel",
    "scrap", "close", "take action", "take legal action", "take measures", "consequences",
    "sanctions", "measures", "veto", "rule out", "punish", "robust steps", "further steps",
    "break up", "breaking up", "promis", "pledg", "impose",
  }
  local TRIGGER = trigger(KEYWORDS)
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
      for _, s in ipairs(cue_sentences(article, TRIGGER)) do
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
end
