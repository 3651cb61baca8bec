#!/usr/bin/env bash
# Every way a poll can fail gives one error record with a clear message,
# within the caps' time, and the next poll goes on: HTTP 500 (then the
# feed), an HTML page, XML that is no feed, a body over the size cap (with
# and without Content-Length), a feed that never ends, a slow server, a
# 404, redirects (too many, or to file://), no listener, no such host.
source "$(dirname "$0")/net_lib.bash"
start_httpd
cat >"$WWW/feed.rss" <<'RSS'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Test Wire</title>
<item><title>Harbour Reopens</title><guid>wire-1</guid>
<description>The harbour reopened on Monday after repairs.</description></item>
</channel></rss>
RSS
printf '<?xml version="1.0"?>\n<note><to>Tove</to><body>No feed here.</body></note>\n' >"$WWW/note.xml"
mkdir st
CAPS=(--timeout-ms 1500 --connect-timeout-ms 1000 --max-bytes 200000)

# poll_fails PATH PATTERN MAX_MS: one error record matching PATTERN, exit 1,
# done within MAX_MS. The bounds are loose (a loaded machine must not fail
# the test): they show that a cap cut the transfer, since the server would
# go on for 2 minutes or 2 GB; they measure no speed.
poll_fails() {
	local t0 t1
	t0=$(now_ms)
	run poll --state st "${CAPS[@]}" "$1"
	t1=$(now_ms)
	expect_rc 1 "$1"
	expect_lines out 1
	expect_grep "^\{\"error\":\"$2\",.*\"key\":null,\"source\":\"" out 1
	expect_between $((t1 - t0)) 0 "$3" "time to fail on $1"
}

# 500 twice, then the feed: two error records, then the item, once.
poll_fails "$BASE/fail/2/file/feed.rss" "GET $BASE/fail/2/file/feed.rss: HTTP 500 Internal Server Error" 8000
expect_grep '"code":"cannot read input","net":"HTTP error status"' out
poll_fails "$BASE/fail/2/file/feed.rss" "GET [^\"]*: HTTP 500 Internal Server Error" 8000
run poll --state st "${CAPS[@]}" "$BASE/fail/2/file/feed.rss"
expect_rc 0
expect_grep '^\{"key":"wire-1"' out 1
expect_lines out 1

poll_fails "$BASE/html" "GET $BASE/html: not a feed: the body is an HTML page \\(Content-Type: text/html; charset=utf-8\\)" 8000
expect_grep '"code":"unknown input format","net":"not a feed"' out
poll_fails "$BASE/file/note.xml" "GET $BASE/file/note.xml: not a feed: [^\"]*" 8000
poll_fails "$BASE/status/404" "GET $BASE/status/404: HTTP 404 Not Found" 8000
# Over the cap: cut while receiving (the server would send 2 GB).
poll_fails "$BASE/huge" "GET $BASE/huge: body over the 200000-byte cap" 8000
expect_grep '"code":"input too large","net":"body over the size cap"' out
poll_fails "$BASE/huge-cl" "GET $BASE/huge-cl: body over the 200000-byte cap" 8000
# A small gzip body that inflates past the cap: the cap counts decoded bytes.
head -c 3000000 /dev/zero | tr '\0' ' ' >"$WWW/bomb.rss"
poll_fails "$BASE/file/bomb.rss?gzip=1" "GET $BASE/file/bomb.rss\\?gzip=1: body over the 200000-byte cap" 8000
tail -n 1 "$WWW/requests.log" >req
expect_grep '"path": "/file/bomb.rss\?gzip=1"' req
# A feed that never ends, and a server that does not answer: the
# total-time cap (1.5 s) ends them.
poll_fails "$BASE/endless" "GET $BASE/endless: Operation timed out after 1[0-9]{3} milliseconds with [0-9]+ bytes received \\(caps: connect 1000 ms, total 1500 ms\\)" 10000
expect_grep '"code":"deadline passed","net":"timed out"' out
poll_fails "$BASE/slow/5000/file/feed.rss" "GET [^\"]*: Operation timed out after 1[0-9]{3} milliseconds with 0 bytes received [^\"]*" 10000
# Redirects: followed up to 5, only to http(s).
mkdir st2
run poll --state st2 "${CAPS[@]}" "$BASE/redirect/3/file/feed.rss"
expect_rc 0
expect_grep '^\{"key":"wire-1"' out 1
poll_fails "$BASE/redirect/9/file/feed.rss" "GET [^\"]*: Maximum \\(5\\) redirects followed" 8000
expect_grep '"net":"bad redirect"' out
poll_fails "$BASE/redirect-to?url=file:///etc/passwd" "GET [^\"]*: Protocol \\\\\"file\\\\\" not supported[^\"]*" 8000
# Nothing listens (a port the server held and let go), and no such host.
FREE=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
poll_fails "http://127.0.0.1:$FREE/feed" "GET http://127.0.0.1:$FREE/feed: Failed to connect [^\"]*" 8000
expect_grep '"net":"could not connect"' out
poll_fails "http://no-such-host.invalid/feed" "GET http://no-such-host.invalid/feed: [^\"]*" 10000
expect_grep '"net":"(host name not resolved|timed out)"' out
# The cancel flag (the watcher's SIGTERM) ends a transfer that would run
# a minute: no error record, the poll says "canceled".
t0=$(now_ms)
run poll --state st --timeout-ms 60000 --cancel-after-ms 300 "$BASE/endless"
t1=$(now_ms)
expect_rc 1
expect_lines out 0
expect_grep 'rc=canceled$' err
expect_between $((t1 - t0)) 250 10000 "time to cancel"
# Not http(s): refused before any transfer.
run poll --state st "file:///etc/passwd"
expect_rc 2
expect_grep '^nettool: bad feed URL' err

# The single GET, as the watcher's other callers see it: a 304 when the
# validators match, the validators read back.
run get "$BASE/file/feed.rss"
expect_rc 0
ETAG=$(sed -n 's/^etag=//p' out)
LM=$(sed -n 's/^last-modified=//p' out)
run get --etag "$ETAG" "$BASE/file/feed.rss"
expect_rc 0
expect_grep '^status=304$' out
expect_grep '^bytes=0$' out
run get --last-modified "$LM" "$BASE/file/feed.rss"
expect_grep '^status=304$' out
run get --last-modified "Mon, 01 Jan 2001 00:00:00 GMT" "$BASE/file/feed.rss"
expect_grep '^status=200$' out
# Over the cap, the partial body is dropped.
run get --max-bytes 100000 "$BASE/huge"
expect_rc 1
expect_grep '^bytes=0$' out
expect_grep '^code=-6 body over the size cap$' out
run get --user-agent "custom-agent/1" "$BASE/headers"
expect_grep '^bytes=[1-9]' out
tail -n 1 "$WWW/requests.log" >req
expect_grep '"user-agent": "custom-agent/1"' req

done_ok
