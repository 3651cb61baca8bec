# watch_feed.sh - an RSS feed served on 127.0.0.1 (tests/helpers/httpd.py)
# and polled every second: each new item alerts once, across polls and
# across a restart with the same --state (whose validators make an
# unchanged feed answer 304).
source "$(dirname "$0")/lib.bash"
source "$SRC/tests/cli/watch_lib.bash"

mkdir rules
every_rule rules/every.lua
start_httpd

feed() { # the feed with items 1..N
	{
		printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title>\n'
		for ((i = 1; i <= $1; i++)); do
			printf '<item><guid>g%d</guid><title>Item %d</title><link>http://x/%d</link>' "$i" "$i" "$i"
			printf '<description>Story number %d is here.</description></item>\n' "$i"
		done
		printf '</channel></rss>\n'
	} >"$WORK/www/.feed" && mv "$WORK/www/.feed" "$WORK/www/feed.rss"
}
gets() { grep -c '"path": *"/file/feed.rss"' "$WORK/www/requests.log" 2>/dev/null || echo 0; }
polled() { [ "$(gets)" -ge "$1" ]; }

feed 2
start_watch -r rules --poll 1 --state st --sink file:alerts.jsonl "$BASE/file/feed.rss"
wait_until 10 has_lines 2 alerts.jsonl
feed 3
wait_until 5 has_lines 3 alerts.jsonl
n=$(gets)
wait_until 5 polled $((n + 2)) # two more polls of an unchanged feed
stop_watch TERM
expect_rc 0
expect_lines alerts.jsonl 3

# Restarted: nothing again, then the new item.
n=$(gets)
start_watch -r rules --poll 1 --state st --sink file:alerts.jsonl "$BASE/file/feed.rss"
wait_until 5 polled $((n + 1))
tail -n 1 www/requests.log | grep -q 'if-none-match' || fail "no validator after the restart"
pass
feed 4
wait_until 5 has_lines 4 alerts.jsonl
stop_watch TERM
expect_rc 0
expect_lines alerts.jsonl 4
python3 - alerts.jsonl <<'PY' || fail "each item once"
import json, sys
ids = sorted(json.loads(l)["article"]["url"] for l in open(sys.argv[1]))
assert ids == ["http://x/1", "http://x/2", "http://x/3", "http://x/4"], ids
PY
pass
echo "ok [$TEST_NAME]: $CHECKS checks"
