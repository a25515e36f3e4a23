/*
 * procs_parse.c: the pure readers of a process's /proc/PID files (stat,
 * status, cmdline): text in, fields out.  Below the processes reader
 * (procs.c), its details cache (detcache.c) and the libproc2 adapter
 * (proc_lib.c), which all use them.  Fuzzed by tests/fuzz/fuzz_procs.c.
 */
#include "procs_parse.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

int
procs_parse_stat(const char *text, size_t len, struct procs_stat *st)
{
	const char *open, *close = NULL, *p, *end = text + len;
	int64_t v;
	uint64_t u;

	memset(st, 0, sizeof *st);
	open = memchr(text, '(', len);
	if (open == NULL)
		return -1;
	/* the comm may hold ')' itself: the last one closes it */
	for (const char *q = end; q > open; q--)
		if (q[-1] == ')') {
			close = q - 1;
			break;
		}
	if (close == NULL)
		return -1;
	{
		/* "%d (": the pid and its blank (parse_i64_str takes blanks) */
		char num[16];
		size_t n = (size_t)(open - text);
		if (n == 0 || n >= sizeof num)
			return -1;
		memcpy(num, text, n);
		num[n] = '\0';
		if (!parse_i64_str(num, &v) || v <= 0 || v > INT_MAX)
			return -1;
		st->pid = (int)v;
	}
	size_t cl = (size_t)(close - open - 1);
	if (cl >= sizeof st->comm)
		cl = sizeof st->comm - 1;
	memcpy(st->comm, open + 1, cl);
	st->comm[cl] = '\0';

	/* fields from 3 (state) on; copy so parse_* cannot run off the end */
	char rest[512];
	size_t rl = (size_t)(end - close - 1);
	if (rl >= sizeof rest)
		rl = sizeof rest - 1;
	memcpy(rest, close + 1, rl);
	rest[rl] = '\0';
	p = rest;
	while (*p == ' ')
		p++;
	if (*p == '\0' || *p == '\n')
		return -1;
	st->state = *p++;
	for (int field = 4; field <= 22; field++) {
		if (field == 9 || field == 22) {
			if (!parse_u64(&p, &u))
				return -1;
			if (field == 9)
				st->flags = u;
			else
				st->start_time = u;
		} else {
			if (!parse_i64(&p, &v))
				return -1;
			if (field == 4)
				st->ppid = v;
		}
	}
	return 0;
}

/* "  1234 kB" into *out; untouched when it does not parse. */
static void
parse_kb(const char *s, size_t n, int64_t *out)
{
	char tmp[32] = "";
	const char *p = tmp;
	int64_t v;

	if (n >= sizeof tmp)
		return;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	/* a negative size is refused, and not stored either (fuzz_procs: a
	 * "VmRSS: -9223...kB" overflowed the score estimate) */
	if (!parse_i64(&p, &v) || v < 0)
		return;
	*out = v;
}

/* A status "Uid:" value (real, effective, saved, fs) into *uid: the
 * effective one, as top shows; untouched when it does not parse. */
static void
status_uid(const char *v, size_t vn, int64_t *uid)
{
	char tmp[96] = "";
	const char *q = tmp;
	int64_t r = -1, e = -1;

	if (vn >= sizeof tmp)
		return;
	memcpy(tmp, v, vn);
	tmp[vn] = '\0';
	if (parse_i64(&q, &r) && parse_i64(&q, &e) && e >= 0)
		*uid = e;
}

/* The next "Key:\tvalue" line of a status text: its key (k bytes at
 * *key) and the value after the colon (vn bytes at *v); false at the
 * end.  A line without a colon is passed over. */
static bool
status_next(const char **cur, const char *end, const char **key, size_t *k,
    const char **v, size_t *vn)
{
	const char *line;
	size_t n;

	while ((line = next_line(cur, end, &n)) != NULL) {
		const char *colon = memchr(line, ':', n);
		if (colon != NULL) {
			*key = line;
			*k = (size_t)(colon - line);
			*v = colon + 1;
			*vn = (size_t)(line + n - *v);
			return true;
		}
	}
	return false;
}

int
procs_parse_status(const char *text, size_t len, struct zt_proc *p)
{
	const char *cur = text, *end = text + len, *line, *v;
	size_t k, vn;
	bool name = false;

	while (status_next(&cur, end, &line, &k, &v, &vn)) {
		if (k == 4 && memcmp(line, "Name", 4) == 0) {
			size_t o = 0;
			if (vn > 0 && *v == '\t') {
				v++;
				vn--;
			}
			/* the kernel escapes only '\n' and '\\' here */
			for (size_t i = 0; i < vn && o + 1 < sizeof p->comm; i++) {
				char c = v[i];
				if (c == '\\' && i + 1 < vn) {
					if (v[i + 1] == 'n') {
						c = '\n';
						i++;
					} else if (v[i + 1] == '\\')
						i++;
				}
				p->comm[o++] = c;
			}
			p->comm[o] = '\0';
			name = true;
		} else if (k == 5 && memcmp(line, "State", 5) == 0) {
			while (vn > 0 && (*v == ' ' || *v == '\t')) {
				v++;
				vn--;
			}
			if (vn > 0 && *v >= 'A' && *v <= 'z')
				p->state = *v;
		} else if (k == 3 && memcmp(line, "Uid", 3) == 0) {
			status_uid(v, vn, &p->uid);
		} else if (k == 5 && memcmp(line, "VmRSS", 5) == 0) {
			parse_kb(v, vn, &p->rss_kb);
		} else if (k == 6 && memcmp(line, "VmSwap", 6) == 0) {
			parse_kb(v, vn, &p->swap_kb);
		} else if (k == 5 && memcmp(line, "VmPTE", 5) == 0) {
			parse_kb(v, vn, &p->pgtables_kb);
		}
	}
	return name ? 0 : -1;
}

/* A hex mask line ("0000003fffffffff"): is bit set?  CAP_SYS_ADMIN is
 * bit 21 of CapEff, SIGKILL bit 8 of SigPnd/ShdPnd. */
static bool
mask_bit(const char *v, size_t vn, int bit, bool *admin)
{
	char tmp[40] = "";
	char *end;

	/* strtoull passes over the blanks before the digits */
	if (vn == 0 || vn >= sizeof tmp)
		return false;
	memcpy(tmp, v, vn);
	tmp[vn] = '\0';
	unsigned long long caps = strtoull(tmp, &end, 16);
	if (end == tmp)
		return false;
	*admin = (caps >> bit) & 1;
	return true;
}

int
procs_parse_badness(const char *text, size_t len, int page_kb,
    struct badness_task *t)
{
	const char *cur = text, *end = text + len, *line, *v;
	size_t k, vn;
	bool name = false;
	int64_t rss = ZT_NA, anon = ZT_NA, file = ZT_NA, shmem = ZT_NA;
	int64_t swap = ZT_NA, pte = ZT_NA, pmd = ZT_NA;

	t->rss_anon = t->rss_file = t->rss_shmem = BADNESS_NA;
	t->swapents = t->pgtables_bytes = BADNESS_NA;
	if (page_kb <= 0)
		return -1;
	while (status_next(&cur, end, &line, &k, &v, &vn)) {
		bool admin;
#define KEY(s) (k == sizeof(s) - 1 && memcmp(line, s, k) == 0)
		if (KEY("Name"))
			name = true;
		else if (KEY("Uid"))
			status_uid(v, vn, &t->uid);
		else if (KEY("VmRSS"))
			parse_kb(v, vn, &rss);
		else if (KEY("RssAnon"))
			parse_kb(v, vn, &anon);
		else if (KEY("RssFile"))
			parse_kb(v, vn, &file);
		else if (KEY("RssShmem"))
			parse_kb(v, vn, &shmem);
		else if (KEY("VmSwap"))
			parse_kb(v, vn, &swap);
		else if (KEY("VmPTE"))
			parse_kb(v, vn, &pte);
		else if (KEY("VmPMD"))	/* 4.4-4.14: nr_pmds apart */
			parse_kb(v, vn, &pmd);
		else if (KEY("CapEff") && mask_bit(v, vn, 21, &admin)) {
			t->known |= BADNESS_F_CAP_ADMIN;
			if (admin)
				t->flags |= BADNESS_F_CAP_ADMIN;
		} else if ((KEY("ShdPnd") || KEY("SigPnd")) &&
		    mask_bit(v, vn, 8, &admin) && admin) {
			/* SIGKILL pending (the OOM killer sends it to the
			 * thread group): dying, its memory about to go */
			t->known |= BADNESS_F_VICTIM;
			t->flags |= BADNESS_F_VICTIM;
		}
#undef KEY
	}
	if (!name)
		return -1;
	/* no Vm lines: the task has no mm (a zombie, or exiting) */
	t->known |= BADNESS_F_NO_MM;
	if (!zt_have(rss)) {
		t->flags |= BADNESS_F_NO_MM;
		return 0;
	}
	t->flags &= ~(uint32_t)BADNESS_F_NO_MM;
	if (zt_have(anon) && zt_have(file) && zt_have(shmem)) {
		t->rss_anon = anon / page_kb;
		t->rss_file = file / page_kb;
		t->rss_shmem = shmem / page_kb;
	} else {
		/* before 4.5 only the sum is printed: it is what counts */
		t->rss_anon = rss / page_kb;
		t->rss_file = t->rss_shmem = 0;
	}
	if (zt_have(swap))
		t->swapents = swap / page_kb;
	/* kB from the text: cut where bytes would overflow (a garbled line) */
	if (zt_have(pte) && pte <= INT64_MAX / 2048 &&
	    (!zt_have(pmd) || pmd <= INT64_MAX / 2048))
		t->pgtables_bytes = (pte + (zt_have(pmd) ? pmd : 0)) * 1024;
	return 0;
}

int
procs_parse_last_pid(const char *text, size_t len, int64_t *pid)
{
	char b[128];
	const char *q = b;
	int fields = 0;

	if (len == 0 || len >= sizeof b)
		return -1;
	memcpy(b, text, len);
	b[len] = '\0';
	/* four blank-separated fields, then the pid */
	while (fields < 4) {
		while (*q != '\0' && *q != ' ')
			q++;
		if (*q != ' ')
			return -1;
		q++;
		fields++;
	}
	if (!parse_i64(&q, pid) || *pid < 0 || (*q != '\0' && *q != '\n'))
		return -1;
	return 0;
}

char *
procs_cmdline(const char *raw, size_t len)
{
	char *s;

	while (len > 0 && raw[len - 1] == '\0')
		len--;
	if (len == 0)
		return NULL;
	if (len > PROCS_CMDLINE_MAX)
		len = PROCS_CMDLINE_MAX;
	s = xstrndup(raw, len);
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\0')
			s[i] = ' ';
	return s;
}
