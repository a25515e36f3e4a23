#!/bin/sh
# Live: `zonetop explain` on the third fresh corpus (tests/fixtures/
# oom-corpus-fresh3: public pastes from bug trackers, mailing-list
# archives, knowledge bases, Q&A mirrors and blogs that none of
# oom-corpus, oom-corpus-holdout, oom-corpus-fresh and oom-corpus-fresh2
# holds, with oracles committed before explain ran on them), with the
# same checker and rules as explain_corpus.sh; its misses are listed in
# its own known-misses.txt.
ZT_CORPUS=oom-corpus-fresh3 ZT_CORPUS_MIN=${ZT_CORPUS_MIN:-40} \
	exec sh "$(dirname "$0")/explain_corpus.sh"
