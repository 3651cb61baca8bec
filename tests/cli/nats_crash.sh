# Two watchers on one consumer, alerts to a NATS sink (stream ALERTS); one
# is killed with kill -9 midway and started again: the articles it held
# are redelivered after the AckWait, and the alert stream still holds each
# alert once (the sink's Nats-Msg-Id: the stream drops the repeats).
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/watch_lib.bash"
source "$(dirname "$0")/nats_lib.bash"

N=400
start_nats
every_rule rule.lua
records 1 $N >in.jsonl
SRC_URL="$NATS_URL/ART?consumer=workers&ack-wait=2"
SINK="$NATS_URL/alerts?stream=ALERTS"
start_watch --no-dedup -r rule.lua --sink "$SINK" --sink file:a1.jsonl "$SRC_URL"
start_watch2 --no-dedup -r rule.lua --sink "$SINK" "$SRC_URL"
wait_until 10 test "$(stream_msgs ART)" = 0
publish "$NATS_URL/ART" in.jsonl

# Kill the first one once it has delivered some; start it again.
wait_until 20 has_lines 20 a1.jsonl
kill -9 "$WATCH_PID"
wait "$WATCH_PID" 2>/dev/null || true
start_watch --no-dedup -r rule.lua --sink "$SINK" --sink file:a1.jsonl "$SRC_URL"

wait_until 30 all_acked ART workers $N
pass
wait_until 10 test "$(stream_msgs ALERTS)" = $N
pass
stop_watch TERM
expect_rc 0
kill -TERM "$WATCH2_PID"
wait "$WATCH2_PID" || fail "the second watcher exited $?"
WATCH2_PID=
[ "$(stream_msgs ALERTS)" = $N ] || fail "ALERTS holds $(stream_msgs ALERTS) alerts, not $N"
pass

# The same articles through another stream: every alert has the Msg-Id of
# one already in ALERTS, so the stream drops them all. Under another rule
# set (another hash) they are new alerts.
start_watch --no-dedup -r rule.lua --sink "$SINK" "$NATS_URL/ART2?ack-wait=2"
wait_until 10 test "$(stream_msgs ART2)" = 0
publish "$NATS_URL/ART2" in.jsonl
wait_until 20 all_acked ART2 newsrules $N
stop_watch TERM
expect_rc 0
[ "$(stream_msgs ALERTS)" = $N ] || fail "a second copy of the alerts: ALERTS holds $(stream_msgs ALERTS)"
pass
every_rule rule2.lua v2
start_watch --no-dedup -r rule2.lua --sink "$SINK" "$NATS_URL/ART2?consumer=v2&ack-wait=2"
wait_until 20 all_acked ART2 v2 $N
stop_watch TERM
expect_rc 0
[ "$(stream_msgs ALERTS)" = $((2 * N)) ] || fail "rule set v2: ALERTS holds $(stream_msgs ALERTS), not $((2 * N))"
pass
echo "$CHECKS checks passed"
