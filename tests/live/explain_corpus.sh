#!/bin/sh
# Live: `zonetop explain` on the real-report corpus
# (tests/fixtures/oom-corpus): every field of every report against its
# hand-written oracle, one line per report-field, then the hit rate per
# field.  Misses listed in known-misses.txt show as TODO; a new miss, or
# a listed one that now passes, fails.  ZT_CORPUS_STRICT=1 fails on every
# miss.  ZT_CORPUS names another corpus directory under tests/fixtures
# (same layout, e.g. oom-corpus-holdout) and ZT_CORPUS_MIN the least
# number of reports it must hold; unset, they are oom-corpus and 40.
. "$(dirname "$0")/../lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
corpus="$ZT_FIXTURES/${ZT_CORPUS:-oom-corpus}"
min=${ZT_CORPUS_MIN:-40}
strict=
[ "${ZT_CORPUS_STRICT:-0}" = 1 ] && strict=--strict

python3 "$(dirname "$0")/explain_corpus.py" --bin "$ZT_BIN" --dir "$corpus" \
	$strict >"$tmp/out" 2>"$tmp/err"
rc=$?
# one check per line the checker printed (its "#" lines are comments), and two more
plan $((2 + $(grep -vc '^#' "$tmp/out")))
check "the corpus checker runs" [ $rc -eq 0 ]
[ -s "$tmp/err" ] && sed 's/^/# /' "$tmp/err"
n=$(grep -cE '#[0-9]+ kind($|[ :])' "$tmp/out")
check "the corpus holds at least $min reports ($n)" [ "$n" -ge "$min" ]
while read -r st rest; do
	case $st in
	ok) ok "$rest" ;;
	todo) ok "# TODO known miss $rest" ;;
	notok) notok "$rest" ;;
	'#') echo "# $rest" ;;
	*) notok "checker said: $st $rest" ;;
	esac
done <"$tmp/out"
done_testing
