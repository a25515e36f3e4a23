/*
 * oomhog.c: a memory hog for tests/live/oomkill_exact.sh, built by it.
 *
 *   oomhog READY ADJ MIB[s|f] [PAGEOUT_MIB [GROW_MIB]]
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
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif

static void
touch(char *p, size_t len)
{
	for (size_t i = 0; i < len; i += 4096)
		p[i] = (char)(i >> 12 | 1);
}

int
main(int argc, char **argv)
{
	size_t mib, out = 0, grow = 0;
	char *mem, *end, kind;
	int fd, mfd = -1;

	if (argc < 4) {
		fprintf(stderr, "usage: oomhog READY ADJ MIB[s|f] [PAGEOUT_MIB [GROW_MIB]]\n");
		return 2;
	}
	mib = strtoul(argv[3], &end, 10);
	kind = *end;
	if ((kind != '\0' && kind != 's' && kind != 'f') ||
	    (kind != '\0' && end[1] != '\0')) {
		fprintf(stderr, "oomhog: bad size %s\n", argv[3]);
		return 2;
	}
	if (argc > 4)
		out = strtoul(argv[4], NULL, 10);
	if (argc > 5)
		grow = strtoul(argv[5], NULL, 10);
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
	if (kind != '\0' && (mfd < 0 || ftruncate(mfd, (off_t)(mib << 20)) != 0)) {
		perror("the shared file");
		return 1;
	}
	if (mib > 0) {
		mem = mmap(NULL, mib << 20, PROT_READ | PROT_WRITE,
		    kind ? MAP_SHARED : MAP_PRIVATE | MAP_ANONYMOUS, mfd, 0);
		if (mem == MAP_FAILED) {
			perror("mmap");
			return 1;
		}
		/* no transparent huge pages: counters move page by page */
		madvise(mem, mib << 20, MADV_NOHUGEPAGE);
		touch(mem, mib << 20);
		if (out > 0 && out <= mib &&
		    madvise(mem, out << 20, MADV_PAGEOUT) != 0) {
			perror("MADV_PAGEOUT");
			return 1;
		}
	}
	/* no swapping planned: lock what is mapped (file pages too) */
	if (out == 0 && mlockall(MCL_CURRENT) != 0)
		perror("mlockall");
	fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	close(fd);
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
