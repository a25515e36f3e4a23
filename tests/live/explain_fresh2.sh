#!/bin/sh
# Live: `zonetop explain` on the second fresh corpus (tests/fixtures/
# oom-corpus-fresh2: public pastes from bug trackers, Q&A sites and blogs
# that none of oom-corpus, oom-corpus-holdout and oom-corpus-fresh holds,
# with oracles committed before explain ran on them), with the same
# checker and rules as explain_corpus.sh; its misses are listed in its
# own known-misses.txt.
ZT_CORPUS=oom-corpus-fresh2 ZT_CORPUS_MIN=${ZT_CORPUS_MIN:-40} \
	exec sh "$(dirname "$0")/explain_corpus.sh"
