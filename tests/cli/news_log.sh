#!/usr/bin/env bash
# news.log(...) and print(...): lines on stderr naming the rule and the
# article, made terminal-safe, rate-limited with one note, sent to a file
# with --log FILE, counted by scan --stats; in test, named by example; in
# check, the files' top-level lines (issue 13).
source "$(dirname "$0")/lib.bash"

cat >logs.lua <<'LUA'
local WORDS = { "deny", "reject" }
print("loaded", #WORDS, "words")

rule {
  id = "chatty", title = "Logs a lot", severity = "info",
  examples = { { text = "One sentence. Two sentences.", expect = 0 } },
  match = function(article)
    local n = 0
    for s in article:sentences() do
      n = n + 1
      news.log("sentence", n, s)
    end
    print("title\27[31m", article.title)
    for i = 1, 150 do print("loop", i) end
  end,
}
LUA
printf 'Talks resume\n\nThe talks resumed on Monday. Both sides spoke.\n' >a.txt

run scan -r logs.lua a.txt
expect_rc 0 "scan with logging rules"
expect_lines out 0
expect_grep '^newsrules: log: logs.lua:2: loaded	2	words$' err 1
expect_grep '^newsrules: log: \[chatty\] a.txt: sentence	1	newsrules.Span\(sentence 1-28: "The talks resumed on Monday."\)$' err
expect_grep '^newsrules: log: \[chatty\] a.txt: sentence	2	' err
# An ESC from the article or the rule is escaped, never sent to the terminal.
expect_grep '^newsrules: log: \[chatty\] a.txt: title\\x1b\[31m	Talks resume$' err
expect_no_grep $'\x1b' err
# 100 lines per rule per article, then one note for the rest.
expect_grep '^newsrules: log: \[chatty\] a.txt: ' err 101
expect_grep '^newsrules: log: \[chatty\] a.txt: loop	97$' err
expect_no_grep '	98$' err
expect_grep '^newsrules: log: \[chatty\] a.txt: 53 log lines suppressed \(at most 100 lines per rule per article, 1000 per article\)$' err

# --stats counts them.
run scan -r logs.lua --stats a.txt
expect_grep '^  chatty  .* no-match=1 log=100 log-suppressed=53$' err
expect_grep '^  log lines \(news.log, print\): 100 written, 53 suppressed$' err

# --log FILE: the lines go there, not to stderr.
run scan -r logs.lua --log log.txt a.txt
expect_rc 0 "scan --log"
expect_no_grep 'log:' err
expect_grep '^newsrules: log: \[chatty\] a.txt: sentence	1	' log.txt
expect_grep '^newsrules: log: logs.lua:2: loaded' log.txt
expect_lines log.txt 102
run scan -r logs.lua --log /nonexistent/dir/log.txt a.txt
expect_rc 2 "scan --log to a file that cannot be made"
expect_grep "^newsrules: --log: cannot open '/nonexistent/dir/log.txt'" err

# test: lines name the example; --log there too.
run test logs.lua
expect_rc 0 "test with logging rules"
expect_grep '^newsrules: log: \[chatty\] example 1: sentence	2	' err
run test --log tlog.txt logs.lua
expect_no_grep 'log:' err
expect_grep '^newsrules: log: \[chatty\] example 1: loop	1$' tlog.txt

# check: the files' top-level lines, on stderr or in the --log file.
run check logs.lua
expect_rc 0 "check"
expect_grep '^newsrules: log: logs.lua:2: loaded	2	words$' err
run check --log clog.txt logs.lua
expect_lines clog.txt 1

done_ok
