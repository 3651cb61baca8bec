# Draining a worker: SIGTERM midway stops it taking messages; what it took
# is scanned, delivered and acked before it exits 0, so nothing is left in
# flight for the AckWait; started again, it takes the rest, and its file
# sink holds every alert exactly once.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/watch_lib.bash"
source "$(dirname "$0")/nats_lib.bash"

N=300
start_nats
# A rule that takes a few milliseconds an article, so that the drain
# comes midway.
cat >rule.lua <<'LUA'
rule {
  id = "every", title = "Every article", severity = "info",
  match = function(article)
    local x = 0
    for i = 1, 200000 do x = x + i end
    article:alert{ message = "seen " .. article.id }
  end,
}
LUA
records 1 $N >in.jsonl
SRC_URL="$NATS_URL/ART?ack-wait=30"
start_watch --no-dedup --max-instructions 100000000 -r rule.lua --sink file:alerts.jsonl "$SRC_URL"
wait_until 10 test "$(stream_msgs ART)" = 0
publish "$NATS_URL/ART" in.jsonl
wait_until 20 has_lines 10 alerts.jsonl
stop_watch TERM
expect_rc 0
done_n=$(nlines alerts.jsonl)
[ "$done_n" -lt $N ] || fail "the drain came after every article was taken"
pass
[ "$(consumer ART newsrules ack_pending)" = 0 ] || fail "messages left unacked: $(consumer ART newsrules ack_pending)"
pass
[ "$(consumer ART newsrules ack_floor)" = "$done_n" ] || fail "acked $(consumer ART newsrules ack_floor), delivered $done_n"
pass

start_watch --no-dedup --max-instructions 100000000 -r rule.lua --sink file:alerts.jsonl "$SRC_URL"
wait_until 20 all_acked ART newsrules $N
stop_watch TERM
expect_rc 0
[ "$(alert_ids alerts.jsonl | uniq | wc -l)" = $N ] && expect_lines alerts.jsonl $N
echo "$CHECKS checks passed ($done_n before the drain)"
