# watch_dedup.sh - near-duplicate stories: a copy of a story from another
# source (cut, with its own first line and headline) gives no alert the
# story gave (same rule, actor, target) and one "duplicate_of" record; an
# alert the story had not given goes out, marked "duplicate_of"; the
# window survives a restart with the same --state; an unrelated article
# and --no-dedup give every alert.
source "$(dirname "$0")/lib.bash"
source "$SRC/tests/cli/watch_lib.bash"

mkdir rules in
every_rule rules/every.lua
cat >rules/herald.lua <<'LUA'
rule {
  id = "herald", title = "The Herald named", severity = "info", keywords = { "Herald" },
  match = function(article) article:alert{ message = "Herald in " .. article.id } end,
}
LUA
# The story (the bundled VOA article's body), a copy cut to two thirds
# with its own headline and first line naming the Herald,
# and an unrelated article.
python3 - "$SRC/examples/articles/voa-haqqani.txt" <<'PY'
import sys
paras = [p for p in open(sys.argv[1]).read().split("\n\n") if p.strip()]
body = paras[1:]
open("story.txt", "w").write("White House presses Pakistan\n\n" + "\n\n".join(body) + "\n")
cut = body[: len(body) * 2 // 3]
open("copy.txt", "w").write("Pakistan told to cut Haqqani ties\n\nISLAMABAD (Daily Herald) - "
                            "Officials welcomed the call.\n\n" + "\n\n".join(cut) + "\n")
open("other.txt", "w").write("Rates held\n\nThe central bank left its main interest rate "
                             "unchanged at 4.25 percent on Thursday, saying inflation was easing "
                             "more slowly than expected, and economists had widely expected it.\n")
PY

start_watch -r rules --state st in
cp story.txt in/wire-story.txt
wait_until 5 has_lines 1 out '"rule":"every"'
cp copy.txt in/daily-copy.txt
wait_until 5 has_lines 1 out '"duplicate_of"'
cp other.txt in/rates.txt
wait_until 5 has_lines 2 out '"rule":"every"'
stop_watch
expect_rc 0
# One "every" alert for the story, none for the copy, one for the other.
expect_grep '"rule":"every"' out 2
expect_grep '"rule":"every".*"id":"in/wire-story.txt"' out 1
expect_grep '"rule":"every".*"id":"in/rates.txt"' out 1
# The copy's new alert goes out, naming the story's first copy.
expect_grep '"rule":"herald".*"id":"in/daily-copy.txt".*"duplicate_of":"in/wire-story.txt"' out 1
# The record of the copy: what it held back.
expect_grep '^\{"duplicate_of":"in/wire-story.txt","article":"in/daily-copy.txt","source":"in/daily-copy.txt","containment":(0\.[0-9]{1,2}|1\.0),"suppressed":1\}$' out 1
n=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(
    "SELECT count(*) FROM duplicates WHERE duplicate_of = ? AND rule = ?", ("in/wire-story.txt", "every")).fetchone()[0])' st/state.db)
[ "$n" = 1 ] || fail "duplicates table: $n rows"
pass

# A restart with the same state: a third copy (the story again, under
# another name) is still within the window; nothing is delivered twice.
: >out
start_watch -r rules --state st in
cp story.txt in/agency-story.txt
wait_until 5 has_lines 1 out '"duplicate_of"'
stop_watch
expect_rc 0
expect_grep '"rule":"every"' out 0
expect_grep '"article":"in/agency-story.txt".*"suppressed":1' out 1
pass

# --no-dedup: every article's alerts; a window of 1 s: the copy is a new story.
rm -rf in2 st2 && mkdir in2 && cp story.txt in2/a.txt && cp copy.txt in2/b.txt
: >out
start_watch -r rules --no-dedup --state st2 in2
wait_until 5 has_lines 2 out '"rule":"every"'
stop_watch
expect_grep '"duplicate_of"' out 0
pass
run watch --dedup-window 0 in2 </dev/null
expect_rc 2 "a window of 0"
expect_grep 'dedup-window wants a duration' err
run watch --dedup-threshold 1.5 in2 </dev/null
expect_rc 2 "a threshold over 1"
pass
echo "ok [$TEST_NAME]: $CHECKS checks"
