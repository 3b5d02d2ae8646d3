/* raster.h -- glyph outlines to 8-bit coverage with integer arithmetic
 * only (device code), so that 32- and 64-bit CPUs draw the same pixels. */
#ifndef NWS_RASTER_H
#define NWS_RASTER_H

#include <stddef.h>
#include <stdint.h>

#include <ft2build.h>
#include FT_FREETYPE_H

typedef struct raster_box_t {
    int32_t left, top;     /* bitmap origin, whole pixels (y up) */
    uint32_t width, rows;
} raster_box_t;

/* The pixel box covering the outline's control points. */
void raster_box(const FT_Outline *o, raster_box_t *box);
/* Coverage of o inside box into out (width x rows bytes), each value
 * passed through map.  work: work_cells int32 of scratch, at least
 * box->width + 2; more makes fewer passes.  0, or -1. */
int raster_outline(const FT_Outline *o, const raster_box_t *box, int32_t *work, size_t work_cells,
                   const uint8_t map[256], uint8_t *out);

#endif
