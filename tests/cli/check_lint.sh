#!/usr/bin/env bash
# check lints files that load: warnings by default, errors with --strict,
# silenced by a comment; keywords derived with news.keywords lint clean.
source "$(dirname "$0")/lib.bash"

L="$SRC/tests/fixtures/lint"
cp "$L"/*.lua .

# An analyst's first rule reads a global that does not exist: check says
# where, and still exits 0 (a warning).
run check globals.lua
expect_rc 0 "warnings only"
expect_grep "^warning: globals.lua:11: undefined global 'DENY': this file never sets it and rules have no such global: reading it gives nil \[undefined-global\]$" out
expect_grep "^warning: globals.lua:12: undefined global 'mesage'" out
expect_grep "^warning: globals.lua:16: 'os' is not available to rules \(sandbox\)" out
expect_grep '^1 files, 1 rules: 0 errors, 3 warnings$' out

# --strict: the same findings are errors, and the exit status says so.
run check --strict globals.lua
expect_rc 1 "--strict"
expect_grep "^error: globals.lua:11: undefined global 'DENY'" out
expect_no_grep '^warning:' out
expect_grep '^1 files, 1 rules: 3 errors, 0 warnings$' out

# -q: errors only.
run check -q methods.lua
expect_rc 0 "-q"
expect_lines out 1
run check -q --strict methods.lua
expect_rc 1 "-q --strict"
expect_grep "^error: methods.lua:14: no method 'hass' on any object a rule sees .*did you mean 'has'\? \[unknown-method\]$" out

# Each kind, once per file.
run check methods.lua patterns.lua cues.lua ignore.lua
expect_rc 0 "all kinds"
expect_grep '\[unknown-method\]$' out 4
expect_grep '^warning: patterns.lua:8: pattern "\(\.-\), \(\.-\), \(\.-\)\$" can take more than 1e\+08 steps on a 10 KB paragraph: string.match refuses it there \(error-regex\)' out
expect_grep '\[costly-pattern\]$' out 2
expect_grep "^warning: cues.lua:7: rule 'cues' never runs on an article whose only cue is 'decry' or 'decried' or 'decries' or 'decrying' \(forms of 'decry' in CONDEMN\): no keyword occurs in them \[uncovered-cue\]$" out
expect_grep "^warning: cues.lua:7: rule 'cues': keyword 'acuse' occurs in none of the cues" out
# ignore.lua silences all but one finding, of another kind than its comment names.
expect_grep '^warning: ignore.lua:' out 1
expect_grep "^warning: ignore.lua:12: undefined global 'Third'" out

# news.keywords: derived keywords cover every cue; the file is clean and
# its examples pass ("ruling out" only).
run check --strict keywords.lua
expect_rc 0 "derived keywords"
expect_grep '^1 files, 1 rules: 0 errors, 0 warnings$' out
run test keywords.lua
expect_rc 0 "test keywords.lua"
expect_grep '^3 passed, 0 failed$' out

# The help names --strict and every kind.
run check --help
expect_rc 0 "--help"
for k in strict undefined-global unknown-method costly-pattern uncovered-cue unused-keyword 'check: ignore'; do
	expect_grep "$k" out
done

done_ok
