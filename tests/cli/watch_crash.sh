# watch_crash.sh - exactly once to a file: sink across kill -9: a watcher
# killed in the middle of 2,000 articles and started again with the same
# --state delivers every article's alert once; a third run delivers
# nothing more. The state keeps what was done, not the files' contents.
source "$(dirname "$0")/lib.bash"
source "$SRC/tests/cli/watch_lib.bash"

mkdir in rules
every_rule rules/every.lua
records 1 2000 >in/batch.jsonl

# Killed three times along the way (a batch may be half written each
# time: the next run cuts the file back to where the state says it was).
for at in 300 900 1500; do
	start_watch -r rules --jobs 2 --state st --sink file:alerts.jsonl in
	wait_until 20 has_lines $at alerts.jsonl
	stop_watch KILL
	n=$(nlines alerts.jsonl)
	[ "$n" -lt 2000 ] || fail "the watcher finished before it was killed ($n alerts)"
	pass
done

start_watch -r rules --jobs 2 --state st --sink file:alerts.jsonl in
wait_until 20 has_lines 2000 alerts.jsonl
stop_watch TERM
expect_rc 0 "restart"
alert_ids alerts.jsonl >ids
records 1 2000 | sed 's/.*"id":"\([^"]*\)".*/\1/' | sort >want
cmp -s ids want || fail "alerts after the restart: $(wc -l <ids) ids, $(sort ids | uniq -d | wc -l) repeated, $(comm -13 ids want | wc -l) missing"
pass
# Every line whole: the file parses line by line.
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' alerts.jsonl || fail "a torn line"
pass

# A third run with the same state: nothing new.
start_watch -r rules --state st --sink file:alerts.jsonl --stats-every 1 in
wait_until 10 has_lines 1 err '"stats"'
stop_watch TERM
expect_rc 0
expect_lines alerts.jsonl 2000

# One watcher per state directory (the first one holds the lock once it
# prints its first stats line).
"$NR" watch -r rules --state st --sink file:other.jsonl --stats-every 1 in 2>lock.err &
WATCH_PID=$!
wait_until 20 has_lines 1 lock.err '"stats"'
RC=0
timeout 20 "$NR" watch -r rules --state st in >/dev/null 2>err || RC=$?
expect_rc 1
expect_grep "in use by another watcher" err
stop_watch TERM
echo "ok [$TEST_NAME]: $CHECKS checks"
