#!/usr/bin/env bash
# The feed poller against a local server: a conditional GET sends the
# validators it got and a 304 yields no items; new items come once each
# across polls and across restarts (the seen set and the validators live in
# files, as the watcher keeps them in its state); item keys are the guid,
# else the link, else a hash of title and text, and are stable.
source "$(dirname "$0")/net_lib.bash"
start_httpd

# rss_item GUID LINK TITLE TEXT (GUID or LINK may be "-": left out)
rss_item() {
	printf '<item><title>%s</title>' "$3"
	[ "$1" = - ] || printf '<guid isPermaLink="false">%s</guid>' "$1"
	[ "$2" = - ] || printf '<link>%s</link>' "$2"
	printf '<description>%s</description></item>\n' "$4"
}
# write_feed ITEM...: an RSS 2.0 feed at www/feed.rss
write_feed() {
	{
		printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Test Wire</title>\n'
		printf '%s' "$@"
		printf '</channel></rss>\n'
	} >"$WWW/feed.rss.tmp"
	mv "$WWW/feed.rss.tmp" "$WWW/feed.rss"
}
A=$(rss_item wire-1 https://news.example/a "Harbour Reopens" "The harbour reopened on Monday after repairs.")
B=$(rss_item - https://news.example/b "Bridge Closed" "The bridge closed on Tuesday for inspection.")
C=$(rss_item - - "Council Votes" "The council voted on Wednesday to raise the levy.")
D=$(rss_item wire-4 https://news.example/d "Ferry Returns" "The ferry returned on Thursday to its old route.")
write_feed "$A" "$B" "$C"
mkdir st
URL=$BASE/file/feed.rss

# First poll: three items, keyed guid / link / hash; validators stored.
run poll --state st "$URL"
expect_rc 0
expect_lines out 3
expect_grep '^\{"key":"wire-1","id":"wire-1","url":"https://news.example/a","title":"Harbour Reopens"' out 1
expect_grep '^\{"key":"https://news.example/b",' out 1
expect_grep '^\{"key":"hash:[0-9a-f]{32}",.*"title":"Council Votes"' out 1
expect_grep "\"source\":\"$URL\"" out 3
expect_grep '^status=200 items=3 fresh=3 seen=0 item_errors=0 rc=ok$' err
grep -q '^"[0-9a-f]{16}"$' -E st/etag || fail "no ETag kept: $(cat st/etag)"
pass
grep -q 'GMT$' st/last-modified || fail "no Last-Modified kept: $(cat st/last-modified)"
pass
HASHKEY=$(grep -o 'hash:[0-9a-f]*' out)
# Keys are kept in watchers' states: the hash must never change.
[ "$HASHKEY" = hash:d95389d4d9ac81bc0e7cef82202da011 ] || fail "the hash key changed: $HASHKEY"
pass
# The request named newsrules and its version, and accepted gzip.
json_get "$WWW/requests.log" 1 headers >req1
expect_grep "'user-agent': 'newsrules/[0-9]+\.[0-9]+\.[0-9]+ libcurl/" req1
expect_grep "'accept-encoding': '[^']*gzip" req1
expect_no_grep "if-none-match" req1

# Second poll (a restart: a new process with the stored state): the
# validators are sent, the server answers 304, nothing is handed on.
run poll --state st "$URL"
expect_rc 0
expect_lines out 0
expect_grep '^status=304 items=0 fresh=0' err
json_get "$WWW/requests.log" 2 headers >req2
expect_grep "'if-none-match': '$(cat st/etag)'" req2
expect_grep "'if-modified-since': '$(cat st/last-modified)'" req2

# The feed changes: one new item on top; only it comes out.
write_feed "$D" "$A" "$B" "$C"
run poll --state st "$URL"
expect_rc 0
expect_lines out 1
expect_grep '^\{"key":"wire-4",.*"title":"Ferry Returns"' out 1
expect_grep '^status=200 items=4 fresh=1 seen=3 ' err

# Validators lost (a state without them): the whole feed comes back, every
# key is already seen, the hash key is the same as before.
rm st/etag st/last-modified
run poll --state st "$URL"
expect_rc 0
expect_lines out 0
expect_grep '^status=200 items=4 fresh=0 seen=4 ' err
expect_grep "^$HASHKEY\$" st/seen 1
expect_lines st/seen 4

# A guid twice in one body: handed once.
write_feed "$(rss_item dup-1 - "First Copy" "The first copy of a story.")" \
	"$(rss_item dup-1 - "Second Copy" "The second copy of the story.")"
rm -rf st2 && mkdir st2
run poll --state st2 "$URL"
expect_lines out 1
expect_grep '"title":"First Copy"' out
expect_grep 'items=2 fresh=1 seen=1 ' err

# Atom: the entry's id is the key; gzip on the wire.
cat >"$WWW/feed.atom" <<'ATOM'
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<id>urn:feed:1</id><updated>2025-11-04T10:00:00Z</updated>
<entry><title>Dam Inspected</title><id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
<link href="https://news.example/dam"/><updated>2025-11-04T10:00:00Z</updated>
<summary>Engineers inspected the dam on Friday and found no cracks.</summary></entry>
</feed>
ATOM
rm -rf st3 && mkdir st3
run poll --state st3 "$BASE/file/feed.atom?gzip=1"
expect_rc 0
expect_grep '^\{"key":"urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a","id":"urn:uuid:[^"]*","url":"https://news.example/dam"' out 1

# An item without text is an error record keyed by its message: reported
# once, not again at the next poll; its neighbours are read.
write_feed "$A" "<item><title>Empty</title><guid>e-1</guid></item>"
rm -rf st4 && mkdir st4
run poll --state st4 "$URL"
expect_rc 0
expect_lines out 2
expect_grep '^\{"key":"wire-1"' out 1
expect_grep '^\{"error":"item 2: no text","code":"no text in input","net":"ok","key":"error:[0-9a-f]{32}"' out 1
expect_grep 'items=1 fresh=1 seen=0 item_errors=1 ' err
rm st4/etag st4/last-modified
run poll --state st4 "$URL"
expect_lines out 0

# An empty feed is no error.
write_feed
rm -rf st5 && mkdir st5
run poll --state st5 "$URL"
expect_rc 0
expect_lines out 0
expect_grep '^status=200 items=0 fresh=0 seen=0 item_errors=0 rc=ok$' err

# Pollers on several threads at once, libcurl initialised lazily by one of
# them (a ThreadSanitizer build runs this too).
write_feed "$A" "$B" "$C"
run threads --threads 6 "$URL"
expect_rc 0
expect_grep '^thread [0-5]: items=3 rc=ok$' out 6

# Credentials in the URL are used, never shown.
write_feed "$A"
run poll --state st5 "http://reader:s3cretpw@127.0.0.1:${BASE##*:}/fail/1/file/feed.rss"
expect_rc 1
expect_grep "^\{\"error\":\"GET http://127.0.0.1:[0-9]+/fail/1/file/feed.rss: HTTP 500 " out
expect_no_grep 's3cret' out
expect_no_grep 's3cret' err
tail -n 1 "$WWW/requests.log" >req3
expect_grep '"authorization": "Basic ' req3

done_ok
