# The server stops mid-run and comes back (same store): the watchers retry
# with back-off, take articles again, and nothing is lost: every article
# acked, the alert stream (a NATS sink on the same server) holds each
# alert once.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/watch_lib.bash"
source "$(dirname "$0")/nats_lib.bash"

N=300
start_nats
every_rule rule.lua
records 1 $N >in.jsonl
SRC_URL="$NATS_URL/ART?consumer=workers&ack-wait=2"
SINK="$NATS_URL/alerts?stream=ALERTS"
start_watch --no-dedup -r rule.lua --sink "$SINK" --sink file:a1.jsonl "$SRC_URL"
start_watch2 --no-dedup -r rule.lua --sink "$SINK" --sink file:a2.jsonl "$SRC_URL"
wait_until 10 test "$(stream_msgs ART)" = 0
publish "$NATS_URL/ART" in.jsonl

wait_until 20 has_lines 20 a1.jsonl
stop_nats
# Both watchers notice and wait; they are still running.
wait_until 10 grep -q "cannot fetch (retrying with back-off)" err
kill -0 "$WATCH_PID" && kill -0 "$WATCH2_PID" || fail "a watcher died with the server"
pass
start_nats
wait_until 30 all_acked ART workers $N
pass
wait_until 10 test "$(stream_msgs ALERTS)" = $N
pass
grep -q "taking articles again" err || fail "the watcher did not say it resumed"
pass
stop_watch TERM
expect_rc 0
kill -TERM "$WATCH2_PID"
wait "$WATCH2_PID" || fail "the second watcher exited $?"
WATCH2_PID=
# Every article's alert reached a file sink at least once.
[ "$(cat a1.jsonl a2.jsonl | alert_ids /dev/stdin | sort -u | wc -l)" = $N ] || fail "alerts missing"
pass
echo "$CHECKS checks passed"
