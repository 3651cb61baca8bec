# watch_stdin.sh - `watch -`: a JSON Lines stream scanned record by
# record: the first alert comes while the stream is still open; a record
# that is not JSON, one over --max-bytes and a last line cut off are
# error records (scan's, on stderr and to the sinks) and the watcher goes
# on; the end of the stream ends the watcher (exit 0) with everything
# delivered.
source "$(dirname "$0")/lib.bash"
source "$SRC/tests/cli/watch_lib.bash"

mkdir rules
every_rule rules/every.lua
mkfifo feed
exec 3<>feed # read-write: opening it does not wait for a reader
start_watch_stdin feed -r rules --max-bytes 2000 -
records 1 1 >&3
# The stream is open (fd 3): the alert comes anyway.
wait_until 5 has_lines 1 out '"id":"a1"'
printf '{"id":"bad", "text": nope}\n' >&3
records 2 2 >&3
python3 -c 'print("{\"id\":\"big\",\"text\":\"" + "x" * 5000 + "\"}")' >&3
records 3 3 >&3
wait_until 5 has_lines 1 out '"id":"a3"'
# Whatever came so far was delivered, in order, while the stream is open.
expect_grep '"error":"line 2: invalid JSON' out 1
expect_grep '"error":"line 4: record over the 2000-byte limit, skipped".*"index":3' out 1
printf '{"id":"cut","text":"no end' >&3
exec 3>&-
wait_exit
expect_rc 0 "end of stdin"
expect_grep '"error":"line 6: invalid JSON: premature end' out 1
expect_grep '^newsrules: -: line 2: invalid JSON' err 1
expect_grep '^newsrules: -: line 6: invalid JSON' err 1
[ "$(alert_ids out | tr '\n' ' ')" = "a1 a2 a3 " ] || fail "ids: $(alert_ids out)"
pass

# The same stream through scan gives the same records (scan - reads it
# whole; watch - record by record).
{ records 1 1; printf '{"id":"bad", "text": nope}\n'; records 2 3; } >s.jsonl
run_stdin s.jsonl scan -r rules -
cp out scan.out
: >out
run_stdin s.jsonl watch -r rules -
expect_rc 0
cmp -s scan.out out || fail "watch - and scan - differ"
pass
echo "ok [$TEST_NAME]: $CHECKS checks"
