#!/usr/bin/env bash
# check_abi.sh LIB MODULE HEADER MAJOR.MINOR - the ABI policy (docs/abi.md)
# as the built files show it:
#   - the shared library exports nr_* functions only, each under the
#     version node NEWSRULES_MAJOR.MINOR, and no internal nr_<module>__fn;
#   - its soname is libnewsrules.so.MAJOR.MINOR while MAJOR is 0;
#   - the Lua module exports luaopen_newsrules alone;
#   - the public header includes only standard C headers (no Lua,
#     libxml2, PCRE2 or jansson header reaches an embedder).
# Also run by .ci/run on the installed files.
set -euo pipefail
lib=$1 module=$2 header=$3 abi=$4
fail() { echo "check_abi: $*" >&2; exit 1; }

syms=$(nm -D --defined-only "$lib" | awk '{print $NF}' | sed 's/@.*//' | sort -u)
[ -n "$syms" ] || fail "$lib exports nothing"
other=$(grep -v -E '^(nr_[a-z0-9_]+|NEWSRULES_[0-9]+\.[0-9]+)$' <<<"$syms" || true)
[ -z "$other" ] || fail "$lib exports more than nr_*: $(echo $other)"
internal=$(grep -E '__' <<<"$syms" || true)
[ -z "$internal" ] || fail "$lib exports internal functions: $(echo $internal)"
grep -qx "NEWSRULES_$abi" <<<"$syms" || fail "$lib has no version node NEWSRULES_$abi"
unversioned=$(objdump -T "$lib" | awk '$NF ~ /^nr_/ && $(NF-1) != "NEWSRULES_'"$abi"'" {print $NF}')
[ -z "$unversioned" ] || fail "not under NEWSRULES_$abi: $(echo $unversioned)"
count=$(grep -c '^nr_' <<<"$syms")

soname=$(objdump -p "$lib" | awk '$1 == "SONAME" {print $2}')
case $abi in
0.*) [ "$soname" = "libnewsrules.so.$abi" ] || fail "soname $soname, want libnewsrules.so.$abi" ;;
*) [ "$soname" = "libnewsrules.so.${abi%%.*}" ] || fail "soname $soname, want libnewsrules.so.${abi%%.*}" ;;
esac

msyms=$(nm -D --defined-only "$module" | awk '{print $NF}' | sed 's/@.*//')
[ "$msyms" = "luaopen_newsrules" ] || fail "$module exports: $(echo $msyms)"

includes=$(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*//p' "$header")
bad=$(grep -v -E '^<(stddef|stdint|stdarg|stdbool)\.h>$' <<<"$includes" || true)
[ -z "$bad" ] || fail "$header includes $(echo $bad)"

echo "check_abi: $count nr_* symbols under NEWSRULES_$abi, soname $soname; module exports luaopen_newsrules only; header includes $(echo $includes)"
