# watch_webhook.sh - an http sink whose receiver (tests/helpers/httpd.py)
# fails the first 3 POSTs: every alert is delivered once it recovers.
# One that fails longer than a run keeps its batches in the state, and
# the next run with the same --state delivers them, once.
source "$(dirname "$0")/lib.bash"
source "$SRC/tests/cli/watch_lib.bash"

mkdir in rules
every_rule rules/every.lua
start_httpd
records 1 5 >in/a.jsonl

start_watch -r rules --sink "$BASE/hook/3" --sink file:alerts.jsonl in
wait_until 10 has_lines 5 alerts.jsonl # written after the webhook
stop_watch TERM
expect_rc 0
expect_grep '"attempt": *"4"' www/hook.log 1 # after 3 failures
python3 - www/hook.log alerts.jsonl <<'PY' || fail "the webhook's alerts differ from the file's"
import json, sys
posted = []
for line in open(sys.argv[1]):
    posted += [l for l in json.loads(line)["body"].splitlines() if l]
assert sorted(posted) == sorted(l.rstrip("\n") for l in open(sys.argv[2])), posted
PY
pass

# Failing for 8 POSTs: the first run gives up with the batch kept (4
# tries, 4 more at SIGTERM), the second delivers it.
mkdir in2
records 6 8 >in2/b.jsonl
start_watch -r rules --state st --sink "$BASE/hook/8" in2
wait_until 15 has_lines 1 err 'kept and sent again'
stop_watch TERM
expect_rc 0
expect_grep 'deliveries could not be made: kept in the state' err
start_watch -r rules --state st --sink "$BASE/hook/8" in2
wait_until 10 has_lines 1 err 'pending from the last run'
posted() { [ "$(grep -o 'seen a[678]' www/hook.log | wc -l)" -ge 3 ]; }
wait_until 10 posted
stop_watch TERM
expect_rc 0
grep '/hook/8' www/hook.log | grep -o 'seen a[0-9]*' | sort >got
printf 'seen a6\nseen a7\nseen a8\n' >want
cmp -s got want || fail "delivered after the restart: $(cat got)"
pass
echo "ok [$TEST_NAME]: $CHECKS checks"
