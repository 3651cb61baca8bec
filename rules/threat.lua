-- threat.lua - an actor warns of consequences or threatens action.

local THREAT = news.lexicon {
  "threaten", "warn of", "warned that", "warns that", "could lose", "would lose",
  "will retaliate", "vowed to retaliate", "face consequences", "impose sanctions",
}
local NAME = news.regex(
  [[((?:[A-Z][\w.'’-]*)(?:\s+(?:of\s+|for\s+|the\s+)?[A-Z][\w.'’-]*)*)[^A-Z.!?]{0,40}$]])

rule {
  id       = "threat",
  title    = "An actor warns of consequences or threatens action",
  severity = "high",
  tags     = { "threat" },
  keywords = { "threat", "warn", "lose", "retaliat", "consequences", "sanctions" },
  examples = {
    { text = "The defence minister threatened sanctions against the neighbouring state.",
      expect = 1 },
    { text = "President Olga Varn warned of retaliation if the strikes continued.",
      expect = 1, actor = "President Olga Varn" },
    { text = "Forecasters expect rain over the weekend.", expect = 0 },
  },
  match = function(article)
    for s in article:sentences() do
      local hit, m = s:has(THREAT)
      if hit then
        article:alert {
          message  = "threat: " .. m.text,
          evidence = s,
          actor    = NAME:match(s.text:sub(1, m.start - s.start)),
        }
      end
    end
  end,
}
