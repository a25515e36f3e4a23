#!/bin/sh
# Live: make check's module graph step (scripts/modgraph.py --check) on
# this tree and on small made-up trees.  This tree: no include cycle in
# src/ or ui/, no function over 120 lines.  Made up: two modules that
# include each other's header fail, naming both; a cycle through a .c
# file without a header of its name (out.h implemented by json.c, as
# json_out.c implements output.h) fails too; a chain passes; a function
# of 121 lines fails, one of 120 passes.
. "$(dirname "$0")/../lib.sh"
plan 9
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root=$(cd "$(dirname "$0")/../.." && pwd)
mg="$root/scripts/modgraph.py"
command -v python3 >/dev/null || skip_all "python3 missing"

out=$(cd "$root" && python3 "$mg" --check src ui 2>&1); rc=$?
check "this tree: modgraph --check passes" [ $rc -eq 0 ]
contains "this tree: 0 include cycles" "$out" " 0 include cycles"

# mod DIR NAME INCLUDES...: NAME.h and NAME.c (defining NAME_f), NAME.c
# including each header named after it
mod() {
	_d=$1 _m=$2; shift 2
	mkdir -p "$_d"
	printf 'int %s_f(void);\n' "$_m" >"$_d/$_m.h"
	{ printf '#include "%s.h"\n' "$_m"; for _i; do printf '#include "%s.h"\n' "$_i"; done
	  printf 'int\n%s_f(void)\n{\n\treturn 0;\n}\n' "$_m"; } >"$_d/$_m.c"
}

mod "$tmp/two/src" a b
mod "$tmp/two/src" b a
out=$(cd "$tmp/two" && python3 "$mg" --check src 2>&1); rc=$?
check "a <-> b: fails" [ $rc -eq 1 ]
contains "a <-> b: named" "$out" "cycle in src: src/a <-> src/b"

# out.h is implemented by json.c (no json.h); vm.c calls into it and
# json.c includes vm.h: a cycle the file names alone do not show
mkdir -p "$tmp/hidden/src"
printf 'int out_text(void);\n' >"$tmp/hidden/src/out.h"
printf '#include "out.h"\n#include "vm.h"\nint\nout_text(void)\n{\n\treturn vm_f();\n}\n' \
    >"$tmp/hidden/src/json.c"
mod "$tmp/hidden/src" vm out
out=$(cd "$tmp/hidden" && python3 "$mg" --check src 2>&1); rc=$?
check "a cycle through a file implementing another's header: fails" [ $rc -eq 1 ]
contains "that cycle: named" "$out" "cycle in src: src/out <-> src/vm"

mod "$tmp/chain/src" a b
mod "$tmp/chain/src" b
out=$(cd "$tmp/chain" && python3 "$mg" --check src 2>&1); rc=$?
check "a -> b: passes" [ $rc -eq 0 ]

# long NLINES: a function spanning NLINES lines, header to closing brace
long() {
	mkdir -p "$tmp/long$1/src"
	{ printf 'int\nlong_f(void)\n{\n\tint x = 0;\n'
	  _k=0; while [ $_k -lt $(($1 - 6)) ]; do printf '\tx++;\n'; _k=$((_k + 1)); done
	  printf '\treturn x;\n}\n'; } >"$tmp/long$1/src/long.c"
	(cd "$tmp/long$1" && python3 "$mg" --check src >/dev/null 2>&1)
}
long 121; rc=$?
check "a function of 121 lines: fails" [ $rc -eq 1 ]
long 120; rc=$?
check "a function of 120 lines: passes" [ $rc -eq 0 ]
done_testing
