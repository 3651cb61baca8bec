#!/usr/bin/env bash
# scan --jobs N: several scanners on threads give exactly what one gives:
# the same alerts (JSON Lines, text, --with-text), the same messages on
# stderr (input errors, rule errors once per rule and kind, the circuit
# breaker's notices, news.log lines or the --log file), the same --stats
# counts and the same exit status, in input order; --jobs auto and 0 are
# accepted, a bad count is a usage error.
source "$(dirname "$0")/lib.bash"

# Articles enough to keep three threads busy, of several formats and
# sizes, with the examples and a few inputs that cannot be read.
mkdir in
cp "$SRC"/examples/articles/* in/
for i in $(seq 1 40); do
	{
		printf 'Minister Denies Report %d\n\n' "$i"
		for k in $(seq 1 $((i % 7 + 1))); do
			printf 'The minister denied the report on day %d. "We have done nothing wrong," ' "$i"
			printf 'a spokesman said. Dockers began a strike %d.\n\n' "$k"
		done
	} >"in/a$(printf %02d "$i").txt"
done
printf '{"title": "Broken record", "text": \n' >in/bad.jsonl
printf '\x00\x01\x02binary' >in/binary.txt
: >in/empty.txt

# A rule that fails on every article (disabled by the breaker after five),
# one that fails on most (those with more than one strike: the breaker runs
# its probe, its example, and keeps it on), one that logs, and the shipped pack.
mkdir rules
cat >rules/broken.lua <<'LUA'
rule {
  id = "broken", title = "Broken", severity = "low",
  match = function(a) return nil + 1 end,
}
LUA
cat >rules/sometimes.lua <<'LUA'
rule {
  id = "sometimes", title = "Sometimes", severity = "medium", keywords = { "strike" },
  examples = { { text = "Dockers began a strike.", expect = 1 } },
  match = function(a)
    local n = select(2, a.text:gsub("strike", ""))
    if n ~= 1 then error("no luck with " .. n) end
    for s in a:sentences() do
      if s:find("strike") then a:alert{ message = "strike", evidence = s } end
    end
  end,
}
LUA
cat >rules/chatty.lua <<'LUA'
rule {
  id = "chatty", title = "Chatty", severity = "info",
  match = function(a)
    local n = 0
    for _ in a:sentences() do n = n + 1 end
    news.log("sentences:", n, "title:", a.title)
    if n > 12 then for i = 1, 120 do print("line", i) end end
  end,
}
LUA
pack=(-r "$SRC/rules" -r rules)

# scan_both NAME ARGS...: --jobs 1 and --jobs 3, stdout and stderr and the
# status of each kept as NAME.1.* and NAME.3.*, compared byte for byte.
scan_both() {
	local name=$1
	shift
	for j in 1 3; do
		run scan --jobs "$j" "$@"
		mv out "$name.$j.out"
		mv err "$name.$j.err"
		echo "$RC" >"$name.$j.rc"
		[ -f log ] && mv log "$name.$j.log"
		# --stats times are the one thing that differs from run to run.
		[ "$name" = stats ] && sed -i -E 's/ +[0-9]+\.[0-9]+ ms/ T ms/' "$name.$j.err"
	done
	for f in out err rc; do
		cmp -s "$name.1.$f" "$name.3.$f" || {
			diff "$name.1.$f" "$name.3.$f" | head -n 20 >&2
			fail "$name: --jobs 3 $f differs from --jobs 1"
		}
		pass
	done
}

scan_both jsonl "${pack[@]}" in missing.txt
grep -q '"rule":"denial"' jsonl.1.out || fail "the pack alerts"
grep -q '"rule":"sometimes"' jsonl.1.out || fail "the flaky rule alerts"
grep -q '"error":' jsonl.1.out || fail "error records for the bad inputs"
expect_grep "rule 'broken' .*disabled after 5 failures in a row" jsonl.1.err 1
expect_grep "rule 'sometimes' .*failed 5 articles in a row but runs on its probe" jsonl.1.err
expect_grep "^newsrules: log: \[chatty\] .*sentences:" jsonl.1.err 49
expect_grep "^newsrules: log: \[chatty\] .*at most 100 lines per rule per article" jsonl.1.err
expect_grep "missing\.txt" jsonl.1.err 1
[ "$(cat jsonl.1.rc)" = 3 ] || fail "a rule failed: status 3, not $(cat jsonl.1.rc)"
pass

scan_both text --format text --with-text=context "${pack[@]}" in
scan_both full --with-text --min-severity medium "${pack[@]}" in

# --stats: the counts (not the times) are those of one scanner.
scan_both stats --stats "${pack[@]}" in
expect_grep '^  broken +T ms disabled=44 error-runtime=5$' stats.1.err 1
expect_grep '^  chatty +T ms no-match=49 log=[0-9]+ log-suppressed=[0-9]+$' stats.1.err 1

# The log lines in a file of their own.
scan_both logfile --log log "${pack[@]}" in
cmp -s logfile.1.log logfile.3.log || fail "--log files differ"
pass
[ -s logfile.1.log ] || fail "--log file written"
pass

# Without rules that fail: status 0, and --alert-status.
scan_both clean --alert-status in/a*.txt "$SRC/examples/articles"
[ "$(cat clean.1.rc)" = 4 ] || fail "alerts with --alert-status: 4, not $(cat clean.1.rc)"
pass

# Rule files whose rules a scanner cannot get back (the second file's id
# draws on the random state the first file left): whatever the scanners
# make of them, --jobs 3 says and returns what --jobs 1 does.
mkdir odd
printf 'local _ = math.random()\nrule { id = "a", title = "A", severity = "low", match = function() end }\n' >odd/a.lua
printf 'rule { id = "b" .. math.random(1, 1000000000), title = "B", severity = "low",\n  match = function() end }\n' >odd/b.lua
scan_both stillborn -r odd in/a01.txt

# Standard input is one input among the others.
run scan --jobs 2 - <"$SRC/examples/articles/voa-haqqani.txt"
expect_rc 0
grep -q '"rule":"denial"' out || fail "stdin scanned with --jobs 2"
pass

run scan --jobs auto "$SRC/examples/articles"
expect_rc 0
run scan --jobs 0 "$SRC/examples/articles"
expect_rc 0
run scan --jobs 1000 "$SRC/examples/articles"
expect_rc 2 "--jobs past the limit"
run scan --jobs -1 "$SRC/examples/articles"
expect_rc 2 "a negative --jobs"
run scan --jobs two "$SRC/examples/articles"
expect_rc 2 "--jobs not a number"
expect_grep "jobs" err 1
run scan --help
expect_grep "^  -j, --jobs N" out 1

echo "scan_jobs: $CHECKS checks passed"
