/* picture.h -- drawing a page's pictures (device code).
 *
 * A picture is read from the bundle a row at a time, scaled down to its
 * size on the page with a box filter as the rows stream by, and dithered
 * to the panel's gray levels by error diffusion.  All buffers are taken
 * from the arena in picture_init(), sized by the widest picture in the
 * bundle and the page: drawing allocates nothing. */
#ifndef NWS_PICTURE_H
#define NWS_PICTURE_H

#include <stdint.h>

#include "../bundle/nwsb.h"
#include "../core/arena.h"
#include "../fb/fb.h"
#include "../layout/layout.h"

typedef enum {
    NWS_DITHER_DEFAULT = 0,     /* Atkinson on 2-level panels, else Floyd-Steinberg */
    NWS_DITHER_FLOYD_STEINBERG, /* all the error, over 4 neighbours: smooth tones */
    NWS_DITHER_ATKINSON,        /* 6/8 of the error over 6: crisper, for 1-bit panels */
    NWS_DITHER_NONE             /* nearest level: posterised */
} nws_dither;

typedef struct nws_pictures {
    nwsb_bundle *bundle;
    nws_dither dither;
    uint8_t *row;           /* one stored row */
    uint32_t *sum;          /* box sums per page column */
    int16_t *err[3];        /* diffusion rows: this one and the next two */
    uint32_t row_cap, out_cap;
    int ready;              /* 0: no pictures, or no room for them */
} nws_pictures;

/* Buffers for pictures up to out_width pixels wide on the page.  0, or
 * -1 when the arena has no room (pictures are then drawn as frames). */
int picture_init(nws_pictures *p, nws_arena *arena, nwsb_bundle *b, uint32_t out_width,
                 nws_dither dither);
/* Arena bytes picture_init() will ask for (allowing for the arena's
 * block headers and alignment); 0 for a bundle without pictures. */
size_t picture_bytes(nwsb_bundle *b, uint32_t out_width);
/* Give the buffers back to the arena (pictures are drawn as frames). */
void picture_release(nws_pictures *p, nws_arena *arena);
/* Draw every picture run of the page; returns how many could not be
 * decoded (each is drawn as an empty frame). */
int picture_draw_page(nws_pictures *p, const lay_page *page, nws_fb *fb);

#endif
