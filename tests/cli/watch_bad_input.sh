# watch_bad_input.sh - bad input on every kind of source at once gives an
# error record (on stderr and to the sinks, as scan gives them) and the
# watcher goes on: a file over --max-bytes in a watched folder, truncated
# JSON on stdin, a "feed" that is an HTML page, a feed answering HTTP 500.
source "$(dirname "$0")/lib.bash"
source "$SRC/tests/cli/watch_lib.bash"

mkdir in rules
every_rule rules/every.lua
start_httpd
printf '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><guid>g1</guid><title>F</title><description>The feed story is here.</description></item></channel></rss>\n' >www/feed.rss
mkfifo stream
exec 3<>stream
start_watch_stdin stream -r rules --max-bytes 1000 --poll 1 in - "$BASE/html" "$BASE/status/500" \
	"$BASE/file/feed.rss"
# The feeds are polled once the folder and stdin are open.
wait_until 10 has_lines 1 out '"source":"[^"]*/html"'
python3 -c 'print("{\"id\":\"big\",\"text\":\"" + "x" * 5000 + "\"}")' >in/big.jsonl
printf '{"id":"cut","text":"no' >in/cut.jsonl
head -c 5000 /dev/zero | tr '\0' x >in/big.txt
records 1 1 >&3
printf '{"id":"half",\n' >&3
records 9 9 >&3
records 2 2 >in/good.jsonl
wait_until 10 has_lines 1 out '"id":"a1"'
wait_until 10 has_lines 1 out '"id":"a9"'
wait_until 10 has_lines 1 out '"id":"a2"'
wait_until 10 has_lines 1 out '"source":"in/big.txt"'
wait_until 10 has_lines 1 out '"seen g1"'
wait_until 10 has_lines 2 out '"source":"[^"]*/html"'
wait_until 10 has_lines 2 out '"source":"[^"]*/status/500"'
exec 3>&-
stop_watch TERM
expect_rc 0
expect_grep '"error":"line 1: record over the 1000-byte limit, skipped".*"source":"in/big.jsonl"' out 1
expect_grep '"error":"line 1: invalid JSON.*"source":"in/cut.jsonl"' out 1
expect_grep '"error":"file is 5000 bytes, over the 1000-byte limit".*"source":"in/big.txt"' out 1
expect_grep '"error":"line 2: invalid JSON.*"source":"-","index":1' out 1
expect_grep '"error":"GET [^"]*/html: not a feed' out
expect_grep '"error":"GET [^"]*/status/500: HTTP 500' out
# The same on stderr, as scan writes them.
expect_grep '^newsrules: in/big.jsonl: ' err 1
expect_grep '^newsrules: -: line 2: invalid JSON' err 1
expect_grep '^newsrules: http://127.0.0.1:[0-9]+/status/500: GET .*HTTP 500' err
# scan reports the bad files the same way.
grep '"source":"in/' out | sort >watch.out
run scan -r rules --max-bytes 1000 in/big.jsonl in/big.txt in/cut.jsonl
sort out | cmp -s - watch.out || fail "scan's error records differ: $(cat watch.out)"
pass
echo "ok [$TEST_NAME]: $CHECKS checks"
