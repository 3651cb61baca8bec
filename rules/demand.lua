-- demand.lua - an actor calls on another to act.

local DEMAND = news.regex(
  [[\b(?:call(?:s|ed|ing)? on|urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|press(?:es|ed|ing)?)\b\s+(?:that\s+)?(?:the\s+)?([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)]])
local CRITICAL = news.regex([[\bit is (?:critical|essential|imperative|vital) that\b]], "i")
local NAME = news.regex(
  [[((?:[A-Z][\w.'’-]*)(?:\s+(?:of\s+|for\s+|the\s+)?[A-Z][\w.'’-]*)*)[^A-Z.!?]{0,40}$]])

rule {
  id       = "demand",
  title    = "An actor calls on another to act",
  severity = "low",
  tags     = { "demand" },
  keywords = { "call", "urg", "demand", "press", "critical", "essential", "imperative",
               "vital" },
  examples = {
    { text = "The foreign ministry called on Borduria to withdraw its troops.", expect = 1 },
    { text = "Mayor Ana Ortiz urged Parliament to pass the budget.", expect = 1,
      actor = "Mayor Ana Ortiz" },
    { text = "The minister said it is critical that the border stay open.", expect = 1 },
    { text = "She called her sister on Sunday.", expect = 0 },
  },
  match = function(article)
    for s in article:sentences() do
      local m
      for x in s:find(DEMAND) do m = x break end
      if not m then
        for x in s:find(CRITICAL) do m = x break end
      end
      if m then
        local target = DEMAND:match(m.text)
        article:alert {
          message  = "demand: " .. m.text,
          evidence = s,
          actor    = NAME:match(s.text:sub(1, m.start - s.start)),
          target   = target or nil,
        }
      end
    end
  end,
}
