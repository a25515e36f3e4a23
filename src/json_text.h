/*
 * json_text.h: outside text (a command line, a file's contents, a
 * hostname) as a JSON string (json_text.c).  A leaf below every JSON
 * writer: json_out.c, vm_json.c, record.c.
 */
#ifndef ZT_JSON_TEXT_H
#define ZT_JSON_TEXT_H

#include <stddef.h>

#include <jansson.h>

/* Valid UTF-8 passes (jansson escapes controls); invalid UTF-8 and DEL
 * are escaped as in the text output.  Never NULL. */
json_t *json_text(const char *s, size_t n);

#endif
