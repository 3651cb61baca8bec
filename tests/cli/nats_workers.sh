# Two watchers on one NATS JetStream consumer (a work queue): every article
# is taken by one of them and acked once, after its alerts are in the file
# sink; the alerts of both equal one `scan` of the same articles.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/watch_lib.bash"
source "$(dirname "$0")/nats_lib.bash"

N=300
start_nats
every_rule rule.lua
records 1 $N >in.jsonl
SRC_URL="$NATS_URL/ART?consumer=workers&ack-wait=5"
start_watch --no-dedup -r rule.lua --sink file:a1.jsonl "$SRC_URL"
start_watch2 --no-dedup -r rule.lua --sink file:a2.jsonl "$SRC_URL"
wait_until 10 test "$(stream_msgs ART)" = 0
publish "$NATS_URL/ART" in.jsonl
expect_grep "$N messages published to ART" pub.err
[ "$(stream_msgs ART)" = $N ] || fail "stream ART holds $(stream_msgs ART) messages, not $N"
pass

wait_until 20 all_acked ART workers $N
[ "$(consumer ART workers redelivered)" = 0 ] || fail "messages were redelivered"
pass
stop_watch TERM
expect_rc 0
kill -TERM "$WATCH2_PID"
wait "$WATCH2_PID" || fail "the second watcher exited $?"
WATCH2_PID=
# Both took a share: a work queue, not a fan-out.
[ "$(nlines a1.jsonl)" -gt 0 ] && [ "$(nlines a2.jsonl)" -gt 0 ] || fail "one worker took nothing"
pass

run scan -r rule.lua in.jsonl
sort out >scan.sorted
cat a1.jsonl a2.jsonl | sort >watch.sorted
expect_lines watch.sorted $N
cmp -s scan.sorted watch.sorted || fail "the workers' alerts differ from scan's: $(diff scan.sorted watch.sorted | head -5)"
pass

echo "$CHECKS checks passed"
