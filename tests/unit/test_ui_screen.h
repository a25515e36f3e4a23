/*
 * test_ui_screen.h: what the UI tests share to look at a drawn canvas:
 * its rows as text, a needle that must be on it (the screen is printed
 * when it is not), keys typed into a view, and the fixed time zone and
 * locale the expected screens are written for.  Include after cmocka.h.
 */
#ifndef TEST_UI_SCREEN_H
#define TEST_UI_SCREEN_H

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "canvas.h"
#include "keys.h"
#include "view.h"

/* A group setup: TZ=UTC, a UTF-8 locale. */
static inline int
ui_test_setup(void **state)
{
	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	setlocale(LC_ALL, "C.UTF-8");
	return 0;
}

/* Row y as text, in a buffer the next call reuses. */
static inline const char *
row(const struct canvas *cv, int y)
{
	static char buf[4096];
	return canvas_row(cv, y, buf, sizeof buf);
}

/* The first rows rows joined by newlines; the caller frees it. */
static inline char *
screen_rows(const struct canvas *cv, int rows)
{
	size_t cap = (size_t)rows * ((size_t)cv->w * 4 + 2) + 1, n = 0;
	char *out = malloc(cap);

	out[0] = '\0';
	for (int y = 0; y < rows && y < cv->h; y++)
		n += (size_t)snprintf(out + n, cap - n, "%s\n", row(cv, y));
	return out;
}

static inline char *
screen_text(const struct canvas *cv)
{
	return screen_rows(cv, cv->h);
}

/* needle must be on the screen; print the screen when it is not. */
static inline void
expect_in(const char *screen, const char *needle)
{
	if (strstr(screen, needle) == NULL)
		fprintf(stderr, "expected: %s\n--- screen ---\n%s--------------\n",
		    needle, screen);
	assert_non_null(strstr(screen, needle));
}

static inline void
keys(struct ui_view *v, const struct zt_snapshot *s, const char *k)
{
	for (; *k; k++)
		ui_view_key(v, s, (unsigned char)*k);
}

#endif
