/*
 * httpaddr.c: the exporter's parsers, see httpaddr.h.
 */
#include "httpaddr.h"

#include <arpa/inet.h>
#include <math.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static int
httpaddr_port(const char *p, int *port)
{
	long v = 0;

	if (*p == '\0' || strlen(p) > 5)
		return -1;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (*p - '0');
	}
	if (v < 1 || v > 65535)
		return -1;
	*port = (int)v;
	return 0;
}

int
httpaddr_parse(const char *s, struct sockaddr_storage *ss, socklen_t *len,
    char *why, size_t whylen)
{
	char host[64];
	const char *colon, *port_s;
	int port;

	memset(ss, 0, sizeof *ss);
	if (s[0] == '[') {
		const char *close = strchr(s, ']');
		if (close == NULL || close[1] != ':' || (size_t)(close - s - 1) >= sizeof host) {
			snprintf(why, whylen, "--listen: '%.60s': an IPv6 address goes as "
			    "[ADDR]:PORT", s);
			return -1;
		}
		memcpy(host, s + 1, (size_t)(close - s - 1));
		host[close - s - 1] = '\0';
		port_s = close + 2;
	} else if ((colon = strrchr(s, ':')) != NULL) {
		if ((size_t)(colon - s) >= sizeof host || colon == s) {
			snprintf(why, whylen, "--listen: '%.60s': not [ADDR:]PORT", s);
			return -1;
		}
		memcpy(host, s, (size_t)(colon - s));
		host[colon - s] = '\0';
		port_s = colon + 1;
	} else {
		strlcpy0(host, HTTPADDR_DEFAULT_HOST, sizeof host);
		port_s = s;
	}
	if (httpaddr_port(port_s, &port) < 0) {
		snprintf(why, whylen, "--listen: '%.60s': the port is a number from 1 "
		    "to 65535", s);
		return -1;
	}
	if (strcmp(host, "localhost") == 0)
		strlcpy0(host, HTTPADDR_DEFAULT_HOST, sizeof host);
	if (s[0] == '[') {
		struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)(void *)ss;
		if (inet_pton(AF_INET6, host, &a6->sin6_addr) != 1) {
			snprintf(why, whylen, "--listen: '%.60s' is not an IPv6 address", host);
			return -1;
		}
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((uint16_t)port);
		*len = sizeof *a6;
		return 0;
	}
	struct sockaddr_in *a4 = (struct sockaddr_in *)(void *)ss;
	if (inet_pton(AF_INET, host, &a4->sin_addr) != 1) {
		snprintf(why, whylen, "--listen: '%.60s' is not an IPv4 address (an IPv6 "
		    "one goes in brackets; names are not looked up)", host);
		return -1;
	}
	a4->sin_family = AF_INET;
	a4->sin_port = htons((uint16_t)port);
	*len = sizeof *a4;
	return 0;
}

void
httpaddr_format(const struct sockaddr_storage *ss, char *buf, size_t len)
{
	char h[INET6_ADDRSTRLEN];

	if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *a6 = (const void *)ss;
		inet_ntop(AF_INET6, &a6->sin6_addr, h, sizeof h);
		snprintf(buf, len, "[%s]:%d", h, ntohs(a6->sin6_port));
	} else {
		const struct sockaddr_in *a4 = (const void *)ss;
		inet_ntop(AF_INET, &a4->sin_addr, h, sizeof h);
		snprintf(buf, len, "%s:%d", h, ntohs(a4->sin_port));
	}
}

double
httpaddr_timeout(const char *hdr)
{
	char *end;
	double v;

	if (hdr == NULL || *hdr == '\0' || strlen(hdr) > 32)
		return -1;
	v = strtod(hdr, &end);
	while (*end == ' ' || *end == '\t')
		end++;
	if (*end != '\0' || !isfinite(v) || v <= 0 || v > 86400)
		return -1;
	return v;
}
