/*
 * jdelta.c: JSON differences for the delta frames of a recording (the
 * change format is in jdelta.h) and the compact writer for frame
 * payloads.  Values are shared, never modified: jansson counts
 * references, so a patched sample holds its keyframe's unchanged rows.
 */
#include "jdelta.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- pid -> index, for the process rows ---- */

struct jd_map {
	size_t cap;			/* power of two */
	int64_t *key;
	long *val;			/* -1: empty */
};

static bool
jd_row_pid(const json_t *row, int64_t *pid)
{
	const json_t *p = json_object_get(row, "pid");

	*pid = INT64_MIN;
	if (!json_is_integer(p))
		return false;
	*pid = (int64_t)json_integer_value(p);
	return true;
}

static size_t
jd_hash(int64_t k, size_t cap)
{
	uint64_t h = (uint64_t)k * 0x9e3779b97f4a7c15ull;

	return (size_t)(h >> 20) & (cap - 1);
}

static long
jd_map_get(const struct jd_map *m, int64_t k)
{
	for (size_t i = jd_hash(k, m->cap);; i = (i + 1) & (m->cap - 1)) {
		if (m->val[i] < 0)
			return -1;
		if (m->key[i] == k)
			return m->val[i];
	}
}

static void
jd_map_free(struct jd_map *m)
{
	free(m->key);
	free(m->val);
	m->key = NULL;
	m->val = NULL;
}

/* Index a's rows by pid.  false when a is not an array of objects with
 * unique integer pids. */
static bool
jd_map_rows(const json_t *a, struct jd_map *m)
{
	size_t n = json_array_size(a);

	m->key = NULL;
	m->val = NULL;
	if (!json_is_array(a))
		return false;
	for (m->cap = 16; m->cap < n * 2; m->cap *= 2)
		;
	m->key = xcalloc(m->cap, sizeof *m->key);
	m->val = xmalloc(m->cap * sizeof *m->val);
	for (size_t i = 0; i < m->cap; i++)
		m->val[i] = -1;
	for (size_t i = 0; i < n; i++) {
		int64_t pid;
		size_t h;

		if (!json_is_object(json_array_get(a, i)) ||
		    !jd_row_pid(json_array_get(a, i), &pid))
			goto fail;
		for (h = jd_hash(pid, m->cap); m->val[h] >= 0; h = (h + 1) & (m->cap - 1))
			if (m->key[h] == pid)
				goto fail;
		m->key[h] = pid;
		m->val[h] = (long)i;
	}
	return true;
fail:
	jd_map_free(m);
	return false;
}

/* ---- diff ---- */

static bool
jd_container(const json_t *v)
{
	return json_is_object(v) || json_is_array(v);
}

static json_t *
jd_tagged(const char *tag)
{
	json_t *a = json_array();

	json_array_append_new(a, json_string(tag));
	return a;
}

/* T given whole: a scalar as itself, a container as ["=", T] */
static json_t *
jd_whole(const json_t *t)
{
	json_t *c;

	if (!jd_container(t))
		return json_incref((json_t *)t);
	c = jd_tagged("=");
	json_array_append(c, (json_t *)t);
	return c;
}

static json_t *
jd_without(const json_t *row, const char *skip)
{
	json_t *c = json_copy((json_t *)row);

	json_object_del(c, skip);
	return c;
}

/* Whether b and t have the same members in the same order, each the
 * same value (pointer), skip apart: a writer's row copied to change
 * its rank.  False says nothing. */
static bool
jd_same_members(const json_t *b, const json_t *t, const char *skip)
{
	void *ib = json_object_iter((json_t *)b), *it = json_object_iter((json_t *)t);

	if (json_object_size(b) != json_object_size(t))
		return false;
	for (; ib != NULL && it != NULL; ib = json_object_iter_next((json_t *)b, ib),
	    it = json_object_iter_next((json_t *)t, it)) {
		const char *kb = json_object_iter_key(ib), *kt = json_object_iter_key(it);
		size_t n = json_object_iter_key_len(it);
		if (json_object_iter_key_len(ib) != n || memcmp(kb, kt, n) != 0)
			return false;
		if (json_object_iter_value(ib) != json_object_iter_value(it) &&
		    strcmp(kt, skip) != 0)
			return false;
	}
	return ib == NULL && it == NULL;
}

/* The object patch from b to t, members named skip left out. */
static json_t *
jd_diff_object(const json_t *b, const json_t *t, const char *skip)
{
	json_t *p = NULL, *v, *c;
	const char *key;
	size_t klen;

	if (skip && jd_same_members(b, t, skip))
		return NULL;

	json_object_keylen_foreach((json_t *)t, key, klen, v) {
		json_t *bv = json_object_getn(b, key, klen);
		if (skip && strcmp(key, skip) == 0)
			continue;
		c = bv ? jdelta_diff(bv, v) : jd_whole(v);
		if (c == NULL)
			continue;
		if (p == NULL)
			p = json_object();
		json_object_setn_new(p, key, klen, c);
	}
	json_object_keylen_foreach((json_t *)b, key, klen, v) {
		if ((skip && strcmp(key, skip) == 0) || json_object_getn(t, key, klen))
			continue;
		if (p == NULL)
			p = json_object();
		json_object_setn_new(p, key, klen, jd_tagged("-"));
	}
	return p;
}

static int64_t
jd_rank(const json_t *row)
{
	const json_t *r = json_object_get(row, "rank");

	return json_is_integer(r) ? (int64_t)json_integer_value(r) : INT64_MIN;
}

/* The ranks member of a "p" change; *err when not every row or none
 * has an integer rank. */
static json_t *
jd_ranks(const json_t *t, bool *err)
{
	size_t n = json_array_size(t), with = 0;
	json_t *a = json_array();
	int64_t off = 0;

	for (size_t i = 0; i < n; i++) {
		const json_t *row = json_array_get(t, i);
		int64_t r = jd_rank(row), d;
		if (json_object_get(row, "rank") != NULL)
			with++;
		if (r == INT64_MIN || __builtin_sub_overflow(r, (int64_t)i + 1, &d))
			continue;
		/* ranks skip where rows were left out: runs of rank - position */
		if (i == 0 || d != off) {
			json_array_append_new(a, json_integer((json_int_t)i));
			json_array_append_new(a, json_integer((json_int_t)d));
			off = d;
		}
	}
	if (with == 0 && n > 0) {
		json_decref(a);
		return json_false();
	}
	if (with != n || (n > 0 && jd_rank(json_array_get(t, n - 1)) == INT64_MIN)) {
		json_decref(a);
		*err = true;
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		if (jd_rank(json_array_get(t, i)) == INT64_MIN) {
			json_decref(a);
			*err = true;
			return NULL;
		}
	if (json_array_size(a) == 0 || (json_array_size(a) == 2 &&
	    json_integer_value(json_array_get(a, 1)) == 0)) {
		json_decref(a);
		return json_null();
	}
	return a;
}

/* The "order" member: runs of b's rows and single pids. */
static json_t *
jd_order(const json_t *b, const json_t *t, const struct jd_map *mb)
{
	size_t nb = json_array_size(b), nt = json_array_size(t), i = 0;
	json_t *order;
	bool same = nb == nt;

	for (size_t k = 0; same && k < nt; k++) {
		int64_t pb, pt;
		jd_row_pid(json_array_get(b, k), &pb);
		jd_row_pid(json_array_get(t, k), &pt);
		same = pb == pt;
	}
	if (same)
		return json_null();
	order = json_array();
	while (i < nt) {
		int64_t pid, next;
		long j;
		size_t len = 1;

		jd_row_pid(json_array_get(t, i), &pid);
		j = jd_map_get(mb, pid);
		while (j >= 0 && i + len < nt && (size_t)j + len < nb) {
			int64_t pb;
			jd_row_pid(json_array_get(t, i + len), &next);
			jd_row_pid(json_array_get(b, (size_t)j + len), &pb);
			if (next != pb)
				break;
			len++;
		}
		if (len == 1)
			json_array_append_new(order, json_integer((json_int_t)pid));
		else {
			json_t *run = json_array();
			json_array_append_new(run, json_integer(j));
			json_array_append_new(run, json_integer((json_int_t)len));
			json_array_append_new(order, run);
		}
		i += len;
	}
	return order;
}

/* A caller's word that a target row is its base row but for its rank
 * (jdelta_diff_vouched), for the call in progress */
static bool (*jd_vouch)(int64_t pid, void *ctx);
static void *jd_vouch_ctx;

/* Rows keyed by pid; NULL in *c with false when not applicable. */
static bool
jd_diff_keyed(const json_t *b, const json_t *t, json_t **out)
{
	struct jd_map mb, mt;
	json_t *rows, *order, *ranks, *c;
	bool err = false, same_ranks = true;

	*out = NULL;
	if (!jd_map_rows(b, &mb))
		return false;
	if (!jd_map_rows(t, &mt)) {
		jd_map_free(&mb);
		return false;
	}
	jd_map_free(&mt);
	ranks = jd_ranks(t, &err);
	if (err) {
		jd_map_free(&mb);
		return false;
	}
	order = jd_order(b, t, &mb);
	rows = json_object();
	for (size_t i = 0; i < json_array_size(t); i++) {
		const json_t *tr = json_array_get(t, i);
		int64_t pid;
		long bi;
		char key[24];

		jd_row_pid(tr, &pid);
		bi = jd_map_get(&mb, pid);
		if (bi >= 0 && (json_array_get(b, (size_t)bi) == tr ||
		    (jd_vouch && jd_vouch(pid, jd_vouch_ctx))))
			c = NULL;	/* the same row (its rank apart) */
		else if (bi >= 0)
			c = jd_diff_object(json_array_get(b, (size_t)bi), tr, "rank");
		else {
			json_t *row = jd_without(tr, "rank");
			c = jd_whole(row);
			json_decref(row);
		}
		if (c != NULL) {
			snprintf(key, sizeof key, "%" PRId64, pid);
			json_object_set_new(rows, key, c);
		}
	}
	if (json_is_null(order))
		for (size_t i = 0; same_ranks && i < json_array_size(t); i++) {
			const json_t *rb = json_object_get(json_array_get(b, i), "rank");
			const json_t *rt = json_object_get(json_array_get(t, i), "rank");
			same_ranks = rb == rt || (rb && rt && json_equal(rb, rt));
		}
	jd_map_free(&mb);
	if (json_is_null(order) && json_object_size(rows) == 0 && same_ranks) {
		json_decref(order);
		json_decref(rows);
		json_decref(ranks);
		return true;	/* equal */
	}
	c = jd_tagged("p");
	json_array_append_new(c, order);
	json_array_append_new(c, rows);
	json_array_append_new(c, ranks);
	*out = c;
	return true;
}

/* The smallest d with b[d..] == t[0..nb-d), -1 when none overlaps */
static long
jd_shift(const json_t *b, const json_t *t)
{
	size_t nb = json_array_size(b), nt = json_array_size(t);

	if (nt == 0)
		return -1;
	for (size_t d = 0; d < nb; d++) {
		size_t k, overlap = nb - d;
		if (overlap > nt)
			continue;
		for (k = 0; k < overlap; k++)
			if (!json_equal(json_array_get(b, d + k), json_array_get(t, k)))
				break;
		if (k == overlap)
			return (long)d;
	}
	return -1;
}

static json_t *
jd_diff_array(const json_t *b, const json_t *t)
{
	size_t nb = json_array_size(b), nt = json_array_size(t), changed = 0;
	json_t *c = NULL, *el;
	bool containers = false;
	long d;

	if (jd_diff_keyed(b, t, &c))
		return c;
	d = jd_shift(b, t);
	if (d == 0 && nb == nt)
		return NULL;
	/* worth it when most of t was in b: the events list */
	if (d >= 0 && (nb - (size_t)d) * 2 >= nt) {
		json_t *add = json_array();
		for (size_t k = nb - (size_t)d; k < nt; k++)
			json_array_append(add, json_array_get(t, k));
		c = jd_tagged("e");
		json_array_append_new(c, json_integer(d));
		json_array_append_new(c, add);
		return c;
	}
	if (nb != nt)
		return jd_whole(t);
	el = jd_tagged("a");
	for (size_t i = 0; i < nt; i++) {
		json_t *e = jdelta_diff(json_array_get(b, i), json_array_get(t, i));
		if (jd_container(json_array_get(t, i)))
			containers = true;
		if (e == NULL)
			continue;
		changed++;
		json_array_append_new(el, json_integer((json_int_t)i));
		json_array_append_new(el, e);
	}
	if (changed == 0) {
		json_decref(el);
		return NULL;
	}
	if (containers || changed * 2 <= nt)
		return el;
	json_decref(el);
	return jd_whole(t);
}

json_t *
jdelta_diff(const json_t *b, const json_t *t)
{
	if (b == t)
		return NULL;	/* one value (a writer's unchanged row) */
	if (b == NULL)
		return jd_whole(t);
	if (json_is_object(b) && json_is_object(t))
		return jd_diff_object(b, t, NULL);
	if (json_is_array(b) && json_is_array(t))
		return jd_diff_array(b, t);
	if (json_equal((json_t *)b, (json_t *)t))
		return NULL;
	return jd_whole(t);
}

json_t *
jdelta_diff_vouched(const json_t *b, const json_t *t,
    bool (*same)(int64_t pid, void *ctx), void *ctx)
{
	json_t *c;

	jd_vouch = same;
	jd_vouch_ctx = ctx;
	c = jdelta_diff(b, t);
	jd_vouch = NULL;
	jd_vouch_ctx = NULL;
	return c;
}

/* ---- apply ---- */

static json_t *
jd_fail(char *why, size_t len, const char *what)
{
	snprintf(why, len, "bad delta: %s", what);
	return NULL;
}

static const char *
jd_tag(const json_t *c)
{
	const json_t *t = json_array_get(c, 0);

	return json_is_string(t) ? json_string_value(t) : "";
}

static bool
jd_is_delete(const json_t *c)
{
	return json_is_array(c) && json_array_size(c) == 1 &&
	    strcmp(jd_tag(c), "-") == 0;
}

static json_t *
jd_apply_object(const json_t *b, const json_t *c, char *why, size_t len)
{
	json_t *o = json_object(), *v, *cc;
	const char *key;
	size_t klen;

	json_object_keylen_foreach((json_t *)b, key, klen, v) {
		cc = json_object_getn(c, key, klen);
		if (cc == NULL)
			json_object_setn(o, key, klen, v);
		else if (!jd_is_delete(cc)) {
			json_t *nv = jdelta_apply(v, cc, why, len);
			if (nv == NULL)
				goto fail;
			json_object_setn_new(o, key, klen, nv);
		}
	}
	json_object_keylen_foreach((json_t *)c, key, klen, cc) {
		json_t *nv;
		if (json_object_getn(b, key, klen) || jd_is_delete(cc))
			continue;
		if ((nv = jdelta_apply(NULL, cc, why, len)) == NULL)
			goto fail;
		json_object_setn_new(o, key, klen, nv);
	}
	return o;
fail:
	json_decref(o);
	return NULL;
}

static json_t *
jd_apply_elements(const json_t *b, const json_t *c, char *why, size_t len)
{
	size_t n = json_array_size(b);
	json_t *a;

	if (!json_is_array(b) || json_array_size(c) % 2 != 1)
		return jd_fail(why, len, "element change of a non-array");
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append(a, json_array_get(b, i));
	for (size_t k = 1; k + 1 < json_array_size(c); k += 2) {
		const json_t *idx = json_array_get(c, k);
		json_int_t i = json_is_integer(idx) ? json_integer_value(idx) : -1;
		json_t *nv;

		if (i < 0 || (size_t)i >= n) {
			json_decref(a);
			return jd_fail(why, len, "element index out of range");
		}
		nv = jdelta_apply(json_array_get(b, (size_t)i),
		    json_array_get(c, k + 1), why, len);
		if (nv == NULL) {
			json_decref(a);
			return NULL;
		}
		json_array_set_new(a, (size_t)i, nv);
	}
	return a;
}

static json_t *
jd_apply_shift(const json_t *b, const json_t *c, char *why, size_t len)
{
	const json_t *dv = json_array_get(c, 1), *add = json_array_get(c, 2);
	json_int_t d = json_is_integer(dv) ? json_integer_value(dv) : -1;
	json_t *a;

	if (!json_is_array(b) || !json_is_array(add) || json_array_size(c) != 3 ||
	    d < 0 || (size_t)d > json_array_size(b))
		return jd_fail(why, len, "bad shift");
	a = json_array();
	for (size_t i = (size_t)d; i < json_array_size(b); i++)
		json_array_append(a, json_array_get(b, i));
	for (size_t i = 0; i < json_array_size(add); i++)
		json_array_append(a, json_array_get(add, i));
	return a;
}

/* One row of a "p" change: base row (may be NULL) by its change. */
static json_t *
jd_apply_row(const json_t *base, const json_t *rows, int64_t pid, char *why,
    size_t len)
{
	char key[24];
	const json_t *c;

	snprintf(key, sizeof key, "%" PRId64, pid);
	c = json_object_get(rows, key);
	if (c != NULL)
		return jdelta_apply(base, c, why, len);
	if (base == NULL)
		return jd_fail(why, len, "a process row is missing");
	return json_incref((json_t *)base);
}

static bool
jd_set_rank(json_t **row, const json_t *ranks, size_t i)
{
	json_t *want, *copy;

	if (!json_is_object(*row))
		return false;
	if (json_is_false(ranks)) {
		if (json_object_get(*row, "rank") == NULL)
			return true;
		want = NULL;
	} else if (json_is_null(ranks))
		want = json_integer((json_int_t)i + 1);
	else {
		/* pairs (from, offset): the last from <= i applies */
		int64_t off = 0, r;
		bool found = false;
		for (size_t k = 0; k + 1 < json_array_size(ranks); k += 2) {
			const json_t *f = json_array_get(ranks, k);
			const json_t *d = json_array_get(ranks, k + 1);
			if (!json_is_integer(f) || !json_is_integer(d))
				return false;
			if (json_integer_value(f) > (json_int_t)i)
				break;
			off = (int64_t)json_integer_value(d);
			found = true;
		}
		if (!found || __builtin_add_overflow(off, (int64_t)i + 1, &r))
			return false;
		want = json_integer((json_int_t)r);
	}
	if (want && json_equal(json_object_get(*row, "rank"), want)) {
		json_decref(want);
		return true;
	}
	/* the row may be the keyframe's too: change a copy */
	copy = json_copy(*row);
	if (want)
		json_object_set_new(copy, "rank", want);
	else
		json_object_del(copy, "rank");
	json_decref(*row);
	*row = copy;
	return true;
}

static json_t *
jd_apply_keyed(const json_t *b, const json_t *c, char *why, size_t len)
{
	const json_t *order = json_array_get(c, 1), *rows = json_array_get(c, 2);
	const json_t *ranks = json_array_get(c, 3);
	struct jd_map mb;
	json_t *a;

	if (json_array_size(c) != 4 || !json_is_object(rows) ||
	    !(json_is_null(order) || json_is_array(order)) ||
	    !(json_is_null(ranks) || json_is_false(ranks) || json_is_array(ranks)))
		return jd_fail(why, len, "bad process change");
	if (!jd_map_rows(b, &mb))
		return jd_fail(why, len, "process change of other rows");
	a = json_array();
	if (json_is_null(order)) {
		for (size_t i = 0; i < json_array_size(b); i++) {
			const json_t *br = json_array_get(b, i);
			int64_t pid;
			json_t *row;
			jd_row_pid(br, &pid);
			if ((row = jd_apply_row(br, rows, pid, why, len)) == NULL)
				goto fail;
			json_array_append_new(a, row);
		}
	} else
		for (size_t k = 0; k < json_array_size(order); k++) {
			const json_t *it = json_array_get(order, k);
			if (json_is_integer(it)) {
				int64_t pid = (int64_t)json_integer_value(it);
				long bi = jd_map_get(&mb, pid);
				json_t *row = jd_apply_row(bi >= 0 ?
				    json_array_get(b, (size_t)bi) : NULL, rows, pid, why, len);
				if (row == NULL)
					goto fail;
				json_array_append_new(a, row);
				continue;
			}
			const json_t *jv = json_array_get(it, 0), *nv = json_array_get(it, 1);
			json_int_t j = json_is_integer(jv) ? json_integer_value(jv) : -1;
			json_int_t n = json_is_integer(nv) ? json_integer_value(nv) : -1;
			if (json_array_size(it) != 2 || j < 0 || n < 1 ||
			    (size_t)j > json_array_size(b) ||
			    (size_t)n > json_array_size(b) - (size_t)j) {
				jd_fail(why, len, "bad run of process rows");
				goto fail;
			}
			for (json_int_t r = j; r < j + n; r++) {
				const json_t *br = json_array_get(b, (size_t)r);
				int64_t pid;
				json_t *row;
				jd_row_pid(br, &pid);
				if ((row = jd_apply_row(br, rows, pid, why, len)) == NULL)
					goto fail;
				json_array_append_new(a, row);
			}
		}
	for (size_t i = 0; i < json_array_size(a); i++) {
		json_t *row = json_array_get(a, i);
		json_incref(row);
		if (!jd_set_rank(&row, ranks, i)) {
			json_decref(row);
			jd_fail(why, len, "bad process ranks");
			goto fail;
		}
		json_array_set_new(a, i, row);
	}
	jd_map_free(&mb);
	return a;
fail:
	jd_map_free(&mb);
	json_decref(a);
	return NULL;
}

json_t *
jdelta_apply(const json_t *b, const json_t *c, char *why, size_t len)
{
	const char *tag;

	if (c == NULL)
		return jd_fail(why, len, "no change");
	if (json_is_object(c)) {
		if (!json_is_object(b))
			return jd_fail(why, len, "object change of a non-object");
		return jd_apply_object(b, c, why, len);
	}
	if (!json_is_array(c))
		return json_incref((json_t *)c);
	tag = jd_tag(c);
	if (strcmp(tag, "=") == 0 && json_array_size(c) == 2)
		return json_incref(json_array_get(c, 1));
	if (b == NULL)
		return jd_fail(why, len, "change of a missing value");
	if (strcmp(tag, "a") == 0)
		return jd_apply_elements(b, c, why, len);
	if (strcmp(tag, "e") == 0)
		return jd_apply_shift(b, c, why, len);
	if (strcmp(tag, "p") == 0)
		return jd_apply_keyed(b, c, why, len);
	return jd_fail(why, len, "unknown change");
}

/* ---- compact writer ---- */

static void
jd_dump_string(struct zt_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t run = 0;

	buf_addc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_add(b, s + run, i - run);
		run = i + 1;
		buf_addc(b, '\\');
		switch (c) {
		case '"': buf_addc(b, '"'); break;
		case '\\': buf_addc(b, '\\'); break;
		case '\n': buf_addc(b, 'n'); break;
		case '\t': buf_addc(b, 't'); break;
		case '\r': buf_addc(b, 'r'); break;
		default:
			buf_add(b, "u00", 3);
			buf_addc(b, hex[c >> 4]);
			buf_addc(b, hex[c & 15]);
		}
	}
	buf_add(b, s + run, n - run);
	buf_addc(b, '"');
}

static void
jd_dump_real(struct zt_buf *b, double v)
{
	char s[40];

	for (int prec = 1; prec <= 17; prec++) {
		snprintf(s, sizeof s, "%.*g", prec, v);
		if (strtod(s, NULL) == v)
			break;
	}
	buf_add(b, s, strlen(s));
	/* "5" would read back as an integer */
	if (strpbrk(s, ".eEn") == NULL)
		buf_add(b, ".0", 2);
}

void
jdelta_dump(struct zt_buf *b, const json_t *j)
{
	const char *key;
	size_t klen, i;
	json_t *v;

	switch (json_typeof(j)) {
	case JSON_OBJECT: {
		bool first = true;
		buf_addc(b, '{');
		json_object_keylen_foreach((json_t *)j, key, klen, v) {
			if (!first)
				buf_addc(b, ',');
			first = false;
			jd_dump_string(b, key, klen);
			buf_addc(b, ':');
			jdelta_dump(b, v);
		}
		buf_addc(b, '}');
		break;
	}
	case JSON_ARRAY:
		buf_addc(b, '[');
		json_array_foreach(j, i, v) {
			if (i > 0)
				buf_addc(b, ',');
			jdelta_dump(b, v);
		}
		buf_addc(b, ']');
		break;
	case JSON_STRING:
		jd_dump_string(b, json_string_value(j), json_string_length(j));
		break;
	case JSON_INTEGER:
		buf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(j));
		break;
	case JSON_REAL:
		jd_dump_real(b, json_real_value(j));
		break;
	case JSON_TRUE:
		buf_add(b, "true", 4);
		break;
	case JSON_FALSE:
		buf_add(b, "false", 5);
		break;
	case JSON_NULL:
		buf_add(b, "null", 4);
		break;
	}
}
