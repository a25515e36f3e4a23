/*
 * procfs.c: file access relative to the proc root.  See procfs.h.
 *
 * A small table maps relative names to kept fds.  The table is bounded
 * (ZT_KEEP_MAX) and only holds the system-wide files read every tick;
 * per-process files are the processes module's business.  Files under
 * the sys root read every refresh (the memory cgroups' counters) have a
 * table of their own, kept in the order they are read and swept of
 * what a refresh did not read (procfs_read_sys_kept).
 */
#include "procfs.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define ZT_KEEP_MAX 32
#define ZT_SYS_KEEP_MAX 256	/* kept fds under the sys root */
#define ZT_FILE_MAX (64u << 20)	/* refuse to slurp more than 64 MiB */

struct kept {
	char *rel;
	int fd;
};

struct sys_kept {
	char *rel;
	int fd;			/* -1: to reopen */
	uint32_t gen;		/* sweep that last read it */
	uint64_t ino;		/* a kept directory's inode number, 0 a file */
};

struct procfs {
	char *root;
	int dirfd;
	char *sys_root;
	int sysfd;		/* -1 until first use */
	bool live;
	int nkept;
	struct kept kept[ZT_KEEP_MAX];
	struct sys_kept *sk;	/* in reading order */
	int nsk, capsk, skcur;	/* skcur: where the next read should be */
	uint32_t skgen;
};

static void sys_kept_drop(struct procfs *pf, bool all);

const char *
procfs_reason(int err)
{
	switch (err) {
	case ENOENT: return "missing";
	case EACCES:
	case EPERM: return "permission denied";
	case EOPNOTSUPP: return "not supported by this kernel";
	case ESRCH: return "process gone";
	case EFBIG: return "file too large";
	case EISDIR: return "is a directory";
	case ENOTDIR: return "not a directory";
	}
	return strerror(err);
}

struct procfs *
procfs_open(const char *root, char *why, size_t whylen)
{
	struct procfs *pf;
	struct stat st;
	int fd;

	if (root == NULL || *root == '\0')
		root = "/proc";
	fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, whylen, "%s: %s", root, procfs_reason(errno));
		return NULL;
	}
	pf = xcalloc(1, sizeof *pf);
	pf->root = xstrdup(root);
	pf->dirfd = fd;
	pf->sysfd = -1;
	/* live: the root is the proc filesystem itself */
	if (fstat(fd, &st) == 0) {
		struct stat self;
		pf->live = fstatat(fd, "self", &self, 0) == 0 &&
		    strcmp(root, "/proc") == 0;
	}
	return pf;
}

void
procfs_close(struct procfs *pf)
{
	if (pf == NULL)
		return;
	for (int i = 0; i < pf->nkept; i++) {
		close(pf->kept[i].fd);
		free(pf->kept[i].rel);
	}
	sys_kept_drop(pf, true);
	free(pf->sk);
	close(pf->dirfd);
	if (pf->sysfd >= 0)
		close(pf->sysfd);
	free(pf->sys_root);
	free(pf->root);
	free(pf);
}

const char *
procfs_root(const struct procfs *pf)
{
	return pf->root;
}

bool
procfs_live(const struct procfs *pf)
{
	return pf->live;
}

int
procfs_dirfd(const struct procfs *pf)
{
	return pf->dirfd;
}

/* The file lstat saw (st) is the one open on fd. */
static bool
procfs_same_file(int fd, const struct stat *st)
{
	struct stat now;

	return fstat(fd, &now) == 0 && now.st_dev == st->st_dev &&
	    now.st_ino == st->st_ino;
}

int
procfs_open_output(const char *path, bool *created, char *why, size_t whylen)
{
	for (int tries = 0; tries < 3; tries++) {
		struct stat st;
		int fd;

		*created = false;
		if (lstat(path, &st) < 0) {
			if (errno != ENOENT)
				break;
			fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW |
			    O_CLOEXEC, 0644);
			if (fd < 0 && errno == EEXIST)
				continue;	/* appeared meanwhile: look again */
			*created = fd >= 0;
			if (fd < 0)
				break;
			return fd;
		}
		if (S_ISLNK(st.st_mode)) {
			if (st.st_uid != geteuid()) {
				snprintf(why, whylen, "%s: a symbolic link owned by uid %u, "
				    "not by this user: not writing through it", path,
				    (unsigned)st.st_uid);
				return -1;
			}
			/* the caller's own link: where it points is the caller's
			 * choice */
			fd = open(path, O_RDWR | O_CLOEXEC);
			if (fd < 0 && errno == ENOENT) {
				/* (O_EXCL would refuse the link itself) */
				fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
				*created = fd >= 0;
			}
			if (fd < 0)
				break;
			return fd;
		}
		fd = open(path, O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0 && (errno == ENOENT || errno == ELOOP))
			continue;	/* replaced meanwhile: look again */
		if (fd < 0)
			break;
		if (!procfs_same_file(fd, &st)) {
			close(fd);
			continue;
		}
		/* O_NONBLOCK was for opening a FIFO without hanging */
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		return fd;
	}
	snprintf(why, whylen, "%s: %s", path, errno ? strerror(errno) :
	    "changed while it was being opened");
	return -1;
}

int
procfs_temp_in(const char *dir, const char *prefix, char *tmp, size_t tmplen,
    char *why, size_t whylen)
{
	int fd;

	if ((size_t)snprintf(tmp, tmplen, "%s/.%s.XXXXXX", dir, prefix) >= tmplen) {
		snprintf(why, whylen, "%s: name too long", dir);
		return -1;
	}
	/* mkstemp: O_CREAT|O_EXCL, mode 0600 */
	if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
		snprintf(why, whylen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if (fchmod(fd, 0644) < 0) {
		snprintf(why, whylen, "%s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	return fd;
}

int
procfs_pid_file(const struct procfs *pf, int pid, const char *name)
{
	char rel[48];

	snprintf(rel, sizeof rel, "%d/%s", pid, name);
	return openat(pf->dirfd, rel, O_RDONLY | O_CLOEXEC | O_NOCTTY);
}

/* pread from offset 0 to the end into out.  A read shorter than asked
 * and than short_end bytes is taken as the end without the last read
 * that returns 0 (0: read until it does); see pread_sys. */
static int
pread_until(int fd, struct zt_buf *out, size_t short_end)
{
	off_t off = 0;

	buf_clear(out);
	for (;;) {
		buf_reserve(out, 4096);
		size_t want = out->cap - out->len - 1;
		ssize_t n = pread(fd, out->p + out->len, want, off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		out->len += (size_t)n;
		off += n;
		if (out->len > ZT_FILE_MAX) {
			errno = EFBIG;
			return -1;
		}
		if (n == 0 || ((size_t)n < want && (size_t)n < short_end))
			break;
	}
	out->p[out->len] = '\0';
	return 0;
}

int
procfs_pread_all(int fd, struct zt_buf *out)
{
	return pread_until(fd, out, 0);
}

static int
open_rel(int dirfd, const char *rel)
{
	return openat(dirfd, rel, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
}

/* Open rel below dirfd and read it whole into out: the fd, left open
 * for the caller, or -1 with why. */
static int
open_read(int dirfd, const char *rel, struct zt_buf *out, char *why,
    size_t whylen)
{
	int fd = open_rel(dirfd, rel);

	if (fd < 0) {
		snprintf(why, whylen, "%s", procfs_reason(errno));
		return -1;
	}
	if (procfs_pread_all(fd, out) < 0) {
		int err = errno;
		close(fd);
		snprintf(why, whylen, "%s", procfs_reason(err));
		return -1;
	}
	return fd;
}

int
procfs_read_at(int dirfd, const char *rel, struct zt_buf *out, char *why,
    size_t whylen)
{
	int fd = open_read(dirfd, rel, out, why, whylen);

	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

int
procfs_read_file(const char *abs_path, struct zt_buf *out, char *why,
    size_t whylen)
{
	/* a relative path would be relative to the working directory */
	if (abs_path == NULL || abs_path[0] != '/') {
		snprintf(why, whylen, "not an absolute path");
		return -1;
	}
	return procfs_read_at(AT_FDCWD, abs_path, out, why, whylen);
}

static struct kept *
kept_find(struct procfs *pf, const char *rel)
{
	for (int i = 0; i < pf->nkept; i++)
		if (strcmp(pf->kept[i].rel, rel) == 0)
			return &pf->kept[i];
	return NULL;
}

int
procfs_read(struct procfs *pf, const char *rel, bool keep, struct zt_buf *out,
    char *why, size_t whylen)
{
	struct kept *k = kept_find(pf, rel);

	if (k != NULL) {
		if (procfs_pread_all(k->fd, out) == 0)
			return 0;
		/* stale fd: drop it and reopen below */
		close(k->fd);
		free(k->rel);
		*k = pf->kept[--pf->nkept];
	}
	if (!keep || pf->nkept == ZT_KEEP_MAX)
		return procfs_read_at(pf->dirfd, rel, out, why, whylen);

	int fd = open_read(pf->dirfd, rel, out, why, whylen);
	if (fd < 0)
		return -1;
	pf->kept[pf->nkept].rel = xstrdup(rel);
	pf->kept[pf->nkept].fd = fd;
	pf->nkept++;
	return 0;
}

int
procfs_set_sys_root(struct procfs *pf, const char *root, char *why,
    size_t whylen)
{
	int fd;

	if (root == NULL || *root == '\0')
		root = "/sys";
	fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, whylen, "%s: %s", root, procfs_reason(errno));
		return -1;
	}
	if (pf->sysfd >= 0)
		close(pf->sysfd);
	sys_kept_drop(pf, true);	/* another tree's files */
	free(pf->sys_root);
	pf->sys_root = xstrdup(root);
	pf->sysfd = fd;
	return 0;
}

const char *
procfs_sys_root(const struct procfs *pf)
{
	return pf->sys_root ? pf->sys_root : "/sys";
}

/* The sys root's fd, opening the default on first use; -1 and why. */
static int
sys_fd(struct procfs *pf, char *why, size_t whylen)
{
	/* a capture of another machine must not be mixed with this one's /sys */
	if (pf->sysfd < 0 && !pf->live) {
		snprintf(why, whylen, "a capture without --sys-root");
		return -1;
	}
	if (pf->sysfd < 0 && procfs_set_sys_root(pf, NULL, why, whylen) < 0)
		return -1;
	return pf->sysfd;
}

static const char *
sys_rel(const char *rel)
{
	while (*rel == '/')
		rel++;
	return *rel ? rel : ".";
}

int
procfs_read_sys(struct procfs *pf, const char *rel, struct zt_buf *out,
    char *why, size_t whylen)
{
	int fd = sys_fd(pf, why, whylen);

	if (fd < 0)
		return -1;
	return procfs_read_at(fd, sys_rel(rel), out, why, whylen);
}

/* Close the kept sys files the last refresh did not read (all: every
 * one), keeping the rest in order. */
static void
sys_kept_drop(struct procfs *pf, bool all)
{
	int k = 0;

	for (int i = 0; i < pf->nsk; i++) {
		struct sys_kept *e = &pf->sk[i];
		if (!all && e->gen == pf->skgen && e->fd >= 0) {
			pf->sk[k++] = *e;
			continue;
		}
		if (e->fd >= 0)
			close(e->fd);
		free(e->rel);
	}
	pf->nsk = k;
	pf->skcur = 0;
}

/* procfs_pread_all for the sys root's small files, without the usual
 * last read (the one that returns 0) where a short read is the end:
 * half the reads of the memory cgroups' counters each refresh.  A
 * regular file (a capture) reads short only at its end; a seq_file read
 * (every cgroup file) stops short of what was asked either at the end
 * or when the next record does not fit its page-sized buffer
 * (fs/seq_file.c, seq_read_iter), having then returned at least that
 * page less one record.  So a read shorter than asked and than
 * SYS_SHORT_END is the end wherever records are shorter than a page
 * less SYS_SHORT_END (the files kept are one record, a counter or a
 * node list; a list of pids has records of a few bytes); a longer short
 * read is followed by one more read. */
#define SYS_SHORT_END 2048
static int
pread_sys(int fd, struct zt_buf *out)
{
	return pread_until(fd, out, SYS_SHORT_END);
}

/* The kept entry of rel, marked read this refresh; NULL when none.
 * Read in the same order each refresh: the next entry is the one. */
static struct sys_kept *
sys_kept_find(struct procfs *pf, const char *rel)
{
	struct sys_kept *k = NULL;

	if (pf->skcur < pf->nsk && strcmp(pf->sk[pf->skcur].rel, rel) == 0)
		k = &pf->sk[pf->skcur++];
	for (int i = 0; k == NULL && i < pf->nsk; i++)
		if (strcmp(pf->sk[i].rel, rel) == 0) {
			k = &pf->sk[i];
			pf->skcur = i + 1;
		}
	if (k != NULL)
		k->gen = pf->skgen;
	return k;
}

/* Keep fd for rel (into k, else a new entry): false when it cannot be
 * kept (the caller closes it after use). */
static bool
sys_kept_put(struct procfs *pf, struct sys_kept *k, const char *rel, int fd,
    uint64_t ino)
{
	/* fds are numbered lowest first: past a quarter of the limit,
	 * they are the candidates' (procs.c budgets them), not ours */
	struct rlimit rl;
	if (pf->nsk == ZT_SYS_KEEP_MAX || (getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
	    rl.rlim_cur != RLIM_INFINITY && (rlim_t)fd >= rl.rlim_cur / 4))
		return false;
	if (k != NULL) {
		k->fd = fd;
		k->ino = ino;
		return true;
	}
	if (pf->nsk == pf->capsk) {
		pf->capsk = pf->capsk ? pf->capsk * 2 : 32;
		pf->sk = xreallocarray(pf->sk, (size_t)pf->capsk, sizeof *pf->sk);
	}
	pf->sk[pf->nsk].rel = xstrdup(rel);
	pf->sk[pf->nsk].fd = fd;
	pf->sk[pf->nsk].ino = ino;
	pf->sk[pf->nsk++].gen = pf->skgen;
	pf->skcur = pf->nsk;
	return true;
}

int
procfs_read_sys_kept(struct procfs *pf, const char *rel, struct zt_buf *out,
    char *why, size_t whylen)
{
	struct sys_kept *k = sys_kept_find(pf, rel);
	int sfd, fd;

	if (k != NULL) {
		if (k->fd >= 0 && pread_sys(k->fd, out) == 0)
			return 0;
		/* removed since (ENODEV), or a stale fd: open it anew */
		if (k->fd >= 0)
			close(k->fd);
		k->fd = -1;
	}
	if ((sfd = sys_fd(pf, why, whylen)) < 0)
		return -1;
	if ((fd = open_read(sfd, sys_rel(rel), out, why, whylen)) < 0)
		return -1;
	if (!sys_kept_put(pf, k, rel, fd, 0))
		close(fd);
	return 0;
}

void
procfs_sys_kept_sweep(struct procfs *pf)
{
	sys_kept_drop(pf, false);
	pf->skgen++;
}

bool
procfs_sys_exists(struct procfs *pf, const char *rel)
{
	char why[8];
	struct stat st;
	int fd = sys_fd(pf, why, sizeof why);

	return fd >= 0 && fstatat(fd, sys_rel(rel), &st, AT_SYMLINK_NOFOLLOW) == 0;
}

/* getdents64's record (include/linux/dirent.h): read field by field,
 * the name at d_name's offset */
struct zt_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[1];
};

/* The entries of the open directory dfd, "." and ".." left out; with
 * inos, only the subdirectories, and their inode numbers.  getdents64
 * into a buffer on the stack: no DIR (and its 32 KiB) per listing. */
static char **
dir_entries(int dfd, uint64_t **inos)
{
	_Alignas(8) char buf[8192];
	char **names = NULL;
	size_t n = 0;
	long got;

	while ((got = syscall(SYS_getdents64, dfd, buf, sizeof buf)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			break;		/* what was read so far, as readdir() gave */
		for (long off = 0; off < got;) {
			struct zt_dirent64 de;
			const char *name = buf + off +
			    offsetof(struct zt_dirent64, d_name);
			struct stat st;
			memcpy(&de, buf + off, offsetof(struct zt_dirent64, d_name));
			if (de.d_reclen == 0 || (long)de.d_reclen > got - off)
				break;
			off += de.d_reclen;
			if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
				continue;
			/* cgroupfs fills d_type; a capture's filesystem may not */
			if (inos != NULL && de.d_type != DT_DIR &&
			    (de.d_type != DT_UNKNOWN ||
			    fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
			    !S_ISDIR(st.st_mode)))
				continue;
			names = xreallocarray(names, n + 2, sizeof *names);
			if (inos != NULL) {
				*inos = xreallocarray(*inos, n + 1, sizeof **inos);
				(*inos)[n] = de.d_ino;
			}
			names[n++] = xstrdup(name);
		}
	}
	if (names == NULL)
		names = xcalloc(1, sizeof *names);
	names[n] = NULL;
	return names;
}

/* The entries of a directory under the sys root (dir_entries).  keep:
 * through an fd kept between refreshes (sys_kept) when its inode is
 * still ino (0: not checked), which a directory removed and made anew
 * under the same name is not. */
static char **
list_sys(struct procfs *pf, const char *rel, uint64_t **inos, bool keep,
    uint64_t ino, char *why, size_t whylen)
{
	int fd = sys_fd(pf, why, whylen), dfd;
	struct sys_kept *k = keep ? sys_kept_find(pf, rel) : NULL;
	bool kept = false;
	char **names;

	if (inos != NULL)
		*inos = NULL;
	if (fd < 0)
		return NULL;
	if (k != NULL && k->fd >= 0 && (ino == 0 || k->ino == ino) &&
	    lseek(k->fd, 0, SEEK_SET) == 0) {
		dfd = k->fd;
		kept = true;
	} else {
		if (k != NULL && k->fd >= 0)
			close(k->fd);
		if (k != NULL)
			k->fd = -1;
		dfd = openat(fd, sys_rel(rel), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd < 0) {
			snprintf(why, whylen, "%s", procfs_reason(errno));
			return NULL;
		}
		struct stat st;
		if (keep && fstat(dfd, &st) == 0)
			kept = sys_kept_put(pf, k, rel, dfd, (uint64_t)st.st_ino);
	}
	names = dir_entries(dfd, inos);
	if (!kept)
		close(dfd);
	return names;
}

char **
procfs_list_sys(struct procfs *pf, const char *rel, char *why, size_t whylen)
{
	return list_sys(pf, rel, NULL, false, 0, why, whylen);
}

char **
procfs_list_sys_dirs(struct procfs *pf, const char *rel, uint64_t **inos,
    char *why, size_t whylen)
{
	return list_sys(pf, rel, inos, false, 0, why, whylen);
}

char **
procfs_list_sys_dirs_kept(struct procfs *pf, const char *rel, uint64_t ino,
    uint64_t **inos, char *why, size_t whylen)
{
	return list_sys(pf, rel, inos, true, ino, why, whylen);
}

void
procfs_free_names(char **names)
{
	if (names == NULL)
		return;
	for (char **p = names; *p; p++)
		free(*p);
	free(names);
}

int
procfs_write_self(const char *name, const char *text, char *why, size_t whylen)
{
	char path[64];
	size_t n = strlen(text);
	int fd;

	snprintf(path, sizeof path, "/proc/self/%s", name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, whylen, "%s", procfs_reason(errno));
		return -1;
	}
	if (write(fd, text, n) != (ssize_t)n) {
		snprintf(why, whylen, "%s", procfs_reason(errno));
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int
procfs_open_pid(struct procfs *pf, int pid)
{
	char name[16];

	if (pid <= 0) {
		errno = EINVAL;
		return -1;
	}
	snprintf(name, sizeof name, "%d", pid);
	return openat(pf->dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

int
procfs_pidfd_open(const struct procfs *pf, int pid)
{
	/* a capture's pids name no process of this system */
	if (!pf->live) {
		errno = EOPNOTSUPP;
		return -1;
	}
#ifdef SYS_pidfd_open
	return (int)syscall(SYS_pidfd_open, (pid_t)pid, 0u);
#else
	(void)pid;
	errno = ENOSYS;
	return -1;
#endif
}

int
procfs_pidfd_exited(int pidfd)
{
	/* a pidfd polls readable once the whole thread group has exited */
	struct pollfd p = { .fd = pidfd, .events = POLLIN };
	int n;

	do
		n = poll(&p, 1, 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -1;
	if (p.revents & POLLNVAL) {
		errno = EBADF;
		return -1;
	}
	return (p.revents & (POLLIN | POLLHUP)) != 0;
}

int
procfs_write_at(int dirfd, const char *rel, const char *text, size_t len)
{
	int fd = openat(dirfd, rel, O_WRONLY | O_CLOEXEC | O_NOCTTY), err;
	ssize_t n;

	if (fd < 0)
		return -1;
	do
		n = write(fd, text, len);
	while (n < 0 && errno == EINTR);
	err = errno;
	close(fd);
	if (n < 0) {
		errno = err;
		return -2;
	}
	if ((size_t)n != len) {
		errno = EIO;
		return -2;
	}
	return 0;
}

int
procfs_kmsg_open(const struct procfs *pf, char *why, size_t whylen)
{
	int fd;

	/* a capture's kernel log is not this machine's */
	if (!pf->live) {
		snprintf(why, whylen, "not available (a capture)");
		return -1;
	}
	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		snprintf(why, whylen, "/dev/kmsg: %s", procfs_reason(errno));
		return -1;
	}
	/* the history is dmesg's business: only what happens while we run */
	if (lseek(fd, 0, SEEK_END) < 0) {
		snprintf(why, whylen, "/dev/kmsg: cannot seek (%s)",
		    procfs_reason(errno));
		close(fd);
		return -1;
	}
	return fd;
}

ssize_t
procfs_kmsg_read(int fd, char *buf, size_t len)
{
	ssize_t n;

	do
		n = read(fd, buf, len);
	while (n < 0 && errno == EINTR);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		return 0;
	return n;
}

int
procfs_map_file(const char *abs_path, struct zt_buf *out, const void **data,
    size_t *len, bool *mapped, char *why, size_t whylen)
{
	struct stat st;
	void *m = MAP_FAILED;
	int fd;

	*data = NULL;
	*len = 0;
	*mapped = false;
	if (abs_path == NULL || abs_path[0] != '/') {
		snprintf(why, whylen, "not an absolute path");
		return -1;
	}
	fd = open(abs_path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		snprintf(why, whylen, "%s", procfs_reason(errno));
		return -1;
	}
	/* sysfs gives a size for binary files; a mapping must not be longer
	 * than what the kernel has (else SIGBUS past its end) */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (uint64_t)st.st_size <= ZT_FILE_MAX)
		m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (m != MAP_FAILED) {
		close(fd);
		*data = m;
		*len = (size_t)st.st_size;
		*mapped = true;
		return 0;
	}
	int rc = procfs_pread_all(fd, out), err = errno;
	close(fd);
	if (rc < 0) {
		snprintf(why, whylen, "%s", procfs_reason(err));
		return -1;
	}
	*data = out->p;
	*len = out->len;
	return 0;
}

void
procfs_unmap_file(const void *data, size_t len)
{
	if (data != NULL && len > 0)
		munmap((void *)(uintptr_t)data, len);
}

int
procfs_memfd(const char *name, const void *data, size_t len, char *path,
    size_t plen)
{
	int fd = (int)syscall(SYS_memfd_create, name, 1u /* MFD_CLOEXEC */);
	const char *p = data;

	if (fd < 0)
		return -1;
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			close(fd);
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	snprintf(path, plen, "/proc/self/fd/%d", fd);
	return fd;
}

char **
procfs_list_dir(const char *abs_dir, char *why, size_t whylen)
{
	int dfd = open(abs_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	char **names;

	if (dfd < 0) {
		snprintf(why, whylen, "%s", procfs_reason(errno));
		return NULL;
	}
	names = dir_entries(dfd, NULL);
	close(dfd);
	return names;
}

/* dir is ours: a directory (no link), owned by euid, writable by none
 * other */
static bool
state_dir_ours(const char *dir)
{
	struct stat st;

	return lstat(dir, &st) == 0 && S_ISDIR(st.st_mode) &&
	    st.st_uid == geteuid() && (st.st_mode & 022) == 0;
}

int
procfs_state_read(const char *dir, const char *name, struct zt_buf *out)
{
	char path[PATH_MAX];
	struct stat st;
	int fd, rc;

	if (!state_dir_ours(dir) ||
	    (size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY);
	if (fd < 0)
		return -1;
	rc = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_uid == geteuid() && (st.st_mode & 022) == 0 &&
	    st.st_size < 4096 ? procfs_pread_all(fd, out) : -1;
	close(fd);
	return rc;
}

int
procfs_state_write(const char *dir, const char *name, const char *text)
{
	char path[PATH_MAX], tmp[PATH_MAX], why[128];
	size_t len = strlen(text);
	int fd;
	ssize_t n;

	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return -1;
	if (!state_dir_ours(dir) ||
	    (size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
		return -1;
	if ((fd = procfs_temp_in(dir, name, tmp, sizeof tmp, why, sizeof why)) < 0)
		return -1;
	do
		n = write(fd, text, len);
	while (n < 0 && errno == EINTR);
	if (close(fd) < 0 || n < 0 || (size_t)n != len ||
	    rename(tmp, path) < 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}
