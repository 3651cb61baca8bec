# net_lib.bash - shared by tests/net/*.sh (sourced): tests/cli/lib.bash's
# helpers (run, expect_rc, expect_grep, ...; $NR is nettool here) plus a
# local HTTP server. Each test is called as
#   bash test.sh <path-to-nettool> <source-dir>
source "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.bash"
# libcurl honours the proxy variables: never for the local server.
export no_proxy=127.0.0.1,localhost NO_PROXY=127.0.0.1,localhost

# start_httpd: tests/helpers/httpd.py serving ./www on 127.0.0.1, a free
# port; sets $BASE (http://127.0.0.1:PORT) and $WWW. Waits for the port
# file with a timeout (no blind sleep); stopped when the test exits.
start_httpd() {
	WWW=$WORK/www
	mkdir -p "$WWW"
	python3 "$SRC/tests/helpers/httpd.py" --dir "$WWW" --lifetime 120 >/dev/null 2>"$WORK/httpd.err" &
	HTTPD_PID=$!
	trap 'kill $HTTPD_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
	local i
	for i in $(seq 1 200); do
		[ -s "$WWW/port" ] && break
		kill -0 "$HTTPD_PID" 2>/dev/null || fail "httpd.py died: $(cat "$WORK/httpd.err")"
		sleep 0.025
	done
	[ -s "$WWW/port" ] || fail "httpd.py gave no port within 5 s"
	BASE=http://127.0.0.1:$(cat "$WWW/port")
}

# json_get FILE LINE FIELD: one field of the LINE-th JSON line of FILE.
json_get() {
	python3 -c 'import json,sys
v = json.loads(open(sys.argv[1]).read().splitlines()[int(sys.argv[2]) - 1]).get(sys.argv[3])
print("null" if v is None else (str(v).lower() if isinstance(v, bool) else v))' "$@"
}

# now_ms: wall-clock milliseconds.
now_ms() { date +%s%3N; }

# expect_between VALUE LOW HIGH WHAT
expect_between() {
	[ "$1" -ge "$2" ] && [ "$1" -le "$3" ] || fail "$4: $1 not in [$2, $3]"
	pass
}
