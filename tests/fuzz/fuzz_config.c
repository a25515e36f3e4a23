/* Fuzz config_parse() (zonetoprc) with the UI's names, and check what it
 * gives: every value in its range, columns unique, one numbered message
 * per bad line and nothing in the messages a terminal would act on. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ui.c's names (ui_config_vocab); the harness has no UI linked in */
static const char *const roles[] = {
	"normal", "header", "title", "focus", "label", "dim", "na", "ok", "warn",
	"crit", "free", "used", "mark", "reserve", "standout", "victim",
	"unkillable", "spark", "key", "prompt", NULL,
};
static const char *const cols[] = {
	"rank", "pid", "user", "oom", "adj", "rss", "swap", "share", "cgroup",
	"command",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct cfg_vocab voc = { roles, 21, cols, 10 };
	struct zt_config c;
	struct zt_buf errs = { 0 };
	bool seen[CFG_MAX_COLS] = { false };
	int bad, lines = 0;

	bad = config_parse("zonetoprc", (const char *)data, size, &voc, &c, &errs);
	if (c.have_interval && !(c.interval >= 0.05 && c.interval <= 86400))
		abort();
	if (c.ncols < 0 || c.ncols > 10)
		abort();
	for (int i = 0; i < c.ncols; i++) {
		if (c.cols[i] < 0 || c.cols[i] >= 10 || seen[c.cols[i]])
			abort();
		seen[c.cols[i]] = true;
	}
	if (c.have_sort && (c.sort < 0 || c.sort >= 10 || c.sort_dir < 0 ||
	    c.sort_dir > CFG_SORT_DESC))
		abort();
	if (c.have_protect_level && (c.protect_level < -1000 || c.protect_level > 0))
		abort();
	for (int i = 0; i < CFG_MAX_ROLES; i++) {
		const struct cfg_color *k = &c.color[i];
		if (!k->set)
			continue;
		if (i >= 20 || k->fg < CFG_COLOR_KEEP || k->fg > 255 ||
		    k->bg < CFG_COLOR_KEEP || k->bg > 255 || k->attrs > 15)
			abort();
	}
	for (size_t i = 0; i < errs.len; i++) {
		unsigned char ch = (unsigned char)errs.p[i];
		if (ch == '\n')
			lines++;
		else if (ch < 0x20 || ch == 0x7f)
			abort();
	}
	if (lines != bad || (bad > 0 && strncmp(errs.p, "zonetoprc:", 10) != 0))
		abort();
	buf_free(&errs);
	return 0;
}
