# watch_sinks.sh - the file sink rotates past its size (keeping N old
# files); the exec sink feeds one long-lived command and starts it again
# when it exits, the batch written again; several sinks get the same lines.
source "$(dirname "$0")/lib.bash"
source "$SRC/tests/cli/watch_lib.bash"

mkdir in rules
every_rule rules/every.lua
start_watch -r rules --sink 'file:rot.jsonl?rotate=1k&keep=2' --sink 'exec:exec cat >>cat.out' \
	--sink - in
# One article at a time: one alert (about 330 bytes) a batch.
for i in $(seq 1 12); do
	records "$i" "$i" >in/"$i".jsonl
	wait_until 5 has_lines "$i" out
	wait_until 5 has_lines "$i" cat.out
	# The command dies (it had read every line): the next batch goes to
	# a new one.
	[ "$i" = 6 ] && kill "$(ps -o pid= --ppid "$WATCH_PID")"
done
stop_watch TERM
expect_rc 0
# Rotated: the newest alerts in rot.jsonl, rot.jsonl.1, rot.jsonl.2, in
# order, none over 1k; the oldest dropped.
[ -f rot.jsonl.2 ] && [ ! -e rot.jsonl.3 ] || fail "rotation: $(ls rot.jsonl*)"
pass
for f in rot.jsonl rot.jsonl.1 rot.jsonl.2; do
	[ "$(stat -c %s $f)" -le 1024 ] || fail "$f is over 1k"
	pass
done
cat rot.jsonl.2 rot.jsonl.1 rot.jsonl >kept
n=$(nlines kept)
[ "$n" -ge 3 ] && [ "$n" -lt 12 ] || fail "$n alerts kept"
pass
tail -n "$n" out | cmp -s - kept || fail "the rotated files are not the last $n alerts in order"
pass
# The command got every line, the one started again too.
cmp -s out cat.out || fail "exec:cat differs from stdout"
pass
expect_grep 'sink exec:exec cat >>cat.out: the command (exited|ended).*start' err 1

# Bad specs.
run watch --sink 'file:x?rotate=big' in
expect_rc 2
expect_grep 'rotate=SIZE' err
run watch --sink 'exec:' in
expect_rc 2
echo "ok [$TEST_NAME]: $CHECKS checks"
