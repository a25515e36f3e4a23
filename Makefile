# zonetop: a terminal monitor of Linux memory zones and OOM-killer candidates.
#
#   make run      install what is missing, build, start the monitor
#   make test     install what is missing, build, run every test
#   make golden   regenerate the golden screens (review the diff)
#   make mutants  mutation testing of the model's core (scripts/mutants.py)
#   make          build ./zonetop          make bench   measure the sampler
#   make fuzz     libFuzzer harnesses      make check   clang-tidy, cppcheck
#   make soak     long churn, steady-state and valgrind runs (~12 minutes)
#   make referee  random mixes judged by real OOM kills (root; REFEREE_SEED, REFEREE_N)
#   make install PREFIX=/usr/local DESTDIR=          make clean
#   make screenshots   real PNGs of the real program into screenshots/

PREFIX	?= /usr/local
DESTDIR	?=
CC	?= cc
PKGS	:= ncursesw libproc2 jansson zlib libmicrohttpd
VERSION	:= 0.1.0

WARN	:= -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wmissing-prototypes \
	   -Wstrict-prototypes -Wformat=2 -Wwrite-strings
ifeq ($(WERROR),1)
WARN	+= -Werror
endif
DEFS	:= -D_GNU_SOURCE -DZT_VERSION='"$(VERSION)"'

# The BPF task iterator (src/bpf/tasks.bpf.c, loaded by src/bpf_tasks.c)
# is built when clang, bpftool, libbpf and this machine's kernel BTF
# (for vmlinux.h) are all there; otherwise, or with NO_BPF=1, zonetop is
# built without it (-DZT_NO_BPF) and reads processes through /proc only,
# saying why in --help and its JSON.
CLANG	?= clang
BPF_ARCH := $(shell uname -m | sed -e 's/x86_64/x86/' -e 's/aarch64/arm64/' \
	-e 's/ppc64le/powerpc/' -e 's/s390x/s390/' -e 's/riscv64/riscv/')
BPFTOOL	?= $(firstword $(shell command -v bpftool 2>/dev/null) \
	   $(wildcard /usr/sbin/bpftool /sbin/bpftool))
BTF_VMLINUX ?= /sys/kernel/btf/vmlinux
ifeq ($(NO_BPF),1)
BPF_MISSING := NO_BPF=1
else
BPF_MISSING := $(strip \
	$(if $(shell command -v $(CLANG) 2>/dev/null),,clang) \
	$(if $(BPFTOOL),,bpftool) \
	$(if $(shell pkg-config --exists libbpf 2>/dev/null && echo y),,libbpf-dev) \
	$(if $(wildcard $(BTF_VMLINUX)),,$(BTF_VMLINUX)))
endif
ifeq ($(BPF_MISSING),)
PKGS	+= libbpf
DEFS	+= -DZT_HAVE_BPF -Ibuild/bpf
BPF_SKEL := build/bpf/tasks.skel.h build/bpf/tasks_cast.skel.h
else
ifeq ($(NO_BPF),1)
DEFS	+= -DZT_NO_BPF -DZT_NO_BPF_WHY='"built without BPF (make NO_BPF=1)"'
else
DEFS	+= -DZT_NO_BPF -DZT_NO_BPF_WHY='"built without BPF: missing $(BPF_MISSING)"'
endif
BPF_SKEL :=
endif
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS	?= -O2 -g
ALL_CFLAGS = $(WARN) $(DEFS) $(PKG_CFLAGS) $(CFLAGS) -MMD -MP
SAN	:= -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	   -fno-sanitize-recover=undefined
LIBS	= $(PKG_LIBS) -lm -lpthread

SRC	:= $(wildcard src/*.c) $(wildcard ui/*.c)
OBJ	:= $(SRC:%.c=build/%.o)
SOBJ	:= $(SRC:%.c=build/san/%.o)
LIBOBJ_SAN := $(filter-out build/san/src/main.o,$(SOBJ))
UNIT	:= $(wildcard tests/unit/test_*.c)
UNITBIN	:= $(UNIT:tests/unit/%.c=build/san/tests/%)
TESTBIN	:= build/san/zonetop

.PHONY: all run test unit deps deps-test bench fuzz fuzz-smoke check install \
	clean screenshots soak golden mutants referee

all: zonetop

deps:
	@sh scripts/deps.sh build

deps-test:
	@sh scripts/deps.sh test

# --as-needed: libmicrohttpd and libproc2 are in PKGS for their headers,
# but --listen loads the one with dlopen (cmd_listen.c), the rows' details
# the other (proc_lib.c), so no mode maps GnuTLS or libsystemd for nothing
zonetop: $(OBJ)
	$(CC) $(CFLAGS) -o $@ $(OBJ) -Wl,--as-needed $(LIBS)

# the skeleton embeds the BPF object: the binary needs no file at run time
build/bpf/vmlinux.h:
	@mkdir -p $(dir $@)
	$(BPFTOOL) btf dump file $(BTF_VMLINUX) format c > $@.tmp && mv $@.tmp $@

build/bpf/tasks.bpf.o: src/bpf/tasks.bpf.c src/bpf/tasks_rec.h build/bpf/vmlinux.h
	$(CLANG) -g -O2 -target bpf -D__TARGET_ARCH_$(BPF_ARCH) -Ibuild/bpf \
		-Isrc/bpf -c -o $@ $<

# the same program reading the task through bpf_rdonly_cast() (6.2+):
# loaded first where the kernel has it, see bpf_tasks.c
build/bpf/tasks_cast.bpf.o: src/bpf/tasks.bpf.c src/bpf/tasks_rec.h build/bpf/vmlinux.h
	$(CLANG) -g -O2 -target bpf -D__TARGET_ARCH_$(BPF_ARCH) -DZT_CAST \
		-Ibuild/bpf -Isrc/bpf -c -o $@ $<

# bpftool's linker drops the DWARF (-g is only for the BTF it keeps)
build/bpf/tasks.skel.h: build/bpf/tasks.bpf.o
	$(BPFTOOL) gen object build/bpf/tasks.o $<
	$(BPFTOOL) gen skeleton build/bpf/tasks.o name zt_tasks > $@.tmp && mv $@.tmp $@

build/bpf/tasks_cast.skel.h: build/bpf/tasks_cast.bpf.o
	$(BPFTOOL) gen object build/bpf/tasks_cast.o $<
	$(BPFTOOL) gen skeleton build/bpf/tasks_cast.o name zt_tasks_cast > $@.tmp && \
		mv $@.tmp $@

build/src/bpf_tasks.o build/san/src/bpf_tasks.o: $(BPF_SKEL)

build/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/san/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(DEFS) $(PKG_CFLAGS) $(SAN) -MMD -MP -c -o $@ $<

$(TESTBIN): $(SOBJ)
	$(CC) $(SAN) -o $@ $(SOBJ) -Wl,--as-needed $(LIBS)

build/san/tests/%: tests/unit/%.c $(LIBOBJ_SAN)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(DEFS) $(PKG_CFLAGS) $(SAN) -Isrc -Iui -MMD -MP -o $@ $< \
		$(LIBOBJ_SAN) $(LIBS) -lcmocka

run: deps
	@$(MAKE) --no-print-directory zonetop
	./zonetop

unit: $(UNITBIN) $(TESTBIN) zonetop

test: deps-test
	@$(MAKE) --no-print-directory unit
	@sh tests/run.sh

# golden: the only way to rewrite tests/e2e/golden/*.txt (tests/run.sh
# and .ci/run refuse ZT_GOLDEN_UPDATE); each rewritten screen is a skip
golden: deps-test
	@$(MAKE) --no-print-directory $(TESTBIN)
	@for t in tests/e2e/screens.sh tests/e2e/replay.sh tests/e2e/zonebars.sh; do \
		ZT_GOLDEN_UPDATE=1 ZT_BIN=$(CURDIR)/$(TESTBIN) \
		ZT_FIXTURES=$(CURDIR)/tests/fixtures sh $$t | grep -v '^ok ' || :; \
	done
	@git diff --stat -- tests/e2e/golden

# mutants: one-token mutants of the model's core against the unit tests
# (scripts/mutants.py; MUTANTS="FILE[:FUNC,...|:FROM-TO] ..." narrows it,
# MUTANT_JOBS=N runs N at once, default 1).  Survivors are listed; an
# equivalent one is justified in tests/mutants.equiv.  Not part of CI.
MUTANTS ?=
mutants: deps-test
	@MUTANT_JOBS=$(or $(MUTANT_JOBS),1) python3 scripts/mutants.py $(MUTANTS)

# bench: the candidate sampler against the floor reader (tests/bench/)
BENCHOBJ := $(filter-out build/src/main.o,$(OBJ))

bench: deps
	@$(MAKE) --no-print-directory zonetop build/bench/floor build/bench/bench_procs
	@sh tests/bench/bench.sh

build/bench/floor: tests/bench/floor.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -o $@ $<

build/bench/bench_procs: tests/bench/bench_procs.c tests/bench/bench_util.h $(BENCHOBJ)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(DEFS) $(PKG_CFLAGS) $(CFLAGS) -Isrc -o $@ $< $(BENCHOBJ) $(LIBS)

# the BPF path (tests/bench/bench_bpf.c), measured first by make bench
.PHONY: bench-bpf
bench: bench-bpf
bench-bpf: deps
	@$(MAKE) --no-print-directory build/bench/floor build/bench/bench_bpf
	@build/bench/bench_bpf build/bench/floor $${BENCH_N:-0 1000 5000}

build/bench/bench_bpf: tests/bench/bench_bpf.c tests/bench/bench_util.h $(BENCHOBJ)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(DEFS) $(PKG_CFLAGS) $(CFLAGS) -Isrc -o $@ $< $(BENCHOBJ) $(LIBS)

# fuzz: every harness FUZZ_SECONDS (30) each; FUZZ_RUNS=10000000 runs each
# until it has executed that many inputs instead (hours: not for CI,
# whose smoke is fuzz-smoke)
fuzz:
	@sh scripts/deps.sh fuzz
	@FUZZ_RUNS=$(FUZZ_RUNS) sh tests/fuzz/run.sh $(FUZZ_SECONDS)

fuzz-smoke:
	@sh scripts/deps.sh fuzz
	@FUZZ_RUNS= sh tests/fuzz/run.sh 5

# check: the module graph of src/ and ui/ (scripts/modgraph.py: no
# include cycle between modules, no function over 120 lines), clang-tidy
# (checks and why some are off: .clang-tidy) on every source, one process
# per CPU, then cppcheck; all run, any failing fails.  cppcheck's
# readdirCalled is off: readdir_r is deprecated in glibc, and readdir on
# a DIR of our own is safe.
check: $(BPF_SKEL)
	@sh scripts/deps.sh check
	@rc=0; echo "modgraph: src ui"; \
	python3 scripts/modgraph.py --check src ui || rc=1; \
	echo "clang-tidy: $(words $(SRC)) files"; \
	printf '%s\n' $(SRC) | xargs -P "$$(nproc)" -I{} clang-tidy --quiet {} -- \
		$(WARN) $(DEFS) $(PKG_CFLAGS) || rc=1; \
	echo "cppcheck: $(words $(SRC)) files"; \
	cppcheck --quiet --error-exitcode=1 --std=c11 \
		--enable=warning,performance,portability --inline-suppr \
		--library=posix --library=gnu --library=zlib \
		--library=scripts/cppcheck-jansson.cfg --suppress=readdirCalled \
		-D_GNU_SOURCE -DZT_VERSION='"$(VERSION)"' $(SRC) || rc=1; \
	if [ $$rc -eq 0 ]; then echo "check: clean"; else echo "check: findings above"; fi; \
	exit $$rc

# soak: the long reliability runs of tests/soak/ on the release build:
# process churn (60 s), steady state with 3000 processes (10 min), longer
# memcheck runs.  About 13 minutes; not part of `make test`.
soak: deps-test
	@$(MAKE) --no-print-directory zonetop
	@rc=0; for t in tests/soak/*.sh; do \
		case $$t in */lib.sh|*/referee.sh) continue ;; esac; \
		echo "== $$t"; sh $$t || rc=1; \
	done; exit $$rc

# referee: random mixes in small memory cgroups, each refereed by a real
# OOM kill (tests/soak/referee.sh; root, the v1 memory controller).
# REFEREE_SEED replays a run, REFEREE_N mixes (20).  Not part of `make
# test` nor of `make soak`: it kills, and takes about 6 s a mix.
referee: deps-test
	@$(MAKE) --no-print-directory $(TESTBIN)
	@REFEREE_SEED=$(REFEREE_SEED) REFEREE_N=$(REFEREE_N) sh tests/soak/referee.sh

screenshots: zonetop
	@sh scripts/deps.sh shots
	@sh scripts/screenshots.sh

install: zonetop
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 0755 zonetop $(DESTDIR)$(PREFIX)/bin/zonetop
	install -m 0644 zonetop.1 $(DESTDIR)$(PREFIX)/share/man/man1/zonetop.1

clean:
	rm -rf build zonetop

-include $(OBJ:.o=.d) $(SOBJ:.o=.d) $(UNITBIN:=.d)
