#!/usr/bin/env bash
# The complete example of docs/embedding.md, compiled against the library
# next to the binary under test and the public header, and run over the
# examples with the shipped pack: alerts copied out of the callback and
# printed after the articles are freed, statistics merged across workers.
. "$(dirname "$0")/lib.bash"

lib=$(dirname "$NR")
awk '/<!-- example: monitor.c -->/ { on = 1; next }
     on && /^```c$/ { code = 1; next }
     code && /^```$/ { exit }
     code { print }' "$SRC/docs/embedding.md" >monitor.c
[ -s monitor.c ] || fail "no example block in docs/embedding.md"
grep -q 'int main' monitor.c || fail "the example block has no main()"; pass

# A sanitized library needs its runtime in the program too.
# (ldd's output is read whole first: `ldd | grep -q` under pipefail fails
# when grep stops reading before ldd has written everything.)
san=()
deps=$(ldd "$lib/libnewsrules.so")
case $deps in *libasan*) san+=(-fsanitize=address) ;; esac
case $deps in *libubsan*) san+=(-fsanitize=undefined) ;; esac
case $deps in *libtsan*) san+=(-fsanitize=thread) ;; esac
cc -std=c11 -Wall -Wextra -Werror -pthread "${san[@]}" -I"$SRC/include" -o monitor monitor.c \
	-L"$lib" -lnewsrules -Wl,-rpath,"$lib" 2>err || fail "the example does not compile"
pass

./monitor "$SRC/rules" "$SRC"/examples/articles/* >out 2>err || fail "the example failed"
grep -q $'^medium\taccusation\t' out || fail "no accusation alert"; pass
grep -q $'^high\tthreat\t' out || fail "no threat alert"; pass
grep -Eq '^# accusation: [1-9][0-9]* runs, [1-9][0-9]* alerts' out || fail "no merged stats"; pass
# Every alert the command gives, the example gives (same rules, same articles).
"$NR" scan --format jsonl --rules "$SRC/rules" "$SRC"/examples/articles/* >scan.jsonl 2>/dev/null || true
want=$(grep -c '"rule"' scan.jsonl)
got=$(grep -vc '^#' out)
[ "$want" = "$got" ] || fail "the example printed $got alerts, scan $want"; pass
echo "ok [$TEST_NAME] $CHECKS checks"
