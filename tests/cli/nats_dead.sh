# A poison article (a rule fails on it every time) is redelivered up to
# max-deliver times, then published to the dead-letter subject with the
# reason in a header and terminated; the other articles go through.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/watch_lib.bash"
source "$(dirname "$0")/nats_lib.bash"

N=50
start_nats
cat >rule.lua <<'LUA'
rule {
  id = "every", title = "Every article", severity = "info",
  match = function(article)
    if article.id == "poison" then error("cannot stomach this one") end
    article:alert{ message = "seen " .. article.id }
  end,
}
LUA
{
	records 1 25
	printf '{"id":"poison","title":"Poison","text":"A story no rule survives."}\n'
	records 26 $N
} >in.jsonl
SRC_URL="$NATS_URL/ART?consumer=workers&ack-wait=2&max-deliver=3&dlq=ART.dead"
start_watch --no-dedup -r rule.lua --sink file:alerts.jsonl "$SRC_URL"
wait_until 10 test "$(stream_msgs ART)" = 0
run publish "$NATS_URL/ART" in.jsonl
expect_rc 0

# N+2 messages in ART: the N+1 articles and the dead letter (ART.dead is one
# of the stream's subjects).
wait_until 20 test "$(stream_msgs ART)" = $((N + 2))
pass
wait_until 20 all_acked ART workers $((N + 1))
pass
wait_until 5 grep -q "dead-lettered to ART.dead after 3 deliveries: rule 'every'" err
pass
[ "$(alert_ids alerts.jsonl | sort -u | wc -l)" = $N ] || fail "not every good article alerted"
pass
! alert_ids alerts.jsonl | grep -qx poison || fail "the poison article alerted"
pass
stop_watch TERM
expect_rc 0
echo "$CHECKS checks passed"
