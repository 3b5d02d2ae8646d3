/* fb.h -- the one framebuffer model, and packing it for a panel.
 *
 * The renderer draws into an fb: the reading view, one gray *level* per
 * pixel (0 black .. levels-1 white), packed MSB-first at the smallest bit
 * depth that holds the levels (1, 2, 4 or 8), rows byte-aligned.  A 1-bit
 * 800x480 page is 48 KB, so the model fits a microcontroller.  Where the
 * panel stores a byte a pixel with its grays spread over it (the Kobo's
 * and Kindle's Y8), the model does too (fb_board_bpp): a byte a pixel
 * holding level * 255 / (levels - 1), "spread", so that packing is a
 * copy; fb_get and fb_put still speak levels.  Likewise a 4-bit model
 * keeps a panel's order of the two pixels of a byte (low_first).  fb_pack()
 * then produces exactly what the board's controller expects; fb_unpack()
 * reads a native buffer back into 8-bit gray (used for PNGs, so a PNG shows
 * what the panel gets).  The buffers are the caller's. */
#ifndef NWS_FB_H
#define NWS_FB_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../board/board.h"
#include "../core/vectors.h"

typedef struct nws_fb {
    uint8_t *pix;
    uint32_t width, height, stride;
    uint8_t levels, bpp;
    uint8_t spread;         /* 8 bits a pixel for fewer levels: values spread */
    uint8_t low_first;      /* 4 bits a pixel, the first of a byte's two in
                               its low nibble (epdiy's and the IT8951's) */
    /* Which rows hold ink, where the caller keeps it (fb_keep_ink; NULL:
     * not kept, as fb_init leaves it): ink[y] nonzero where row y may
     * hold something other than white; ink[height + y] where it did when
     * fb_pack_changed() last packed it.  A text page leaves nearly half
     * its rows white (leading, margins, the end of an article), and on a
     * large gray panel clearing and packing those is most of a page's
     * cost. */
    uint8_t *ink;
} nws_fb;

/* Bytes needed for a width x height fb with that many levels. */
size_t fb_bytes(uint32_t width, uint32_t height, unsigned levels);
/* 0, or -1 if buf is too small or levels is not 2..256. */
int fb_init(nws_fb *fb, uint32_t width, uint32_t height, unsigned levels, void *buf, size_t size);
/* The same at a depth of bpp bits (at least what the levels need; 8 for
 * fewer than 256 levels: spread). */
size_t fb_bytes_depth(uint32_t width, uint32_t height, unsigned levels, unsigned bpp);
int fb_init_depth(nws_fb *fb, uint32_t width, uint32_t height, unsigned levels, unsigned bpp,
                  void *buf, size_t size);
/* The depth of a board's model: 8 where its panel stores spread grays a
 * byte a pixel unrotated (packing is then a copy), else what the levels
 * need. */
unsigned fb_board_bpp(const nws_board *b);
/* A board's model as its panel orders pixels where that makes packing a
 * copy: fb_init_depth() at fb_board_bpp(), then the 4-bit pixel order of
 * an unrotated 4-bit panel. */
size_t fb_board_bytes(const nws_board *b);
int fb_init_board(nws_fb *fb, const nws_board *b, void *buf, size_t size);
/* Nonzero where that model is byte for byte what the panel takes (Kobo
 * and Kindle Y8, epdiy's 4-bit): the model then has the panel's stride,
 * and a caller may draw straight into the native buffer (fb_init_board
 * on it; fb_pack_changed() then has nothing to do). */
int fb_board_native_model(const nws_board *b);
/* Bit position of pixel x in its byte (from the low bit). */
static inline unsigned fb_shift(const nws_fb *fb, uint32_t x)
{
    uint32_t bit = x * fb->bpp;
    return fb->low_first ? (bit & 7u) : 8u - fb->bpp - (bit & 7u);
}
/* What the model stores for a level, and the level of a stored value. */
static inline unsigned fb_value(const nws_fb *fb, unsigned level)
{
    unsigned top = fb->levels - 1u;
    return fb->spread ? (level * 255u + top / 2u) / top : level;
}
static inline unsigned fb_level(const nws_fb *fb, unsigned value)
{
    unsigned top = fb->levels - 1u;
    return fb->spread ? (value * top + 127u) / 255u : value;
}
/* Bytes of the ink rows for an fb of that height. */
static inline size_t fb_ink_bytes(uint32_t height)
{
    return 2 * (size_t)height;
}
/* Keep the rows' ink in rows[fb_ink_bytes(height)] from now on (the
 * caller's buffer; NULL stops).  Every row starts as inked and packed:
 * nothing is known yet.  Drawing calls, including render_page(), mark the
 * rows they touch; whoever writes fb->pix directly calls fb_mark_rows(). */
void fb_keep_ink(nws_fb *fb, uint8_t *rows);
/* Rows [y, y + h) may now hold ink (clipped to the fb): a byte store
 * each, as every glyph drawn marks its rows. */
static inline void fb_mark_rows(nws_fb *fb, int y, int h)
{
    if (!fb->ink)
        return;
    if (y < 0) {
        h += y;
        y = 0;
    }
    if (h > (int)fb->height - y)
        h = (int)fb->height - y;
    if (h > 0)
        memset(fb->ink + y, 1, (size_t)h);
}
/* With ink kept, a fill to white clears only the rows marked inked. */
void fb_fill(nws_fb *fb, unsigned level);
void fb_fill_rect(nws_fb *fb, int x, int y, int w, int h, unsigned level);
unsigned fb_get(const nws_fb *fb, uint32_t x, uint32_t y);
/* Set a pixel to level; clipped. */
void fb_put(nws_fb *fb, int x, int y, unsigned level);
/* Darken a pixel to level (keeps the darker of the two); clipped. */
void fb_darken(nws_fb *fb, int x, int y, unsigned level);

/* Native buffer for a board: board_native_stride() * native height bytes. */
size_t fb_native_bytes(const nws_board *b);
/* fb must have the board's reading size and gray levels. */
int fb_pack(const nws_fb *fb, const nws_board *b, uint8_t *native, size_t size);
/* A board's packing prepared once for a framebuffer (its tables cost
 * more than a band of rows), for packing a screen band by band without a
 * whole native buffer (microcontrollers).  Sane only after init. */
enum { NWS_PACK_GENERIC = 0, NWS_PACK_4_TO_8, NWS_PACK_XOR, NWS_PACK_SPREAD };
/* NWS_PACK_SPREAD (Y8 grays by vector arithmetic) needs NWS_VECTORS
 * (core/vectors.h); without it such boards take NWS_PACK_4_TO_8. */
typedef struct nws_packer {
    const nws_fb *fb;
    const nws_board *b;
    uint8_t lut[256];       /* level -> native value */
    uint8_t table[256][2];  /* model byte -> native byte(s), for the fast paths */
    uint8_t fill, white_model, path;
    uint8_t flip, swap;     /* NWS_PACK_XOR: xor with flip, nibbles swapped;
                               NWS_PACK_SPREAD: xor with flip */
} nws_packer;
/* fb must have the board's reading size and gray levels.  0 or -1. */
int fb_packer_init(nws_packer *pk, const nws_fb *fb, const nws_board *b);
/* Native rows [ny0, ny0 + nrows) into out (nrows * native stride bytes):
 * the same bytes fb_pack() writes there.  0 or -1. */
int fb_pack_rows(const nws_packer *pk, uint32_t ny0, uint32_t nrows, uint8_t *out, size_t size);
/* Pack the whole screen into native, which holds what this function last
 * wrote there for this fb (or anything, the first time after
 * fb_keep_ink()): where the board's rows are the model's (no rotation, a
 * fast path above), only the rows inked now are packed, a row inked
 * only when last packed is filled with white, and the others are white
 * in both.  Without ink kept, or with rotation, every row is packed.
 * 0 or -1. */
int fb_pack_changed(const nws_packer *pk, uint8_t *native, size_t size);
/* Native buffer -> 8-bit gray in the reading view (width x height). */
int fb_unpack(const nws_board *b, const uint8_t *native, size_t size, uint8_t *gray);

#endif
