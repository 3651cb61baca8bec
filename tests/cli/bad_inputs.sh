#!/usr/bin/env bash
# Bad input, nothing lost: every bad input gives one stderr line naming the
# file and the reason and one JSON error record; good inputs still produce
# articles; the exit status says whether anything failed.
source "$(dirname "$0")/lib.bash"

mkdir mixed
printf 'Bridge Reopens\n\nThe bridge reopened to traffic on Friday.\n' >mixed/a-good.txt
: >mixed/b-empty.txt
printf ' \n\t\n   \n' >mixed/c-blank.txt
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10' >mixed/d-image.png
{
	printf 'Long Report\n\n'
	for i in $(seq 1 200); do printf 'Paragraph %d of a long report on the harbour works.\n\n' "$i"; done
} >mixed/e-long.txt
printf 'Market Closes Higher\n\nShares rose for a third day.\n' >mixed/f-good.txt
printf 'Share this\n\nAdvertisement\n\nMenu\n' >mixed/g-furniture.txt

# Each bad input alone.
one_bad() { # FILE CODE-TEXT REASON-REGEX [ARGS...]
	local file=$1 code=$2 reason=$3
	shift 3
	run inspect "$@" "$file"
	expect_rc 1 "$file"
	expect_lines out 1
	expect_json_records
	expect_grep "^\{\"error\":\"[^\"]*\",\"code\":\"$code\",\"source\":\"${file//./\\.}\",\"index\":0," out
	expect_lines err 1
	expect_grep "^newsrules: ${file//./\\.}: $reason" err
}
one_bad mixed/b-empty.txt 'no text in input' 'input is empty$'
one_bad mixed/c-blank.txt 'no text in input' 'input holds only whitespace$'
one_bad mixed/d-image.png 'binary input' 'input looks binary'
one_bad mixed/e-long.txt 'input too large' '.*over the 2000-byte limit$' --max-bytes 2000
one_bad mixed/g-furniture.txt 'no text in input' '.+'
one_bad missing.txt 'cannot read input' 'cannot open: No such file or directory$'
mkdir emptydir
run inspect emptydir
expect_rc 0
expect_lines out 0

# The whole directory plus a missing file: count in = count out.
run inspect --max-bytes 2000 mixed missing.txt
expect_rc 1
expect_json_records
expect_lines out 8
expect_grep '^\{"id":' out 2
expect_grep '^\{"error":' out 6
expect_grep '"title":"Bridge Reopens"' out
expect_grep '"title":"Market Closes Higher"' out
# Records come in input order, each naming its source.
srcs=$(sed -E 's/^\{"id":"([^"]*)".*/\1/; s/^\{"error":.*"source":"([^"]*)".*/\1/' out | tr '\n' ' ')
want="mixed/a-good.txt mixed/b-empty.txt mixed/c-blank.txt mixed/d-image.png mixed/e-long.txt mixed/f-good.txt mixed/g-furniture.txt missing.txt "
[ "$srcs" = "$want" ] || fail "record sources '$srcs'"
pass
# One stderr line per failure, "newsrules: FILE: reason".
expect_lines err 6
expect_grep '^newsrules: [^:]+: .+' err 6
for f in b-empty.txt c-blank.txt d-image.png e-long.txt g-furniture.txt; do
	expect_grep "^newsrules: mixed/${f//./\\.}: " err 1
done
expect_grep '^newsrules: missing\.txt: cannot open' err 1

# Only good inputs: exit 0, quiet stderr.
run inspect mixed/a-good.txt mixed/f-good.txt
expect_rc 0
expect_lines out 2
[ ! -s err ] || fail "stderr not empty when all inputs are good"
pass

# Bad input on stdin is reported under "-".
run_stdin mixed/d-image.png inspect -
expect_rc 1
expect_grep '^\{"error":"input looks binary.*"source":"-"' out
expect_grep '^newsrules: -: input looks binary' err

done_ok
