#!/usr/bin/env bash
# Streaming input: `scan -` and `inspect -` read JSON Lines record by
# record. The alert for the first article is on stdout while the writer
# still holds the stream open (with --jobs 1 and --jobs 3); a 20 MB stream
# is accepted under the default cap (which caps one record); a record over
# --max-bytes is one error record and the others still alert.
source "$(dirname "$0")/lib.bash"

article() { # ID: one JSON Lines article the shipped pack alerts on (threat)
	printf '{"id":"%s","title":"Minister threatens reporter","text":"The interior minister threatened to jail the journalist Jane Doe on Monday. \\"We will lock her up,\\" the minister said."}\n' "$1"
}

# wait_for PATTERN FILE: poll for a line, up to 20 s.
wait_for() {
	local i
	for i in $(seq 1 400); do
		grep -q -E -- "$1" "$2" 2>/dev/null && return 0
		sleep 0.05
	done
	return 1
}

# live CMD...: run CMD (reading stdin) on a FIFO this shell keeps open.
live() {
	rm -f in.fifo out err
	mkfifo in.fifo
	"$NR" "$@" <in.fifo >out 2>err &
	PID=$!
	exec 3>in.fifo
}

for jobs in 1 3; do
	live scan --jobs "$jobs" -
	article first >&3
	wait_for '"rule":"threat".*"id":"first"' out ||
		fail "--jobs $jobs: no alert for the first article while the stream is open"
	kill -0 "$PID" 2>/dev/null || fail "--jobs $jobs: scan ended before its input did"
	pass
	article second >&3
	wait_for '"id":"second"' out || fail "--jobs $jobs: no alert for the second article"
	pass
	printf '{"title": "truncated' >&3
	exec 3>&-
	RC=0
	wait "$PID" || RC=$?
	expect_rc 1 "a truncated last record is an input error"
	expect_grep '"rule":"threat"' out 2
	expect_grep '^\{"error":"line 3: invalid JSON: .*"source":"-"' out
	expect_grep '^newsrules: -: line 3: invalid JSON' err
done

# inspect - prints each article as its record arrives.
live inspect -
article first >&3
wait_for '"id":"first"' out || fail "inspect: no article while the stream is open"
kill -0 "$PID" 2>/dev/null || fail "inspect ended before its input did"
pass
exec 3>&-
RC=0
wait "$PID" || RC=$?
expect_rc 0
expect_lines out 1

# 20 MB of JSON Lines through a pipe: the default --max-bytes (16 MiB) caps
# a record, not the stream. Each record carries a 1 MiB pass-through field.
blob=$(head -c 1048576 /dev/zero | tr '\0' 'x')
for i in $(seq 1 20); do
	printf '{"id":"big%d","blob":"%s","text":"The interior minister threatened to jail the journalist Jane Doe on Monday."}\n' "$i" "$blob"
done >big.jsonl
[ "$(wc -c <big.jsonl)" -gt 20000000 ] || fail "could not make the 20 MB stream"
RC=0
cat big.jsonl | "$NR" scan - >out 2>err || RC=$?
expect_rc 0
expect_grep '"rule":"threat"' out 20
expect_grep '"id":"big20"' out 1
# The same as a file.
run scan big.jsonl
expect_rc 0
expect_grep '"rule":"threat"' out 20

# --max-bytes smaller than one record: that record is one error record
# naming its line, the ones around it still alert.
{
	article one
	printf '{"id":"long","text":"%s"}\n' "$(head -c 5000 /dev/zero | tr '\0' 'y')"
	article three
} >mixed.jsonl
RC=0
cat mixed.jsonl | "$NR" scan --max-bytes 1000 - >out 2>err || RC=$?
expect_rc 1
expect_grep '"rule":"threat"' out 2
expect_grep '"id":"three"' out
expect_grep '^\{"error":"line 2: record over the 1000-byte limit, skipped","code":"input too large","source":"-"' out
expect_grep '^newsrules: -: line 2: record over the 1000-byte limit, skipped$' err

# RS-framed records: documents of any format, one per record.
printf '\036%s\036<html><head><title>Page</title></head><body><p>The interior minister threatened to jail the journalist Jane Doe on Monday.</p></body></html>\n' \
	"$(article rs1)" >framed.txt
RC=0
cat framed.txt | "$NR" scan - >out 2>err || RC=$?
expect_rc 0
expect_grep '"rule":"threat"' out 2
expect_grep '"id":"stdin#2"' out 1

echo "scan_stream: $CHECKS checks passed"
