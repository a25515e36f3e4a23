/*
 * test_httpaddr.c: the exporter's parsers (httpaddr.c): --listen's
 * [ADDR:]PORT in its IPv4, localhost and bracketed IPv6 forms, the
 * port's and the host's bounds, the address printed back, and the
 * scrape-timeout header.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <netinet/in.h>

#include "httpaddr.h"
#include "util.h"

/* s parsed and printed back ("" and a why when refused). */
static const char *
listen_of(const char *s)
{
	static char out[128];
	struct sockaddr_storage ss;
	socklen_t len = 0;
	char why[256] = "";
	int rc;

	memset(&ss, 0xff, sizeof ss);	/* what the parse must clear */
	rc = httpaddr_parse(s, &ss, &len, why, sizeof why);
	if (rc != 0) {
		assert_int_equal(rc, -1);
		assert_true(why[0] != '\0');
		assert_non_null(strstr(why, "--listen"));
		return "";
	}
	if (s[0] == '[') {
		const struct sockaddr_in6 *a6 = (const void *)&ss;
		assert_int_equal(ss.ss_family, AF_INET6);
		assert_int_equal(len, sizeof *a6);
		assert_int_equal(a6->sin6_flowinfo, 0);
		assert_int_equal(a6->sin6_scope_id, 0);
	} else {
		const struct sockaddr_in *a4 = (const void *)&ss;
		assert_int_equal(ss.ss_family, AF_INET);
		assert_int_equal(len, sizeof *a4);
		for (size_t i = 0; i < sizeof a4->sin_zero; i++)
			assert_int_equal(a4->sin_zero[i], 0);
	}
	httpaddr_format(&ss, out, sizeof out);
	return out;
}

static void
test_listen_forms(void **state)
{
	(void)state;
	assert_string_equal(listen_of("9100"), "127.0.0.1:9100");
	assert_string_equal(listen_of("localhost:9100"), "127.0.0.1:9100");
	assert_string_equal(listen_of("0.0.0.0:80"), "0.0.0.0:80");
	assert_string_equal(listen_of("10.1.2.3:9"), "10.1.2.3:9");
	assert_string_equal(listen_of("[::1]:9100"), "[::1]:9100");
	assert_string_equal(listen_of("[::]:1"), "[::]:1");
	assert_string_equal(listen_of("[fe80::1:2]:65535"), "[fe80::1:2]:65535");
	/* the last colon splits an unbracketed address */
	assert_string_equal(listen_of("::1:9100"), "");
	assert_string_equal(listen_of(":9100"), "");
	assert_string_equal(listen_of("[::1]9100"), "");
	assert_string_equal(listen_of("[::1:9100"), "");
	assert_string_equal(listen_of("[127.0.0.1]:9100"), "");
	assert_string_equal(listen_of("[]:9100"), "");
	assert_string_equal(listen_of("example.org:9100"), "");
	assert_string_equal(listen_of("1.2.3:9100"), "");
	assert_string_equal(listen_of("1.2.3.4:"), "");
}

static void
test_listen_port(void **state)
{
	(void)state;
	assert_string_equal(listen_of("1"), "127.0.0.1:1");
	assert_string_equal(listen_of("65535"), "127.0.0.1:65535");
	assert_string_equal(listen_of("09100"), "127.0.0.1:9100");
	assert_string_equal(listen_of("0"), "");
	assert_string_equal(listen_of("65536"), "");
	assert_string_equal(listen_of("099100"), "");	/* six digits */
	assert_string_equal(listen_of("000080"), "");
	assert_string_equal(listen_of("00080"), "127.0.0.1:80");
	assert_string_equal(listen_of("00000"), "");
	assert_string_equal(listen_of(""), "");
	assert_string_equal(listen_of("91a0"), "");
	assert_string_equal(listen_of("-9100"), "");
	assert_string_equal(listen_of("+9100"), "");
	assert_string_equal(listen_of("9100 "), "");
	assert_string_equal(listen_of("9/00"), "");
	assert_string_equal(listen_of("9:00"), "");
	assert_string_equal(listen_of("1.2.3.4:0"), "");
	assert_string_equal(listen_of("[::1]:"), "");
	assert_string_equal(listen_of("[::1]:70000"), "");
}

/* Why s is refused ("" when it is not). */
static const char *
why_of(const char *s)
{
	static char why[256];
	struct sockaddr_storage ss;
	socklen_t len = 0;

	why[0] = '\0';
	if (httpaddr_parse(s, &ss, &len, why, sizeof why) == 0)
		why[0] = '\0';
	return why;
}

/* Hosts of up to 63 characters are read as addresses; longer ones are
 * refused before any copy. */
static void
test_listen_host_bounds(void **state)
{
	char s[200];

	(void)state;
	memset(s, '1', sizeof s);
	memcpy(s + 63, ":81", 4);
	assert_non_null(strstr(why_of(s), "is not an IPv4 address"));
	memset(s, '1', sizeof s);
	memcpy(s + 64, ":81", 4);
	assert_non_null(strstr(why_of(s), "not [ADDR:]PORT"));
	memset(s, '1', sizeof s);
	s[0] = '[';
	memcpy(s + 64, "]:81", 5);
	assert_non_null(strstr(why_of(s), "is not an IPv6 address"));
	memset(s, '1', sizeof s);
	s[0] = '[';
	memcpy(s + 65, "]:81", 5);
	assert_non_null(strstr(why_of(s), "goes as [ADDR]:PORT"));
	assert_non_null(strstr(why_of("[::1]:0"), "the port is a number"));
	assert_non_null(strstr(why_of(":81"), "not [ADDR:]PORT"));
	assert_string_equal(why_of("[0:0:0:0:0:0:0:1]:81"), "");
	assert_string_equal(listen_of("[0:0:0:0:0:0:0:1]:81"), "[::1]:81");
}

static void
test_timeout(void **state)
{
	(void)state;
	assert_true(httpaddr_timeout("10") == 10.0);
	assert_true(httpaddr_timeout("0.5") == 0.5);
	assert_true(httpaddr_timeout("86400") == 86400.0);
	assert_true(httpaddr_timeout("9.5 \t") == 9.5);
	assert_true(httpaddr_timeout("86400.5") == -1);
	assert_true(httpaddr_timeout("0") == -1);
	assert_true(httpaddr_timeout("-3") == -1);
	assert_true(httpaddr_timeout("nan") == -1);
	assert_true(httpaddr_timeout("inf") == -1);
	assert_true(httpaddr_timeout("5x") == -1);
	assert_true(httpaddr_timeout("") == -1);
	assert_true(httpaddr_timeout(NULL) == -1);
	/* 32 characters are read, 33 are not */
	assert_true(httpaddr_timeout("0000000000000000000000000000005") == 5.0);
	assert_true(httpaddr_timeout("00000000000000000000000000000005") == 5.0);
	assert_true(httpaddr_timeout("000000000000000000000000000000005") == -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_listen_forms),
		cmocka_unit_test(test_listen_port),
		cmocka_unit_test(test_listen_host_bounds),
		cmocka_unit_test(test_timeout),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
