/*
 * oomreport.c: finds OOM-killer reports and page allocation failures in
 * log text and keeps what they printed (see oomreport.h).
 *
 * Three passes.  The first turns raw lines into the kernel's own lines:
 * it strips what a log tool put in front (syslog or journal date, host
 * and "kernel:", dmesg [timestamps], dmesg -T dates, <N> priorities,
 * caller ids, mail quote marks), splits rsyslog's "#012" escapes, and
 * rejoins the pieces of a line that a paste wrapped: in a prefixed log a
 * non-blank line without the prefix continues the line before it (the
 * seed's zone lines are cut mid-word, and 5.x prints the Mem-Info block
 * as one message with bare continuation lines).  The second pass, inside
 * the parser, rejoins wrapped zone lines in text with no prefix at all,
 * where an unknown line right after a zone line can only be its tail.
 * The third reads each line by what it starts with or contains; a report
 * opens at its header line and ends at its kill line, the next header or
 * the end of the text.  Lines a report does not explain are skipped, so
 * prose around a pasted report and other kernel messages between its
 * lines do no harm.
 */
#include "oomreport.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gfp.h"
#include "oomprefix.h"
#include "util.h"

#define OOM_MAX_REPORTS	4096
#define OOM_MAX_ZONES	256
#define OOM_MAX_NODES	256
#define OOM_MAX_TASKS	(1 << 20)
/* keys kept of one zone, node, Mem-Info or memcg stats list: the kernel
 * prints fewer than 100; each new key is looked for among those before
 * it, so a pasted list of thousands cost millions of compares */
#define OOM_MAX_KEYS	256

enum oom_mode { M_NONE, M_TRACE, M_MEMINFO, M_TASKS, M_MEMCG_STATS };

struct oom_parser {
	struct oom_reports *out;
	int cur;			/* open report index, -1 none */
	int mode;
	int last_zone;			/* the zone line just read, for the
					   lowmem_reserve[] line that must
					   follow it; -1 after any other */
	int kill_lineno;		/* input line of the last kill line */
	int line;			/* input line being read */
	/* a CPU line read while no report was open: the dump_stack() of a
	 * report found later inside its trace (its header not pasted) */
	char pend_cpu[256];
	int pend_cpu_line;		/* its input line, 0: none */
	int sysrq_lineno;		/* input line of "Manual OOM execution" */
	int unsure_dump_line;		/* input line of a "? dump_stack" word
					   read while no report was open */
};

/* ------------------------------------------------------------------ */

static bool
oom_starts(const char *s, const char *pfx)
{
	return strncmp(s, pfx, strlen(pfx)) == 0;
}

/* Past the first key in s, or NULL: no hand-counted length. */
static const char *
oom_find_after(const char *s, const char *key)
{
	const char *p = strstr(s, key);

	return p ? p + strlen(key) : NULL;
}

static void
oom_copy(char *dst, size_t dlen, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= dlen)
		n = dlen - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

/* The integer right after key in s. */
static bool
oom_num_after(const char *s, const char *key, int64_t *out)
{
	const char *p = strstr(s, key);

	if (p == NULL)
		return false;
	p += strlen(key);
	return parse_i64(&p, out);
}

static bool
oom_hex(const char **pp, uint64_t *out)
{
	const char *p = *pp;
	uint64_t v = 0;
	int nd = 0;

	while (*p == ' ')
		p++;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	for (; isxdigit((unsigned char)*p); p++) {
		if (++nd > 16)
			return false;
		int d = isdigit((unsigned char)*p) ? *p - '0' :
		    tolower((unsigned char)*p) - 'a' + 10;
		v = v << 4 | (uint64_t)d;
	}
	/* the kernel prints "%#x(" or "0x%x," or the mask last on its line:
	 * digits running on into a letter, '_' or a mask ("0x240****",
	 * "0x62??") were masked or garbled, and digits before a pager's '>'
	 * may have lost the rest; none is the mask.  Markup after the mask
	 * (a fence's '`', a quote) ends it. */
	if (nd == 0 || isalnum((unsigned char)*p) || *p == '_' || *p == '*' ||
	    *p == '?' || *p == '>')
		return false;
	*out = v;
	*pp = p;
	return true;
}

/*
 * "key:value" tokens (zone, node and global lines) into kv.  A unit
 * suffix (kB, KB) is dropped; "key: 0kB" (6.x shmem_thp) is taken
 * whole; "all_unreclaimable? yes|no" goes to *unrecl.
 */
/*
 * Zone and node lines print every size in kB: a value without its unit
 * there was cut (a pager's edge, a wrap that split the token) and is
 * not read.  pages_scanned is a count.
 */
static bool
oom_unit_ok(const char *q, bool need_unit, const char *key, size_t klen)
{
	if (!need_unit || (klen == 13 && memcmp(key, "pages_scanned", 13) == 0))
		return true;
	return (q[0] == 'k' || q[0] == 'K') && q[1] == 'B';
}

static void
oom_kv_tokens(const char *s, struct zt_kvs *kv, int *unrecl, bool need_unit)
{
	const char *p = s;

	while (*p) {
		while (*p == ' ' || *p == ',' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		const char *tok = p;
		while (*p && *p != ' ' && *p != ':' && *p != '?')
			p++;
		size_t klen = (size_t)(p - tok);
		if (*p == '?' && klen > 0) {		/* all_unreclaimable? */
			const char *v = p + 1;
			while (*v == ' ')
				v++;
			/* the whole key: strncmp of klen took any prefix of it */
			if (unrecl && klen == strlen("all_unreclaimable") &&
			    memcmp(tok, "all_unreclaimable", klen) == 0) {
				if (strncmp(v, "yes", 3) == 0)
					*unrecl = 1;
				else if (strncmp(v, "no", 2) == 0)
					*unrecl = 0;
			}
			p = v;
			while (*p && *p != ' ')
				p++;
			continue;
		}
		if (*p != ':' || klen == 0 || klen >= sizeof kv->v[0].key) {
			while (*p && *p != ' ')
				p++;
			continue;
		}
		p++;
		int64_t v;
		const char *q = p;
		if (parse_i64(&q, &v) && oom_unit_ok(q, need_unit, tok, klen)) {
			char key[48];
			memcpy(key, tok, klen);
			key[klen] = '\0';
			if (kv->n < OOM_MAX_KEYS)
				kvs_set(kv, key, v);
			p = q;
		}
		while (*p && *p != ' ')
			p++;
	}
}

/* Every token "key:digits" with no unit: a line of the global block. */
static bool
oom_is_global(const char *s)
{
	const char *p = s;
	int n = 0;

	while (*p) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		const char *tok = p;
		while (*p && (isalnum((unsigned char)*p) || *p == '_'))
			p++;
		if (p == tok || *p != ':')
			return false;
		p++;
		if (!isdigit((unsigned char)*p))
			return false;
		while (isdigit((unsigned char)*p))
			p++;
		if (*p && *p != ' ')
			return false;
		n++;
	}
	return n > 0;
}

/* "[Node N ]Name" at s; returns the end of the name, name copied. */
static const char *
oom_zone_name(const char *s, int *node, char *name, size_t nlen)
{
	const char *p = s;

	*node = -1;
	if (oom_starts(p, "Node ")) {
		int64_t v;
		p += strlen("Node ");
		if (!parse_i64(&p, &v) || v < 0 || v > 65535 || *p != ' ')
			return NULL;
		*node = (int)v;
		p++;
	}
	const char *nm = p;
	while (isalnum((unsigned char)*p))
		p++;
	if (p == nm || (size_t)(p - nm) >= nlen || !isupper((unsigned char)*nm))
		return NULL;
	memcpy(name, nm, (size_t)(p - nm));
	name[p - nm] = '\0';
	return p;
}

static bool
oom_is_zone_line(const char *s)
{
	int node;
	char name[12];
	const char *p = oom_zone_name(s, &node, name, sizeof name);

	return p && oom_starts(p, " free:") && isdigit((unsigned char)p[6]);
}

static bool
oom_is_buddy_line(const char *s)
{
	int node;
	char name[12];
	const char *p = oom_zone_name(s, &node, name, sizeof name);

	if (p == NULL || p[0] != ':' || p[1] != ' ')
		return false;
	p += 2;
	if (!isdigit((unsigned char)*p))
		return false;
	while (isdigit((unsigned char)*p))
		p++;
	return *p == '*';
}

/* "Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 ..." */
static bool
oom_is_huge_line(const char *s)
{
	return oom_starts(s, "Node ") && strstr(s, "hugepages_total=");
}

/* "Node 0 active_anon:4kB inactive_anon:0kB ..." */
static bool
oom_is_node_line(const char *s)
{
	return oom_starts(s, "Node ") && strstr(s, " active_anon:");
}

static bool
oom_contains_ci(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; *s; s++)
		if (strncasecmp(s, needle, n) == 0)
			return true;
	return false;
}

/* A printk format string quoted in a mail or a patch: a conversion
 * where the kernel prints a value ("gfp_mask=%#x", "order:%u"). */
static bool
oom_format_string(const char *at)
{
	return strstr(at, "=%") != NULL || strstr(at, ":%") != NULL;
}

/* The header's " invoked oom-killer:" in c; or, on a line that carries
 * a kernel log prefix, the marker ending the line (an author cut the
 * line after it: "[ 2786.51] mem_on_node0 invoked oom-killer"). */
static const char *
oom_invoked_at(const char *c, bool prefixed)
{
	static const char key[] = " invoked oom-killer";
	const char *at = strstr(c, key);

	if (at == NULL)
		return NULL;
	const char *t = at + strlen(key);
	while (prefixed && *t == ' ')
		t++;
	if (oom_format_string(t))
		return NULL;
	return *t == ':' || (prefixed && *t == '\0') ? at : NULL;
}

/* Before 2.6.19 out_of_memory() named no task: its header "oom-killer:
 * gfp_mask=0x%x, order=%d" starts the line.  Its comm (none) ends at
 * c: c, or NULL. */
static const char *
oom_commless_at(const char *c)
{
	return oom_starts(c, "oom-killer: gfp_mask=") && !oom_format_string(c) ? c : NULL;
}

/* Lines any report may carry, known without context: used to tell a
 * wrapped tail from the next line. */
static bool
oom_is_known(const char *s)
{
	static const char *const starts[] = {
		"lowmem_reserve[]", "protections[]", "Mem-Info", "Mem-info", "CPU: ",
		"Call Trace", "Hardware name", "oom-kill:", "Task in ",
		"memory: ", "memory+swap: ", "kmem: ", "swap: ",
		"Memory cgroup", "Tasks state", "Killed process", "Out of memory",
		"Free swap", "Total swap", "Swap cache", "oom_reaper", "[",
		"oom-killer: gfp_mask=",
	};

	if (oom_invoked_at(s, true) || strstr(s, "page allocation failure"))
		return true;
	for (size_t i = 0; i < ZT_ARRAY_LEN(starts); i++)
		if (oom_starts(s, starts[i]))
			return true;
	if (oom_is_zone_line(s) || oom_is_buddy_line(s) || oom_starts(s, "Node "))
		return true;
	if (isdigit((unsigned char)*s) && (strstr(s, " pages") || strstr(s, "pagecache")))
		return true;
	return false;
}

/* ------------------------------------------------------------------ */

static void
oom_report_init(struct oom_report *r)
{
	memset(r, 0, sizeof *r);
	r->pid = -1;
	r->order = r->oom_score_adj = r->vmalloc_bytes = ZT_NA;
	r->oomkill_uid = ZT_NA;
	r->mem_usage_kb = r->mem_limit_kb = r->mem_failcnt = ZT_NA;
	r->memsw_usage_kb = r->memsw_limit_kb = r->memsw_failcnt = ZT_NA;
	r->kmem_usage_kb = r->kmem_limit_kb = ZT_NA;
	r->swap_usage_kb = r->swap_limit_kb = ZT_NA;
	r->hugepages_kb = ZT_NA;
	r->pagecache_pages = r->swapcache_pages = ZT_NA;
	r->free_swap_kb = r->total_swap_kb = ZT_NA;
	r->ram_pages = r->highmem_pages = r->reserved_pages = ZT_NA;
	r->cma_reserved_pages = r->hwpoisoned_pages = ZT_NA;
	r->select_score = ZT_NA;
	r->total_vm_kb = r->anon_rss_kb = r->file_rss_kb = r->shmem_rss_kb = ZT_NA;
	r->killed_uid = r->pgtables_kb = r->killed_adj = ZT_NA;
}

static struct oom_report *
oom_cur(struct oom_parser *ps)
{
	return ps->cur >= 0 ? &ps->out->r[ps->cur] : NULL;
}

/* p, an array of n elements of size bytes, with room for one more:
 * its room doubles at each power of two (n is the only count kept), as
 * growing by one moved the whole array (reports are 6.6 kB each) for
 * every element. */
static void *
oom_grow(void *p, int n, size_t size)
{
	if ((n & (n - 1)) == 0)
		p = xreallocarray(p, n ? (size_t)n * 2 : 1, size);
	return p;
}

static struct oom_report *
oom_open(struct oom_parser *ps, int kind, bool header, const struct oom_line *l,
    const char *c)
{
	struct oom_reports *rs = ps->out;

	if (rs->n >= OOM_MAX_REPORTS)
		return NULL;
	rs->r = oom_grow(rs->r, rs->n, sizeof *rs->r);
	struct oom_report *r = &rs->r[rs->n];
	oom_report_init(r);
	r->kind = kind;
	r->have_header = header;
	r->line = l->lineno;
	strlcpy0(r->stamp, l->stamp, sizeof r->stamp);
	if (header)
		strlcpy0(r->header, c, sizeof r->header);
	ps->cur = rs->n++;
	ps->mode = M_NONE;
	ps->last_zone = -1;
	/* SysRq-f prints its line, then its work item reports the OOM */
	r->sysrq_line = ps->sysrq_lineno > 0 && l->lineno - ps->sysrq_lineno <= 8;
	ps->sysrq_lineno = 0;
	ps->pend_cpu_line = 0;
	return r;
}

/* The kernel prints a task's comm, at most TASK_COMM_LEN - 1 bytes. */
#define OOM_COMM_MAX 15

/* "comm invoked oom-killer: gfp_mask=0x..(..), order=N, oom_score_adj=N" */
static void
oom_header(struct oom_report *r, const char *c, const char *at)
{
	const char *p;
	int64_t v;

	/* the marker follows current->comm, at most TASK_COMM_LEN - 1 = 15
	 * bytes: longer text before it ends with the comm, its longest last
	 * part of 15 bytes at most that starts a word (a prefix no form
	 * read: a JSON log entry's key and the dmesg stamp) */
	const char *comm = c;
	if (at - c > OOM_COMM_MAX)
		for (const char *q = at - OOM_COMM_MAX; q < at; q++)
			if (q[-1] == ' ' && *q != ' ') {
				comm = q;
				break;
			}
	oom_copy(r->comm, sizeof r->comm, comm, (size_t)(at - comm));
	if ((p = strstr(at, "gfp_mask=")) != NULL || (p = strstr(at, "mode:")) != NULL) {
		p = strchr(p, *p == 'g' ? '=' : ':') + 1;
		if (oom_hex(&p, &r->gfp_mask)) {
			r->have_gfp = true;
			if (*p == '(') {
				const char *close = strchr(p, ')');
				if (close) {
					r->have_gfp_names = true;
					oom_copy(r->gfp_names, sizeof r->gfp_names,
					    p + 1, (size_t)(close - p - 1));
				}
			}
		}
	}
	/* "order=N" (OOM), "order:N" (warn_alloc), "page order N" (the
	 * vmalloc form: the order of the pages it failed to get) */
	if (oom_num_after(at, "order=", &v) || oom_num_after(at, "order:", &v) ||
	    oom_num_after(at, "page order ", &v))
		r->order = v;
	if (oom_num_after(at, "vmalloc error: size ", &v) ||
	    oom_num_after(at, "vmalloc: allocation failure: ", &v))
		r->vmalloc_bytes = v;
	if (oom_num_after(at, "oom_score_adj=", &v))
		r->oom_score_adj = v;
	else if (oom_num_after(at, "oom_adj=", &v)) {
		r->oom_score_adj = v;
		r->legacy_adj = true;
	}
	if ((p = oom_find_after(at, "nodemask=")) != NULL) {
		oom_copy(r->nodemask, sizeof r->nodemask, p, strcspn(p, ", "));
	}
	if ((p = oom_find_after(at, "cpuset=")) != NULL) {
		oom_copy(r->cpuset, sizeof r->cpuset, p, strcspn(p, ", "));
	}
	if ((p = oom_find_after(at, "mems_allowed=")) != NULL) {
		oom_copy(r->mems_allowed, sizeof r->mems_allowed, p, strcspn(p, " "));
	}
}

/* "CPU: 0 PID: 3841 Comm: x Not tainted 4.4.0-... #2"; 2.6.32 "Pid: N,
 * comm: x Not tainted ...". */
static void
oom_cpu_line(struct oom_report *r, const char *c)
{
	const char *p, *comm, *end, *t;
	int64_t v;

	r->have_cpu_line = true;
	/* PID 0 is the idle task (swapper/N): an allocation from an
	 * interrupt on an idle CPU */
	if ((oom_num_after(c, "PID: ", &v) || oom_num_after(c, "Pid: ", &v)) &&
	    v >= 0 && v < (1 << 30))
		r->pid = (int)v;
	comm = strstr(c, "Comm: ");
	if (comm == NULL)
		comm = strstr(c, "comm: ");
	if (comm == NULL)
		return;
	comm += strlen("Comm: ");	/* either case: the same length */
	end = comm + strlen(comm);
	static const char *const stops[] = { " Not tainted", " Tainted:", " Kdump:" };
	for (size_t i = 0; i < ZT_ARRAY_LEN(stops); i++) {
		const char *s = strstr(comm, stops[i]);
		if (s && s < end)
			end = s;
	}
	if (r->comm[0] == '\0')
		oom_copy(r->comm, sizeof r->comm, comm, (size_t)(end - comm));
	static const char tainted[] = "ainted";	/* "Not tainted", "Tainted:" */
	t = strstr(end, tainted);
	if (t == NULL)
		return;
	p = t + strlen(tainted);
	while (*p) {
		while (*p == ' ' || *p == ':')
			p++;
		const char *tok = p;
		while (*p && *p != ' ')
			p++;
		if (isdigit((unsigned char)*tok) && memchr(tok, '.', (size_t)(p - tok))) {
			oom_copy(r->release, sizeof r->release, tok, (size_t)(p - tok));
			break;
		}
	}
	static const char *const b64[] = { "x86_64", "amd64", "aarch64", "arm64",
		"ppc64", "s390x", "riscv64" };
	static const char *const b32[] = { "i686", "i586", "i386", "armv7", "armhf" };
	for (size_t i = 0; i < ZT_ARRAY_LEN(b64); i++)
		if (strstr(r->release, b64[i]))
			r->bits = 64;
	for (size_t i = 0; i < ZT_ARRAY_LEN(b32); i++)
		if (strstr(r->release, b32[i]))
			r->bits = 32;
}

/* The offset of a frame, at plus: "+0x1a/0x40" (%pS), or "+0x1a" with
 * the line ending there (a paste cut inside the offset: the '+' shows
 * the name before it whole). */
static bool
oom_frame_offset(const char *plus)
{
	const char *h = plus + strlen("+0x");

	while (isxdigit((unsigned char)*h))
		h++;
	return *h == '\0' || strstr(plus, "/0x") != NULL;
}

/* Frame s (n bytes, a suffix from '.' on dropped) appended to r's
 * trace; unsure: a "? name" stack word. */
static void
oom_frame_add(struct oom_report *r, const char *s, size_t n, bool unsure)
{
	const char *dot = memchr(s, '.', n);

	if (dot)
		n = (size_t)(dot - s);
	if (r->nframes < OOM_MAX_FRAMES && n > 0) {
		oom_copy(r->frames[r->nframes], OOM_FRAME_LEN, s, n);
		r->frame_unsure[r->nframes] = unsure;
		r->nframes++;
	}
}

/* A function name at s that ends at a '+', ')' or ' ' (its offset, the
 * parenthesis, a module's name): its length, 0 for none or one cut. */
static size_t
oom_arm_name(const char *s)
{
	const char *e = s;

	while (isalnum((unsigned char)*e) || *e == '_' || *e == '.')
		e++;
	if (e == s || !(isalpha((unsigned char)*s) || *s == '_') ||
	    (*e != '+' && *e != ')' && *e != ' '))
		return 0;
	return (size_t)(e - s);
}

/* ARM's unwinder prints its frames with no "Call Trace:" line before
 * them (arch/arm/kernel/unwind.c, traps.c dump_backtrace_entry()), each
 * a callee and the caller it returns into:
 * "[<c000f780>] (unwind_backtrace) from [<c000d20c>] (show_stack+0x10/0x14)",
 * before 3.x with the callee's offset too ("(dump_stack+0x0/0x14) from
 * ..."), a module's functions "(rx_submit [usbnet])".  The callee's name
 * (its length in *n), or NULL for another line; the caller's in *caller
 * (*cn bytes, 0 when the line is cut inside it). */
static const char *
oom_arm_frame(const char *c, size_t *n, const char **caller, size_t *cn)
{
	static const char from[] = ") from [<";
	const char *h = c + 2, *s, *f;

	if (!oom_starts(c, "[<"))
		return NULL;
	while (isxdigit((unsigned char)*h))
		h++;
	if (h == c + 2 || strncmp(h, ">] (", 4) != 0)
		return NULL;
	s = h + 4;
	if ((*n = oom_arm_name(s)) == 0 || (f = strstr(s + *n, from)) == NULL)
		return NULL;
	const char *a = f + sizeof from - 1;
	for (f = a; isxdigit((unsigned char)*f); f++)
		;
	*caller = f + 4;
	*cn = f > a && strncmp(f, ">] (", 4) == 0 ? oom_arm_name(f + 4) : 0;
	return s;
}

/* A call trace frame: the function name, its ".cold" or ".isra.N"
 * suffix and offset dropped. */
static void
oom_frame(struct oom_report *r, const char *c)
{
	static const char addr[] = "[<", off[] = "+0x";	/* [<ffff...>], fn+0x1a/0x40 */
	const char *p = c, *plus;

	if (oom_starts(c, "RIP:") && r->bits == 0)
		r->bits = 64;
	if (oom_starts(c, "EIP:") && r->bits == 0)
		r->bits = 32;
	if (oom_starts(c, "RIP:") || oom_starts(c, "EIP:") || oom_starts(c, "PC is") ||
	    oom_starts(c, "LR is") || oom_starts(c, "pc :") || oom_starts(c, "lr :"))
		return;
	if (oom_starts(c, addr)) {
		const char *h = c + strlen(addr), *e = h;
		while (isxdigit((unsigned char)*e))
			e++;
		if (*e == '>' && r->bits == 0)
			r->bits = e - h > 8 ? 64 : 32;
	}
	while ((plus = strstr(p, off)) != NULL) {
		const char *s = plus;
		while (s > c && (isalnum((unsigned char)s[-1]) || s[-1] == '_' ||
		    s[-1] == '.'))
			s--;
		if (s < plus && (isalpha((unsigned char)*s) || *s == '_') &&
		    oom_frame_offset(plus)) {
			/* "? name+0x..": an address found on the stack that
			 * the unwinder could not prove a return address */
			oom_frame_add(r, s, (size_t)(plus - s), s - c >= 2 &&
			    s[-1] == ' ' && s[-2] == '?');
			return;
		}
		p = plus + strlen(off);
	}
}

static int
oom_zone_find(struct oom_report *r, int node, const char *name, bool create)
{
	for (int i = 0; i < r->nzones; i++)
		if (r->zones[i].node == node && strcmp(r->zones[i].name, name) == 0)
			return i;
	if (!create || r->nzones >= OOM_MAX_ZONES)
		return -1;
	r->zones = oom_grow(r->zones, r->nzones, sizeof *r->zones);
	struct oom_zone *z = &r->zones[r->nzones];
	memset(z, 0, sizeof *z);
	z->node = node;
	strlcpy0(z->name, name, sizeof z->name);
	z->type = zone_type_from_name(name);
	z->unreclaimable = -1;
	z->buddy_total_kb = z->block_kb = ZT_NA;
	for (int i = 0; i < ZT_MAX_ORDER; i++)
		z->buddy[i] = ZT_NA;
	return r->nzones++;
}

static void
oom_zone_line(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	int node;
	char name[12];
	const char *p = oom_zone_name(c, &node, name, sizeof name);
	int i = oom_zone_find(r, node, name, true);

	if (i < 0)
		return;
	struct oom_zone *z = &r->zones[i];
	z->have_line = true;
	oom_kv_tokens(p, &z->kv, &z->unreclaimable, true);
	ps->last_zone = i;
}

static void
oom_reserve_line(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	const char *p = strchr(c, ':');

	if (ps->last_zone < 0 || ps->last_zone >= r->nzones || p == NULL)
		return;
	struct oom_zone *z = &r->zones[ps->last_zone];
	p++;
	z->nreserve = 0;
	while (z->nreserve < ZT_MAX_ZONE_TYPES) {
		int64_t v;
		if (!parse_i64(&p, &v))
			break;
		z->reserve[z->nreserve++] = v;
	}
	ps->last_zone = -1;
}

/* "Node 0 DMA: 20*4kB (UM) 17*8kB (UM) ... = 3944kB" */
static void
oom_buddy_line(struct oom_report *r, const char *c)
{
	int node;
	char name[12];
	const char *p = oom_zone_name(c, &node, name, sizeof name);
	int i = oom_zone_find(r, node, name, true);

	if (i < 0)
		return;
	struct oom_zone *z = &r->zones[i];
	p += 2;
	z->norders = 0;
	while (*p) {
		int64_t n, sz;
		while (*p == ' ')
			p++;
		if (*p == '(') {			/* migrate type letters */
			const char *close = strchr(p, ')');
			p = close ? close + 1 : p + strlen(p);
			continue;
		}
		if (*p == '=') {
			p++;
			if (parse_i64(&p, &n))
				z->buddy_total_kb = n;
			break;
		}
		if (!parse_i64(&p, &n) || *p != '*')
			break;
		p++;
		if (!parse_i64(&p, &sz))
			break;
		if (z->norders == 0)
			z->block_kb = sz;
		if (z->norders < ZT_MAX_ORDER)
			z->buddy[z->norders++] = n;
		while (*p && *p != ' ')
			p++;
	}
}

static void
oom_node_line(struct oom_report *r, const char *c)
{
	int64_t v;
	const char *p = c + strlen("Node ");

	if (!parse_i64(&p, &v) || v < 0 || v > 65535)
		return;
	struct oom_node *nd = NULL;
	for (int i = 0; i < r->nnodes; i++)
		if (r->nodes[i].node == (int)v)
			nd = &r->nodes[i];
	if (nd == NULL) {
		if (r->nnodes >= OOM_MAX_NODES)
			return;
		r->nodes = oom_grow(r->nodes, r->nnodes, sizeof *r->nodes);
		nd = &r->nodes[r->nnodes++];
		memset(nd, 0, sizeof *nd);
		nd->node = (int)v;
		nd->unreclaimable = -1;
	}
	oom_kv_tokens(p, &nd->kv, &nd->unreclaimable, true);
}

/* "Node 0 hugepages_total=0 hugepages_free=0 ... hugepages_size=2048kB" */
static void
oom_huge_line(struct oom_report *r, const char *c)
{
	int64_t total, size;

	if (!oom_num_after(c, "hugepages_total=", &total) ||
	    !oom_num_after(c, "hugepages_size=", &size) || total < 0 || size < 0)
		return;
	if (size > 0 && total > INT64_MAX / 4 / size)
		return;
	if (!zt_have(r->hugepages_kb))
		r->hugepages_kb = 0;
	if (r->hugepages_kb <= INT64_MAX / 4)
		r->hugepages_kb += total * size;
}

/* The "N pages ..." and swap lines of show_mem.  True when one matched. */
static bool
oom_count_line(struct oom_report *r, const char *c)
{
	static const struct {
		const char *tail;
		size_t off;
	} tails[] = {
		{ " total pagecache pages", offsetof(struct oom_report, pagecache_pages) },
		{ " pages in swap cache", offsetof(struct oom_report, swapcache_pages) },
		{ " pages RAM", offsetof(struct oom_report, ram_pages) },
		{ " pages HighMem/MovableOnly", offsetof(struct oom_report, highmem_pages) },
		{ " pages HighMem", offsetof(struct oom_report, highmem_pages) },
		{ " pages reserved", offsetof(struct oom_report, reserved_pages) },
		{ " pages cma reserved", offsetof(struct oom_report, cma_reserved_pages) },
		/* the arch show_mem of x86 before lib/show_mem.c (2.6.30) */
		{ " pages of RAM", offsetof(struct oom_report, ram_pages) },
		{ " pages of HIGHMEM", offsetof(struct oom_report, highmem_pages) },
		{ " reserved pages", offsetof(struct oom_report, reserved_pages) },
		{ " pages hwpoisoned", offsetof(struct oom_report, hwpoisoned_pages) },
	};
	const char *p = c;
	int64_t v;

	if (oom_starts(c, "Free swap") || oom_starts(c, "Total swap")) {
		const char *eq = strchr(c, '=');
		if (eq == NULL)
			return false;
		p = eq + 1;
		if (!parse_i64(&p, &v))
			return false;
		if (c[0] == 'F')
			r->free_swap_kb = v;
		else
			r->total_swap_kb = v;
		return true;
	}
	if (!isdigit((unsigned char)*c) || !parse_i64(&p, &v))
		return false;
	for (size_t i = 0; i < ZT_ARRAY_LEN(tails); i++) {
		if (strcmp(p, tails[i].tail) == 0) {
			int64_t *f = (int64_t *)(void *)((char *)r + tails[i].off);
			*f = v;
			return true;
		}
	}
	return false;
}

static const struct {
	const char *name;
	size_t off;
} oom_task_cols[] = {
	{ "uid", offsetof(struct oom_task, uid) },
	{ "tgid", offsetof(struct oom_task, tgid) },
	{ "total_vm", offsetof(struct oom_task, total_vm) },
	{ "rss", offsetof(struct oom_task, rss) },
	{ "rss_anon", offsetof(struct oom_task, rss_anon) },
	{ "rss_file", offsetof(struct oom_task, rss_file) },
	{ "rss_shmem", offsetof(struct oom_task, rss_shmem) },
	{ "nr_ptes", offsetof(struct oom_task, nr_ptes) },
	{ "nr_pmds", offsetof(struct oom_task, nr_pmds) },
	{ "pgtables_bytes", offsetof(struct oom_task, pgtables_bytes) },
	{ "swapents", offsetof(struct oom_task, swapents) },
	{ "oom_score_adj", offsetof(struct oom_task, adj) },
	{ "oom_adj", offsetof(struct oom_task, adj) },
	{ "cpu", offsetof(struct oom_task, cpu) },
};

/* dump_tasks()'s headings, as the kernel prints them: 2.6's (cpu,
 * oom_adj), 3.x's (nr_ptes), 4.x's (nr_pmds), 4.19's (pgtables_bytes),
 * 6.8's (rss_anon ...) */
static const char *const oom_task_headings[] = {
	"[ pid ]   uid  tgid total_vm      rss cpu oom_adj name",
	"[ pid ]   uid  tgid total_vm      rss cpu oom_adj oom_score_adj name",
	"[ pid ]   uid  tgid total_vm      rss nr_ptes swapents oom_score_adj name",
	"[ pid ]   uid  tgid total_vm      rss nr_ptes nr_pmds swapents oom_score_adj name",
	"[ pid ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name",
	"[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name",
	"[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name",
};

/* One of those headings cut short (the paste ends inside it): a proper
 * prefix of one, through its "tgid" at least.  It shows dump_tasks()
 * printed it, though its columns are lost. */
static bool
oom_is_cut_task_heading(const char *c)
{
	size_t n = strlen(c);

	for (size_t i = 0; i < ZT_ARRAY_LEN(oom_task_headings); i++) {
		const char *h = oom_task_headings[i];
		size_t least = (size_t)(strstr(h, "tgid") - h) + 4;
		if (n >= least && n < strlen(h) && strncmp(c, h, n) == 0)
			return true;
	}
	return false;
}

/* "[ pid ]   uid  tgid total_vm      rss ... name": true if it is one. */
static bool
oom_task_header(struct oom_report *r, const char *c)
{
	const char *close = strchr(c, ']');

	if (c[0] != '[' || close == NULL || close - c > 16)
		return false;
	if (memmem(c, (size_t)(close - c), "pid", 3) == NULL)
		return false;
	const char *p = close + 1;
	int n = 0;
	char cols[OOM_MAX_COLS][20] = { { 0 } };	/* copied whole below */
	while (*p) {
		while (*p == ' ' || *p == '\t')
			p++;
		const char *tok = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (p == tok)
			break;
		if (n >= OOM_MAX_COLS)
			return false;
		oom_copy(cols[n++], sizeof cols[0], tok, (size_t)(p - tok));
	}
	if (n < 2 || strcmp(cols[n - 1], "name") != 0)
		return false;
	memcpy(r->cols, cols, sizeof cols);
	r->ncols = n;
	r->have_tasks = true;
	return true;
}

static void
oom_task_add(struct oom_report *r, const struct oom_task *t)
{
	/* grow at powers of two from 16 */
	if (r->ntasks == 0 || (r->ntasks >= 16 && (r->ntasks & (r->ntasks - 1)) == 0))
		r->tasks = xreallocarray(r->tasks, r->ntasks ? (size_t)r->ntasks * 2 : 16,
		    sizeof *r->tasks);
	r->tasks[r->ntasks++] = *t;
}

/* One number of a task row: blank-delimited, so a name that starts
 * with digits ("7z", "1password", "2to3") is no number. */
static bool
oom_task_num(const char **pp, int64_t *v)
{
	const char *p = *pp;

	if (!parse_i64(&p, v) || (*p != ' ' && *p != '\t' && *p != '\0'))
		return false;
	*pp = p;
	return true;
}

/* The numbers of a row before its name; *end: past the last. */
static int
oom_task_numbers(const char *p, const char **end)
{
	int n = 0;
	int64_t v;

	while (oom_task_num(&p, &v))
		n++;
	*end = p;
	return n;
}

/* A row of dump_tasks()'s table seen with no report open, its heading
 * not in the paste: a pid in brackets, at least six numbers (uid, tgid,
 * total_vm, rss, the page-table and swap columns: every kernel's table
 * has them), then the name.  Only an OOM report prints one.  Its pid is
 * above 0: dump_tasks() walks the task list, where no idle task is. */
static bool
oom_is_bare_task_row(const char *c)
{
	const char *p = c + 1, *end;
	int64_t pid;

	if (c[0] != '[' || !parse_i64(&p, &pid) || *p != ']' || pid <= 0)
		return false;
	return oom_task_numbers(p + 1, &end) >= 6 && *end != '\0';
}

static bool
oom_task_row(struct oom_report *r, const char *c)
{
	const char *p = c + 1, *end;
	int64_t pid;

	if (!parse_i64(&p, &pid) || *p != ']' || pid < 0 || pid > (1 << 30))
		return false;
	if (r->ntasks >= OOM_MAX_TASKS)
		return true;
	p++;
	struct oom_task t = { .pid = (int)pid };
	t.uid = t.tgid = t.total_vm = t.rss = t.rss_anon = t.rss_file = ZT_NA;
	t.rss_shmem = t.nr_ptes = t.nr_pmds = t.pgtables_bytes = ZT_NA;
	t.swapents = t.adj = t.cpu = ZT_NA;
	/* a row with more or fewer numbers than the header has columns was
	 * cut or joined wrongly: which number is which is not known, and the
	 * name follows the numbers.  One more that ends the row is a name of
	 * digits ("1234"): the kernel prints one number a column, then the
	 * name. */
	int n = oom_task_numbers(p, &end);
	if (n != r->ncols - 1 && (n != r->ncols || *end != '\0'))
		p = end;
	else
		for (int i = 0; i < r->ncols - 1; i++) {
			int64_t v;
			oom_task_num(&p, &v);
			for (size_t k = 0; k < ZT_ARRAY_LEN(oom_task_cols); k++) {
				if (strcmp(r->cols[i], oom_task_cols[k].name) == 0) {
					int64_t *f = (int64_t *)(void *)((char *)&t +
					    oom_task_cols[k].off);
					*f = v;
				}
			}
		}
	oom_copy(t.comm, sizeof t.comm, p, strlen(p));
	oom_task_add(r, &t);
	return true;
}


/* "P (comm) ..." after a kill verb: pid and the comm between the first
 * '(' and the last ')' before stop that leaves a comm the kernel can
 * print (a ')' further on ends text glued to the line, as in "(mysql).In
 * this instance ... (PID)"); the last ')' when none does; neither where
 * P is no pid. */
static void
oom_pid_comm(const char *p, const char *stop, int *pid, char *comm, size_t clen)
{
	int64_t v;

	if (!parse_i64(&p, &v) || v < 0 || v > (1 << 30))
		return;
	*pid = (int)v;
	const char *open = strchr(p, '(');
	if (open == NULL)
		return;
	const char *end = stop ? strstr(open, stop) : NULL;
	if (end == NULL)
		end = open + strlen(open);
	const char *close = end, *last = NULL;
	for (; close > open; close--) {
		if (*close != ')')
			continue;
		if (last == NULL)
			last = close;
		if (close - open - 1 <= OOM_COMM_MAX)
			break;
	}
	if (close <= open && last != NULL)
		close = last;
	if (close > open)
		oom_copy(comm, clen, open + 1, (size_t)(close - open - 1));
}

/* The text before a kill verb's ": " (the kernel's "Out of memory",
 * "Memory cgroup out of memory"), its end kept when it is longer than
 * the field: what a log tool put in front (a kubectl event's columns,
 * a JSON key) comes first. */
static void
oom_kill_prefix(struct oom_report *r, const char *c, const char *verb)
{
	size_t n = (size_t)(verb - c - 2);

	if (n >= sizeof r->kill_prefix) {
		c += n - (sizeof r->kill_prefix - 1);
		n = sizeof r->kill_prefix - 1;
	}
	oom_copy(r->kill_prefix, sizeof r->kill_prefix, c, n);
}

static void
oom_select_line(struct oom_report *r, const char *c, const char *verb)
{
	int64_t v;

	r->have_select = true;
	if (verb > c + 2)
		oom_kill_prefix(r, c, verb);
	oom_pid_comm(verb + strlen("Kill process "), " score", &r->select_pid, r->select_comm,
	    sizeof r->select_comm);
	if (oom_num_after(verb, " score", &v))
		r->select_score = v;
	r->sacrifice_child = strstr(verb, "sacrifice child") != NULL ||
	    strstr(verb, "or a child") != NULL;
}

static void
oom_killed_line(struct oom_report *r, const char *c, const char *verb)
{
	static const struct {
		const char *key;
		size_t off;
	} keys[] = {
		{ "total-vm:", offsetof(struct oom_report, total_vm_kb) },
		{ "vsz:", offsetof(struct oom_report, total_vm_kb) },
		{ "anon-rss:", offsetof(struct oom_report, anon_rss_kb) },
		{ "file-rss:", offsetof(struct oom_report, file_rss_kb) },
		{ "shmem-rss:", offsetof(struct oom_report, shmem_rss_kb) },
		{ "UID:", offsetof(struct oom_report, killed_uid) },
		{ "pgtables:", offsetof(struct oom_report, pgtables_kb) },
		{ "oom_score_adj:", offsetof(struct oom_report, killed_adj) },
	};

	r->have_killed = true;
	if (verb > c + 2 && r->kill_prefix[0] == '\0')
		oom_kill_prefix(r, c, verb);
	const char *stop = strstr(verb, " total-vm:") ? " total-vm:" : " vsz:";
	oom_pid_comm(verb + strlen("Killed process "), stop, &r->killed_pid, r->killed_comm,
	    sizeof r->killed_comm);
	for (size_t i = 0; i < ZT_ARRAY_LEN(keys); i++) {
		int64_t v;
		const char *k = strstr(verb, keys[i].key);
		/* "UID:" must not match inside another word */
		if (k && k > verb && isalpha((unsigned char)k[-1]))
			continue;
		if (k == NULL)
			continue;
		const char *q = k + strlen(keys[i].key);
		/* sizes end in kB: one without was cut (a pager's edge) */
		bool size = strcmp(keys[i].key, "UID:") != 0 &&
		    strcmp(keys[i].key, "oom_score_adj:") != 0;
		if (parse_i64(&q, &v) && (!size || oom_unit_ok(q, true, "", 0))) {
			int64_t *f = (int64_t *)(void *)((char *)r + keys[i].off);
			*f = v;
		}
	}
	r->closed = true;
}

/* The OOM_CON_ of a printed constraint: one of the kernel's
 * oom_constraint_text[], another name, or none read (empty). */
static int
oom_constraint_con(const char *name)
{
	for (int k = OOM_CON_NONE; k < OOM_CON_OTHER; k++)
		if (strcmp(name, oomreport_constraint_name(k)) == 0)
			return k;
	return name[0] ? OOM_CON_OTHER : OOM_CON_UNPRINTED;
}

/* "oom-kill:constraint=...,nodemask=...,cpuset=...,mems_allowed=...,
 * oom_memcg=...|global_oom,task_memcg=...,task=...,pid=...,uid=..."
 * (dump_oom_summary, 5.0+).  The line ends ",task=%s,pid=%d,uid=%d" and
 * a comm may hold a comma, even ",pid=": pid= and uid= are the last of
 * their key, and the task runs to that pid=. */
static void
oom_oomkill_line(struct oom_report *r, const char *c)
{
	static const char *const keys[] = {
		"constraint=", "nodemask=", "cpuset=", "mems_allowed=",
		"oom_memcg=", "task_memcg=", "task=", "pid=", "uid=",
	};
	enum { K_TASK = 6, K_PID = 7 };
	const char *body = c + strlen("oom-kill:");
	const char *pid_at = body;		/* before every value: no pid= yet */

	r->have_oomkill_line = true;
	r->global_oom = strstr(body, ",global_oom") != NULL;
	for (size_t i = ZT_ARRAY_LEN(keys); i-- > 0;) {
		const char *k = body, *v = NULL;
		size_t kl = strlen(keys[i]);
		while ((k = strstr(k, keys[i])) != NULL) {
			if (k == body || k[-1] == ',') {
				v = k + kl;
				if (i < K_PID)
					break;
			}
			k += kl;
		}
		if (v == NULL)
			continue;
		/* the value runs to the next ",known=" */
		const char *end = v + strlen(v);
		for (size_t j = 0; j < ZT_ARRAY_LEN(keys); j++) {
			char pat[24];
			snprintf(pat, sizeof pat, ",%s", keys[j]);
			const char *e2 = strstr(v, pat);
			if (e2 && e2 < end)
				end = e2;
		}
		const char *g = strstr(v, ",global_oom");
		if (g && g < end)
			end = g;
		if (i == K_PID)
			pid_at = v - kl - 1;
		else if (i == K_TASK && pid_at > v)
			end = pid_at;
		size_t n = (size_t)(end - v);
		int64_t num;
		const char *np = v;
		switch (i) {
		case 0: {
			/* dump_oom_summary prints "constraint=%s,nodemask=": a
			 * name holds no comma and a comma always follows it.
			 * One running to the end of the line was cut there (an
			 * excerpt's or a pager's edge): only a whole name of
			 * the kernel's is read from it. */
			const char *comma = memchr(v, ',', n);
			size_t m = comma ? (size_t)(comma - v) : n;
			oom_copy(r->constraint, sizeof r->constraint, v, m);
			if (v[m] != ',' && oom_constraint_con(r->constraint) == OOM_CON_OTHER)
				r->constraint[0] = '\0';
			break;
		}
		case 1: oom_copy(r->nodemask, sizeof r->nodemask, v, n); break;
		case 2: oom_copy(r->cpuset, sizeof r->cpuset, v, n); break;
		case 3: oom_copy(r->mems_allowed, sizeof r->mems_allowed, v, n); break;
		case 4: oom_copy(r->oom_memcg, sizeof r->oom_memcg, v, n); break;
		case 5: oom_copy(r->task_memcg, sizeof r->task_memcg, v, n); break;
		case 6: oom_copy(r->oomkill_task, sizeof r->oomkill_task, v, n); break;
		case 7:
			if (parse_i64(&np, &num) && num >= 0 && num < (1 << 30))
				r->oomkill_pid = (int)num;
			break;
		case 8:
			if (parse_i64(&np, &num))
				r->oomkill_uid = num;
			break;
		}
	}
	/* no name read (cut before or inside it): as if not printed */
	r->con = oom_constraint_con(r->constraint);
	if (r->con == OOM_CON_MEMCG || r->oom_memcg[0])
		r->memcg = true;
}

/* "memory: usage 204800kB, limit 204800kB, failcnt 4563" and its kin. */
static void
oom_usage_line(struct oom_report *r, const char *c)
{
	int64_t *usage, *limit, *failcnt = NULL, dummy;

	if (oom_starts(c, "memory: ")) {
		usage = &r->mem_usage_kb;
		limit = &r->mem_limit_kb;
		failcnt = &r->mem_failcnt;
	} else if (oom_starts(c, "memory+swap: ")) {
		usage = &r->memsw_usage_kb;
		limit = &r->memsw_limit_kb;
		failcnt = &r->memsw_failcnt;
	} else if (oom_starts(c, "kmem: ")) {
		usage = &r->kmem_usage_kb;
		limit = &r->kmem_limit_kb;
	} else {
		usage = &r->swap_usage_kb;
		limit = &r->swap_limit_kb;
	}
	if (zt_have(*usage))		/* printed twice by some kernels */
		return;
	r->memcg = true;
	oom_num_after(c, "usage ", usage);
	oom_num_after(c, "limit ", limit);
	oom_num_after(c, "failcnt ", failcnt ? failcnt : &dummy);
}

/* "Memory cgroup stats for /path: cache:108KB rss:197168KB ..." (<= 5.2:
 * " %s:%luKB" each, so a value without its KB was cut and is not read)
 * or the header of memory.stat-style lines (5.3+). */
static void
oom_memcg_stats(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	const char *path = c + strlen("Memory cgroup stats for ");
	const char *colon = strstr(path, ": ");
	const char *end = colon ? colon : path + strlen(path);

	r->memcg = true;
	if (r->memcg_stats_path[0])
		return;			/* the first is the OOMing cgroup */
	if (end > path && end[-1] == ':')
		end--;
	oom_copy(r->memcg_stats_path, sizeof r->memcg_stats_path, path,
	    (size_t)(end - path));
	if (colon) {
		oom_kv_tokens(colon + 1, &r->memcg_stats, NULL, true);
	} else
		ps->mode = M_MEMCG_STATS;
}

/* A memory.stat-style line "anon 1234567" (bytes) of 5.3+ reports. */
static bool
oom_memcg_stat_line(struct oom_report *r, const char *c)
{
	const char *p = c;
	char key[48];
	int64_t v;

	while (*p && (isalnum((unsigned char)*p) || *p == '_'))
		p++;
	if (p == c || (size_t)(p - c) >= sizeof key || *p != ' ')
		return false;
	memcpy(key, c, (size_t)(p - c));
	key[p - c] = '\0';
	if (!parse_i64(&p, &v) || *p != '\0')
		return false;
	if (r->memcg_stats.n < OOM_MAX_KEYS)
		kvs_set(&r->memcg_stats, key, v / 1024);
	return true;
}

/*
 * A memory.stat line "key N" (5.3+) whose key the kernel log gets only
 * from memory_stat_format() in mem_cgroup_print_oom_meminfo(), i.e. a
 * memcg OOM: names of memory.stat that /proc/vmstat and show_mem() do
 * not use (they say nr_anon_transparent_hugepages, nr_kernel_stack,
 * nr_mapped, "active_anon:N" ...).  Told without its "Memory cgroup
 * stats for" heading when a paste lost it.
 */
static bool
oom_is_memcg_stat_key(const char *c)
{
	static const char *const keys[] = {
		"anon_thp", "file_thp", "shmem_thp", "kernel_stack", "file_mapped",
		"file_dirty", "file_writeback", "slab_reclaimable",
		"slab_unreclaimable", "inactive_anon", "active_anon",
		"inactive_file", "active_file", "swapcached", "sec_pagetables",
	};
	const char *sp = strchr(c, ' ');
	const char *p;
	int64_t v;

	if (sp == NULL)
		return false;
	p = sp;
	if (!parse_i64(&p, &v) || *p != '\0')
		return false;
	for (size_t i = 0; i < ZT_ARRAY_LEN(keys); i++)
		if ((size_t)(sp - c) == strlen(keys[i]) && memcmp(c, keys[i], (size_t)(sp - c)) == 0)
			return true;
	return false;
}

/* "Kill process N" / "Killed process N" where the kernel puts it: at the
 * start of the line or after its "...out of memory...: " (prose that
 * mentions a kill is not one). */
static const char *
oom_kill_verb(const char *c, const char *verb)
{
	size_t n = strlen(verb);

	for (const char *at = c; (at = strstr(at, verb)) != NULL; at += n)
		if ((at == c || (at >= c + 2 && at[-2] == ':' && at[-1] == ' ')) &&
		    isdigit((unsigned char)at[n]))
			return at;
	return NULL;
}

/* "memory: usage 1048576kB, limit 1048576kB, failcnt 189" and its
 * memory+swap:, kmem: and swap: siblings */
static bool
oom_is_usage(const char *c)
{
	return (oom_starts(c, "memory: ") || oom_starts(c, "memory+swap: ") ||
	    oom_starts(c, "kmem: ") || oom_starts(c, "swap: ")) && strstr(c, "usage ");
}

/* A usage line with its limit, as mem_cgroup_print_oom_meminfo() prints
 * it (one that opens a report, or closes a picked one) */
static bool
oom_is_usage_limit(const char *c)
{
	return oom_is_usage(c) && strstr(c, "limit ");
}

/* dump_tasks()'s heading: "[ pid ]   uid  tgid total_vm ... name" */
static bool
oom_is_task_heading(const char *c)
{
	return c[0] == '[' && strstr(c, "pid") && strstr(c, " name");
}

static const char *
oom_select_verb(const char *c)
{
	const char *at = oom_kill_verb(c, "Kill process ");

	return at ? at : oom_kill_verb(c, "kill process ");
}

/* The OOM killer's own functions: only an OOM report's dump_header()
 * prints a stack that holds a proven frame of one. */
static const char *const oom_killer_fns[] = { "oom_kill_process", "out_of_memory" };
/* The allocation failure's printer: only its dump_stack() prints a stack
 * holding a proven frame of warn_alloc() (4.9+) or warn_alloc_failed()
 * (3.x-4.8). */
static const char *const oom_alloc_fns[] = { "warn_alloc", "warn_alloc_failed" };

enum { OOM_FRAME_NONE, OOM_FRAME_PROVEN, OOM_FRAME_UNSURE };

/* A call-trace line with a frame of one of fns: OOM_FRAME_PROVEN, or
 * OOM_FRAME_UNSURE for a "? name" stack word the unwinder could not
 * prove a return address. */
static int
oom_fn_frame(const char *c, const char *const *fns, size_t nfns)
{
	int found = OOM_FRAME_NONE;

	for (size_t i = 0; i < nfns; i++) {
		const char *name = fns[i];
		size_t n = strlen(name);
		for (const char *at = c; (at = strstr(at, name)) != NULL; at += n) {
			bool start = at == c || !(isalnum((unsigned char)at[-1]) ||
			    at[-1] == '_');
			bool unsure = at - c >= 2 && at[-1] == ' ' && at[-2] == '?';
			/* "name+0x1f/0x40", "name.cold+0x..", "(name)" */
			bool frame = at[n] == '+' || at[n] == '.' || at[n] == ')';
			if (start && frame && strstr(at, "0x")) {
				if (!unsure)
					return OOM_FRAME_PROVEN;
				found = OOM_FRAME_UNSURE;
			}
		}
	}
	return found;
}

/* A call-trace line with a proven frame of the OOM killer, so a paste
 * that starts inside that trace still shows a report.  "? name" stack
 * words prove nothing. */
static bool
oom_is_oom_frame(const char *c)
{
	return oom_fn_frame(c, oom_killer_fns, ZT_ARRAY_LEN(oom_killer_fns)) ==
	    OOM_FRAME_PROVEN;
}

static const char *oom_task_in_at(const char *c);

/* mem_cgroup_out_of_memory()'s message, which starts only its select
 * ("%s: Kill process", before 5.0) or kill line ("%s: Killed process"),
 * cut by the paste after it or inside ": Kill...": the line is still
 * that OOM's, its pid lost.  The global "Out of memory" starts other
 * lines too (no killable processes, panic_on_oom): only cut inside
 * ": K...".  Returns the message, or NULL. */
static const char *
oom_cut_kill_head(const char *c)
{
	static const char *const heads[] = { "Memory cgroup out of memory", "Out of memory" };
	/* the line's trailing blanks are trimmed before any rule reads it */
	static const char *const tails[] = { ": Kill process", ": Killed process" };

	for (size_t i = 0; i < ZT_ARRAY_LEN(heads); i++) {
		if (!oom_starts(c, heads[i]))
			continue;
		const char *rest = c + strlen(heads[i]);
		size_t n = strlen(rest);
		for (size_t k = 0; k < ZT_ARRAY_LEN(tails); k++)
			if ((i == 0 || n >= 3) && n <= strlen(tails[k]) &&
			    memcmp(rest, tails[k], n) == 0)
				return heads[i];
	}
	return NULL;
}

/* Lines that may open a report whose header was lost: lines the kernel
 * prints only inside an OOM report (a memcg's usage and stats lines come
 * from mem_cgroup_print_oom_meminfo(); "no killable processes" ends an
 * OOM that found no victim). */
static bool
oom_anchor(const char *c)
{
	if (strstr(c, "sharing same memory"))
		return false;
	return oom_starts(c, "oom-kill:") || oom_starts(c, "Task in ") ||
	    oom_task_in_at(c) != NULL || oom_is_cut_task_heading(c) ||
	    oom_starts(c, "Tasks state") || oom_select_verb(c) ||
	    oom_kill_verb(c, "Killed process ") || oom_cut_kill_head(c) ||
	    oom_starts(c, "Memory cgroup stats for ") ||
	    oom_is_usage_limit(c) ||
	    strstr(c, "Out of memory and no killable processes") ||
	    /* check_panic_on_oom(): "Out of memory: %s panic_on_oom is enabled" */
	    strstr(c, "panic_on_oom is enabled") || oom_is_task_heading(c);
}

/* ------------------------------------------------------------------ */
/* the line table: one handler per kind of line of an open report */

static void
oom_h_cpu(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	(void)ps;
	if (!r->have_cpu_line && !r->have_mem_info)
		oom_cpu_line(r, c);
}

/* "Workqueue: events moom_callback": the work function (the word after
 * the queue's name); SysRq-f runs as moom_callback. */
static void
oom_h_workqueue(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	const char *w = c + strlen("Workqueue: ");

	(void)ps;
	if (r->workqueue[0])
		return;
	w += strcspn(w, " ");
	w += strspn(w, " ");
	oom_copy(r->workqueue, sizeof r->workqueue, w, strcspn(w, " "));
}

static void
oom_h_hardware(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	static const char key[] = "Hardware name: ";

	(void)ps;
	if (r->hardware[0] == '\0')
		oom_copy(r->hardware, sizeof r->hardware, c + sizeof key - 1,
		    strlen(c + sizeof key - 1));
}

static void
oom_h_trace(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	(void)r;
	(void)c;
	ps->mode = M_TRACE;
}

static void
oom_h_meminfo(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	(void)c;
	r->have_mem_info = true;
	ps->mode = M_MEMINFO;
}

static void
oom_h_oomkill(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	(void)ps;
	oom_oomkill_line(r, c);
}

/* "Task in A killed as a result of limit of B" (<= 4.19,
 * mem_cgroup_print_oom_info()): its two parts, which oom_m_task_in
 * matches and oom_h_task_in reads */
#define OOM_TASK_IN	"Task in "
#define OOM_LIMIT_OF	" killed as a result of limit of "

/* The memcg line read by its key, " killed as a result of limit of ",
 * with a path on each side (see oom_m_task_in), after "Task in " or at
 * the line's start when a paste cut those words: where the task's path
 * is printed, or NULL for a line that is not the memcg line. */
static const char *
oom_task_in_at(const char *c)
{
	static const char key[] = OOM_TASK_IN, mid[] = OOM_LIMIT_OF;
	const char *at = strstr(c, mid);

	if (at == NULL)
		return NULL;
	if (oom_starts(c, key))
		c += sizeof key - 1;
	const char *path = c + strspn(c, " \t");
	at += sizeof mid - 1;
	at += strspn(at, " \t");
	return *path == '/' && *at == '/' ? c : NULL;
}

static void
oom_h_task_in(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	static const char mid[] = OOM_LIMIT_OF;
	const char *at = strstr(c, mid), *task = oom_task_in_at(c);

	(void)ps;
	r->memcg = true;
	if (r->memcg_task[0] != '\0' || at == NULL || task == NULL)
		return;
	oom_copy(r->memcg_task, sizeof r->memcg_task, task, (size_t)(at - task));
	oom_copy(r->memcg_limit_of, sizeof r->memcg_limit_of, at + sizeof mid - 1,
	    strlen(at + sizeof mid - 1));
}

static void
oom_h_usage(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	(void)ps;
	oom_usage_line(r, c);
}

static void
oom_h_memcg_stats(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	oom_memcg_stats(ps, r, c);
}

static void
oom_h_reserve(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	oom_reserve_line(ps, r, c);
}

static void
oom_h_zone(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	oom_zone_line(ps, r, c);
}

static void
oom_h_buddy(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	(void)ps;
	oom_buddy_line(r, c);
}

static void
oom_h_huge(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	(void)ps;
	oom_huge_line(r, c);
}

static void
oom_h_node(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	(void)ps;
	oom_node_line(r, c);
}

static void
oom_h_task_header(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	(void)r;
	(void)c;
	ps->mode = M_TASKS;
}

/* "Tasks state (memory values in pages):", dump_tasks()'s heading (4.19+),
 * printed only inside an OOM report; and a column heading of it cut short */
static void
oom_h_tasks_state(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	(void)ps;
	(void)c;
	r->tasks_heading = true;
}

static void
oom_h_ignore(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	(void)ps;
	(void)r;
	(void)c;
}

static void
oom_h_select(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	(void)ps;
	oom_select_line(r, c, oom_select_verb(c));
}

static void
oom_h_killed(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	ps->kill_lineno = ps->line;
	oom_killed_line(r, c, oom_kill_verb(c, "Killed process "));
}

/* a select or kill line cut before its pid: its message says whose (a
 * report already holding one ended before this line, oom_report_for) */
static void
oom_h_cut_kill(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	(void)ps;
	strlcpy0(r->kill_prefix, oom_cut_kill_head(c), sizeof r->kill_prefix);
}

static void
oom_h_no_killable(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	(void)ps;
	r->no_killable = true;
	/* before 4.x the kernel panicked with this very text */
	r->panic = r->panic || oom_starts(c, "Kernel panic");
}

static void
oom_h_panic(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	(void)ps;
	r->panic = r->panic || oom_contains_ci(c, "memory");
}

static void
oom_h_global(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	(void)ps;
	oom_kv_tokens(c, &r->global, NULL, false);
}

/* "comm cpuset=/ mems_allowed=0" (3.x-4.19, the line after the header);
 * the node list ends the line and may hold commas ("0,2") */
static void
oom_h_cpuset(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	static const char cs[] = "cpuset=", ma[] = "mems_allowed=";
	const char *p = strstr(c, cs) + sizeof cs - 1;

	(void)ps;
	oom_copy(r->cpuset, sizeof r->cpuset, p, strcspn(p, " ,"));
	p = strstr(c, ma) + sizeof ma - 1;
	oom_copy(r->mems_allowed, sizeof r->mems_allowed, p, strcspn(p, " "));
}

/* Matchers for lines a plain prefix does not tell apart. */
static bool
oom_m_cpu(const struct oom_parser *ps, const struct oom_report *r, const char *c)
{
	(void)ps;
	(void)r;
	return (oom_starts(c, "CPU: ") && strstr(c, "Comm: ")) ||
	    (oom_starts(c, "Pid: ") && strstr(c, "comm: "));
}

static bool
oom_m_trace(const struct oom_parser *ps, const struct oom_report *r, const char *c)
{
	(void)ps;
	(void)r;
	return strncasecmp(c, "Call Trace:", 11) == 0 || oom_starts(c, "Backtrace:");
}

static bool
oom_m_arm_frame(const struct oom_parser *ps, const struct oom_report *r,
    const char *c)
{
	const char *f;
	size_t n, fn;

	(void)ps;
	(void)r;
	return oom_arm_frame(c, &n, &f, &fn) != NULL;
}

/* An ARM frame line, a trace begun without its "Call Trace:" line: its
 * callee unless the line before gave it as its caller, then its caller */
static void
oom_h_arm_frame(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	const char *f;
	size_t n, fn;
	const char *s = oom_arm_frame(c, &n, &f, &fn);
	const char *last = r->nframes > 0 ? r->frames[r->nframes - 1] : "";

	ps->mode = M_TRACE;
	if (r->bits == 0)	/* arch/arm's form: arm64 prints "Call trace:" */
		r->bits = 32;
	if (strlen(last) != strcspn(s, ".+) ") || strncmp(last, s, strlen(last)) != 0)
		oom_frame_add(r, s, n, false);
	if (fn > 0)
		oom_frame_add(r, f, fn, false);
}

/* mem_cgroup_print_oom_info() prints both cgroups with
 * pr_cont_cgroup_path(), from the root: "/" or "/a/b".  A line naming
 * something else ("limit of host": a vendor kernel's words for an OOM of
 * the whole machine) is not the memcg line. */
static bool
oom_m_task_in(const struct oom_parser *ps, const struct oom_report *r, const char *c)
{
	(void)ps;
	(void)r;
	return oom_task_in_at(c) != NULL;
}

static bool
oom_m_usage(const struct oom_parser *ps, const struct oom_report *r, const char *c)
{
	(void)ps;
	(void)r;
	return oom_is_usage(c);
}

static bool
oom_m_zone(const struct oom_parser *ps, const struct oom_report *r, const char *c)
{
	(void)ps;
	(void)r;
	return oom_is_zone_line(c);
}

static bool
oom_m_buddy(const struct oom_parser *ps, const struct oom_report *r, const char *c)
{
	(void)ps;
	(void)r;
	return oom_is_buddy_line(c);
}

static bool
oom_m_huge(const struct oom_parser *ps, const struct oom_report *r, const char *c)
{
	(void)ps;
	(void)r;
	return oom_is_huge_line(c);
}

static bool
oom_m_node(const struct oom_parser *ps, const struct oom_report *r, const char *c)
{
	(void)ps;
	(void)r;
	return oom_is_node_line(c);
}

/* "N pages RAM" and kin: read here, since matching is reading. */
static bool
oom_m_count(const struct oom_parser *ps, const struct oom_report *r, const char *c)
{
	(void)ps;
	return oom_count_line((struct oom_report *)(uintptr_t)r, c);
}

static void
oom_h_count(struct oom_parser *ps, struct oom_report *r, const char *c)
{
	(void)ps;
	(void)c;
	if (r->kind == OOM_KIND_ALLOC_FAIL &&
	    (zt_have(r->reserved_pages) || zt_have(r->hwpoisoned_pages)))
		r->tail = true;
}

static bool
oom_m_task_header(const struct oom_parser *ps, const struct oom_report *r,
    const char *c)
{
	(void)ps;
	return c[0] == '[' && oom_task_header((struct oom_report *)(uintptr_t)r, c);
}

static bool
oom_m_cut_task_heading(const struct oom_parser *ps, const struct oom_report *r,
    const char *c)
{
	(void)ps;
	(void)r;
	return oom_is_cut_task_heading(c);
}

static bool
oom_m_task_row(const struct oom_parser *ps, const struct oom_report *r,
    const char *c)
{
	return ps->mode == M_TASKS && c[0] == '[' &&
	    oom_task_row((struct oom_report *)(uintptr_t)r, c);
}

static bool
oom_m_select(const struct oom_parser *ps, const struct oom_report *r, const char *c)
{
	(void)ps;
	(void)r;
	return oom_select_verb(c) != NULL;
}

static bool
oom_m_killed(const struct oom_parser *ps, const struct oom_report *r, const char *c)
{
	(void)ps;
	(void)r;
	return oom_kill_verb(c, "Killed process ") != NULL;
}

static bool
oom_m_cut_kill(const struct oom_parser *ps, const struct oom_report *r, const char *c)
{
	(void)ps;
	(void)r;
	return oom_cut_kill_head(c) != NULL;
}

static bool
oom_m_no_killable(const struct oom_parser *ps, const struct oom_report *r,
    const char *c)
{
	(void)ps;
	(void)r;
	return strstr(c, "no killable processes") || strstr(c, "No available memory");
}

static bool
oom_m_global(const struct oom_parser *ps, const struct oom_report *r, const char *c)
{
	(void)r;
	return ps->mode == M_MEMINFO && oom_is_global(c);
}

static bool
oom_m_cpuset(const struct oom_parser *ps, const struct oom_report *r, const char *c)
{
	(void)ps;
	return strstr(c, " cpuset=") && strstr(c, "mems_allowed=") && !r->have_cpu_line;
}

static bool
oom_m_shared(const struct oom_parser *ps, const struct oom_report *r, const char *c)
{
	(void)ps;
	(void)r;
	return strstr(c, "sharing same memory") != NULL;
}

/*
 * Each line of an open report goes to the first rule whose prefix it
 * starts with (when the rule has one) and whose matcher accepts it (when
 * it has one).  Order matters where forms overlap: the zone line before
 * the buddy line of the same zone name, the task header before its rows,
 * "sharing same memory" (a task named in passing) before the kill lines.
 */
static const struct oom_rule {
	const char *prefix;
	bool (*match)(const struct oom_parser *, const struct oom_report *,
	    const char *);
	void (*handle)(struct oom_parser *, struct oom_report *, const char *);
} oom_rules[] = {
	{ NULL, oom_m_cpu, oom_h_cpu },
	{ "Hardware name: ", NULL, oom_h_hardware },
	{ "Workqueue: ", NULL, oom_h_workqueue },
	{ NULL, oom_m_trace, oom_h_trace },
	{ NULL, oom_m_arm_frame, oom_h_arm_frame },
	{ "Mem-Info:", NULL, oom_h_meminfo },
	{ "Mem-info:", NULL, oom_h_meminfo },	/* x86 show_mem before 2.6.30 */
	{ "oom-kill:", NULL, oom_h_oomkill },
	{ NULL, oom_m_task_in, oom_h_task_in },
	{ NULL, oom_m_usage, oom_h_usage },
	{ "Memory cgroup stats for ", NULL, oom_h_memcg_stats },
	{ "lowmem_reserve[]:", NULL, oom_h_reserve },
	{ "protections[]:", NULL, oom_h_reserve },
	{ NULL, oom_m_zone, oom_h_zone },
	{ NULL, oom_m_buddy, oom_h_buddy },
	{ NULL, oom_m_huge, oom_h_huge },
	{ NULL, oom_m_node, oom_h_node },
	{ NULL, oom_m_count, oom_h_count },
	{ NULL, oom_m_task_header, oom_h_task_header },
	{ "Tasks state", NULL, oom_h_tasks_state },
	{ NULL, oom_m_cut_task_heading, oom_h_tasks_state },
	{ NULL, oom_m_task_row, oom_h_ignore },
	{ NULL, oom_m_shared, oom_h_ignore },
	{ NULL, oom_m_select, oom_h_select },
	{ NULL, oom_m_killed, oom_h_killed },
	{ NULL, oom_m_cut_kill, oom_h_cut_kill },
	{ NULL, oom_m_no_killable, oom_h_no_killable },
	{ "Kernel panic - not syncing", NULL, oom_h_panic },
	{ NULL, oom_m_global, oom_h_global },
	{ NULL, oom_m_cpuset, oom_h_cpuset },
};

/* A line the kernel prints before an OOM's select and kill lines:
 * show_mem's (Mem-Info, node, zone, buddy and hugepages lines), the
 * memcg's (Task in, usage with its limit, stats) and dump_tasks()'s
 * headings. */
static bool
oom_is_body_line(const char *c)
{
	return oom_starts(c, "Mem-Info:") || oom_starts(c, "Mem-info:") ||
	    oom_is_zone_line(c) || oom_is_buddy_line(c) || oom_is_huge_line(c) ||
	    oom_is_node_line(c) || oom_starts(c, "Tasks state") ||
	    oom_is_task_heading(c) || oom_is_cut_task_heading(c) ||
	    oom_starts(c, "Memory cgroup stats for ") ||
	    oom_starts(c, "Task in ") || oom_task_in_at(c) != NULL ||
	    oom_is_usage_limit(c);
}

/* "oom_reaper: reaped process N (comm), now anon-rss:..." marks the
 * report that killed N (it may come after the next report opened). */
static void
oom_reaped(struct oom_parser *ps, const char *c)
{
	static const char key[] = "oom_reaper: reaped process ";
	int pid = 0;
	char comm[64];

	oom_pid_comm(c + sizeof key - 1, ",", &pid, comm, sizeof comm);
	for (int i = ps->out->n - 1; i >= 0 && i >= ps->out->n - 4; i--)
		if (ps->out->r[i].killed_pid == pid && pid > 0) {
			ps->out->r[i].reaped = true;
			break;
		}
}

/* The report a line belongs to: the open one, or one it opens. */
static struct oom_report *
oom_report_for(struct oom_parser *ps, const struct oom_line *l, const char *c)
{
	struct oom_report *r = oom_cur(ps);

	/* memory.oom.group: after its victim the kernel kills every task of
	 * the cgroup, one "Killed process" line each (oom_kill_memcg_member),
	 * all part of this report */
	if (r && r->closed && r->memcg && l->lineno - ps->kill_lineno <= 2 &&
	    (oom_kill_verb(c, "Killed process ") ||
	    (oom_starts(c, "Tasks in ") && strstr(c, "memory.oom.group")))) {
		ps->kill_lineno = l->lineno;
		r->group_kills += oom_starts(c, "Tasks in ") ? 0 : 1;
		r->oom_group = true;
		return NULL;
	}
	if (r && r->closed)
		r = NULL;
	/* one OOM picks one task: a second "Kill process" line, with no
	 * "Killed process" between, is the next OOM's (grep'd kill lines) */
	if (r && (r->have_select || r->kill_prefix[0]) && !strstr(c, "sharing same memory") &&
	    (oom_select_verb(c) || oom_cut_kill_head(c))) {
		r->closed = true;
		r = NULL;
	}
	/* the kernel prints show_mem, the memcg lines and the task table
	 * before it picks and kills a task: one of them after the report's
	 * select or kill line begins another (the next OOM's tail, or the
	 * same OOM shown again) */
	if (r && (r->have_select || r->have_killed) && oom_is_body_line(c)) {
		r->closed = true;
		r = NULL;
	}
	/* mem_cgroup_print_oom_info() prints one "Task in" line a report
	 * (dump_header()): in a report found without its header, a second
	 * is the next memcg OOM's (grep'd lines).  One seen from its header
	 * keeps a repeat, as it always did (a paste that quoted the memcg
	 * lines twice, tests/fixtures/oom/oom-4.4-memcg-docker-1). */
	if (r && !r->have_header && r->memcg_task[0] != '\0' &&
	    oom_task_in_at(c) != NULL) {
		r->closed = true;
		r = NULL;
	}
	/* one OOM prints one oom-kill: summary (5.0+): a second is the next
	 * OOM's (grep'd summaries, the kill line each printed after its own) */
	if (r && r->have_oomkill_line && oom_starts(c, "oom-kill:")) {
		r->closed = true;
		r = NULL;
	}
	/* an allocation failure ends with show_mem's counts */
	if (r && r->kind == OOM_KIND_ALLOC_FAIL && r->tail &&
	    !(isdigit((unsigned char)*c) && strstr(c, " pages "))) {
		r->closed = true;
		r = NULL;
	}
	if (r != NULL)
		return r;
	if (oom_anchor(c))
		return oom_open(ps, OOM_KIND_OOM, false, l, c);
	/* show_free_areas()'s zone line: the report it belongs to shows
	 * itself later (or is dropped, see oom_is_evidence) */
	if (oom_is_zone_line(c))
		return oom_open(ps, OOM_KIND_OOM, false, l, c);
	/* memory.stat lines of a memcg OOM whose heading was cut (a log
	 * prefix keeps a user-space "cat memory.stat" out) */
	if (l->prefixed && oom_is_memcg_stat_key(c))
		return oom_open(ps, OOM_KIND_OOM, false, l, c);
	if (oom_is_bare_task_row(c) && (r = oom_open(ps, OOM_KIND_OOM, false, l, c)) != NULL) {
		r->bare_task_rows = true;
		return r;
	}
	/* a proven frame of the OOM killer, or of the allocation failure's
	 * printer (whose frame, unproven, may still open one below) */
	int alloc = OOM_FRAME_NONE, kind = -1;
	if (oom_is_oom_frame(c))
		kind = OOM_KIND_OOM;
	else if ((alloc = oom_fn_frame(c, oom_alloc_fns,
	    ZT_ARRAY_LEN(oom_alloc_fns))) == OOM_FRAME_PROVEN)
		kind = OOM_KIND_ALLOC_FAIL;
	if (kind >= 0) {
		char cpu[sizeof ps->pend_cpu];
		bool have_cpu = ps->pend_cpu_line > 0 && l->lineno - ps->pend_cpu_line <= 64;
		strlcpy0(cpu, ps->pend_cpu, sizeof cpu);
		if ((r = oom_open(ps, kind, false, l, c)) == NULL)
			return NULL;
		ps->mode = M_TRACE;
		/* the CPU line that began this stack's dump_stack() */
		if (have_cpu)
			oom_cpu_line(r, cpu);
		return r;
	}
	/* x86 without frame pointers (the guess unwinder) marks every word
	 * "? ": the trace's first word is then dump_stack()'s return into
	 * its caller, so "? dump_stack" right before "? warn_alloc" is the
	 * allocation failure's own dump_stack() */
	static const char *const dump_fns[] = { "dump_stack" };
	if (ps->unsure_dump_line > 0 && l->lineno == ps->unsure_dump_line + 1 &&
	    alloc == OOM_FRAME_UNSURE &&
	    (r = oom_open(ps, OOM_KIND_ALLOC_FAIL, false, l, c)) != NULL) {
		ps->mode = M_TRACE;
		r->unsure_printer = true;
		return r;
	}
	ps->unsure_dump_line = oom_fn_frame(c, dump_fns, 1) == OOM_FRAME_UNSURE ?
	    l->lineno : 0;
	if (oom_m_cpu(ps, NULL, c)) {
		strlcpy0(ps->pend_cpu, c, sizeof ps->pend_cpu);
		ps->pend_cpu_line = l->lineno;
	}
	return NULL;
}

static void
oom_parse_line(struct oom_parser *ps, const struct oom_line *l, const char *c)
{
	struct oom_report *r;
	const char *at;

	if ((at = oom_invoked_at(c, l->prefixed)) != NULL ||
	    (at = oom_commless_at(c)) != NULL) {
		if ((r = oom_open(ps, OOM_KIND_OOM, true, l, c)) != NULL)
			oom_header(r, c, at);
		return;
	}
	if (((at = strstr(c, ": page allocation failure")) != NULL ||
	    (at = strstr(c, ": vmalloc: allocation failure")) != NULL ||
	    (at = strstr(c, ": vmalloc error: size")) != NULL) && !oom_format_string(at)) {
		if ((r = oom_open(ps, OOM_KIND_ALLOC_FAIL, true, l, c)) != NULL)
			oom_header(r, c, at);
		return;
	}
	if (oom_starts(c, "oom_reaper: reaped process ")) {
		oom_reaped(ps, c);
		return;
	}
	/* "SysRq : Manual OOM execution" / "sysrq: Manual OOM execution":
	 * drivers/tty/sysrq.c's action message for f */
	if (strstr(c, "Manual OOM execution"))
		ps->sysrq_lineno = l->lineno;
	ps->line = l->lineno;
	if ((r = oom_report_for(ps, l, c)) == NULL)
		return;
	/* lowmem_reserve[] belongs to the zone line right before it: after
	 * any other line (a shuffled or cut paste) it is nobody's */
	int zone_before = ps->last_zone;
	ps->last_zone = -1;
	if (oom_starts(c, "lowmem_reserve[]:") || oom_starts(c, "protections[]:"))
		ps->last_zone = zone_before;
	if (ps->mode == M_MEMCG_STATS) {
		if (oom_memcg_stat_line(r, c))
			return;
		ps->mode = M_NONE;
	}
	if (l->prefixed && oom_is_memcg_stat_key(c)) {
		r->memcg = true;
		ps->mode = M_MEMCG_STATS;
		oom_memcg_stat_line(r, c);
		return;
	}
	for (size_t i = 0; i < ZT_ARRAY_LEN(oom_rules); i++) {
		const struct oom_rule *u = &oom_rules[i];
		if (u->prefix && !oom_starts(c, u->prefix))
			continue;
		if (u->match && !u->match(ps, r, c))
			continue;
		u->handle(ps, r, c);
		return;
	}
	if (ps->mode == M_TRACE)
		oom_frame(r, c);
	else if (oom_starts(c, "RIP:") && r->bits == 0)
		r->bits = 64;
	else if (oom_starts(c, "EIP:") && r->bits == 0)
		r->bits = 32;
}

/*
 * The keys of the reports before the one oom_is_quote asks about (a
 * header with its stamp, a killed pid, a selected pid), as hashes.  A
 * report with a key none of them has is no quote, found without
 * comparing it with each of them (4,096 kill lines made that 8 million
 * compares); one whose keys are all there may be, and is compared
 * as before.
 */
struct oom_seen {
	uint64_t *h;			/* 0: empty */
	size_t mask;
};

enum oom_key { OOM_KEY_HEADER, OOM_KEY_KILLED, OOM_KEY_SELECT };

static uint64_t
oom_key_mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	x ^= x >> 31;
	return x ? x : 1;
}

static uint64_t
oom_key(int kind, const struct oom_report *r)
{
	uint64_t h = 1469598103934665603ull;	/* FNV-1a */

	if (kind != OOM_KEY_HEADER)
		return oom_key_mix(((uint64_t)kind << 32) ^ (uint32_t)(kind == OOM_KEY_KILLED ?
		    r->killed_pid : r->select_pid));
	for (const char *p = r->header; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	h = (h ^ 0x100) * 1099511628211ull;	/* no byte: header and stamp apart */
	for (const char *p = r->stamp; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	return oom_key_mix(h);
}

static bool
oom_seen_has(const struct oom_seen *t, uint64_t h)
{
	for (size_t i = h & t->mask; t->h[i] != 0; i = (i + 1) & t->mask)
		if (t->h[i] == h)
			return true;
	return false;
}

static void
oom_seen_add(struct oom_seen *t, const struct oom_report *r)
{
	static const int kinds[] = { OOM_KEY_HEADER, OOM_KEY_KILLED, OOM_KEY_SELECT };
	const bool have[] = { r->have_header, r->have_killed, r->have_select };

	for (size_t k = 0; k < ZT_ARRAY_LEN(kinds); k++) {
		if (!have[k])
			continue;
		uint64_t h = oom_key(kinds[k], r);
		size_t i = h & t->mask;
		if (oom_seen_has(t, h))
			continue;
		while (t->h[i] != 0)
			i = (i + 1) & t->mask;
		t->h[i] = h;
	}
}

/* none of a report's body: no CPU line, Mem-Info, task table, oom-kill:
 * summary or trace (a header, select or kill line alone) */
static bool
oom_bodiless(const struct oom_report *r)
{
	return !(r->have_cpu_line || r->have_mem_info || r->have_tasks ||
	    r->have_oomkill_line || r->nframes > 0);
}

/* A report made only of lines quoted again later in the same text (the
 * seed's forum answer repeats its header and buddy lines): it has none
 * of a report's body and the same header as an earlier report, or no
 * header and the kill lines of one earlier report, each pid it names
 * that report's (grep'd kill lines of two OOMs that selected the same
 * parent killed two children: the second is no quote of the first). */
static bool
oom_is_quote(const struct oom_reports *rs, int i, const struct oom_seen *seen)
{
	const struct oom_report *r = &rs->r[i];

	if (!oom_bodiless(r))
		return false;
	/* a header with its kill line is the next OOM's (grep'd lines);
	 * without a header only kill lines can be matched */
	if (r->have_header == (r->have_killed || r->have_select))
		return false;
	/* a key of it no report before has: none can match below */
	if (r->have_header ? !oom_seen_has(seen, oom_key(OOM_KEY_HEADER, r)) :
	    (r->have_killed && !oom_seen_has(seen, oom_key(OOM_KEY_KILLED, r))) ||
	    (r->have_select && !oom_seen_has(seen, oom_key(OOM_KEY_SELECT, r))))
		return false;
	for (int j = 0; j < i; j++) {
		const struct oom_report *o = &rs->r[j];
		if (r->have_header ? o->have_header &&
		    strcmp(o->header, r->header) == 0 && strcmp(o->stamp, r->stamp) == 0 :
		    (!r->have_killed || (o->have_killed && o->killed_pid == r->killed_pid)) &&
		    (!r->have_select || (o->have_select && o->select_pid == r->select_pid)))
			return true;
	}
	return false;
}

/* A headerless report of only select and kill lines (a grep, a syslog
 * line) whose task a later report with a body picks or kills too: the
 * kernel prints those lines once an OOM, so it is that OOM shown again
 * whole further on (a blog's syslog line, then the dmesg of the same
 * OOM); and a bodiless header quoted ahead of its report.  bodied holds
 * the keys of the reports with a body, and of those with a select line
 * and a kill line. */
static bool
oom_is_forward_quote(const struct oom_reports *rs, int i, const struct oom_seen *bodied)
{
	const struct oom_report *r = &rs->r[i];
	bool killed = r->have_killed && oom_seen_has(bodied, oom_key(OOM_KEY_KILLED, r));
	bool select = r->have_select && oom_seen_has(bodied, oom_key(OOM_KEY_SELECT, r));

	/* a bodiless header (a copy the author put ahead of the log) whose
	 * header and stamp a later report with a body has: one printk, that
	 * report's (without a stamp two equal headers may be two OOMs) */
	if (r->have_header && r->stamp[0] != '\0' && oom_bodiless(r) &&
	    !r->have_killed && !r->have_select &&
	    oom_seen_has(bodied, oom_key(OOM_KEY_HEADER, r))) {
		for (int j = i + 1; j < rs->n; j++) {
			const struct oom_report *o = &rs->r[j];
			if (!oom_bodiless(o) && o->have_header &&
			    strcmp(o->header, r->header) == 0 &&
			    strcmp(o->stamp, r->stamp) == 0)
				return true;
		}
		return false;
	}
	if (r->have_header || !oom_bodiless(r) || !(killed || select))
		return false;
	/* only a select line: a later report that selects its pid and goes
	 * on to its kill line holds it whole (a title quoting the line
	 * above the log) */
	bool lone_select = select && !r->have_killed;
	for (int j = i + 1; j < rs->n; j++) {
		const struct oom_report *o = &rs->r[j];
		if (lone_select && o->have_select && o->have_killed &&
		    o->select_pid == r->select_pid)
			return true;
		if (!oom_bodiless(o) && ((killed && o->have_killed &&
		    o->killed_pid == r->killed_pid) || (select && o->have_select &&
		    o->select_pid == r->select_pid)))
			return true;
	}
	return false;
}

/* A report found without its header must show it was an OOM kill: a
 * memcg's usage or stats lines, the no-victim line and a proven frame of
 * the OOM killer are printed only by one. */
bool
oomreport_has_frame(const struct oom_report *r, const char *const *fns,
    size_t nfns)
{
	for (int i = 0; i < r->nframes; i++)
		for (size_t k = 0; k < nfns; k++)
			if (!r->frame_unsure[i] && strcmp(r->frames[i], fns[k]) == 0)
				return true;
	return false;
}

static bool
oom_is_evidence(const struct oom_report *r)
{
	if (r->kind == OOM_KIND_ALLOC_FAIL && !r->have_header)
		return r->unsure_printer ||
		    oomreport_has_frame(r, oom_alloc_fns, ZT_ARRAY_LEN(oom_alloc_fns));
	return r->have_header || r->have_tasks || r->have_killed ||
	    oomreport_has_frame(r, oom_killer_fns, ZT_ARRAY_LEN(oom_killer_fns)) ||
	    r->have_select || r->have_oomkill_line || r->memcg || r->no_killable ||
	    r->tasks_heading || r->bare_task_rows || r->panic || r->kill_prefix[0];
}

static void
oom_report_free(struct oom_report *r)
{
	for (int i = 0; i < r->nzones; i++)
		kvs_free(&r->zones[i].kv);
	for (int i = 0; i < r->nnodes; i++)
		kvs_free(&r->nodes[i].kv);
	free(r->zones);
	free(r->nodes);
	free(r->tasks);
	kvs_free(&r->global);
	kvs_free(&r->memcg_stats);
}

/* dmesg seconds since boot of a stamp ("143.591734"), or -1. */
static double
oom_boot_seconds(const char *stamp)
{
	char *end;
	double v;

	if (!isdigit((unsigned char)stamp[0]))
		return -1;
	v = strtod(stamp, &end);
	return *end == '\0' && strchr(stamp, '.') ? v : -1;
}

/* A dmesg -H (--reltime) stamp of a line after the first of its
 * minute: "+0.000878". */
static bool
oom_rel_stamp(const char *stamp)
{
	return stamp[0] == '+' && isdigit((unsigned char)stamp[1]);
}

/*
 * Whether a report stamped stamp is of the boot of the one before it,
 * stamped before: dmesg seconds since boot that do not go back, or two
 * dmesg -H deltas ("+0.000878", the time since the line before: a delta
 * never goes back, and one dmesg output is one boot's).  Seconds after
 * a delta, a delta after seconds, and no dmesg time are another output's
 * or none: not the same boot.
 */
static bool
oom_one_run(const char *before, const char *stamp)
{
	double p = oom_boot_seconds(before);

	return (oom_rel_stamp(before) && oom_rel_stamp(stamp)) ||
	    (p >= 0 && oom_boot_seconds(stamp) >= p);
}

/* Reports from .. to - 1, of one run and none of which printed its
 * release, take it from the nearest of reports b and a (-1: none) that
 * did; at the same distance from both, from b, the earlier. */
static void
oom_lend(struct oom_report *r, int from, int to, int b, int a)
{
	for (int i = from; i < to; i++) {
		int j = b != -1 && (a == -1 || i - b <= a - i) ? b : a;
		if (j == -1)
			return;
		strlcpy0(r[i].release, r[j].release, sizeof r[i].release);
		r[i].release_borrowed = true;
		r[i].bits = r[i].bits ? r[i].bits : r[j].bits;
	}
}

/*
 * A report that printed no release (its CPU line lost, or the paste
 * starts after it) takes the release of the nearest report of the same
 * paste and the same boot: dmesg times that never go back between them
 * say no reboot came between, so the kernel is the same one.
 *
 * One pass over the runs of one boot's reports (oom_one_run from each
 * to the next; a report without a dmesg time is a run of its own): a
 * report that printed its release lends it to the reports since the
 * last one that did (b), each taking the nearer of the two, and where
 * the run ends its reports since b take b's.  (Searching outwards from
 * each report was quadratic: 4,000 kills after one header.)
 */
static void
oom_same_boot(struct oom_reports *rs)
{
	int from = 0, b = -1;

	for (int k = 0; k < rs->n; k++) {
		/* only releases printed count: the lent ones are behind k */
		if (*rs->r[k].release != '\0') {
			oom_lend(rs->r, from, k, b, k);
			b = k;
			from = k + 1;
		}
		if (k + 1 == rs->n || !oom_one_run(rs->r[k].stamp, rs->r[k + 1].stamp)) {
			oom_lend(rs->r, from, k + 1, b, -1);
			b = -1;
			from = k + 1;
		}
	}
}

int
oomreport_parse(const char *text, size_t len, struct oom_reports *out)
{
	struct oom_lines ls;
	/* cppcheck-suppress ctuuninitvar ; only the pointer is stored */
	struct oom_parser ps = { .out = out, .cur = -1, .mode = M_NONE, .last_zone = -1 };
	struct zt_buf join = { 0 };

	out->n = 0;
	out->r = NULL;
	if (text == NULL)
		return 0;
	oomprefix_lines(text, len, &ls);

	for (int i = 0; i < ls.n; i++) {
		const struct oom_line *l = &ls.v[i];
		char *c = ls.arena.p + l->off;
		if (l->foreign)
			continue;
		while (*c == ' ' || *c == '\t')
			c++;
		size_t n = strlen(c);
		while (n > 0 && (c[n - 1] == ' ' || c[n - 1] == '\t'))
			c[--n] = '\0';
		/* pass 2: a bare zone line's wrapped tail */
		if (!l->prefixed && oom_is_zone_line(c)) {
			buf_clear(&join);
			buf_add(&join, c, strlen(c));
			while (i + 1 < ls.n && !ls.v[i + 1].prefixed &&
			    ls.v[i + 1].lineno == ls.v[i].lineno + 1 &&
			    join.len < OOM_LINE_MAX) {
				const char *nx = ls.arena.p + ls.v[i + 1].off;
				const char *t = nx;
				while (*t == ' ')
					t++;
				if (oom_is_known(t) || oom_is_global(t))
					break;
				buf_add(&join, nx, strlen(nx));
				i++;
			}
			c = join.p;
		}
		if (*c == '\0')
			continue;
		oom_parse_line(&ps, l, c);
	}

	/* drop quotes and headless fragments */
	int k = 0;
	struct oom_seen seen = { NULL, 3 };
	while (seen.mask + 1 < (size_t)out->n * 4)	/* 3 keys a report at most */
		seen.mask = seen.mask * 2 + 1;
	seen.h = xcalloc(seen.mask + 1, sizeof *seen.h);
	struct oom_seen bodied = { xcalloc(seen.mask + 1, sizeof *seen.h), seen.mask };
	for (int i = 0; i < out->n; i++)
		if (!oom_bodiless(&out->r[i]) ||
		    (out->r[i].have_select && out->r[i].have_killed))
			oom_seen_add(&bodied, &out->r[i]);
	for (int i = 0; i < out->n; i++) {
		bool drop = oom_is_quote(out, i, &seen) ||
		    oom_is_forward_quote(out, i, &bodied) || !oom_is_evidence(&out->r[i]);
		oom_seen_add(&seen, &out->r[i]);	/* r[i] is still as found */
		if (drop) {
			oom_report_free(&out->r[i]);
			continue;
		}
		out->r[k++] = out->r[i];
	}
	free(seen.h);
	free(bodied.h);
	out->n = k;
	oom_same_boot(out);
	if (k == 0) {
		free(out->r);
		out->r = NULL;
	}
	buf_free(&join);
	oomprefix_free(&ls);
	return out->n;
}

void
oomreport_free(struct oom_reports *rs)
{
	for (int i = 0; i < rs->n; i++)
		oom_report_free(&rs->r[i]);
	free(rs->r);
	rs->r = NULL;
	rs->n = 0;
}

const struct oom_zone *
oomreport_zone(const struct oom_report *r, int node, const char *name)
{
	for (int i = 0; i < r->nzones; i++)
		if (r->zones[i].node == node && strcmp(r->zones[i].name, name) == 0)
			return &r->zones[i];
	return NULL;
}

const char *
oomreport_constraint_name(int con)
{
	static const char *const names[] = {
		[OOM_CON_NONE] = "CONSTRAINT_NONE",
		[OOM_CON_CPUSET] = "CONSTRAINT_CPUSET",
		[OOM_CON_MEMORY_POLICY] = "CONSTRAINT_MEMORY_POLICY",
		[OOM_CON_MEMCG] = "CONSTRAINT_MEMCG",
	};

	return con > OOM_CON_UNPRINTED && con < OOM_CON_OTHER ? names[con] : NULL;
}

int
oomreport_kv(const char *release)
{
	const char *p = release;
	int64_t a, b, c = 0;

	if (!parse_i64(&p, &a) || a < 0 || a > 99 || *p != '.')
		return -1;
	p++;
	if (!parse_i64(&p, &b) || b < 0 || b > 999)
		return -1;
	if (*p == '.') {
		p++;
		if (!parse_i64(&p, &c) || c < 0)
			c = 0;
		if (c > 999)
			c = 999;
	}
	return ZT_KV3((int)a, (int)b, (int)c);
}
