#!/usr/bin/env bash
# File names that are not UTF-8 (a Latin-1 name from an old archive) still
# give a JSON record per input: the name is repaired in the output, never a
# reason to drop the record.
source "$(dirname "$0")/lib.bash"

mkdir names
printf 'Harbour Works Finish\n\nThe works ended on Monday.\n' >"names/caf$(printf '\xe9')-good.txt"
: >"names/caf$(printf '\xe9')-empty.txt"

run inspect --no-extract names
expect_rc 1 "one input is empty"
expect_lines out 2
expect_json_records
# U+FFFD (EF BF BD) stands in for the Latin-1 byte.
expect_grep $'"source":"names/caf\xef\xbf\xbd-empty\\.txt"' out
expect_grep $'"id":"names/caf\xef\xbf\xbd-good\\.txt"' out
expect_lines err 1

echo "file_names: $CHECKS checks passed"
