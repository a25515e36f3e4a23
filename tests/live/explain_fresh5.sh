#!/bin/sh
# Live: `zonetop explain` on the fifth fresh corpus (tests/fixtures/
# oom-corpus-fresh5: public pastes from bug trackers, knowledgebases and
# mailing-list archives that none of oom-corpus, oom-corpus-holdout and
# oom-corpus-fresh..fresh4 holds, with oracles committed before explain
# ran on them), with the same checker and rules as explain_corpus.sh;
# its misses are listed in its own known-misses.txt.
ZT_CORPUS=oom-corpus-fresh5 ZT_CORPUS_MIN=${ZT_CORPUS_MIN:-32} \
	exec sh "$(dirname "$0")/explain_corpus.sh"
