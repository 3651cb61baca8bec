#!/usr/bin/env bash
# nats_workers.sh - throughput of `watch` workers sharing one NATS JetStream
# consumer: the articles of DIR (default: the BBC corpus, 2,225 texts) are
# published to a fresh stream, then 1 worker, and again 2 workers (one
# scanning thread each), drain it; prints articles/s for each and the
# ratio. A benchmark, not a test: run it on an idle machine.
#   bash bench/nats_workers.sh build/newsrules [DIR] [RULES]
set -euo pipefail
NR=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
DIR=${2:-/work/shared/corpora/bbc-news-fulltext/bbc}
RULES=${3:-}
W=$(mktemp -d)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$W"' EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
P=$(port)
M=$(port)
nats-server -js -a 127.0.0.1 -p "$P" -m "$M" -sd "$W/js" >"$W/nats.log" 2>&1 &
PIDS+=($!)
# acked CONSUMER: the consumer's ack floor (stream sequence).
acked() {
	python3 -c 'import json, sys, urllib.request
d = json.load(urllib.request.urlopen("http://127.0.0.1:%s/jsz?consumers=true" % sys.argv[1]))
v = 0
for a in d.get("account_details", []):
    for s in a.get("stream_detail", []):
        for c in s.get("consumer_detail", []) or []:
            if c["name"] == sys.argv[2]: v = c["ack_floor"]["stream_seq"]
print(v)' "$M" "$1"
}
until acked x >/dev/null 2>&1; do sleep 0.1; done
# The stream, made by a watcher that stops at once; then the articles.
rargs=()
[ -n "$RULES" ] && rargs=(-r "$RULES")
timeout 5 "$NR" watch "${rargs[@]}" --sink "file:$W/none" "nats://127.0.0.1:$P/BENCH?consumer=setup" \
	2>/dev/null & 
sp=$!
until python3 -c 'import sys, urllib.request
sys.exit(b"\"BENCH\"" not in urllib.request.urlopen("http://127.0.0.1:%s/jsz?streams=true" % sys.argv[1]).read())' "$M"; do sleep 0.1; done
kill -TERM "$sp"; wait "$sp" || true
find "$DIR" -type f -name '*.txt' | sort | sed -n "1,${NR_BENCH_MAX:-100000}p" >"$W/list"
N=$(wc -l <"$W/list")
"$NR" publish "nats://127.0.0.1:$P/BENCH" $(cat "$W/list") 2>&1 | tail -1

# The time from the first ack to the last: the workers' start-up (loading
# the rules) is left out; the rate is over the articles acked in between.
run() { # WORKERS CONSUMER
	local t0= a0=0 t1 a pids=()
	for ((i = 0; i < $1; i++)); do
		"$NR" watch "${rargs[@]}" --no-dedup --sink "file:$W/alerts.$2.$i" \
			"nats://127.0.0.1:$P/BENCH?consumer=$2" 2>>"$W/err" &
		pids+=($!)
		PIDS+=($!)
	done
	while :; do
		a=$(acked "$2")
		if [ -z "$t0" ] && [ "$a" -gt 0 ]; then t0=$(date +%s.%N); a0=$a; fi
		[ "$a" -ge "$N" ] && break
		sleep 0.02
	done
	t1=$(date +%s.%N)
	for p in "${pids[@]}"; do kill -TERM "$p"; wait "$p" || true; done
	python3 -c "import sys; t=float(sys.argv[2])-float(sys.argv[1]); n=int(sys.argv[4])-int(sys.argv[5]); print('%s worker(s): %d articles in %.2f s, %.0f articles/s' % (sys.argv[3], n, t, n/t))" "$t0" "$t1" "$1" "$N" "$a0" | tee -a "$W/res"
}
run 1 one
run 2 two
python3 -c 'import re, sys
r = [float(re.search(r"([0-9.]+) articles/s", l).group(1)) for l in open(sys.argv[1])]
print("2 workers / 1 worker: %.2fx" % (r[1] / r[0]))' "$W/res"
