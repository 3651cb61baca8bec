# lib.bash - helpers for the CLI end-to-end tests (sourced, not a test itself:
# CTest runs tests/cli/*.sh). Each test is called as
#   bash test.sh <path-to-newsrules> <source-dir>
# and needs nothing beyond bash, coreutils and grep (scan_with_text.sh:
# python3 too).
set -euo pipefail

if [ $# -lt 2 ]; then
	echo "usage: bash $0 <newsrules-binary> <source-dir>" >&2
	exit 2
fi
[ -x "$1" ] && [ -f "$1" ] || { echo "not executable: $1" >&2; exit 2; }
[ -d "$2/examples/articles" ] || { echo "no examples under $2" >&2; exit 2; }
# Absolute paths: the tests run inside their own temporary directory.
NR=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/nr-cli.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

TEST_NAME=$(basename "$0" .sh)
CHECKS=0

fail() {
	echo "FAIL [$TEST_NAME]: $*" >&2
	for f in out err; do
		if [ -s "$WORK/$f" ]; then
			echo "--- $f (first 20 lines):" >&2
			head -n 20 "$WORK/$f" | cut -c1-300 >&2
		fi
	done
	exit 1
}

pass() {
	CHECKS=$((CHECKS + 1))
}

# run ARGS...: run the binary with stdout in ./out, stderr in ./err and the
# exit status in $RC (never aborts the script).
run() {
	RC=0
	"$NR" "$@" >"$WORK/out" 2>"$WORK/err" || RC=$?
}

# run_stdin FILE ARGS...: like run, with FILE on standard input.
run_stdin() {
	local in=$1
	shift
	RC=0
	"$NR" "$@" <"$in" >"$WORK/out" 2>"$WORK/err" || RC=$?
}

expect_rc() {
	[ "$RC" = "$1" ] || fail "expected exit status $1, got $RC${2:+ ($2)}"
	pass
}

# Lines of a file (0 for an empty or missing file).
nlines() {
	if [ -s "$1" ]; then wc -l <"$1" | tr -d ' '; else echo 0; fi
}

expect_lines() { # FILE N
	local n
	n=$(nlines "$1")
	[ "$n" = "$2" ] || fail "expected $2 lines in $1, got $n"
	pass
}

expect_grep() { # PATTERN FILE [COUNT]
	if [ $# -ge 3 ]; then
		local n
		n=$(grep -c -E -- "$1" "$2" || true)
		[ "$n" = "$3" ] || fail "expected $3 lines matching /$1/ in $2, got $n"
	else
		grep -q -E -- "$1" "$2" || fail "no line matches /$1/ in $2"
	fi
	pass
}

expect_no_grep() { # PATTERN FILE
	if grep -q -E -- "$1" "$2"; then
		fail "unexpected line matching /$1/ in $2"
	fi
	pass
}

# Every stdout line is one compact JSON object: an article record
# ({"id":...) or an error record ({"error":...). jansson writes them with
# keys in a fixed order, so the shape is checked by its opening keys.
expect_json_records() {
	local bad
	bad=$(grep -c -v -E '^\{"(id|error)":.*\}$' "$WORK/out" || true)
	[ "$bad" = 0 ] || fail "$bad stdout lines are not one-line JSON records"
	pass
}

# A file of bytes that must all be valid UTF-8 (iconv is part of libc-bin).
expect_utf8() {
	iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 || fail "$1 is not valid UTF-8"
	pass
}

done_ok() {
	echo "ok [$TEST_NAME]: $CHECKS checks"
}
