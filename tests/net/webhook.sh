#!/usr/bin/env bash
# The webhook deliverer against a local server: a receiver that fails the
# first 3 POSTs gets every batch exactly once, each retry with the same
# Idempotency-Key; when the quick retries run out the answer is "retry at
# T" and a later call (the caller kept the batch) delivers it; a 4xx is kept
# with a long back-off; Retry-After is honoured; nothing listening is a
# retry, not a loss.
source "$(dirname "$0")/net_lib.bash"
start_httpd
FAST=(--base-delay-ms 20 --timeout-ms 3000)

printf '{"rule":"denial","n":1}\n{"rule":"denial","n":2}\n' >b1
printf '{"rule":"threat","n":3}\n' >b2
printf '{"rule":"threat","n":4}' >b3 # no final newline: one is added
K1=$(run key b1 && cat out)
K3=$(run key b3 && cat out)
printf '{"rule":"threat","n":4}\n' >b3nl
[ "$K3" = "$(run key b3nl && cat out)" ] || fail "the key of b3 is not that of b3 as sent"
pass
# The key is kept in receivers' dedup tables: it must never change.
[ "$K1" = 4b6ae7910ad9e99aae48fd20adcd2d1d ] || fail "the key of b1 changed: $K1"
pass

# Fails 3 times, then recovers: b1 goes through on the 4th quick attempt,
# b2 and b3 at once. Each batch is recorded exactly once.
for b in b1 b2 b3; do
	run hook --body $b "${FAST[@]}" "$BASE/hook/3"
	expect_rc 0 "$b"
	cp out "out.$b"
done
expect_grep '^\{"outcome":"delivered","attempts":4,"status":200,' out.b1
expect_grep "\"key\":\"$K1\"" out.b1
expect_grep '^\{"outcome":"delivered","attempts":1,' out.b2
expect_grep '^\{"outcome":"delivered","attempts":1,' out.b3
expect_lines "$WWW/hook.log" 3
python3 - "$WWW/hook.log" b1 b2 b3nl <<'PY' || fail "hook.log does not hold each batch once"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
bodies = [r["body"] for r in recs]
for name in sys.argv[2:]:
    want = open(name).read()
    assert bodies.count(want) == 1, (name, bodies)
assert all(r["type"] == "application/x-ndjson" for r in recs)
assert recs[0]["attempt"] == "4", recs[0]
PY
pass
# The 4 POSTs of b1 carried one key and attempts 1..4.
grep '"method": "POST", "path": "/hook/3"' "$WWW/requests.log" | head -n 4 >posts
expect_grep "\"idempotency-key\": \"$K1\"" posts 4
for i in 1 2 3 4; do expect_grep "\"x-newsrules-attempt\": \"$i\"" posts 1; done

# Fails 4 times: the quick retries run out, the answer is "retry in 15-30 s"
# (30 s jittered); the caller calls again later with failures=1.
run hook --body b1 "${FAST[@]}" "$BASE/hook/4"
expect_rc 3
expect_grep '^\{"outcome":"retry","attempts":4,"status":503,' out
expect_grep '"rejected":false,"net":"HTTP error status","message":"POST [^"]*/hook/4: HTTP 503 Service Unavailable \(attempt 4\)"' out
expect_between "$(json_get out 1 retry_in_ms)" 14000 30500 "retry_in_ms after 503s"
run hook --body b1 --failures 1 "${FAST[@]}" "$BASE/hook/4"
expect_rc 0
expect_grep '^\{"outcome":"delivered","attempts":1,' out
expect_grep "\"message\":\"\"}" out
tail -n 1 "$WWW/hook.log" >last
expect_grep "\"path\": \"/hook/4\", \"key\": \"$K1\", \"round\": \"2\", \"attempt\": \"1\"" last

# A 4xx other than 408/429: no quick retry, kept with a long back-off
# (600 s jittered to 300-600 s; doubled per failure, at most 6 h).
run hook --body b2 "${FAST[@]}" "$BASE/hook/100?code=400"
expect_rc 3
expect_grep '^\{"outcome":"retry","attempts":1,"status":400,.*"rejected":true,' out
expect_grep '"message":"POST [^"]*: HTTP 400 Bad Request \(attempt 1\)"' out
expect_between "$(json_get out 1 retry_in_ms)" 299000 600500 "retry_in_ms after a 400"
run hook --body b2 --failures 10 "${FAST[@]}" "$BASE/hook/100?code=400"
expect_between "$(json_get out 1 retry_in_ms)" 10799000 21600500 "retry_in_ms after 11 400s"

# 429 with Retry-After: 1 is waited for (about a second), then delivered.
t0=$(now_ms)
run hook --body b2 "${FAST[@]}" "$BASE/hook/1?code=429&retry-after=1"
t1=$(now_ms)
expect_rc 0
expect_grep '^\{"outcome":"delivered","attempts":2,' out
expect_between $((t1 - t0)) 900 10000 "time with Retry-After: 1"
# Retry-After longer than the quick delays: the call ends, due then.
run hook --body b2 "${FAST[@]}" "$BASE/hook/1?code=503&retry-after=120"
expect_rc 3
expect_grep '^\{"outcome":"retry","attempts":1,"status":503,' out
expect_between "$(json_get out 1 retry_in_ms)" 119000 121000 "retry_in_ms with Retry-After: 120"

# Nothing listening: four quick attempts, then "retry", never "dropped".
FREE=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
run hook --body b1 "${FAST[@]}" "http://u:hookpass@127.0.0.1:$FREE/hook"
expect_rc 3
expect_grep '^\{"outcome":"retry","attempts":4,"status":0,.*"rejected":false,"net":"could not connect"' out
expect_no_grep hookpass out
# The cancel flag cuts the back-off sleep short: "retry" at once.
t0=$(now_ms)
run hook --body b1 --base-delay-ms 4000 --cancel-after-ms 300 "http://127.0.0.1:$FREE/hook"
t1=$(now_ms)
expect_rc 3
expect_grep '^\{"outcome":"retry","attempts":1,.*"rejected":false,"net":"canceled"' out
expect_between $((t1 - t0)) 250 3500 "time to cancel the back-off"
# An empty batch is no POST.
: >empty
run hook --body empty "$BASE/hook/0"
expect_rc 0
expect_grep '^\{"outcome":"delivered","attempts":0,' out
# No quick retries when asked for none; extra headers are sent.
run hook --body b1 --quick-retries -1 --header "Authorization: Bearer t0ken" "${FAST[@]}" "$BASE/hook/1"
expect_rc 3
expect_grep '"attempts":1,' out
tail -n 1 "$WWW/requests.log" >req
expect_grep '"authorization": "Bearer t0ken"' req

done_ok
