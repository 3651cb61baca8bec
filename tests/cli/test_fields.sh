#!/usr/bin/env bash
# `newsrules test` checks what examples state about the alert (actor,
# target, message, fields), prints expected against got for the closest
# alert and every alert on a failure, and lists every alert with -v;
# `check` reports an example's unknown field with file:line (issue 13).
source "$(dirname "$0")/lib.bash"

cat >deny.lua <<'LUA'
rule {
  id = "denies", title = "Somebody denies", severity = "medium",
  keywords = { "denied" },
  examples = {
    { text = "Pakistan denied the report from India.", expect = 1,
      actor = "pakistan", target = "India", message = "denies",
      fields = { verb = "denied", negated = false, score = 1 } },
    { text = "The talks ended.", expect = 0 },
  },
  match = function(article)
    for s in article:sentences() do
      local hit = s:find("denied")()
      if hit then
        article:alert { message = "Pakistan denies", evidence = s, actor = "Pakistan",
                        target = "India",
                        fields = { verb = hit.text, negated = false, score = 1.0 } }
      end
    end
  end,
}
LUA

# Every field as stated: the example passes.
run test deny.lua
expect_rc 0 "test with every field right"
expect_grep '^2 passed, 0 failed$' out

# -v lists each alert: message, actor, target, fields, evidence.
run test -v deny.lua
expect_rc 0 "test -v"
expect_grep '^ok   denies example 1$' out
expect_grep '^     alert 1: \[medium\] "Pakistan denies"$' out
expect_grep '^       actor: "Pakistan"   target: "India"$' out
expect_grep '^       fields: \{"negated":false,"score":1.0,"verb":"denied"\}$' out
expect_grep '^       evidence: "Pakistan denied the report from India."$' out
expect_grep '^ok   denies example 2$' out

# A wrong expected target: the example fails and shows what it got.
sed 's/target = "India", message/target = "China", message/' deny.lua >wrong.lua
run test wrong.lua
expect_rc 1 "test with a wrong target"
expect_grep '^FAIL denies example 1 \(wrong.lua:5\): no alert meets every expectation$' out
expect_grep '^     closest: alert 1 of 1, meeting 5 of 6 expectations$' out
expect_grep '^       target: expected "China", got "India"$' out
expect_grep '^       actor: "pakistan" \(ok\)$' out
expect_grep '^       fields.negated: false \(ok\)$' out
expect_grep '^     alert 1: \[medium\] "Pakistan denies"$' out
expect_grep '^       actor: "Pakistan"   target: "India"$' out
expect_grep '^1 passed, 1 failed$' out

# Wrong message and field, and target = false (an alert without one).
sed -e 's/message = "denies"/message = "rejects"/' -e 's/score = 1 }/score = 2 }/' \
	-e 's/target = "India", message/target = false, message/' deny.lua >more.lua
run test more.lua
expect_rc 1 "test with several wrong fields"
expect_grep '^       message: expected to contain "rejects", got "Pakistan denies"$' out
expect_grep '^       fields.score: expected 2, got 1.0$' out
expect_grep '^       target: expected none, got "India"$' out

# A wrong count lists the alerts it got, and with no alert at all each
# expectation says so.
sed 's/expect = 1,/expect = 2,/' deny.lua >count.lua
run test count.lua
expect_rc 1 "test with a wrong count"
expect_grep '^FAIL denies example 1 \(count.lua:5\): expected 2 alerts, got 1$' out
expect_grep '^     alert 1: \[medium\] "Pakistan denies"$' out
sed 's/Pakistan denied the report from India./Pakistan rejected the report./' deny.lua >none.lua
run test none.lua
expect_rc 1 "test with no alert"
expect_grep '^FAIL denies example 1 \(none.lua:5\): expected 1 alert, got 0 \(skipped: no keyword in the text\)$' out
expect_grep '^       target: expected "India", got no alert$' out

# check: an unknown field of an example, and a field of the wrong type,
# each an error with the example's file:line.
sed -e 's/target = "India", message/targte = "India", message/' \
	-e 's/score = 1 }/score = {} }/' deny.lua >typo.lua
run check typo.lua
expect_rc 1 "check with an unknown example field"
expect_grep "^error: typo.lua:5: rule 'denies': examples\[1\]: unknown field 'targte' \(text, expect, actor, target, message, fields\)$" out
expect_grep "^error: typo.lua:5: rule 'denies': examples\[1\]: fields.score is a table \(strings, numbers and booleans only\)$" out
run test typo.lua
expect_rc 1 "test of a rejected file"

done_ok
