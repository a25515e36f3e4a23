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

	escape_text(out, sizeof out, in, n);
	assert_string_equal(out, want);
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
	check_escape("\x7f", 1, "\\x7f");
	check_escape("back\\slash", 10, "back\\\\slash");
	/* found by fuzz_util: invisible format characters (Cf) never pass */
	check_escape("\xd8\x80" "x", 3, "\\u{0600}x");	/* ARABIC NUMBER SIGN */
	check_escape("\xd8\x9c", 2, "\\u{061c}");		/* ARABIC LETTER MARK */
	check_escape("\xe1\xa0\x8e", 3, "\\u{180e}");	/* MONGOLIAN VOWEL SEP. */
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_i64),
		cmocka_unit_test(test_parse_double_and_str),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_escape_truncates_on_boundary),
		cmocka_unit_test(test_buf_and_fmt),
		cmocka_unit_test(test_next_line),
		cmocka_unit_test(test_shell_quote),
		cmocka_unit_test(test_shell_quote_roundtrip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
