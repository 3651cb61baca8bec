# nats_lib.bash - helpers for the tests of the NATS source and sink
# (sourced after lib.bash and watch_lib.bash; not a test itself). Each test
# starts its own `nats-server -js` on 127.0.0.1 (free ports, a temporary
# store) and kills it; counts come from the server's monitoring port.

if ! command -v nats-server >/dev/null 2>&1 && [ ! -x /usr/sbin/nats-server ]; then
	[ -n "${NR_REQUIRE_NATS:-}" ] && fail "nats-server is not installed (NR_REQUIRE_NATS is set)"
	echo "SKIP [$TEST_NAME]: nats-server is not installed (apt-get install nats-server)"
	exit 0
fi
NATS_SERVER=$(command -v nats-server || echo /usr/sbin/nats-server)
NATS_PID=
NATS_EXTRA=()
WATCH2_PID=
nats_cleanup() {
	[ -n "$WATCH2_PID" ] && kill -9 "$WATCH2_PID" 2>/dev/null
	[ -n "$NATS_PID" ] && kill -9 "$NATS_PID" 2>/dev/null
	watch_cleanup
}
trap nats_cleanup EXIT

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

NATS_PORT=$(free_port)
NATS_MON=$(free_port)
NATS_URL="nats://127.0.0.1:$NATS_PORT"

# Start (or restart, on the same store and ports) the server; wait for it.
start_nats() {
	"$NATS_SERVER" -js -a 127.0.0.1 -p "$NATS_PORT" -m "$NATS_MON" -sd "$WORK/js" "${NATS_EXTRA[@]}" \
		>>"$WORK/nats.log" 2>&1 &
	NATS_PID=$!
	wait_until 10 jsz_ok
}
stop_nats() {
	kill "$NATS_PID" 2>/dev/null
	wait "$NATS_PID" 2>/dev/null || true
	NATS_PID=
}
jsz_ok() { jsz >/dev/null 2>&1; }

# jsz: the server's JetStream report, as JSON.
jsz() {
	python3 -c 'import sys, urllib.request
print(urllib.request.urlopen("http://127.0.0.1:%s/jsz?streams=true&consumers=true" % sys.argv[1], timeout=2).read().decode())' "$NATS_MON"
}

# stream_msgs STREAM: its message count (0 when it is not there).
stream_msgs() {
	jsz | python3 -c 'import json, sys
d = json.load(sys.stdin); n = 0
for a in d.get("account_details", []):
    for s in a.get("stream_detail", []):
        if s["name"] == sys.argv[1]: n = s["state"]["messages"]
print(n)' "$1"
}

# consumer STREAM NAME FIELD: ack_floor (stream seq acked), pending (not
# delivered yet), ack_pending (delivered, not acked), redelivered.
consumer() {
	jsz | python3 -c 'import json, sys
d = json.load(sys.stdin); v = -1
for a in d.get("account_details", []):
    for s in a.get("stream_detail", []):
        for c in s.get("consumer_detail", []) or []:
            if s["name"] == sys.argv[1] and c["name"] == sys.argv[2]:
                v = {"ack_floor": c["ack_floor"]["stream_seq"], "pending": c["num_pending"],
                     "ack_pending": c["num_ack_pending"], "redelivered": c["num_redelivered"]}[sys.argv[3]]
print(v)' "$@"
}

# all_acked STREAM NAME N: the first N messages acked, none in flight.
all_acked() {
	[ "$(consumer "$1" "$2" ack_floor)" -ge "$3" ] && [ "$(consumer "$1" "$2" ack_pending)" = 0 ] &&
		[ "$(consumer "$1" "$2" pending)" = 0 ]
}

# start_watch2 ARGS...: a second watcher (stdout/err in out2/err2).
start_watch2() {
	"$NR" watch "$@" >>"$WORK/out2" 2>>"$WORK/err2" 3>&- &
	WATCH2_PID=$!
}

# publish ARGS...: `newsrules publish` that must succeed; its stderr in
# ./pub.err (./err is the watcher's: `run` would truncate it).
publish() {
	"$NR" publish "$@" >"$WORK/pub.out" 2>"$WORK/pub.err" || fail "publish $*: $(cat "$WORK/pub.err")"
	pass
}
