/* utf8.h -- UTF-8 decoding shared by device and host code. */
#ifndef NWS_UTF8_H
#define NWS_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu

/* Decode one code point from s[0..n) (n >= 1).  Returns the bytes used
 * (1..4).  Malformed input (overlong forms, surrogates, values past
 * U+10FFFF, truncated sequences) yields U+FFFD and consumes one byte for
 * the lead and the maximal valid prefix, as Unicode's "best practice"
 * (ch. 3, U+FFFD substitution) recommends.  *ok tells which. */
size_t utf8_decode(const uint8_t *s, size_t n, uint32_t *cp, int *ok);
/* utf8_decode() for text that is mostly ASCII: the one-byte case
 * without a call. */
static inline size_t utf8_next(const uint8_t *s, size_t n, uint32_t *cp)
{
    int ok;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    return utf8_decode(s, n, cp, &ok);
}

/* Encode cp (<= 0x10FFFF, not a surrogate) into out[4]; returns length. */
size_t utf8_encode(uint32_t cp, uint8_t *out);

#endif
