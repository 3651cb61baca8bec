#!/usr/bin/env bash
# nats_workers.sh - throughput of `watch` workers sharing one NATS JetStream
# consumer: 1 worker, then 2 workers (one scanning thread each, the shipped
# rules or RULES) are started on an empty stream and, once ready, the
# articles of DIR (default: the BBC corpus, 2,225 texts; NR_BENCH_MAX caps
# them) are published to it; prints articles/s from the first publish to
# the last ack, the publisher's rate alone, and the ratio. A benchmark, not
# a test: run it on an idle machine.
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
# consumer STREAM NAME FIELD: a field of the consumer's report (-1 if none).
consumer() {
	python3 -c 'import json, sys, urllib.request
d = json.load(urllib.request.urlopen("http://127.0.0.1:%s/jsz?consumers=true" % sys.argv[1]))
v = -1
for a in d.get("account_details", []):
    for s in a.get("stream_detail", []):
        for c in s.get("consumer_detail", []) or []:
            if s["name"] == sys.argv[2] and c["name"] == sys.argv[3]:
                v = c["ack_floor"]["stream_seq"] if sys.argv[4] == "acked" else c[sys.argv[4]]
print(v)' "$M" "$@"
}
until consumer X x acked >/dev/null 2>&1; do sleep 0.1; done
rargs=()
[ -n "$RULES" ] && rargs=(-r "$RULES")
find "$DIR" -type f -name '*.txt' | sort | sed -n "1,${NR_BENCH_MAX:-100000}p" >"$W/list"
N=$(wc -l <"$W/list")

# run WORKERS STREAM: the workers are started on an empty stream and
# waited for (each has a pull request waiting: its rules are loaded), then
# the articles are published; the time runs from the first publish to the
# last ack. The publisher is measured alone first (PUBLISH).
run() {
	local t0 t1 pids=()
	for ((i = 0; i < $1; i++)); do
		"$NR" watch "${rargs[@]}" --no-dedup --sink "file:$W/alerts.$2.$i" \
			"nats://127.0.0.1:$P/$2?consumer=work" 2>>"$W/err" &
		pids+=($!)
		PIDS+=($!)
	done
	until [ "$(consumer "$2" work num_waiting)" -ge "$1" ]; do sleep 0.02; done
	t0=$(date +%s.%N)
	"$NR" publish "nats://127.0.0.1:$P/$2" $(cat "$W/list") 2>/dev/null
	until [ "$(consumer "$2" work acked)" -ge "$N" ]; do sleep 0.02; done
	t1=$(date +%s.%N)
	for p in "${pids[@]}"; do kill -TERM "$p"; wait "$p" || true; done
	python3 -c "import sys; t=float(sys.argv[2])-float(sys.argv[1]); n=int(sys.argv[4]); print('%s worker(s): %d articles in %.2f s, %.0f articles/s' % (sys.argv[3], n, t, n/t))" "$t0" "$t1" "$1" "$N" | tee -a "$W/res"
}
# The publisher alone (a stream made by a watcher stopped at once).
timeout 10 "$NR" watch --sink "file:$W/none" "nats://127.0.0.1:$P/PUB?consumer=none" 2>/dev/null &
sp=$!
until [ "$(consumer PUB none num_waiting)" -ge 1 ]; do sleep 0.05; done
kill -TERM "$sp"; wait "$sp" || true
t0=$(date +%s.%N)
"$NR" publish "nats://127.0.0.1:$P/PUB" $(cat "$W/list") 2>/dev/null
t1=$(date +%s.%N)
python3 -c "import sys; print('publish alone: %.0f messages/s' % (int(sys.argv[3]) / (float(sys.argv[2]) - float(sys.argv[1]))))" "$t0" "$t1" "$N"
run 1 ONE
run 2 TWO
python3 -c 'import re, sys
r = [float(re.search(r"([0-9.]+) articles/s", l).group(1)) for l in open(sys.argv[1])]
print("2 workers / 1 worker: %.2fx" % (r[1] / r[0]))' "$W/res"
