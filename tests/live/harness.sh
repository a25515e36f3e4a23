#!/bin/sh
# The harness itself cannot report green for checks that did not run:
# the real checkers of oomkill.sh and explain.sh fed bad input (empty
# samples, a renamed key) fail; a checker that dies halfway fails;
# tests/run.sh fails a script with no plan or a short run, counts skips
# apart, counts a failing unit test once, and refuses ZT_GOLDEN_UPDATE
# (so does .ci/run).
. "$(dirname "$0")/../lib.sh"
plan 18
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# heredoc NAME FILE START: the checker program of a test script, from
# the line matching START to its closing PY
heredoc() { awk -v s="$3" 'index($0, s) { on = 1; next } on && /^PY$/ { exit } on' "$2" >"$tmp/$1.py"; }
# verdict FILE: the checks checker_out makes of a checker's output, run
# in a subshell with its own count: prints "pass" or "fail"
verdict() {
	( _n=0 _failed=0; checker_out "$1" "$2" "t" >"$tmp/v.out"
	  [ "$_failed" -eq 0 ] && echo pass || echo fail )
}

# a checker that passes one check, then dies on a missing key
printf 'print("ok one")\nd = {}\nd["kernel_log"]\nprint("ok two")\n' >"$tmp/die.py"
python3 "$tmp/die.py" >"$tmp/out" 2>&1
check "a checker dying on a KeyError fails" test "$(verdict $? "$tmp/out")" = fail
grep -q '^not ok .*unrecognised output' "$tmp/v.out"
check "its traceback is unrecognised output, a failed check" [ $? -eq 0 ]
grep -q '^not ok .*the checker exited 1' "$tmp/v.out"
check "its exit status is a failed check" [ $? -eq 0 ]
printf 'print("ok fine")\nprint("stray")\n' >"$tmp/stray.py"
python3 "$tmp/stray.py" >"$tmp/out" 2>&1
check "a stray line of checker output fails" test "$(verdict $? "$tmp/out")" = fail

# the live OOM checker (tests/live/oomkill.sh): 60 empty samples, and 60
# whose kernel_log key was renamed: never a pass
heredoc oom "$root/tests/live/oomkill.sh" '"$py" - "$tmp/out.json" "$victim"'
check "the oomkill checker was found" grep -q 'the kernel log was read' "$tmp/oom.py"
i=0; : >"$tmp/empty.json"; : >"$tmp/renamed.json"
while [ $i -lt 60 ]; do
	echo '{}' >>"$tmp/empty.json"
	echo '{"kernel_log_renamed": {"read": true}, "events": [], "oom_kills": 0}' >>"$tmp/renamed.json"
	i=$((i + 1))
done
python3 - "$tmp/empty.json" 4242 /zt-oom-x <"$tmp/oom.py" >"$tmp/out" 2>&1
check "oomkill checker, 60 {} samples: fails" test "$(verdict $? "$tmp/out")" = fail
python3 - "$tmp/renamed.json" 4242 /zt-oom-x <"$tmp/oom.py" >"$tmp/out" 2>&1
check "oomkill checker, kernel_log renamed: fails" test "$(verdict $? "$tmp/out")" = fail

# the explain checker on the real output passes; with a key renamed or
# a value changed it fails
seed="$ZT_FIXTURES/oom/seed-4.4-kvm-balloon.txt"
heredoc explain "$root/tests/live/explain.sh" 'python3 - "$tmp/out.json"'
"$ZT_BIN" explain "$seed" --format json >"$tmp/x.json" 2>/dev/null
python3 - "$tmp/x.json" <"$tmp/explain.py" >"$tmp/out" 2>&1
check "explain checker, the real output: passes" test "$(verdict $? "$tmp/out")" = pass
sed 's/"verdict"/"verdicts"/' "$tmp/x.json" >"$tmp/y.json"
python3 - "$tmp/y.json" <"$tmp/explain.py" >"$tmp/out" 2>&1
check "explain checker, verdict renamed: fails" test "$(verdict $? "$tmp/out")" = fail
sed 's/"free_kb":3948/"free_kb":3949/' "$tmp/x.json" >"$tmp/y.json"
check "the value to change is there" sh -c '! cmp -s "$1" "$2"' _ "$tmp/x.json" "$tmp/y.json"
python3 - "$tmp/y.json" <"$tmp/explain.py" >"$tmp/out" 2>&1
check "explain checker, DMA32 free off by one: fails" test "$(verdict $? "$tmp/out")" = fail

# tests/run.sh's counting, on made-up outputs
mkdir -p "$tmp/t/live"
printf '#!/bin/sh\necho "ok 1 - a"\n' >"$tmp/t/live/noplan.sh"
printf '#!/bin/sh\necho 1..3; echo "ok 1 - a"; echo "ok 2 - b"\n' >"$tmp/t/live/short.sh"
printf '#!/bin/sh\necho 1..2; echo "ok 1 - a"; echo "ok 2 - # SKIP no frob here"\n' >"$tmp/t/live/skip.sh"
printf '#!/bin/sh\necho "1..0 # SKIP nothing to do"\n' >"$tmp/t/live/skipall.sh"
# a cmocka binary's TAP: one failure, one skip, then a crash
printf '#!/bin/sh\nprintf "1..4\\nok 1 - a\\nnot ok 2 - b\\n# 1 != 2\\nnot ok 3 # SKIP c\\n"; exit 1\n' >"$tmp/t/unit"
chmod +x "$tmp/t/unit"
(cd "$root" && sh tests/run.sh "$tmp/t/live/noplan.sh") >"$tmp/r" 2>&1
check "run.sh: a script without a plan fails" grep -q 'noplan .* 1 failed .*(no plan)' "$tmp/r"
(cd "$root" && sh tests/run.sh "$tmp/t/live/short.sh") >"$tmp/r" 2>&1
check "run.sh: a script that stops early fails" grep -q 'planned 3, ran 2' "$tmp/r"
(cd "$root" && sh tests/run.sh "$tmp/t/live/skip.sh" "$tmp/t/live/skipall.sh") >"$tmp/r" 2>&1
check "run.sh: skips counted apart, closing line last" test "$(tail -1 "$tmp/r")" = "1 passed, 0 failed, 2 skipped"
check "run.sh: each skip named" grep -q 'live/skip: no frob here' "$tmp/r"
(cd "$root" && sh tests/run.sh "$tmp/t/unit") >"$tmp/r" 2>&1
check "run.sh: one failing unit test is one failure, a crash one more" \
    test "$(tail -1 "$tmp/r")" = "1 passed, 2 failed, 1 skipped"
(cd "$root" && ZT_GOLDEN_UPDATE=1 sh tests/run.sh "$tmp/t/live/skip.sh") >"$tmp/r" 2>&1
check "run.sh refuses ZT_GOLDEN_UPDATE" test $? -eq 2
(cd "$root" && ZT_GOLDEN_UPDATE=1 bash .ci/run) >"$tmp/r" 2>&1
check ".ci/run refuses ZT_GOLDEN_UPDATE" test $? -eq 2 -a -n "$(grep 'never rewrites' "$tmp/r")"
done_testing
