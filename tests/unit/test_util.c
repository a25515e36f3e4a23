/* Unit tests: number parsing and the escaping of untrusted text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "snapshot.h"
#include "util.h"

static void
test_parse_i64(void **state)
{
	const char *p = "  123 rest";
	int64_t v;

	(void)state;
	assert_true(parse_i64(&p, &v));
	assert_int_equal(v, 123);
	assert_string_equal(p, " rest");
	p = "-1000";
	assert_true(parse_i64(&p, &v));
	assert_int_equal(v, -1000);
	p = "9223372036854775807";
	assert_true(parse_i64(&p, &v));
	assert_true(v == INT64_MAX);
	/* one past INT64_MAX overflows; the sentinel INT64_MIN is refused */
	p = "9223372036854775808";
	assert_false(parse_i64(&p, &v));
	p = "-9223372036854775808";
	assert_false(parse_i64(&p, &v));
	p = "99999999999999999999999";
	assert_false(parse_i64(&p, &v));
	p = "abc";
	assert_false(parse_i64(&p, &v));
	assert_string_equal(p, "abc");
	p = "-";
	assert_false(parse_i64(&p, &v));
	/* found by fuzz_util: a blank between sign and digits is no number */
	p = "-\t0";
	assert_false(parse_i64(&p, &v));
	p = "- 0";
	assert_false(parse_i64(&p, &v));
}

static void
test_parse_double_and_str(void **state)
{
	const char *p = "avg10=12.34";
	double d;
	int64_t v;

	(void)state;
	p += 6;
	assert_true(parse_double(&p, &d));
	assert_true(d > 12.339 && d < 12.341);
	assert_true(parse_i64_str("42\n", &v));
	assert_int_equal(v, 42);
	assert_false(parse_i64_str("42 43\n", &v));
	assert_false(parse_i64_str("", &v));
}

static void
check_escape(const char *in, size_t n, const char *want)
{
	char out[256];

	/* the length returned is the string's: no NUL inside */
	assert_int_equal(escape_text(out, sizeof out, in, n), strlen(want));
	assert_string_equal(out, want);
	/* the buffer's escaper gives the same */
	struct zt_buf b = { 0 };
	buf_add_escaped(&b, in, n);
	assert_int_equal(b.len, strlen(want));
	assert_memory_equal(b.p, want, b.len);
	buf_free(&b);
}

static void
test_escape(void **state)
{
	(void)state;
	check_escape("plain", 5, "plain");
	/* an OSC title sequence and a bell never reach a terminal raw */
	check_escape("\x1b]0;pwned\x07", 10, "\\e]0;pwned\\x07");
	check_escape("a\nb\tc", 5, "a\\nb\\tc");
	check_escape("\xff\xfe", 2, "\\xff\\xfe");	/* invalid UTF-8 */
	check_escape("caf\xc3\xa9", 5, "caf\xc3\xa9");	/* valid UTF-8 kept */
	check_escape("\xe2\x80\xae" "evil", 7, "\\u{202e}evil");	/* RTL override */
	check_escape("a\xe2\x80\x8b" "b", 5, "a\\u{200b}b");	/* zero width space */
	check_escape("\xc0\xaf", 2, "\\xc0\\xaf");	/* overlong '/' */
	/* a source that ends inside a sequence: its bytes up to the end
	 * only, never the rest of the memory behind it */
	check_escape("ab\xc3\xa9", 3, "ab\\xc3");
	check_escape("\xf0\x9f\x98\x80", 3, "\\xf0\\x9f\\x98");
	check_escape("\x7f", 1, "\\x7f");
	check_escape("back\\slash", 10, "back\\\\slash");
	/* found by fuzz_util: invisible format characters (Cf) never pass */
	check_escape("\xd8\x80" "x", 3, "\\u{0600}x");	/* ARABIC NUMBER SIGN */
	check_escape("\xd8\x9c", 2, "\\u{061c}");		/* ARABIC LETTER MARK */
	check_escape("\xe1\xa0\x8e", 3, "\\u{180e}");	/* MONGOLIAN VOWEL SEP. */
}

/* Every C0 control and DEL: four by name, the rest as \xNN; the first
 * printable byte (space) and the last (~) pass. */
static void
test_escape_controls(void **state)
{
	char in[1], want[8];

	(void)state;
	for (int c = 0; c < 0x80; c++) {
		in[0] = (char)c;
		if (c == '\n')
			strcpy(want, "\\n");
		else if (c == '\t')
			strcpy(want, "\\t");
		else if (c == '\r')
			strcpy(want, "\\r");
		else if (c == 0x1b)
			strcpy(want, "\\e");
		else if (c < 0x20 || c == 0x7f)
			snprintf(want, sizeof want, "\\x%02x", c);
		else if (c == '\\')
			strcpy(want, "\\\\");
		else
			snprintf(want, sizeof want, "%c", c);
		check_escape(in, 1, want);
	}
	check_escape("\x1f", 1, "\\x1f");	/* the last C0 control */
	check_escape(" ~", 2, " ~");
}

/* UTF-8 at each edge of validity (RFC 3629): the shortest form of each
 * length passes, one below it is overlong and escaped byte by byte; so
 * are surrogates, code points past U+10FFFF and cut-off sequences. */
static void
test_escape_utf8_edges(void **state)
{
	(void)state;
	check_escape("\xc2\xa0", 2, "\xc2\xa0");		/* U+00A0, 2 bytes */
	check_escape("\xc1\xbf", 2, "\\xc1\\xbf");	/* overlong U+007F */
	check_escape("\xe0\xa0\x80", 3, "\xe0\xa0\x80");	/* U+0800, 3 bytes */
	check_escape("\xe0\x80\xaf", 3, "\\xe0\\x80\\xaf");	/* overlong '/' */
	check_escape("\xe0\x9f\xbf", 3, "\\xe0\\x9f\\xbf");	/* overlong U+07FF */
	check_escape("\xed\x9f\xbf", 3, "\xed\x9f\xbf");	/* U+D7FF */
	check_escape("\xed\xa0\x80", 3, "\\xed\\xa0\\x80");	/* surrogate D800 */
	check_escape("\xed\xbf\xbf", 3, "\\xed\\xbf\\xbf");	/* surrogate DFFF */
	check_escape("\xee\x80\x80", 3, "\xee\x80\x80");	/* U+E000 */
	check_escape("\xf0\x90\x80\x80", 4, "\xf0\x90\x80\x80");	/* U+10000 */
	check_escape("\xf0\x8f\xbf\xbf", 4, "\\xf0\\x8f\\xbf\\xbf");	/* overlong */
	check_escape("\xf4\x8f\xbf\xbf", 4, "\xf4\x8f\xbf\xbf");	/* U+10FFFF */
	check_escape("\xf4\x90\x80\x80", 4, "\\xf4\\x90\\x80\\x80");	/* U+110000 */
	check_escape("\xf5\x80\x80\x80", 4, "\\xf5\\x80\\x80\\x80");
	check_escape("\xe2\x80", 2, "\\xe2\\x80");		/* cut off */
	check_escape("\xe2\x80" "a", 3, "\\xe2\\x80a");	/* cut off by ASCII */
	/* lead bytes out of their ranges: 0xdf is the last 2-byte lead; a
	 * continuation byte or 0xf5..0xff never leads, whatever follows */
	check_escape("\xdf\xbf", 2, "\xdf\xbf");		/* U+07FF */
	check_escape("\x84\x80\x80\x80", 4, "\\x84\\x80\\x80\\x80");
	check_escape("\xfc\x80\x80\x80", 4, "\\xfc\\x80\\x80\\x80");
	check_escape("\xf5\x80\x80\x80", 4, "\\xf5\\x80\\x80\\x80");
	/* a sequence cut by the end of the source, though memory goes on */
	check_escape("a\xe2\x80\x80", 3, "a\\xe2\\x80");
	/* an invalid byte after a format character: only its own escape */
	check_escape("\xe2\x80\x8b\xff", 4, "\\u{200b}\\xff");
	check_escape("\xe2\x80\x8b\xffz", 5, "\\u{200b}\\xffz");
	/* C1 controls, both ends, as code points */
	check_escape("\xc2\x80", 2, "\\u{0080}");
	check_escape("\xc2\x9f", 2, "\\u{009f}");
}

/* Each range of invisible characters (Unicode 15 General Category Cf,
 * from UnicodeData.txt, and the Hangul fillers): both its ends escaped
 * as \u{...}, the code points just outside passed as they are. */
static void
test_escape_format_chars(void **state)
{
	static const uint32_t cf[][2] = {
		{ 0x00ad, 0x00ad }, { 0x0600, 0x0605 }, { 0x061c, 0x061c },
		{ 0x06dd, 0x06dd }, { 0x070f, 0x070f }, { 0x0890, 0x0891 },
		{ 0x08e2, 0x08e2 }, { 0x115f, 0x1160 }, { 0x180e, 0x180e },
		{ 0x200b, 0x200f }, { 0x2028, 0x202e }, { 0x2060, 0x206f },
		{ 0x3164, 0x3164 }, { 0xfeff, 0xfeff }, { 0xffa0, 0xffa0 },
		{ 0xfff9, 0xfffb }, { 0x110bd, 0x110bd }, { 0x110cd, 0x110cd },
		{ 0x13430, 0x1343f }, { 0x1bca0, 0x1bca3 }, { 0x1d173, 0x1d17a },
		{ 0xe0001, 0xe0001 }, { 0xe0020, 0xe007f },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cf / sizeof cf[0]; i++) {
		uint32_t edge[4] = { cf[i][0] - 1, cf[i][0], cf[i][1], cf[i][1] + 1 };
		for (int k = 0; k < 4; k++) {
			uint32_t c = edge[k];
			char in[8], want[16];
			size_t n;
			bool inside = false;

			for (size_t j = 0; j < sizeof cf / sizeof cf[0]; j++)
				inside |= c >= cf[j][0] && c <= cf[j][1];
			/* UTF-8 by hand */
			if (c < 0x800) {
				in[0] = (char)(0xc0 | c >> 6);
				in[1] = (char)(0x80 | (c & 0x3f));
				n = 2;
			} else if (c < 0x10000) {
				in[0] = (char)(0xe0 | c >> 12);
				in[1] = (char)(0x80 | (c >> 6 & 0x3f));
				in[2] = (char)(0x80 | (c & 0x3f));
				n = 3;
			} else {
				in[0] = (char)(0xf0 | c >> 18);
				in[1] = (char)(0x80 | (c >> 12 & 0x3f));
				in[2] = (char)(0x80 | (c >> 6 & 0x3f));
				in[3] = (char)(0x80 | (c & 0x3f));
				n = 4;
			}
			in[n] = '\0';
			if (inside)
				snprintf(want, sizeof want, "\\u{%04x}", (unsigned)c);
			else
				memcpy(want, in, n + 1);
			check_escape(in, n, want);
		}
	}
}

static void
test_escape_truncates_on_boundary(void **state)
{
	char out[6];

	(void)state;
	/* "ab" + e-acute (2 bytes) + "cd": 5 bytes fit, the acute is whole */
	escape_text(out, sizeof out, "ab\xc3\xa9" "cd", 6);
	assert_string_equal(out, "ab\xc3\xa9" "c");
	escape_text(out, 4, "ab\xc3\xa9", 4);
	assert_string_equal(out, "ab");
	/* into 6 bytes: a long source the same as the whole source escaped
	 * then cut, a 4-byte character at the edge included; an escape
	 * whole or not there ("\x1" would read as byte 0x01) */
	static const struct {
		const char *in, *want;
	} cut[] = {
		{ "abc\xf0\x9f\x98\x80zzzzzzzzzzzz", "abc" },
		{ "abcd\xf0\x9f\x98\x80zzzzzzzzzzzz", "abcd" },
		{ "a\x1b" "bcdefghijklmnop", "a\\ebc" },
		{ "ab\x1b" "c", "ab\\ec" },
		{ "abcd\x1b", "abcd" },
		{ "ab\x01", "ab" },
		{ "ab\xff" "c", "ab" },
		{ "\\\\\\", "\\\\\\\\" },
	};
	for (size_t i = 0; i < sizeof cut / sizeof cut[0]; i++) {
		escape_text(out, sizeof out, cut[i].in, strlen(cut[i].in));
		assert_string_equal(out, cut[i].want);
	}
	/* the first character cut: nothing of it */
	escape_text(out, 2, "\xc3\xa9", 2);
	assert_string_equal(out, "");
	/* a one-byte buffer holds the empty string; none holds nothing */
	out[0] = 'x';
	assert_int_equal(escape_text(out, 1, "abc", 3), 0);
	assert_string_equal(out, "");
	out[0] = 'x';
	assert_int_equal(escape_text(out, 0, "abc", 3), 0);
	assert_int_equal(out[0], 'x');
	/* a source just longer than the buffer, not NUL-terminated: read
	 * to its end and no further (ASan watches the heap copy) */
	for (size_t n = 1; n <= 12; n++) {
		char *src = malloc(n);
		memset(src, 'q', n);
		escape_text(out, sizeof out, src, n);
		assert_int_equal(strlen(out), n < sizeof out ? n : sizeof out - 1);
		free(src);
	}
}

static void
test_buf_and_fmt(void **state)
{
	struct zt_buf b = { 0 };
	char s[16];

	(void)state;
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	assert_int_equal(b.len, strlen(b.p));
	assert_memory_equal(b.p, "0,1,2,", 6);
	buf_free(&b);
	assert_string_equal(fmt_kb(s, sizeof s, 512), "512K");
	assert_string_equal(fmt_kb(s, sizeof s, 1536), "1.5M");
	assert_string_equal(fmt_kb(s, sizeof s, 3334140), "3.2G");
	assert_string_equal(fmt_kb(s, sizeof s, ZT_NA), "n/a");
}

static void
test_next_line(void **state)
{
	const char *text = "one\ntwo\nthree", *c = text, *l;
	size_t n;

	(void)state;
	l = next_line(&c, text + strlen(text), &n);
	assert_int_equal(n, 3);
	assert_memory_equal(l, "one", 3);
	next_line(&c, text + strlen(text), &n);
	l = next_line(&c, text + strlen(text), &n);
	assert_int_equal(n, 5);
	assert_memory_equal(l, "three", 5);
	assert_null(next_line(&c, text + strlen(text), &n));
}

/* Shell quoting: the exact spelling for each kind of word. */
static void
test_shell_quote(void **state)
{
	static const struct { const char *in, *out; } t[] = {
		{ "/usr/bin/python3", "/usr/bin/python3" },
		{ "--flag=a,b:c@d%e+f", "--flag=a,b:c@d%e+f" },
		{ "", "''" },
		{ "two words", "'two words'" },
		{ "it's", "'it'\\''s'" },
		{ "$(rm -rf /)", "'$(rm -rf /)'" },
		{ "`id`;|&<>*?~#!", "'`id`;|&<>*?~#!'" },
		{ "a\\b\"c", "'a\\b\"c'" },
		{ "caf\xc3\xa9", "'caf\xc3\xa9'" },		/* printable UTF-8 */
		{ "a\nb", "$'a\\x0ab'" },
		{ "\x1b[31mred", "$'\\x1b[31mred'" },
		{ "bad\xff", "$'bad\\xff'" },
		{ "x\xe2\x80\xaey", "$'x\\xe2\\x80\\xaey'" },	/* U+202E */
		{ "q'\\\x01", "$'q\\'\\\\\\x01'" },
	};
	(void)state;
	for (size_t i = 0; i < ZT_ARRAY_LEN(t); i++) {
		struct zt_buf b = { 0 };
		buf_add_shell_word(&b, t[i].in, strlen(t[i].in));
		if (strcmp(b.p, t[i].out) != 0)
			fprintf(stderr, "quote #%zu: got %s want %s\n", i, b.p, t[i].out);
		assert_string_equal(b.p, t[i].out);
		buf_free(&b);
	}
	/* argv: NUL-separated, the last NUL optional, an empty argument kept */
	{
		static const char argv[] = "sh\0-c\0echo 'hi'\0\0";
		struct zt_buf b = { 0 };
		buf_add_shell_argv(&b, argv, sizeof argv - 1);
		assert_string_equal(b.p, "sh -c 'echo '\\''hi'\\''' ''");
		buf_free(&b);
	}
}

/* Hostile arguments survive a real shell: bash gives back each byte. */
static void
test_shell_quote_roundtrip(void **state)
{
	static const char *const hostile[] = {
		"", " ", "'", "''", "\"", "\\", "\\'", "$HOME", "${IFS}", "$(id)",
		"`id`", "a;b", "a|b", "a&&b", "*", "?", "[a]", "~", "~root", "#x",
		"-n", "!!", "a\nb", "\t", "\x1b]0;title\x07", "\x7f", "\xff\xfe",
		"caf\xc3\xa9", "\xe2\x80\xae\xe2\x80\x8b", "\xf0\x9f\x98\x80",
		"a b\tc\nd'e\"f\\g$h`i", "%s%n", "\r\n",
	};
	(void)state;
	if (access("/bin/bash", X_OK) != 0)
		skip();
	for (size_t i = 0; i < ZT_ARRAY_LEN(hostile); i++) {
		const char *w = hostile[i];
		struct zt_buf cmd = { 0 };
		char out[256];
		size_t n = 0;
		int fd[2], st;
		pid_t pid;

		buf_printf(&cmd, "printf '%%s' ");
		buf_add_shell_word(&cmd, w, strlen(w));
		assert_int_equal(pipe(fd), 0);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			dup2(fd[1], 1);
			close(fd[0]);
			execl("/bin/bash", "bash", "--norc", "--noprofile", "-c", cmd.p,
			    (char *)NULL);
			_exit(127);
		}
		close(fd[1]);
		for (ssize_t r; (r = read(fd[0], out + n, sizeof out - n - 1)) > 0;)
			n += (size_t)r;
		close(fd[0]);
		waitpid(pid, &st, 0);
		out[n] = '\0';
		if (n != strlen(w) || memcmp(out, w, n) != 0)
			fprintf(stderr, "round trip #%zu failed: %s\n", i, cmd.p);
		assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
		assert_int_equal(n, strlen(w));
		assert_memory_equal(out, w, n);
		buf_free(&cmd);
	}
}

/* fold_ascii: the arrow and the separator in ASCII, in place; the rest
 * (other UTF-8 included) untouched; a string ending mid-fold is safe. */
static void
test_fold_ascii(void **state)
{
	(void)state;
	char a[] = "dup_fd \u2192 alloc_fdtable \u2192 vmalloc";
	assert_string_equal(fold_ascii(a), "dup_fd -> alloc_fdtable -> vmalloc");
	char b[] = "a \u00b7 b\u2192\u2192c \u00e9";
	assert_string_equal(fold_ascii(b), "a | b->->c \u00e9");
	char c[] = "\u2192";
	assert_string_equal(fold_ascii(c), "->");
	char d[] = "\xe2\x86";	/* the arrow cut short: left as it is */
	assert_string_equal(fold_ascii(d), "\xe2\x86");
	char e[] = "";
	assert_string_equal(fold_ascii(e), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_i64),
		cmocka_unit_test(test_parse_double_and_str),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_escape_controls),
		cmocka_unit_test(test_escape_utf8_edges),
		cmocka_unit_test(test_escape_format_chars),
		cmocka_unit_test(test_escape_truncates_on_boundary),
		cmocka_unit_test(test_buf_and_fmt),
		cmocka_unit_test(test_next_line),
		cmocka_unit_test(test_shell_quote),
		cmocka_unit_test(test_shell_quote_roundtrip),
		cmocka_unit_test(test_fold_ascii),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
