#!/usr/bin/env bash
# User lexicons everywhere: --lexicon NAME=FILE on scan, check and test, a
# rules directory's lexicons/ folder, a persons lexicon the extractors
# read, bad rows as warnings with file:line, and `newsrules lexicons`.
source "$(dirname "$0")/lib.bash"

FIX=$SRC/tests/fixtures/lexicon

# ---- a watch list of people, and a rule that alerts when one is quoted ----

run scan --lexicon watch="$FIX/watchlist.txt" -r "$FIX/rules" "$FIX/watch_article.txt"
expect_rc 0 "scan --lexicon"
expect_lines out 2
expect_grep '"rule":"watched-person-quoted"' out 2
expect_grep '"message":"Mariam Haddad is quoted".*"text":"\\"We will not accept these terms,\\""' out
expect_grep '"text":"\\"The port will stay closed until the authority listens,\\""' out
expect_no_grep 'Lindqvist' out

run test -L watch="$FIX/watchlist.txt" "$FIX/rules"
expect_rc 0 "test -L"
expect_grep '^2 passed, 0 failed$' out

run check -L watch="$FIX/watchlist.txt" "$FIX/rules"
expect_rc 0 "check -L"
expect_grep '^1 files, 1 rules: 0 errors, 0 warnings$' out

# The same rule as docs/rules.md shows it ("Your own lexicons").
mkdir docrules
awk '/^```lua watchlist$/ { on = 1; next } on && /^```$/ { exit } on' \
	"$SRC/docs/rules.md" >docrules/watched.lua
[ -s docrules/watched.lua ] || fail "no lua watchlist block in docs/rules.md"
pass
run test -L watch="$FIX/watchlist.txt" docrules
expect_rc 0 "test of the guide's rule"
expect_grep '^2 passed, 0 failed$' out
run scan -L watch="$FIX/watchlist.txt" -r docrules "$FIX/watch_article.txt"
expect_rc 0 "scan with the guide's rule"
expect_grep '"message":"Mariam Haddad is quoted"' out 2

# Without the list the rule file cannot load, and says what exists.
run check "$FIX/rules"
expect_rc 1 "check without the lexicon"
expect_grep "^error: .*watched_quoted.lua:3: news.lexicon: no lexicon 'watch' \(built-in: countries, .*persons; none loaded\)" out

# ---- a plain list with bad entries: warnings with file:line, rules load ----

printf '# watch\nMariam Haddad\nBad \xff name\n\n%s\none\ttwo\tthree\tfour\n' \
	"$(printf 'x%.0s' $(seq 1 210))" >bad.txt
run check -L watch=bad.txt "$FIX/rules"
expect_rc 0 "check with bad rows"
expect_grep '^warning: bad.txt:3: invalid UTF-8; skipped$' out
expect_grep "^warning: bad.txt:5: form 'x{40}\.\.\.' is empty or longer than 200 bytes; skipped$" out
expect_grep '^warning: bad.txt:6: 4 columns, a user lexicon takes 1 to 3; skipped$' out
expect_grep '^1 files, 1 rules: 0 errors, 3 warnings$' out

run scan -L watch=bad.txt -r "$FIX/rules" "$FIX/watch_article.txt"
expect_rc 0 "scan with bad rows"
expect_lines out 2
expect_grep '^newsrules: warning: bad.txt:3: invalid UTF-8; skipped$' err

# A missing file is an error naming it; a malformed option a usage error.
run scan -L watch=missing.txt -r "$FIX/rules" "$FIX/watch_article.txt"
expect_rc 3 "scan with a missing lexicon"
expect_grep "^newsrules: error: missing.txt: No such file or directory \(lexicon 'watch'\)$" err
run check -L watch=missing.txt "$FIX/rules"
expect_rc 1 "check with a missing lexicon"
expect_grep "^error: missing.txt: No such file or directory \(lexicon 'watch'\)$" out
run check --lexicon watch "$FIX/rules"
expect_rc 2 "-L without a file"
expect_grep "--lexicon wants NAME=FILE, not 'watch'" err
run test -L 'Watch List=bad.txt' "$FIX/rules"
expect_rc 1 "a bad lexicon name"
expect_grep "bad.txt: invalid lexicon name 'Watch List' \(want \[a-z0-9_.-\]\+\)" err

# ---- a rules directory's lexicons/ folder ----

mkdir -p rules/lexicons
cp "$FIX/rules/watched_quoted.lua" rules/
cp "$FIX/watchlist.txt" rules/lexicons/watch.txt
printf 'this is not a rule (\n' >rules/lexicons/not_walked.lua
run scan -r rules "$FIX/watch_article.txt"
expect_rc 0 "scan with a lexicons/ folder"
expect_grep '"rule":"watched-person-quoted"' out 2
run test rules
expect_rc 0 "test with a lexicons/ folder"
expect_grep '^2 passed, 0 failed$' out
run check rules/watched_quoted.lua
expect_rc 0 "check of one file next to lexicons/"
expect_grep '^1 files, 1 rules: 0 errors, 0 warnings$' out

# ---- persons: names the extractors take as people ----

printf 'Talks resumed on Monday. Jordan Henderson said the deal was close.\n' >henderson.txt
run inspect henderson.txt
expect_rc 0 "inspect"
expect_no_grep '"name":"Jordan Henderson",[^{}]*"type":"person"' out
printf 'Jordan Henderson\n' >persons.txt
run inspect -L persons=persons.txt henderson.txt
expect_rc 0 "inspect -L persons"
expect_grep '"name":"Jordan Henderson",[^{}]*"type":"person"' out
cat >people.lua <<'EOF'
rule { id = "people", title = "People", severity = "info", keywords = { "said" },
  examples = { { text = "Ann Lee said so.", expect = 1 } },
  match = function(a)
    for e in a:entities("person") do a:alert{ message = e.name, actor = e } end
  end }
EOF
run scan -L persons=persons.txt -r people.lua henderson.txt
expect_rc 0 "scan -L persons"
expect_grep '"message":"Jordan Henderson"' out 1

# ---- newsrules lexicons ----

run lexicons
expect_rc 0 "lexicons"
expect_grep '^lexicon +rows +forms +source$' out
for name in countries locations first_names titles organizations org_cues government_actors \
	speech_verbs verbs function_words word_classes cameo_verbs actor_kinds persons; do
	expect_grep "^$name +[0-9]+ +[0-9]+  built-in" out 1
done
expect_grep '^organizations +422 +862  built-in$' out
expect_grep '^ +(classes: )?.*militant [0-9]+' out

run lexicons -L watch="$FIX/watchlist.txt" -L persons=persons.txt
expect_rc 0 "lexicons -L"
expect_grep '^watch +2 +2  loaded$' out
expect_grep '^persons +1 +1  built-in \+ 1 loaded row$' out

run lexicons -r rules --format json
expect_rc 0 "lexicons -r --format json"
expect_grep '^\{"lexicon":"watch","builtin":false,"rows":2,"forms":2,"loaded_rows":2,"classes":\{\}\}$' out
expect_grep '^\{"lexicon":"organizations","builtin":true,"rows":422,.*"militant":[0-9]+' out

run lexicons organizations
expect_rc 0 "lexicons organizations"
expect_grep $'^United Nations\tUnited Nations\tintergovernmental$' out 1
expect_grep $'^=UN\tUnited Nations\tintergovernmental$' out 1
expect_grep $'^United Nations Office for the Coordination of Humanitarian Affairs\t' out 1
[ "$(nlines out)" -ge 800 ] || fail "lexicons organizations: $(nlines out) lines"
pass
run lexicons organizations:militant
expect_rc 0 "lexicons NAME:CLASS"
expect_no_grep $'\t(company|agency)$' out
expect_grep $'^Taliban\tTaliban\tmilitant$' out 1
run lexicons -L watch="$FIX/watchlist.txt" watch
expect_rc 0 "lexicons watch"
expect_lines out 2
expect_grep $'^Mariam Haddad\tMariam Haddad\t$' out
run lexicons planets
expect_rc 2 "an unknown lexicon"
expect_grep "no lexicon 'planets' \(built-in: countries," err
run lexicons countries:planet
expect_rc 2 "an unknown class"
expect_grep "no entry of class 'planet' in 'countries'" err

# The forms printed are a user lexicon: they load back as one.
run lexicons speech_verbs:deny
sed 's/\t.*//' out >deny.txt
run lexicons -L mydeny=deny.txt mydeny
expect_rc 0 "a listing loads back"
expect_grep '^denied' out

done_ok
