#!/bin/sh
# Live: `zonetop explain` on the eighth fresh corpus (tests/fixtures/
# oom-corpus-fresh8: public pastes, mostly mailing-list archives and
# web pages, that none of oom-corpus, oom-corpus-holdout and
# oom-corpus-fresh..fresh6 holds, with oracles committed before explain
# ran on them), with the same checker and rules as explain_corpus.sh; its
# misses are listed in its own known-misses.txt.
ZT_CORPUS=oom-corpus-fresh8 ZT_CORPUS_MIN=${ZT_CORPUS_MIN:-54} \
	exec sh "$(dirname "$0")/explain_corpus.sh"
