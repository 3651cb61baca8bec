-- accusation.lua - a public actor blames another for wrongdoing.
--
-- Flags sentences where an accusation verb ("accuse", "blame", "allege",
-- "hold responsible") appears, and names as actor the run of capitalised
-- words just before the verb ("Carney said ..." -> Carney).

local ACCUSE = news.lexicon {
  "accuse", "blame", "allege", "hold responsible", "held responsible",
  "was responsible for", "were responsible for", "is responsible for",
  "are responsible for", "charge",
}
-- Who speaks: the last capitalised name before the verb, possibly with
-- "of"/"for" inside ("Ministry of Defence"), followed by a few small words.
local NAME = news.regex(
  [[((?:[A-Z][\w.'’-]*)(?:\s+(?:of\s+|for\s+|the\s+)?[A-Z][\w.'’-]*)*)[^A-Z.!?]{0,40}$]])
local OPINION = news.lexicon { "analyst", "expert", "commentator", "columnist", "scholar" }

local function actor_before(sentence, m)
  local prefix = sentence.text:sub(1, m.start - sentence.start)
  return NAME:match(prefix)
end

rule {
  id       = "accusation",
  title    = "An actor accuses another of wrongdoing",
  severity = "medium",
  tags     = { "accusation" },
  keywords = { "accus", "blam", "alleg", "responsible", "charg" },
  examples = {
    { text = "The interior ministry accused Ruritania of arming the rebels.", expect = 1 },
    { text = "Senator Maria Lopes blamed the agency for the delays.", expect = 1,
      actor = "Senator Maria Lopes" },
    { text = "The festival opened on Friday with a parade.", expect = 0 },
    { text = "An analyst blamed the weather for the poor harvest.", expect = 0 },
  },
  match = function(article)
    for s in article:sentences() do
      local hit, m = s:has(ACCUSE)
      if hit and not s:has(OPINION) then
        article:alert {
          message  = "accusation: " .. m.text,
          evidence = s,
          actor    = actor_before(s, m),
        }
      end
    end
  end,
}
