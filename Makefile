# zonetop: a terminal monitor of Linux memory zones and OOM-killer candidates.
#
#   make run      install what is missing, build, start the monitor
#   make test     install what is missing, build, run every test
#   make          build ./zonetop          make bench   measure the sampler
#   make fuzz     libFuzzer harnesses      make check   clang-tidy, cppcheck
#   make soak     long churn, steady-state and valgrind runs (~12 minutes)
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
	clean screenshots soak

all: zonetop

deps:
	@sh scripts/deps.sh build

deps-test:
	@sh scripts/deps.sh test

# --as-needed: libmicrohttpd is in PKGS for its header, but --listen
# loads it with dlopen (cmd_listen.c), so no mode maps GnuTLS for nothing
zonetop: $(OBJ)
	$(CC) $(CFLAGS) -o $@ $(OBJ) -Wl,--as-needed $(LIBS)

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

# bench: the candidate sampler against the floor reader (tests/bench/)
BENCHOBJ := $(filter-out build/src/main.o,$(OBJ))

bench: deps
	@$(MAKE) --no-print-directory zonetop build/bench/floor build/bench/bench_procs
	@sh tests/bench/bench.sh

build/bench/floor: tests/bench/floor.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -o $@ $<

build/bench/bench_procs: tests/bench/bench_procs.c $(BENCHOBJ)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(DEFS) $(PKG_CFLAGS) $(CFLAGS) -Isrc -o $@ $< $(BENCHOBJ) $(LIBS)

fuzz:
	@sh scripts/deps.sh fuzz
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS)

fuzz-smoke:
	@sh scripts/deps.sh fuzz
	@sh tests/fuzz/run.sh 5

# check: clang-tidy (checks and why some are off: .clang-tidy) on every
# source, one process per CPU, then cppcheck; both run, either failing
# fails.  cppcheck's readdirCalled is off: readdir_r is deprecated in
# glibc, and readdir on a DIR of our own is safe.
check:
	@sh scripts/deps.sh check
	@rc=0; echo "clang-tidy: $(words $(SRC)) files"; \
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
		case $$t in */lib.sh) continue ;; esac; \
		echo "== $$t"; sh $$t || rc=1; \
	done; exit $$rc

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
