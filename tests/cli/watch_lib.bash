# watch_lib.bash - helpers for the tests of `newsrules watch` (sourced
# after lib.bash; not a test itself: CTest runs tests/cli/*.sh). The
# watcher runs in the background; every wait polls with a deadline.

WATCH_PID=
HTTPD_PID=
watch_cleanup() {
	[ -n "$WATCH_PID" ] && kill -9 "$WATCH_PID" 2>/dev/null
	[ -n "$HTTPD_PID" ] && kill "$HTTPD_PID" 2>/dev/null
	rm -rf "$WORK"
}
trap watch_cleanup EXIT

# A rule file that alerts once on every article, naming it; `$2` goes in
# a comment (a new generation has a new hash).
every_rule() { # FILE [MARK] [ID]
	cat >"$1" <<LUA
-- ${2:-0}
rule {
  id = "${3:-every}", title = "Every article", severity = "info",
  match = function(article) article:alert{ message = "seen " .. article.id } end,
}
LUA
}

# JSON Lines records a<FROM>..a<TO>.
records() { # FROM TO
	local i
	for ((i = $1; i <= $2; i++)); do
		printf '{"id":"a%d","title":"Story %d","text":"Story number %d is here."}\n' "$i" "$i" "$i"
	done
}

# start_watch ARGS...: the watcher in the background, stdout in ./out,
# stderr in ./err (appended: a restart keeps the first run's lines).
start_watch() {
	"$NR" watch "$@" >>"$WORK/out" 2>>"$WORK/err" 3>&- &
	WATCH_PID=$!
}

# start_watch_stdin FILE ARGS...: the same with FILE (a FIFO) on stdin
# (a background command's stdin would be /dev/null).
start_watch_stdin() {
	local in=$1
	shift
	"$NR" watch "$@" <"$in" >>"$WORK/out" 2>>"$WORK/err" 3>&- &
	WATCH_PID=$!
}

# wait_until SECONDS COMMAND...: poll COMMAND every 20 ms until it
# succeeds; fail after SECONDS.
wait_until() {
	local secs=$1
	shift
	local end=$((SECONDS + secs + 1)) t0
	t0=$(date +%s%N)
	while ! "$@"; do
		if [ "$SECONDS" -ge "$end" ] || [ $(($(date +%s%N) - t0)) -ge $((secs * 1000000000)) ]; then
			fail "timed out after ${secs}s waiting for: $*"
		fi
		sleep 0.02
	done
}

# Lines in FILE matching PATTERN, at least N?
has_lines() { # N FILE [PATTERN]
	local n
	if [ $# -ge 3 ]; then n=$(grep -c -E -- "$3" "$2" 2>/dev/null || true); else n=$(nlines "$2"); fi
	[ "${n:-0}" -ge "$1" ]
}

# stop_watch [SIGNAL]: signal the watcher (TERM) and wait for it; its
# exit status in $RC.
stop_watch() {
	kill -"${1:-TERM}" "$WATCH_PID"
	wait_exit
}

# wait_exit: wait (30 s at most) for the watcher to end; its status in $RC.
wait_exit() {
	wait_until 30 gone "$WATCH_PID"
	RC=0
	wait "$WATCH_PID" || RC=$?
	WATCH_PID=
}
gone() { ! kill -0 "$1" 2>/dev/null || [ "$(ps -o stat= -p "$1")" = Z ]; }

# Article ids of the alerts in FILE, one a line, sorted (repeats kept).
alert_ids() {
	python3 -c '
import json, sys
for line in open(sys.argv[1]):
    o = json.loads(line)
    if "rule" in o:
        print(o["article"]["id"])
' "$1" | sort
}

# start_httpd: tests/helpers/httpd.py serving ./www; $BASE its URL.
start_httpd() {
	mkdir -p "$WORK/www"
	python3 "$SRC/tests/helpers/httpd.py" --dir "$WORK/www" --lifetime 120 >/dev/null 2>&1 &
	HTTPD_PID=$!
	wait_until 5 test -s "$WORK/www/port"
	BASE=http://127.0.0.1:$(cat "$WORK/www/port")
}
