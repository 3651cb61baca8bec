#!/usr/bin/env bash
# Directory walking never loses or repeats an input silently: a link back to
# an ancestor, a FIFO and a tree nested too deep are each reported as an
# error record, and the readable files around them are still read.
source "$(dirname "$0")/lib.bash"

mkdir -p tree/sub
printf 'Loop Test Story\n\nThe walker must read this file once.\n' >tree/sub/a.txt
ln -s .. tree/sub/up
mkfifo tree/pipe
run inspect tree
expect_rc 1
expect_json_records
expect_lines out 3
expect_grep '"title":"Loop Test Story"' out 1
expect_grep '^\{"error":"not a regular file",.*"source":"tree/pipe"' out
expect_grep '^\{"error":"directory loop[^"]*",.*"source":"tree/sub/up"' out
expect_lines err 2
expect_grep '^newsrules: tree/pipe: not a regular file$' err
expect_grep '^newsrules: tree/sub/up: directory loop' err

# 66 levels down is past the walker's limit; the shallow file still counts.
p=deep
for _ in $(seq 1 66); do p=$p/d; done
mkdir -p "$p"
printf 'Buried Story\n\nToo deep to be read.\n' >"$p/x.txt"
printf 'Top Story Here\n\nIt sits at the top.\n' >deep/top.txt
run inspect deep
expect_rc 1
expect_lines out 2
expect_grep '^\{"error":"directories nested too deep",.*"source":"deep/d/d/' out
expect_grep '"title":"Top Story Here"' out
expect_lines err 1

done_ok
