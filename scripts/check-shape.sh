#!/usr/bin/env bash
# check-shape.sh - the limits that keep the sources readable, checked by
# .ci/run (issue #10):
#   - no .c file in core/, bindings/ or cli/ over 1,200 lines;
#   - no function over 120 lines, at most 5 over 80 (ctags);
#   - no two static functions of the same name in one target (core, bindings);
#   - the core never includes Lua's headers.
# Prints what breaks a limit and exits 1; prints a one-line summary otherwise.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v ctags >/dev/null || { echo "check-shape: needs ctags (universal-ctags)" >&2; exit 2; }

fail=0
mapfile -t files < <(git ls-files 'core/*.c' 'bindings/*.c' 'cli/*.c')

while read -r n f; do
	[ "$f" = total ] && continue
	if [ "$n" -gt 1200 ]; then echo "check-shape: $f has $n lines (limit 1,200)"; fail=1; fi
done < <(wc -l "${files[@]}")

# name file line end -> length
lengths=$(ctags -x --c-kinds=f --fields=+ne --_xformat='%N %F %n %{end}' "${files[@]}" |
	awk '{print $4 - $3 + 1, $1, $2 ":" $3}' | sort -rn)
over120=$(awk '$1 > 120' <<<"$lengths")
over80=$(awk '$1 > 80' <<<"$lengths")
n80=$(grep -c . <<<"$over80" || true)
if [ -n "$over120" ]; then
	echo "check-shape: functions over 120 lines:"; echo "$over120"; fail=1
fi
if [ "$n80" -gt 5 ]; then
	echo "check-shape: $n80 functions over 80 lines (at most 5):"; echo "$over80"; fail=1
fi

for target in core bindings; do
	dups=$(git ls-files "$target/*.c" | xargs ctags -x --c-kinds=f --_xformat='%N %F' |
		awk '{print $1}' | sort | uniq -d)
	if [ -n "$dups" ]; then
		echo "check-shape: function names defined twice in $target/:"
		for d in $dups; do
			git ls-files "$target/*.c" | xargs ctags -x --c-kinds=f --_xformat='%N %F:%n' |
				awk -v d="$d" '$1 == d {print "  " $0}'
		done
		fail=1
	fi
done

if git grep -lE '#include <(lua|lauxlib|lualib)\.h>' -- core/ >/dev/null; then
	echo "check-shape: the core includes Lua headers:"; git grep -nE '#include <(lua|lauxlib|lualib)\.h>' -- core/
	fail=1
fi

[ "$fail" = 0 ] || exit 1
nfn=$(grep -c . <<<"$lengths")
echo "check-shape: ${#files[@]} files, $nfn functions; longest $(head -n 1 <<<"$lengths" | awk '{print $1 " lines (" $2 ")"}'); $n80 over 80 lines"
