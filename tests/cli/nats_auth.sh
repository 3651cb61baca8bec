# NATS credentials: a server that wants a user and password; --nats-user/
# --nats-password (or USER:PASS@ in the URL) let watch and publish in; a
# wrong password is refused and never printed, nor is a URL's password.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/watch_lib.bash"
source "$(dirname "$0")/nats_lib.bash"

NATS_EXTRA=(--user nr --pass 's3cret-pw')
start_nats
every_rule rule.lua
records 1 20 >in.jsonl

run publish --nats-user nr --nats-password wrong-pw "$NATS_URL/ART" in.jsonl
expect_rc 1
expect_grep "cannot connect" err
! grep -q "wrong-pw" err || fail "a password was printed"
pass
run publish "nats://nr:wrong-pw@127.0.0.1:$NATS_PORT/ART" in.jsonl
expect_rc 1
! grep -q "wrong-pw" err || fail "a URL's password was printed"
pass

start_watch --no-dedup -r rule.lua --nats-user nr --nats-password 's3cret-pw' \
	--sink file:alerts.jsonl "$NATS_URL/ART?ack-wait=5"
wait_until 10 test "$(stream_msgs ART)" = 0
publish "nats://nr:s3cret-pw@127.0.0.1:$NATS_PORT/ART" in.jsonl
wait_until 10 has_lines 20 alerts.jsonl
stop_watch TERM
expect_rc 0
! grep -q "s3cret" err out || fail "the password was printed"
pass

# A malformed source URL: a usage message, the password redacted.
run watch "nats://nr:s3cret-pw@127.0.0.1:$NATS_PORT/"
expect_rc 1
expect_grep "not nats://HOST:PORT/STREAM" err
! grep -q "s3cret" err || fail "the password was printed"
pass
echo "$CHECKS checks passed"
