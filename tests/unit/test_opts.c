/* Unit tests: the command line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "opts.h"

#define PARSE(o, err, ...) \
	parse_args((o), (err), (const char *[]){ "zonetop", __VA_ARGS__, NULL })

static int
parse_args(struct zt_opts *o, char *err, const char **argv)
{
	int argc = 0;

	while (argv[argc])
		argc++;
	/* opts_parse never writes argv; the cast only drops const */
	return opts_parse(argc, (char **)argv, o, err, 160);
}

static void
test_defaults(void **state)
{
	struct zt_opts o;
	char err[160];

	(void)state;
	assert_int_equal(parse_args(&o, err, (const char *[]){ "zonetop", NULL }), 0);
	assert_int_equal(o.mode, ZT_MODE_LIVE);
	assert_true(o.delay == 2.0);
	assert_false(o.delay_set);	/* so zonetoprc's interval may apply */
	assert_int_equal(o.top, -1);
	assert_null(o.proc_root);
}

static void
test_batch(void **state)
{
	struct zt_opts o;
	char err[160];

	(void)state;
	assert_int_equal(PARSE(&o, err, "-b", "-n", "3", "-d0.5", "--format=json",
	    "--proc-root", "/tmp/cap", "--top", "7", "-p", "1,22,333"), 0);
	assert_int_equal(o.mode, ZT_MODE_BATCH);
	assert_int_equal(o.count, 3);
	assert_true(o.delay == 0.5);
	assert_true(o.delay_set);
	assert_int_equal(o.format, ZT_FMT_JSON);
	assert_string_equal(o.proc_root, "/tmp/cap");
	assert_int_equal(o.top, 7);
	assert_int_equal(o.pids[0], 1);
	assert_int_equal(o.pids[2], 333);
	assert_int_equal(o.pids[3], 0);
	/* batch without -n prints one sample */
	assert_int_equal(PARSE(&o, err, "-b"), 0);
	assert_int_equal(o.count, 1);
}

/* --openmetrics: one sample; with -d alone resident until stopped (0);
 * -n wins over both; record runs forever unless told */
static void
test_openmetrics_count(void **state)
{
	struct zt_opts o;
	char err[160];

	(void)state;
	assert_int_equal(PARSE(&o, err, "--openmetrics"), 0);
	assert_int_equal(o.mode, ZT_MODE_OPENMETRICS);
	assert_int_equal(o.count, 1);
	assert_false(o.delay_set);
	assert_int_equal(PARSE(&o, err, "--openmetrics", "--textfile", "/d",
	    "-d", "15"), 0);
	assert_int_equal(o.count, 0);
	assert_true(o.delay == 15.0);
	assert_string_equal(o.textfile, "/d");
	assert_int_equal(PARSE(&o, err, "--openmetrics", "-d", "15", "-n", "4"), 0);
	assert_int_equal(o.count, 4);
	assert_int_equal(PARSE(&o, err, "--openmetrics", "-n", "4"), 0);
	assert_int_equal(o.count, 4);
	assert_true(o.delay == 2.0);
	assert_int_equal(PARSE(&o, err, "record", "f"), 0);
	assert_int_equal(o.count, 0);
	/* -d alone leaves batch at one sample, as before */
	assert_int_equal(PARSE(&o, err, "-b", "-d", "15"), 0);
	assert_int_equal(o.count, 1);
}

static void
test_errors(void **state)
{
	struct zt_opts o;
	char err[160];

	(void)state;
	assert_int_equal(PARSE(&o, err, "--bogus"), -1);
	assert_string_equal(err, "unknown option '--bogus' (see --help)");
	assert_int_equal(PARSE(&o, err, "-d", "0"), -1);
	assert_non_null(strstr(err, "seconds"));
	assert_int_equal(PARSE(&o, err, "-d", "nan"), -1);
	assert_int_equal(PARSE(&o, err, "-n"), -1);
	assert_string_equal(err, "-n needs a value");
	assert_int_equal(PARSE(&o, err, "--format", "xml"), -1);
	assert_int_equal(PARSE(&o, err, "-p", "1,x"), -1);
	assert_int_equal(PARSE(&o, err, "-p", "0"), -1);
	assert_int_equal(PARSE(&o, err, "--batch=1"), -1);
	assert_int_equal(PARSE(&o, err, "stray"), -1);
	assert_int_equal(PARSE(&o, err, "--proc-root="), -1);
}

static void
test_explain_and_help(void **state)
{
	struct zt_opts o;
	char err[160];

	(void)state;
	assert_int_equal(PARSE(&o, err, "explain", "-", "--format", "json"), 0);
	assert_int_equal(o.mode, ZT_MODE_EXPLAIN);
	assert_int_equal(o.sub_argc, 4);
	assert_string_equal(o.sub_argv[0], "explain");
	assert_int_equal(PARSE(&o, err, "-b", "--help"), 0);
	assert_int_equal(o.mode, ZT_MODE_HELP);
	assert_int_equal(PARSE(&o, err, "-V"), 0);
	assert_int_equal(o.mode, ZT_MODE_VERSION);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_batch),
		cmocka_unit_test(test_openmetrics_count),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_explain_and_help),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
