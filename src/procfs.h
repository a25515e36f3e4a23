/*
 * procfs.h: the only module that opens files under the proc root.
 *
 * The root is /proc on the running system or a directory holding a
 * capture with the same layout (zoneinfo, meminfo, sys/vm/..., PID/...).
 * Files read every tick are kept open and re-read with pread() from
 * offset 0 (seq_file regenerates them); a failing fd is reopened once.
 * Nothing here parses or exits: a failure returns -1 and a reason.
 */
#ifndef ZT_PROCFS_H
#define ZT_PROCFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "util.h"

struct procfs;

/* NULL root means "/proc".  Returns NULL with a reason when the root
 * cannot be opened. */
struct procfs *procfs_open(const char *root, char *why, size_t whylen);
void procfs_close(struct procfs *pf);

const char *procfs_root(const struct procfs *pf);
/* True when the root is the running system's /proc. */
bool procfs_live(const struct procfs *pf);
/* Directory fd of the root, for openat() of per-process files. */
int procfs_dirfd(const struct procfs *pf);

/*
 * Read the whole file rel (relative to the root) into out (cleared
 * first).  keep: hold the fd open for the next read.  On failure returns
 * -1 and writes "missing", "permission denied", ... into why.
 */
int procfs_read(struct procfs *pf, const char *rel, bool keep,
    struct zt_buf *out, char *why, size_t whylen);

/*
 * The sys root: /sys by default, or a capture's (--sys-root).  Files
 * under it (cgroupfs, memory blocks, hypervisor, balloon drivers) are
 * read here too, so no other module opens files.  Returns -1 and a
 * reason when the sys root itself cannot be opened.
 */
int procfs_set_sys_root(struct procfs *pf, const char *root, char *why,
    size_t whylen);
const char *procfs_sys_root(const struct procfs *pf);
/* Read a file relative to the sys root (rel may start with '/'). */
int procfs_read_sys(struct procfs *pf, const char *rel, struct zt_buf *out,
    char *why, size_t whylen);
/* The same through an fd kept open for the next refresh (files read
 * every refresh, in the same order: pread at 0 gives the kernel's new
 * text).  procfs_sys_kept_sweep() ends a refresh: the kept files it did
 * not read are closed (a removed cgroup's, say). */
int procfs_read_sys_kept(struct procfs *pf, const char *rel,
    struct zt_buf *out, char *why, size_t whylen);
void procfs_sys_kept_sweep(struct procfs *pf);
/* Names in a directory under the sys root ("." and ".." left out), as a
 * NULL-terminated array (free with procfs_free_names), or NULL and why. */
char **procfs_list_sys(struct procfs *pf, const char *rel, char *why,
    size_t whylen);
/* The same for subdirectories only, with their inode numbers in *inos
 * (malloc'd, one per name; NULL when there are none). */
char **procfs_list_sys_dirs(struct procfs *pf, const char *rel,
    uint64_t **inos, char *why, size_t whylen);
/* The same for a directory by its absolute path (the BPF loader's
 * /sys/kernel/btf, which has no procfs of its own). */
char **procfs_list_dir(const char *abs_dir, char *why, size_t whylen);
/* The same through a directory fd kept between refreshes, as
 * procfs_read_sys_kept keeps files (and swept with them): no path walk
 * per listing.  ino: the directory's inode number as its parent's
 * listing gave it (a directory made anew under the name is opened
 * anew), 0 not checked. */
char **procfs_list_sys_dirs_kept(struct procfs *pf, const char *rel,
    uint64_t ino, uint64_t **inos, char *why, size_t whylen);
/* Does rel exist under the sys root (file, dir or link)? */
bool procfs_sys_exists(struct procfs *pf, const char *rel);
void procfs_free_names(char **names);

/* Read a whole file relative to an open directory fd (no caching). */
int procfs_read_at(int dirfd, const char *rel, struct zt_buf *out,
    char *why, size_t whylen);

/* Read a whole file by its absolute path (the configuration file; not
 * under either root).  -1 and why ("missing", ...) on failure. */
int procfs_read_file(const char *abs_path, struct zt_buf *out, char *why,
    size_t whylen);
/* A whole file by its absolute path, mapped read-only where the kernel
 * lets it be (the BTF in sysfs since 6.16: no copy of its megabytes),
 * else read into out; *data and *len then point at the bytes, and
 * *mapped says which (procfs_unmap_file undoes a mapping). */
int procfs_map_file(const char *abs_path, struct zt_buf *out,
    const void **data, size_t *len, bool *mapped, char *why, size_t whylen);
void procfs_unmap_file(const void *data, size_t len);
/* An anonymous file (memfd) holding len bytes of data, for a library
 * that takes a path (libbpf's btf_custom_path): its fd, with the path
 * that opens it ("/proc/self/fd/N") in path, or -1 with errno. */
int procfs_memfd(const char *name, const void *data, size_t len, char *path,
    size_t plen);

/* Open ROOT/PID/name read-only (relative to the root's dirfd): an fd,
 * or -1 with errno (ENOENT/ESRCH: the process is gone). */
int procfs_pid_file(const struct procfs *pf, int pid, const char *name);

/* pread the whole of an already open fd into out.  -1 and errno set. */
int procfs_pread_all(int fd, struct zt_buf *out);

/* Write text to /proc/self/NAME of this process (always the real
 * /proc).  -1 and why on failure. */
int procfs_write_self(const char *name, const char *text, char *why,
    size_t whylen);

/*
 * The kernel log of the running system (/dev/kmsg), opened non-blocking
 * and positioned at its end, so only records logged from now on are
 * read.  -1 and why on a capture ("not available (a capture)") or when
 * it cannot be read.  procfs_kmsg_read: one record per call; its length,
 * 0 when no record is waiting, -1 with errno (EPIPE: records were
 * overwritten before we read them; the next read goes on after them).
 */
int procfs_kmsg_open(const struct procfs *pf, char *why, size_t whylen);
ssize_t procfs_kmsg_read(int fd, char *buf, size_t len);

/*
 * Open an output file (a recording, an OpenMetrics textfile) for
 * reading and writing without following a link someone else planted:
 * a new file is created with O_CREAT|O_EXCL|O_NOFOLLOW (mode 0644); an
 * existing one is opened with O_NOFOLLOW and must still be what lstat
 * saw; a final-component symbolic link is followed only when it belongs
 * to the caller (euid), otherwise refused (on a machine with
 * fs.protected_symlinks = 0 a sticky /tmp does not stop it).  *created
 * says which.  -1 with a one-line why ("PATH: ...").
 */
int procfs_open_output(const char *path, bool *created, char *why,
    size_t whylen);
/* A new temporary file in dir (O_EXCL, mode 0644), its name into tmp.
 * -1 with why. */
int procfs_temp_in(const char *dir, const char *prefix, char *tmp,
    size_t tmplen, char *why, size_t whylen);

/*
 * A few bytes of state kept from run to run (dir: a tmpfs such as
 * /run/zonetop, so that it lasts one boot), trusted only when ours: the
 * directory and the file owned by this euid, writable by no one else,
 * the file regular (no link followed).  read: 0 with out filled, -1
 * when absent or not trusted.  write: the directory made (0755) when
 * missing, the file replaced whole (a temporary renamed); 0 or -1.
 */
int procfs_state_read(const char *dir, const char *name, struct zt_buf *out);
int procfs_state_write(const char *dir, const char *name, const char *text);

/* Human reason for an errno, "missing" for ENOENT etc. */
const char *procfs_reason(int err);

/*
 * Per-process handles, for writes that must reach the process the user
 * chose and no other (protect.c).  procfs_open_pid: an O_DIRECTORY fd on
 * ROOT/PID; files opened through it belong to that process only (they
 * fail with ESRCH or ENOENT once it is gone, even if the pid is reused).
 * procfs_pidfd_open: a pidfd (pidfd_open(2), 5.3+) on the live system
 * only; -1 with errno ENOSYS where unsupported, EOPNOTSUPP on a capture.
 * procfs_pidfd_exited: 1 when the process has exited, 0 while it runs,
 * -1 on error.  procfs_write_at: write text to rel under an open
 * directory fd in one write(2); -1 when the open fails, -2 when the
 * write does (the kernel refusing the value).  All set errno.
 */
int procfs_open_pid(struct procfs *pf, int pid);
int procfs_pidfd_open(const struct procfs *pf, int pid);
int procfs_pidfd_exited(int pidfd);
int procfs_write_at(int dirfd, const char *rel, const char *text, size_t len);

#endif
