/* entities.c -- HTML character references. */
#include "entities.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/utf8.h"

static int cmp_name(const void *key, const void *e)
{
    return strcmp(key, ((const entity_entry *)e)->name);
}

size_t entity_decode(const char *s, size_t n, char *out)
{
    if (n < 3 || s[0] != '&' || s[n - 1] != ';')
        return 0;
    if (s[1] == '#') {
        uint32_t v = 0;
        int hex = n > 3 && (s[2] == 'x' || s[2] == 'X');
        size_t i = hex ? 3 : 2;
        if (i >= n - 1)
            return 0;
        for (; i < n - 1; i++) {
            char c = s[i];
            uint32_t d;
            if (c >= '0' && c <= '9')
                d = (uint32_t)(c - '0');
            else if (hex && c >= 'a' && c <= 'f')
                d = (uint32_t)(c - 'a' + 10);
            else if (hex && c >= 'A' && c <= 'F')
                d = (uint32_t)(c - 'A' + 10);
            else
                return 0;
            v = v * (hex ? 16 : 10) + d;
            if (v > 0x10FFFF)
                v = 0x110000; /* keep saturated */
        }
        /* As HTML does: NUL, surrogates and out-of-range become U+FFFD. */
        if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            v = UTF8_REPLACEMENT;
        return utf8_encode(v, (uint8_t *)out);
    }
    char name[40];
    if (n - 2 >= sizeof name)
        return 0;
    memcpy(name, s + 1, n - 2);
    name[n - 2] = '\0';
    const entity_entry *e = bsearch(name, entity_table, entity_count, sizeof *e, cmp_name);
    if (!e)
        return 0;
    size_t len = strlen(e->utf8);
    memcpy(out, e->utf8, len);
    return len;
}
