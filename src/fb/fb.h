/* fb.h -- the one framebuffer model, and packing it for a panel.
 *
 * The renderer draws into an fb: the reading view, one gray *level* per
 * pixel (0 black .. levels-1 white), packed MSB-first at the smallest bit
 * depth that holds the levels (1, 2, 4 or 8), rows byte-aligned.  A 1-bit
 * 800x480 page is 48 KB, so the model fits a microcontroller.  fb_pack()
 * then produces exactly what the board's controller expects; fb_unpack()
 * reads a native buffer back into 8-bit gray (used for PNGs, so a PNG shows
 * what the panel gets).  The buffers are the caller's. */
#ifndef NWS_FB_H
#define NWS_FB_H

#include <stddef.h>
#include <stdint.h>

#include "../board/board.h"

typedef struct nws_fb {
    uint8_t *pix;
    uint32_t width, height, stride;
    uint8_t levels, bpp;
} nws_fb;

/* Bytes needed for a width x height fb with that many levels. */
size_t fb_bytes(uint32_t width, uint32_t height, unsigned levels);
/* 0, or -1 if buf is too small or levels is not 2..256. */
int fb_init(nws_fb *fb, uint32_t width, uint32_t height, unsigned levels, void *buf, size_t size);
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
/* Native rows [ny0, ny0 + nrows) only, into out (nrows * native stride
 * bytes): the same bytes fb_pack() writes there, for sending a screen in
 * bands without a whole native buffer (microcontrollers).  0 or -1. */
int fb_pack_rows(const nws_fb *fb, const nws_board *b, uint32_t ny0, uint32_t nrows, uint8_t *out,
                 size_t size);
/* Native buffer -> 8-bit gray in the reading view (width x height). */
int fb_unpack(const nws_board *b, const uint8_t *native, size_t size, uint8_t *gray);

#endif
