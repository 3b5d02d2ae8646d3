/* fb.c -- the framebuffer model (device code). */
#include "fb.h"

#include <string.h>

static uint8_t bpp_for(unsigned levels)
{
    return levels <= 2 ? 1 : levels <= 4 ? 2 : levels <= 16 ? 4 : 8;
}

size_t fb_bytes_depth(uint32_t width, uint32_t height, unsigned levels, unsigned bpp)
{
    if (bpp < bpp_for(levels))
        bpp = bpp_for(levels);
    return (size_t)((width * bpp + 7) / 8) * height;
}

size_t fb_bytes(uint32_t width, uint32_t height, unsigned levels)
{
    return fb_bytes_depth(width, height, levels, bpp_for(levels));
}

int fb_init_depth(nws_fb *fb, uint32_t width, uint32_t height, unsigned levels, unsigned bpp,
                  void *buf, size_t size)
{
    if (levels < 2 || levels > 256 || !buf || size < fb_bytes_depth(width, height, levels, bpp) ||
        (bpp > bpp_for(levels) && bpp != 8))
        return -1;
    fb->pix = buf;
    fb->width = width;
    fb->height = height;
    /* 256 levels would not fit the byte: they are kept as 255 steps. */
    fb->levels = levels == 256 ? 255 : (uint8_t)levels;
    fb->bpp = (uint8_t)(bpp < bpp_for(levels) ? bpp_for(levels) : bpp);
    fb->spread = fb->bpp == 8 && bpp_for(levels) < 8;
    fb->low_first = 0;
    fb->stride = (width * fb->bpp + 7) / 8;
    fb->ink = NULL;
    return 0;
}

int fb_init(nws_fb *fb, uint32_t width, uint32_t height, unsigned levels, void *buf, size_t size)
{
    return fb_init_depth(fb, width, height, levels, bpp_for(levels), buf, size);
}

unsigned fb_board_bpp(const nws_board *b)
{
    if (b->pack.bpp == 8 && b->pack.spread && b->pack.rotation == 0)
        return 8;
    return bpp_for(b->gray_levels);
}

size_t fb_board_bytes(const nws_board *b)
{
    if (fb_board_native_model(b))
        return fb_native_bytes(b);
    return fb_bytes_depth(b->width, b->height, b->gray_levels, fb_board_bpp(b));
}

int fb_init_board(nws_fb *fb, const nws_board *b, void *buf, size_t size)
{
    if (size < fb_board_bytes(b) ||
        fb_init_depth(fb, b->width, b->height, b->gray_levels, fb_board_bpp(b), buf, size) < 0)
        return -1;
    fb->low_first = fb->bpp == 4 && b->pack.bpp == 4 && b->pack.lsb_first && b->pack.rotation == 0;
    if (fb_board_native_model(b)) /* the panel's rows, padding and all */
        fb->stride = board_native_stride(b);
    return 0;
}

void fb_keep_ink(nws_fb *fb, uint8_t *rows)
{
    fb->ink = rows;
    if (rows)
        memset(rows, 1, fb_ink_bytes(fb->height));
}

static void put(nws_fb *fb, uint32_t x, uint32_t y, unsigned level)
{
    unsigned v = fb_value(fb, level);
    if (fb->ink)
        fb->ink[y] = 1;
    uint8_t *row = fb->pix + (size_t)y * fb->stride;
    uint32_t bit = x * fb->bpp;
    unsigned shift = fb_shift(fb, x);
    uint8_t mask = (uint8_t)(((1u << fb->bpp) - 1) << shift);
    row[bit >> 3] = (uint8_t)((row[bit >> 3] & ~mask) | ((v << shift) & mask));
}

unsigned fb_get(const nws_fb *fb, uint32_t x, uint32_t y)
{
    const uint8_t *row = fb->pix + (size_t)y * fb->stride;
    uint32_t bit = x * fb->bpp;
    return fb_level(fb, (row[bit >> 3] >> fb_shift(fb, x)) & ((1u << fb->bpp) - 1));
}

void fb_fill(nws_fb *fb, unsigned level)
{
    if (level >= fb->levels)
        level = fb->levels - 1u;
    /* Replicate the level over a byte, then over the buffer. */
    uint8_t byte = 0;
    for (unsigned s = 0; s < 8; s += fb->bpp)
        byte = (uint8_t)((byte << fb->bpp) | fb_value(fb, level));
    int white = level == fb->levels - 1u;
    if (!fb->ink || !white) {
        memset(fb->pix, byte, (size_t)fb->stride * fb->height);
        if (fb->ink)
            memset(fb->ink, 1, fb->height);
        return;
    }
    /* The other rows are white already.  Inked rows come in bands (lines
     * of text): one memset a band. */
    for (uint32_t y = 0; y < fb->height;) {
        if (!fb->ink[y]) {
            y++;
            continue;
        }
        uint32_t end = y;
        while (end < fb->height && fb->ink[end])
            fb->ink[end++] = 0;
        memset(fb->pix + (size_t)y * fb->stride, byte, (size_t)(end - y) * fb->stride);
        y = end;
    }
}

void fb_fill_rect(nws_fb *fb, int x, int y, int w, int h, unsigned level)
{
    for (int j = y < 0 ? 0 : y; j < y + h && j < (int)fb->height; j++)
        for (int i = x < 0 ? 0 : x; i < x + w && i < (int)fb->width; i++)
            put(fb, (uint32_t)i, (uint32_t)j, level);
}

void fb_put(nws_fb *fb, int x, int y, unsigned level)
{
    if (x >= 0 && y >= 0 && (uint32_t)x < fb->width && (uint32_t)y < fb->height)
        put(fb, (uint32_t)x, (uint32_t)y, level);
}

void fb_darken(nws_fb *fb, int x, int y, unsigned level)
{
    if (x < 0 || y < 0 || (uint32_t)x >= fb->width || (uint32_t)y >= fb->height)
        return;
    if (level < fb_get(fb, (uint32_t)x, (uint32_t)y))
        put(fb, (uint32_t)x, (uint32_t)y, level);
}
