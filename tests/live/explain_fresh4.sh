#!/bin/sh
# Live: `zonetop explain` on the fourth fresh corpus (tests/fixtures/
# oom-corpus-fresh4: public pastes from bug trackers, mailing-list
# archives and blogs that none of oom-corpus, oom-corpus-holdout,
# oom-corpus-fresh, oom-corpus-fresh2 and oom-corpus-fresh3 holds, with
# oracles committed before explain ran on them), with the same checker
# and rules as explain_corpus.sh; its misses are listed in its own
# known-misses.txt.
ZT_CORPUS=oom-corpus-fresh4 ZT_CORPUS_MIN=${ZT_CORPUS_MIN:-39} \
	exec sh "$(dirname "$0")/explain_corpus.sh"
