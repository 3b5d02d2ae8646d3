/* kernset.h -- which glyphs a font's 'kern' table names (device code).
 *
 * FreeType's FT_Get_Kerning reads only the TrueType 'kern' table, and a
 * pair that table does not list kerns by 0.  Body text is mostly pairs of
 * lowercase letters that no table lists (Liberation Serif: 867 pairs over
 * 96 left and 127 right glyphs of 2602), so two bitsets over the glyph
 * ids answer most pairs without asking FreeType.  The sets are a superset:
 * every subtable counts, whatever its coverage bits say, so a pair that
 * FreeType would kern is never dropped. */
#ifndef NWS_KERNSET_H
#define NWS_KERNSET_H

#include <stddef.h>
#include <stdint.h>

/* Sets over more glyphs than this are not worth their memory: such
 * faces ask FreeType for every pair. */
#define NWS_KERNSET_MAX_GLYPHS 8192u

/* One more than the highest glyph id the 'kern' table of face 0 of an
 * sfnt (or collection) in memory names: the sets' size in bits.  0 when
 * there is no table, it names no pair, or its span is too large. */
uint32_t kernset_span(const uint8_t *font, size_t size);
/* Fill left and right, each (span + 7) / 8 bytes, with the glyphs the
 * table names on each side of a pair. */
void kernset_fill(const uint8_t *font, size_t size, uint32_t span, uint8_t *left, uint8_t *right);

/* Whether glyph g is in a set: a glyph past the span is in no pair. */
static inline int kernset_has(const uint8_t *set, uint32_t span, uint32_t g)
{
    return g < span && (set[g >> 3] >> (g & 7)) & 1;
}

#endif
