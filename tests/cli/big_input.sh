#!/usr/bin/env bash
# A 50 MB input is refused quickly under the default 16 MiB cap, whether it
# comes as a file, as redirected stdin or through a pipe.
source "$(dirname "$0")/lib.bash"

line='The harbour board met on Monday and approved the plan for the new quay.'
yes "$line" | head -c 52428800 >big.txt || true
[ "$(wc -c <big.txt)" -eq 52428800 ] || fail "could not make the 50 MB file"
pass

now_ms() { date +%s%3N; }

t0=$(now_ms)
run inspect big.txt
t1=$(now_ms)
expect_rc 1
expect_lines out 1
expect_grep '^\{"error":"file is 52428800 bytes, over the 16777216-byte limit","code":"input too large","source":"big\.txt"' out
expect_grep '^newsrules: big\.txt: file is 52428800 bytes, over the 16777216-byte limit$' err
[ $((t1 - t0)) -lt 3000 ] || fail "refusing a 50 MB file took $((t1 - t0)) ms"
pass

# Redirected stdin is a regular file too: refused by size.
t0=$(now_ms)
run_stdin big.txt inspect -
t1=$(now_ms)
expect_rc 1
expect_grep '^\{"error":"file is 52428800 bytes, over the 16777216-byte limit".*"source":"-"' out
[ $((t1 - t0)) -lt 3000 ] || fail "refusing 50 MB on stdin took $((t1 - t0)) ms"
pass

# A pipe has no size: reading stops one byte past the cap.
t0=$(now_ms)
RC=0
set +o pipefail
cat big.txt | "$NR" inspect - >out 2>err || RC=$?
set -o pipefail
t1=$(now_ms)
expect_rc 1
expect_grep '^\{"error":"input is over the 16777216-byte limit".*"source":"-"' out
expect_lines err 1
[ $((t1 - t0)) -lt 10000 ] || fail "refusing a 50 MB pipe took $((t1 - t0)) ms"
pass

# A good file next to the big one is still read; a raised cap is honoured.
printf 'Quay Plan Approved\n\nThe board approved the quay plan.\n' >small.txt
run inspect big.txt small.txt
expect_rc 1
expect_lines out 2
expect_grep '"title":"Quay Plan Approved"' out
run inspect --max-bytes 52428799 big.txt
expect_rc 1
expect_grep 'over the 52428799-byte limit' out

done_ok
