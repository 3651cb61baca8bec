-- denial.lua - an actor rejects an accusation, a report or responsibility.
--
-- A denial verb alone is not enough ("denied a visa", "rejected the
-- proposal"): the sentence must also name what is denied.

local DENY = news.lexicon { "deny", "reject", "dismiss", "refute", "rule out" }
local OBJECT = news.lexicon {
  "accusation", "allegation", "charge", "claim", "report", "responsibility",
  "involvement", "wrongdoing", "involved", "responsible",
}
local NOT_GUILTY = news.regex([[\bpleaded not guilty\b]], "i")
local NAME = news.regex(
  [[((?:[A-Z][\w.'’-]*)(?:\s+(?:of\s+|for\s+|the\s+)?[A-Z][\w.'’-]*)*)[^A-Z.!?]{0,40}$]])

rule {
  id       = "denial",
  title    = "An actor denies an accusation or responsibility",
  severity = "medium",
  tags     = { "denial" },
  keywords = { "deni", "deny", "reject", "dismiss", "refut", "ruled out", "rules out",
               "not guilty" },
  examples = {
    { text = "The ministry denied the allegations on Tuesday.", expect = 1 },
    { text = "Governor Alan Pike rejected claims that he had misused funds.", expect = 1,
      actor = "Governor Alan Pike" },
    { text = "The embassy denied him a visa.", expect = 0 },
    { text = "The council rejected the proposal for a new bridge.", expect = 0 },
    { text = "The former mayor pleaded not guilty to bribery charges.", expect = 1 },
  },
  match = function(article)
    for s in article:sentences() do
      local hit, m = s:has(DENY)
      if not hit then
        hit, m = s:has(NOT_GUILTY)
      elseif not s:has(OBJECT) then
        hit = false
      end
      if hit then
        article:alert {
          message  = "denial: " .. m.text,
          evidence = s,
          actor    = NAME:match(s.text:sub(1, m.start - s.start)),
        }
      end
    end
  end,
}
