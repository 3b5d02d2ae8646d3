/* kernset.c -- the glyphs a 'kern' table names, read from the font file
 * in place.  Layouts: Apple's TrueType Reference Manual ('kern', the
 * table directory) and OpenType 1.9 (collections: 'ttcf' header). */
#include "kernset.h"

#include <string.h>

static uint32_t be16(const uint8_t *p)
{
    return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Offset and length of a table of face 0, bounds checked; 0 if absent. */
static int find_table(const uint8_t *font, size_t size, const char tag[4], size_t *off, size_t *len)
{
    size_t base = 0;
    if (size < 12)
        return 0;
    if (memcmp(font, "ttcf", 4) == 0) {
        if (size < 16)
            return 0;
        base = be32(font + 12); /* the first face's table directory */
        if (base > size - 12)
            return 0;
    }
    uint32_t ntables = be16(font + base + 4);
    if (ntables > (size - base - 12) / 16)
        return 0;
    for (uint32_t i = 0; i < ntables; i++) {
        const uint8_t *e = font + base + 12 + 16 * (size_t)i;
        if (memcmp(e, tag, 4) != 0)
            continue;
        size_t o = be32(e + 8), n = be32(e + 12);
        if (o > size || n > size - o)
            return 0;
        *off = o;
        *len = n;
        return 1;
    }
    return 0;
}

/* Marks the glyphs of every format-0 subtable's pairs, walking the
 * table as FreeType's loader does (ttkern.c: the version word skipped, at
 * most 32 subtables, each as long as its length field says, pairs cut to
 * what fits) but taking every coverage, so the sets are never smaller
 * than what FreeType kerns. */
static uint32_t walk(const uint8_t *k, size_t len, uint8_t *left, uint8_t *right, uint32_t span)
{
    uint32_t top = 0;
    if (len < 4)
        return 0;
    uint32_t nsub = be16(k + 2);
    if (nsub > 32)
        nsub = 32;
    size_t p = 4;
    for (uint32_t t = 0; t < nsub && len - p >= 6; t++) {
        size_t sublen = be16(k + p + 2);
        uint32_t coverage = be16(k + p + 4);
        if (sublen <= 14)
            break;
        size_t next = sublen > len - p ? len : p + sublen;
        if (coverage >> 8 == 0 && next - p >= 14) {
            size_t q = p + 14;
            uint32_t npairs = be16(k + p + 6);
            if (npairs > (next - q) / 6)
                npairs = (uint32_t)((next - q) / 6);
            for (uint32_t i = 0; i < npairs; i++, q += 6) {
                uint32_t a = be16(k + q), b = be16(k + q + 2);
                top = a >= top ? a + 1 : top;
                top = b >= top ? b + 1 : top;
                if (left && a < span)
                    left[a >> 3] |= (uint8_t)(1u << (a & 7));
                if (right && b < span)
                    right[b >> 3] |= (uint8_t)(1u << (b & 7));
            }
        }
        p = next;
    }
    return top;
}

uint32_t kernset_span(const uint8_t *font, size_t size)
{
    size_t ko, kl;
    if (!font || !find_table(font, size, "kern", &ko, &kl))
        return 0;
    uint32_t span = walk(font + ko, kl, NULL, NULL, 0);
    return span <= NWS_KERNSET_MAX_GLYPHS ? span : 0;
}

void kernset_fill(const uint8_t *font, size_t size, uint32_t span, uint8_t *left, uint8_t *right)
{
    size_t ko, kl, bytes = (span + 7u) / 8u;
    memset(left, 0, bytes);
    memset(right, 0, bytes);
    if (find_table(font, size, "kern", &ko, &kl))
        walk(font + ko, kl, left, right, span);
}
