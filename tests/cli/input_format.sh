#!/usr/bin/env bash
# --input-format overrides detection; bad command lines exit 2.
source "$(dirname "$0")/lib.bash"

# Markup read as plain text keeps the tags as text.
printf '<p>Port Workers Strike</p>\n\n<p>Dock workers stopped work on Tuesday over pay.</p>\n' >page.html
for opt in "--input-format text" "-i txt" "--input-format=plain" "-i TEXT"; do
	# shellcheck disable=SC2086
	run inspect $opt page.html
	expect_rc 0 "$opt"
	expect_grep '"format":"text"' out
	expect_grep '"text":"<p>Dock workers stopped work on Tuesday over pay.</p>"' out
done

# A plain-text article in a .html file, forced to text: headline found.
printf 'Port Workers Strike\n\nDock workers stopped work on Tuesday over pay.\n' >plain.html
run inspect -i text plain.html
expect_rc 0
expect_grep '"title":"Port Workers Strike"' out

# auto is accepted and means detection: this .txt is text.
printf 'Rain Delays Match\n\nThe final was moved to Sunday because of rain.\n' >match.txt
run inspect -i auto match.txt
expect_rc 0
expect_grep '"format":"text","title":"Rain Delays Match"' out

# Prose opening with a bracket, on stdin (no name to go by), is still text.
printf '[Updated 10:05] Council Votes on Budget\n\nThe council voted late on Monday.\n' >upd
run_stdin upd inspect -
expect_rc 0
expect_grep '^\{"id":"stdin","format":"text","title":"\[Updated 10:05\] Council Votes on Budget"' out

# The override does not bypass the binary check.
printf 'GIF89a\0\0\0\0\1\2\3' >img.txt
run inspect -i text img.txt
expect_rc 1
expect_grep '^\{"error":"input looks binary' out

# Usage errors: exit 2, a message on stderr, nothing on stdout.
usage_error() {
	run "$@"
	expect_rc 2 "$*"
	[ ! -s out ] || fail "stdout not empty for usage error: $*"
	[ -s err ] || fail "no message for usage error: $*"
	pass
}
usage_error inspect -i pdf match.txt
expect_grep "unknown input format 'pdf'" err
usage_error inspect --input-format
usage_error inspect -f xml match.txt
expect_grep "unknown output format 'xml'" err
usage_error inspect --max-bytes 0 match.txt
usage_error inspect --max-bytes 12abc match.txt
usage_error inspect --max-bytes -5 match.txt
usage_error inspect --max-bytes ' 5' match.txt
usage_error inspect --max-bytes 99999999999999999999999 match.txt
usage_error inspect --no-such-option match.txt
usage_error inspect
expect_grep 'no input' err
usage_error frobnicate
expect_grep "unknown command 'frobnicate'" err
usage_error

# Help and version are not errors.
run inspect --help
expect_rc 0
expect_grep '^usage: newsrules inspect' out
run --help
expect_rc 0
expect_grep '^usage: newsrules' out
run version
expect_rc 0
expect_grep '^newsrules [0-9]+\.[0-9]+\.[0-9]+$' out

done_ok
