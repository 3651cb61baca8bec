#!/usr/bin/env bash
# setup.sh - install what newsrules needs on Debian 12, then configure and
# build it into build/ with the tests on. Safe to run again: packages that
# are already there are not asked for, and the build is incremental.
#
#   scripts/setup.sh                  deps + build into build/
#   scripts/setup.sh --fuzz           also clang and libFuzzer (for fuzz/)
#   scripts/setup.sh --deps-only      install packages, build nothing
#   scripts/setup.sh -- -DNR_WERROR=ON   extra arguments go to cmake
#
# Environment: BUILD_DIR (default build), JOBS (default: number of cores).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-build}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
want_fuzz=0
deps_only=0
cmake_args=()

while [ $# -gt 0 ]; do
	case $1 in
	--fuzz) want_fuzz=1 ;;
	--deps-only) deps_only=1 ;;
	--) shift; cmake_args=("$@"); break ;;
	-h | --help)
		sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
		exit 0 ;;
	*) echo "setup.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
	esac
	shift
done

say() { printf 'setup: %s\n' "$*"; }

# What the build and the tests need: scripts/debian-packages.txt, whose
# "fuzz:" lines are only wanted with --fuzz, "ci:" lines only by .ci/run.
packages=()
while read -r line; do
	case $line in
	'#'* | '') ;;
	fuzz:*) [ "$want_fuzz" = 1 ] && packages+=("${line#fuzz: }") ;;
	ci:*) ;;
	*) packages+=("$line") ;;
	esac
done <"$root/scripts/debian-packages.txt"

missing=()
for p in "${packages[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case $status in
	*"install ok installed"*) ;;
	*) missing+=("$p") ;;
	esac
done

if [ ${#missing[@]} -gt 0 ]; then
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "setup.sh: missing packages (${missing[*]}) and no apt-get to install them" >&2
		exit 1
	fi
	sudo=()
	if [ "$(id -u)" != 0 ]; then
		if command -v sudo >/dev/null 2>&1; then
			sudo=(sudo)
		else
			echo "setup.sh: need root (or sudo) to install: ${missing[*]}" >&2
			exit 1
		fi
	fi
	say "installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	"${sudo[@]}" apt-get update -qq
	"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
	say "all packages present"
fi

[ "$deps_only" = 1 ] && exit 0

cd "$root"
# A build dir configured from another checkout (a copied tree) cannot be
# reused: CMake refuses it. Start it afresh instead of failing.
cache="$build_dir/CMakeCache.txt"
if [ -f "$cache" ] && ! grep -qx "CMAKE_HOME_DIRECTORY:INTERNAL=$root" "$cache"; then
	say "$build_dir was configured from another source tree; recreating it"
	rm -rf "$build_dir"
fi
say "configuring $build_dir"
cmake -S . -B "$build_dir" -DNR_BUILD_TESTS=ON ${cmake_args[@]+"${cmake_args[@]}"} >/dev/null
say "building with $jobs jobs"
cmake --build "$build_dir" -j "$jobs"
say "done: $build_dir/newsrules"
