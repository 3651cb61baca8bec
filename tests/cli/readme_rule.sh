#!/usr/bin/env bash
# The rule shown in README.md loads cleanly and passes its own examples, so
# the first rule a new user copies works.
source "$(dirname "$0")/lib.bash"

# The first ```lua block of the README.
awk '/^```lua$/ { on = 1; next } on && /^```$/ { exit } on' "$SRC/README.md" >readme.lua
[ -s readme.lua ] || fail "no lua block in README.md"
pass

run check readme.lua
expect_rc 0 "check"
expect_grep '^1 files, 1 rules: 0 errors, 0 warnings$' out

run test readme.lua
expect_rc 0 "test"
expect_grep '^2 passed, 0 failed$' out

echo "readme_rule: $CHECKS checks passed"
