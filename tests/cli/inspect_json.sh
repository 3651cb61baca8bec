#!/usr/bin/env bash
# inspect's default output: one JSON record per article, from files,
# directories and standard input.
source "$(dirname "$0")/lib.bash"

# A copy under a plain relative name, so ids and messages are predictable.
cp "$SRC/examples/articles/voa-haqqani.txt" voa.txt
voa=voa.txt

# One example file: one article record with its metadata and spans.
run inspect "$voa"
expect_rc 0
expect_lines out 1
expect_json_records
[ ! -s err ] || fail "stderr not empty for a good input"
pass
expect_grep "^\{\"id\":\"voa\.txt\",\"format\":\"text\"," out
expect_grep '"title":"White House Calls on Pakistan to Break Links With Haqqani Network"' out
expect_grep '"text":"The White House is calling on Pakistan’s government' out
expect_grep '"paragraphs":\[\{"start":0,"end":[0-9]+\}' out
expect_grep '"sentences":\[\{"start":0,"end":[0-9]+,"paragraph":0[,}]' out
# Page furniture of the scraped page is gone from the text.
expect_no_grep 'Accessibility links|file photo' out
expect_utf8 out

# --tokens adds a tokens array; --pretty spreads the record over lines.
run inspect --tokens "$voa"
expect_rc 0
expect_grep '"tokens":\[' out
run inspect --pretty "$voa"
expect_rc 0
expect_grep '^  "title": "White House Calls' out

# The bundled examples directory: every file read, nothing fails.
files=$(find "$SRC/examples/articles" -type f ! -name '.*' | wc -l)
run inspect "$SRC/examples/articles"
expect_rc 0 "examples/articles must all read"
expect_json_records
expect_grep '^\{"error"' out 0
records=$(nlines out)
[ "$records" -ge "$files" ] || fail "$files example files gave only $records records"
pass

# Standard input, named "-": the id says where it came from.
run_stdin "$voa" inspect -
expect_rc 0
expect_lines out 1
expect_grep '^\{"id":"stdin","format":"text","title":"White House Calls' out

# A directory: files in sorted order, hidden entries skipped, subdirectories walked.
mkdir -p d/sub
printf 'Tram Line Extended\n\nThe tram line will reach the airport in May.\n' >d/b.txt
printf 'Library Opens Late\n\nThe library will open until ten on weekdays.\n' >d/a.txt
printf 'School Roof Fixed\n\nThe school roof was fixed before the rains.\n' >d/sub/c.txt
printf 'Hidden Draft\n\nThis draft must not be read.\n' >d/.draft.txt
run inspect d
expect_rc 0
expect_lines out 3
expect_json_records
ids=$(grep -o -E '^\{"id":"[^"]*"' out | sed 's/^{"id":"//; s/"$//' | tr '\n' ' ')
[ "$ids" = "d/a.txt d/b.txt d/sub/c.txt " ] || fail "directory order/ids wrong: $ids"
pass
expect_no_grep 'Hidden Draft' out

# Several arguments mix files, directories and stdin, in command-line order.
run_stdin d/a.txt inspect d/sub - d/b.txt
expect_rc 0
ids=$(grep -o -E '^\{"id":"[^"]*"' out | sed 's/^{"id":"//; s/"$//' | tr '\n' ' ')
[ "$ids" = "d/sub/c.txt stdin d/b.txt " ] || fail "argument order wrong: $ids"
pass

# Characters JSON must escape survive as escapes, on one line.
printf 'Quote Test\n\nShe said "yes" and wrote C:\\temp\\new\tthen left.\n' >esc.txt
run inspect esc.txt
expect_rc 0
expect_lines out 1
expect_grep 'She said \\"yes\\" and wrote C:\\\\temp\\\\new then left\.' out

done_ok
