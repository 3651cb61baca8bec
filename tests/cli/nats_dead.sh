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
publish "$NATS_URL/ART" in.jsonl

# An HTML page (its Nats-Format header says html) and an empty message (no
# article: an input error every time).
{
	printf '<html><head><title>Html story</title></head><body><article><h1>Html story</h1>'
	for i in 1 2 3 4 5 6; do
		printf '<p>The council met on Tuesday to discuss the budget for the coming year, and members said the plan was sound. Paragraph %d goes on about it.</p>' "$i"
	done
	printf '</article></body></html>'
} >page.html
: >empty.txt
publish "$NATS_URL/ART" page.html empty.txt

# N+5 messages in ART: the N+3 published and two dead letters (ART.dead is
# one of the stream's subjects).
wait_until 20 test "$(stream_msgs ART)" = $((N + 5))
pass
wait_until 20 all_acked ART workers $((N + 3))
pass
wait_until 5 grep -q "dead-lettered to ART.dead after 3 deliveries: rule 'every'" err
pass
expect_grep "dead-lettered to ART.dead after 3 deliveries: ART:[0-9]+: input is empty" err
[ "$(alert_ids alerts.jsonl | sort -u | wc -l)" = $((N + 1)) ] || fail "not every good article alerted"
pass
expect_grep '"title":"Html story"' alerts.jsonl 1
! alert_ids alerts.jsonl | grep -qx poison || fail "the poison article alerted"
pass
stop_watch TERM
expect_rc 0
echo "$CHECKS checks passed"
