/* Fuzz the exporter's parsers (httpaddr.c): the --listen argument and
 * the scrape-timeout header, both as NUL-terminated strings; what
 * parses must format back and parse again to the same address. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "httpaddr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), why[160], back[80], why2[160];
	struct sockaddr_storage ss, ss2;
	socklen_t len, len2;
	double t;

	memcpy(s, data, size);
	s[size] = '\0';
	if (httpaddr_parse(s, &ss, &len, why, sizeof why) == 0) {
		httpaddr_format(&ss, back, sizeof back);
		if (httpaddr_parse(back, &ss2, &len2, why2, sizeof why2) != 0 ||
		    len != len2 || memcmp(&ss, &ss2, len) != 0)
			abort();
	} else if (strlen(why) == 0)
		abort();
	t = httpaddr_timeout(s);
	if (t != -1 && !(t > 0 && t <= 86400))
		abort();
	free(s);
	return 0;
}
