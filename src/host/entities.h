/* entities.h -- decoding HTML character references ("&amp;", "&#8217;"). */
#ifndef HOST_ENTITIES_H
#define HOST_ENTITIES_H

#include <stddef.h>

typedef struct entity_entry {
    const char *name;  /* without '&' and ';' */
    const char *utf8;
} entity_entry;

extern const entity_entry entity_table[]; /* sorted by name (strcmp) */
extern const unsigned entity_count;

/* Decode one reference s[0..n) including '&' and ';' into out (at least 8
 * bytes).  Returns the number of bytes written, or 0 if it is not one. */
size_t entity_decode(const char *s, size_t n, char *out);

#endif
