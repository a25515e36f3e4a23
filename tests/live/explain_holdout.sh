#!/bin/sh
# Live: `zonetop explain` on the held-out corpus (tests/fixtures/
# oom-corpus-holdout: reports made on this kind of machine and public
# pastes the main corpus does not hold), with the same checker and rules
# as explain_corpus.sh; its misses are listed in its own known-misses.txt.
ZT_CORPUS=oom-corpus-holdout ZT_CORPUS_MIN=${ZT_CORPUS_MIN:-30} \
	exec sh "$(dirname "$0")/explain_corpus.sh"
