# watch_broken_rule.sh - a rule file broken on reload keeps the running
# set (a message names the file and line) and articles go on alerting on
# it; fixing the file loads the new set; SIGTERM then exits 0 with every
# alert taken delivered to the file sink.
source "$(dirname "$0")/lib.bash"
source "$SRC/tests/cli/watch_lib.bash"

mkdir in rules
every_rule rules/every.lua
start_watch -r rules --sink file:alerts.jsonl --sink - --stats-every 3600 in
records 1 1 >in/1.jsonl
wait_until 10 has_lines 1 alerts.jsonl '"id":"a1"'
old=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["ruleset"])' alerts.jsonl)

# Broken on line 3: a change to the rule file is a reload (inotify).
printf -- '-- broken\nrule {\n  id = "every", match = function(a) a:alert{ end,\n}\n' >rules/.new
mv rules/.new rules/every.lua
wait_until 5 has_lines 1 err 'reload failed'
expect_grep 'rules/every.lua:3:' err
expect_grep "still running rule set generation 1 \($old\)" err
records 2 2 >in/2.jsonl
wait_until 5 has_lines 1 alerts.jsonl '"id":"a2"'
expect_grep "\"id\":\"a2\".*\"ruleset\":\"$old\"" alerts.jsonl 1
# SIGHUP with the file still broken: the same.
kill -HUP "$WATCH_PID"
wait_until 5 has_lines 2 err 'reload failed'

every_rule rules/every.lua fixed
wait_until 5 has_lines 1 err 'generation 2 loaded'
records 3 2000 >in/3.jsonl
wait_until 5 has_lines 1 alerts.jsonl '"id":"a3"'
stop_watch TERM
expect_rc 0
# Every article taken before SIGTERM (the last stats line counts them)
# was delivered, to both sinks.
taken=$(grep '"stats"' err | tail -n 1 | sed 's/.*"articles_in":\([0-9]*\).*/\1/')
expect_lines alerts.jsonl "$taken"
expect_lines out "$taken"
if grep '"id":"a3"' alerts.jsonl | grep -q "\"ruleset\":\"$old\""; then
	fail "a3 was scanned on the old set"
fi
pass

# At start, a broken rule file is refused: exit 3.
printf 'rule {\n' >rules/every.lua
run watch -r rules in
expect_rc 3
expect_grep 'rules/every.lua' err
echo "ok [$TEST_NAME]: $CHECKS checks"
