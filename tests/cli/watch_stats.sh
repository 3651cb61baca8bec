# watch_stats.sh - --stats-every: one JSON line on stderr with articles
# in and out, alerts, errors by rule, the queue, reloads; a rule failing
# on every article is reported once on stderr (as scan does) and counted
# on each; what rules log goes to stderr as scan writes it.
source "$(dirname "$0")/lib.bash"
source "$SRC/tests/cli/watch_lib.bash"

mkdir in rules
every_rule rules/every.lua
cat >rules/boom.lua <<'LUA'
rule {
  id = "boom", title = "Fails", severity = "low",
  match = function(article) print("looking at", article.id); error("boom") end,
}
LUA
records 1 3 >in/a.jsonl
start_watch -r rules --stats-every 1 --jobs 2 in
wait_until 10 has_lines 1 err '"articles_out":3'
kill -HUP "$WATCH_PID"
wait_until 10 has_lines 1 err '"reloads":1'
stop_watch TERM
expect_rc 0
line=$(grep '"stats"' err | tail -n 1)
for want in '"articles_in":3' '"articles_out":3' '"alerts":3' '"input_errors":0' \
	'"rule_errors":\{"boom":3\}' '"queue":0' '"reloads":1' '"generation":2'; do
	echo "$line" | grep -qE "$want" || fail "stats line lacks $want: $line"
	pass
done
expect_grep "^newsrules: rule 'boom' \(rules/boom.lua:1\) on a[123]: error-runtime: rules/boom.lua:3: boom" err 1
expect_grep '^newsrules: log: \[boom\] a[123]: looking at	a[123]$' err 3
echo "ok [$TEST_NAME]: $CHECKS checks"
