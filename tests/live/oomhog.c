/*
 * oomhog.c: a memory hog for tests/live/oomkill_exact.sh, built by it.
 *
 *   oomhog READY ADJ MIB[s|f|p] [PAGEOUT_MIB [GROW_MIB [SHAPE]]]
 *
 * Joins nothing itself (the script moves it into its cgroup before
 * exec), writes ADJ to its oom_score_adj, maps and touches MIB MiB of
 * anonymous memory (MM_ANONPAGES; with the suffix s, of a memfd mapped
 * shared: MM_SHMEMPAGES; with f, of a file READY.data beside READY,
 * mapped shared: MM_FILEPAGES), pushes PAGEOUT_MIB of anonymous memory
 * to swap (MADV_PAGEOUT),
 * and without pages to swap out locks what it has mapped, so reclaim
 * cannot move its counters (file pages included) while the kernel
 * chooses.  Then it
 * creates the file READY and waits.  With GROW_MIB it then touches that
 * much more, 64 KiB at a time: the allocation that crosses the cgroup's
 * limit and makes the kernel choose a victim; it waits afterwards.
 *
 * For tests/soak/referee.sh, more shapes (none is used by default):
 * the size suffix p maps MIB * 512 MiB of anonymous memory and touches
 * one page in every 2 MiB of it: MIB MiB of page tables (one PTE page a
 * touch) and as much data.  SHAPE is letters with counts, in any order:
 * tN  N more threads; each touches its slice of the memory (the faults
 *     spread over threads),
 * cN  N children sharing the address space (clone CLONE_VM without
 *     CLONE_THREAD: processes of their own, one mm),
 * fN  N children by fork that map the same pages (anonymous ones shared
 *     copy-on-write; a memfd's or file's touched again),
 * v   last, a child by vfork (CLONE_VM | CLONE_VFORK) that never execs:
 *     the hog waits in vfork, the child writes READY,
 * x   with t: once READY is written, the main thread exits (pthread_exit)
 *     and the other threads hold the mm (the leader a zombie).
 * With a SHAPE, READY holds the pids of the children, one a line, and
 * what is mapped is locked on fault only (MCL_ONFAULT: no thread stack
 * is filled by the lock); a page-table hog is always locked so.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif

#ifndef MCL_ONFAULT
#define MCL_ONFAULT 4
#endif

static size_t step = 4096;	/* one touch a page; p: one in 2 MiB */

static void
touch(char *p, size_t len)
{
	for (size_t i = 0; i < len; i += step)
		p[i] = (char)(i >> 12 | 1);
}

struct slice {
	char *p;
	size_t len;
};

static void *
thread_touch(void *arg)
{
	struct slice *s = arg;

	touch(s->p, s->len);
	for (;;)
		pause();
	return NULL;
}

static char pidlist[4096];	/* READY's text: the children's pids */
static const char *ready;

static void
add_pid(long pid)
{
	size_t n = strlen(pidlist);

	snprintf(pidlist + n, sizeof pidlist - n, "%ld\n", pid);
}

/* READY appears whole (written aside, renamed): once it exists, its
 * pids are all there */
static void
write_ready(void)
{
	char tmp[4096];
	int fd;

	snprintf(tmp, sizeof tmp, "%s.tmp", ready);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		perror(tmp);
		_exit(1);
	}
	if (write(fd, pidlist, strlen(pidlist)) < 0)
		perror(tmp);
	close(fd);
	if (rename(tmp, ready) != 0) {
		perror(ready);
		_exit(1);
	}
}

static int
sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return 0;
}

/* the vfork child: says ready (the hog cannot, it waits) and stays */
static int
vforked(void *arg)
{
	(void)arg;
	add_pid(syscall(SYS_getpid));
	write_ready();
	for (;;)
		pause();
	return 0;
}

static long
shape_count(const char *shape, char letter)
{
	const char *c = shape ? strchr(shape, letter) : NULL;

	if (c == NULL)
		return 0;
	return c[1] >= '0' && c[1] <= '9' ? strtol(c + 1, NULL, 10) : 1;
}

static long
clone_child(int (*fn)(void *), int flags)
{
	size_t sz = 64 << 10;
	char *stack = mmap(NULL, sz, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);

	if (stack == MAP_FAILED)
		return -1;
	return clone(fn, stack + sz, flags | SIGCHLD, NULL);
}

int
main(int argc, char **argv)
{
	size_t mib, out = 0, grow = 0, len = 0;
	char *mem = NULL, *end, kind;
	const char *shape = NULL;
	int fd, mfd = -1;

	if (argc < 4) {
		fprintf(stderr, "usage: oomhog READY ADJ MIB[s|f|p] [PAGEOUT_MIB [GROW_MIB [SHAPE]]]\n");
		return 2;
	}
	mib = strtoul(argv[3], &end, 10);
	kind = *end;
	if ((kind != '\0' && kind != 's' && kind != 'f' && kind != 'p') ||
	    (kind != '\0' && end[1] != '\0')) {
		fprintf(stderr, "oomhog: bad size %s\n", argv[3]);
		return 2;
	}
	if (argc > 4)
		out = strtoul(argv[4], NULL, 10);
	if (argc > 5)
		grow = strtoul(argv[5], NULL, 10);
	if (argc > 6 && argv[6][0] != '\0')
		shape = argv[6];
	ready = argv[1];
	fd = open("/proc/self/oom_score_adj", O_WRONLY);
	if (fd < 0 || write(fd, argv[2], strlen(argv[2])) < 0) {
		perror("oom_score_adj");
		return 1;
	}
	close(fd);
	if (kind == 's')
		mfd = memfd_create("oomhog", 0);
	else if (kind == 'f') {
		char path[4096];
		snprintf(path, sizeof path, "%s.data", argv[1]);
		mfd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	}
	if (kind == 's' || kind == 'f') {
		if (mfd < 0 || ftruncate(mfd, (off_t)(mib << 20)) != 0) {
			perror("the shared file");
			return 1;
		}
	}
	len = kind == 'p' ? mib << 29 : mib << 20;
	if (kind == 'p')
		step = 2 << 20;
	if (mib > 0) {
		mem = mmap(NULL, len, PROT_READ | PROT_WRITE,
		    kind == 's' || kind == 'f' ? MAP_SHARED :
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, mfd, 0);
		if (mem == MAP_FAILED) {
			perror("mmap");
			return 1;
		}
		/* no transparent huge pages: counters move page by page */
		madvise(mem, len, MADV_NOHUGEPAGE);
		long nt = shape_count(shape, 't');
		if (nt > 0) {
			pthread_attr_t a;
			pthread_t th;
			struct slice *sl = calloc((size_t)nt + 1, sizeof *sl);
			size_t part = len / (size_t)(nt + 1) / step * step;

			pthread_attr_init(&a);
			pthread_attr_setstacksize(&a, 64 << 10);
			for (long i = 0; i < nt; i++) {
				sl[i].p = mem + (size_t)i * part;
				sl[i].len = part;
				if (pthread_create(&th, &a, thread_touch, &sl[i]) != 0) {
					perror("pthread_create");
					return 1;
				}
			}
			touch(mem + (size_t)nt * part, len - (size_t)nt * part);
			/* every slice touched before READY: wait for the counts */
			size_t want = len / step, seen;
			do {
				usleep(10000);
				unsigned char *vec = malloc(len / 4096 + 1);
				seen = 0;
				if (vec && mincore(mem, len, vec) == 0)
					for (size_t i = 0; i < len / 4096; i += step / 4096)
						seen += vec[i] & 1;
				free(vec);
			} while (seen < want);
		} else
			touch(mem, len);
		if (out > 0 && out <= mib &&
		    madvise(mem, out << 20, MADV_PAGEOUT) != 0) {
			perror("MADV_PAGEOUT");
			return 1;
		}
	}
	/* no swapping planned: lock what is mapped (file pages too) */
	if (out == 0 && mlockall(MCL_CURRENT |
	    (shape || kind == 'p' ? MCL_ONFAULT : 0)) != 0)
		perror("mlockall");
	for (long i = shape_count(shape, 'c'); i > 0; i--) {
		long c = clone_child(sleeper, CLONE_VM);
		if (c < 0) {
			perror("clone");
			return 1;
		}
		add_pid(c);
	}
	for (long i = shape_count(shape, 'f'); i > 0; i--) {
		pid_t c = fork();
		if (c < 0) {
			perror("fork");
			return 1;
		}
		if (c == 0) {
			/* shared mappings are not copied: map them again */
			if (mem != NULL && (kind == 's' || kind == 'f')) {
				for (size_t o = 0; o < len; o += step)
					(void)*(volatile char *)(mem + o);
			}
			for (;;)
				pause();
		}
		add_pid(c);
	}
	if (shape && strchr(shape, 'v')) {
		/* returns when the child dies (or this hog is killed) */
		if (clone_child(vforked, CLONE_VM | CLONE_VFORK) < 0) {
			perror("clone vfork");
			return 1;
		}
	} else
		write_ready();
	/* x: the main thread leaves, its threads stay (a zombie leader) */
	if (shape && strchr(shape, 'x') && shape_count(shape, 't') > 0)
		pthread_exit(NULL);
	if (grow > 0) {
		char *g = mmap(NULL, grow << 20, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (g == MAP_FAILED) {
			perror("mmap");
			return 1;
		}
		madvise(g, grow << 20, MADV_NOHUGEPAGE);
		for (size_t off = 0; off < grow << 20; off += 65536) {
			touch(g + off, 65536);
			usleep(200);
		}
	}
	for (;;)
		pause();
}
