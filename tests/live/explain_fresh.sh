#!/bin/sh
# Live: `zonetop explain` on the fresh corpus (tests/fixtures/
# oom-corpus-fresh: public pastes from bug trackers, forums and blogs
# that neither oom-corpus nor oom-corpus-holdout holds, gathered for
# issue "generalisation" with oracles written before explain ran on
# them), with the same checker and rules as explain_corpus.sh; its
# misses are listed in its own known-misses.txt.
ZT_CORPUS=oom-corpus-fresh ZT_CORPUS_MIN=${ZT_CORPUS_MIN:-40} \
	exec sh "$(dirname "$0")/explain_corpus.sh"
