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

/* Bitsets larger than this are not worth their memory: such faces (CJK
 * fallbacks) ask FreeType for every pair. */
#define NWS_KERNSET_MAX_GLYPHS 8192u

/* Glyph count of face 0 of an sfnt (or collection) in memory, for sizing
 * the sets; 0 when the font has no 'kern' table or is too large for
 * sets. */
uint32_t kernset_glyphs(const uint8_t *font, size_t size);
/* Fill left and right (each (glyphs + 7) / 8 bytes, glyphs from
 * kernset_glyphs()) with the glyphs the table names on each side.
 * 0, or -1 without a table (the sets are then all set: every pair goes
 * to FreeType). */
int kernset_fill(const uint8_t *font, size_t size, uint32_t glyphs, uint8_t *left, uint8_t *right);

static inline int kernset_has(const uint8_t *set, uint32_t glyphs, uint32_t g)
{
    return g >= glyphs || (set[g >> 3] >> (g & 7)) & 1;
}

#endif
