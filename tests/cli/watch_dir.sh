# watch_dir.sh - `watch DIR`: the files already there, then each file
# dropped into it (alerts within a second) or into a new folder under it;
# hidden and partial files skipped; the alerts are scan's; SIGTERM exits 0
# with everything delivered; a file is read once.
source "$(dirname "$0")/lib.bash"
source "$SRC/tests/cli/watch_lib.bash"

mkdir in rules
every_rule rules/every.lua
cp "$SRC/examples/articles/voa-haqqani.txt" in/
start_watch -r rules in
wait_until 10 has_lines 1 out
expect_grep '"id":"in/voa-haqqani.txt"' out 1

# Dropped in while the watcher idles: an alert within a second.
records 1 1 >in/.a1.jsonl.tmp
mv in/.a1.jsonl.tmp in/one.jsonl
wait_until 1 has_lines 1 out '"id":"a1"'
records 2 2 >in/two.jsonl # written in place: read once closed
wait_until 1 has_lines 1 out '"id":"a2"'

# Hidden and partial files are skipped; a new folder is watched too.
records 3 3 >in/.hidden.jsonl
records 4 4 >in/four.jsonl.part
mkdir in/sub
records 5 5 >in/sub/five.jsonl
wait_until 2 has_lines 1 out '"id":"a5"'
# A file closed again unchanged is not read again.
touch -r in/two.jsonl in/two.jsonl
cat in/two.jsonl >>/dev/null
stop_watch TERM
expect_rc 0 "SIGTERM"
expect_grep 'SIGTERM: finishing' err
for id in a3 a4; do
	if grep -q "\"id\":\"$id\"" out; then fail "$id (hidden or partial) was read"; fi
	pass
done
[ "$(alert_ids out | tr '\n' ' ')" = "a1 a2 a5 in/voa-haqqani.txt " ] || fail "ids: $(alert_ids out)"
pass

# The alerts are those scan gives for the same files.
run scan -r rules in/voa-haqqani.txt in/one.jsonl in/two.jsonl in/sub/five.jsonl
sort out >scan.sorted
"$NR" watch -r rules in >watch.out 2>/dev/null &
WATCH_PID=$!
wait_until 10 has_lines 4 watch.out
stop_watch TERM
sort watch.out >watch.sorted
cmp -s scan.sorted watch.sorted || fail "watch's alerts differ from scan's"
pass

# Usage errors.
run watch
expect_rc 2
run watch --sink bogus:x in
expect_rc 2
expect_grep "unknown --sink" err
run watch in/nope
expect_rc 1
expect_grep "in/nope" err
run watch --help
expect_rc 0
expect_grep "file:PATH" out
echo "ok [$TEST_NAME]: $CHECKS checks"
