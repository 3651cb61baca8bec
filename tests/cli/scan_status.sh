#!/usr/bin/env bash
# scan's exit status and rule-error reporting: a rule that fails on every
# article is reported once per kind of error (the rest counted), the other
# rules still alert, and the status says a rule failed; --alert-status
# turns "alerts found" into status 4.
source "$(dirname "$0")/lib.bash"

cat >good.lua <<'LUA'
rule {
  id = "strike", title = "Strike", severity = "low", keywords = { "strike" },
  match = function(a)
    for s in a:sentences() do
      if s:find("strike") then a:alert{ message = "strike", evidence = s } end
    end
  end,
}
LUA
cat >broken.lua <<'LUA'
rule {
  id = "broken", title = "Broken", severity = "low", keywords = { "strike" },
  match = function(a) return nil + 1 end,
}
LUA
mkdir in
for i in 1 2 3; do
	printf 'Dockers Strike Again\n\nDockers began a strike on day %d of the dispute.\n' "$i" >"in/$i.txt"
done
printf 'Quiet Day\n\nNothing happened at the port today.\n' >quiet.txt

run scan -r good.lua -r broken.lua in
expect_rc 3 "a rule failed"
expect_lines out 3
expect_grep "^newsrules: rule 'broken' \(.*broken\.lua:[0-9]+\) on in/1\.txt: error-runtime: " err 1
expect_grep "^newsrules: rule 'broken': 2 more error-runtime errors not shown" err 1

run scan -r good.lua in
expect_rc 0 "alerts alone are not a failure"
expect_lines out 3

run scan --alert-status -r good.lua in
expect_rc 4 "--alert-status with alerts"

run scan --alert-status -r good.lua quiet.txt
expect_rc 0 "--alert-status without alerts"

run scan --alert-status -r good.lua in missing.txt
expect_rc 1 "an input error outranks alerts"

echo "scan_status: $CHECKS checks passed"
