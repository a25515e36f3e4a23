/*
 * httpaddr.h: the pure parsers of the exporter (cmd_listen.c): the
 * --listen argument and Prometheus's scrape-timeout header.  Text in,
 * values out; fuzzed (tests/fuzz/fuzz_httpaddr.c).
 */
#ifndef ZT_HTTPADDR_H
#define ZT_HTTPADDR_H

#include <stddef.h>
#include <sys/socket.h>

#define HTTPADDR_DEFAULT_HOST "127.0.0.1"

/*
 * "[ADDR:]PORT": PORT alone binds 127.0.0.1; ADDR is an IPv4 address,
 * "localhost", or an IPv6 address in brackets ("[::1]:9100"); PORT
 * 1..65535.  No name lookups.  0 and the address in ss/len, or -1 with
 * a one-line why.
 */
int httpaddr_parse(const char *s, struct sockaddr_storage *ss,
    socklen_t *len, char *why, size_t whylen);
/* The address back as "127.0.0.1:9100" or "[::1]:9100". */
void httpaddr_format(const struct sockaddr_storage *ss, char *buf,
    size_t len);
/* X-Prometheus-Scrape-Timeout-Seconds: seconds (> 0, at most a day), or
 * -1 when absent or not a number. */
double httpaddr_timeout(const char *hdr);

#endif
