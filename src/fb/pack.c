/* pack.c -- from the framebuffer model to a controller's native layout and
 * back (device code; the unpacking serves the simulator's PNGs). */
#include "fb.h"

#include <string.h>

size_t fb_native_bytes(const nws_board *b)
{
    return (size_t)board_native_stride(b) * board_native_height(b);
}

/* Reading-view pixel (x, y) -> native pixel, for a clockwise rotation. */
static void to_native(const nws_board *b, uint32_t x, uint32_t y, uint32_t *nx, uint32_t *ny)
{
    switch (b->pack.rotation) {
    case 90:
        *nx = b->height - 1 - y;
        *ny = x;
        break;
    case 180:
        *nx = b->width - 1 - x;
        *ny = b->height - 1 - y;
        break;
    case 270:
        *nx = y;
        *ny = b->width - 1 - x;
        break;
    default:
        *nx = x;
        *ny = y;
    }
}

static unsigned max_value(const nws_board *b)
{
    return (1u << b->pack.bpp) - 1;
}

/* A gray level (0 black) as the controller stores it. */
static unsigned level_to_native(const nws_board *b, unsigned level)
{
    unsigned top = b->gray_levels - 1u;
    unsigned v = b->pack.spread ? (level * max_value(b) + top / 2) / top : level;
    return b->pack.black_is_zero ? v : (b->pack.spread ? max_value(b) : top) - v;
}

static unsigned native_to_level(const nws_board *b, unsigned v)
{
    unsigned top = b->gray_levels - 1u;
    if (!b->pack.black_is_zero)
        v = (b->pack.spread ? max_value(b) : top) - v;
    if (b->pack.spread)
        v = (v * top + max_value(b) / 2) / max_value(b);
    return v > top ? top : v;
}

static unsigned shift_of(const nws_board *b, uint32_t nx)
{
    unsigned per = 8u / b->pack.bpp, slot = nx % per;
    return b->pack.lsb_first ? slot * b->pack.bpp : 8u - b->pack.bpp - slot * b->pack.bpp;
}

int fb_pack(const nws_fb *fb, const nws_board *b, uint8_t *native, size_t size)
{
    if (fb->width != b->width || fb->height != b->height || fb->levels != b->gray_levels ||
        size < fb_native_bytes(b))
        return -1;
    uint32_t stride = board_native_stride(b);
    /* Padding bits hold white, as controllers are cleared to it. */
    unsigned white = level_to_native(b, b->gray_levels - 1u);
    uint8_t fill = 0;
    for (unsigned s = 0; s < 8; s += b->pack.bpp)
        fill = (uint8_t)((fill << b->pack.bpp) | white);
    memset(native, fill, fb_native_bytes(b));
    for (uint32_t y = 0; y < b->height; y++) {
        for (uint32_t x = 0; x < b->width; x++) {
            uint32_t nx, ny;
            to_native(b, x, y, &nx, &ny);
            unsigned v = level_to_native(b, fb_get(fb, x, y));
            uint8_t *p = native + (size_t)ny * stride + nx * b->pack.bpp / 8;
            unsigned sh = shift_of(b, nx);
            *p = (uint8_t)((*p & ~(max_value(b) << sh)) | (v << sh));
        }
    }
    return 0;
}

int fb_unpack(const nws_board *b, const uint8_t *native, size_t size, uint8_t *gray)
{
    if (size < fb_native_bytes(b))
        return -1;
    uint32_t stride = board_native_stride(b);
    unsigned top = b->gray_levels - 1u;
    for (uint32_t y = 0; y < b->height; y++) {
        for (uint32_t x = 0; x < b->width; x++) {
            uint32_t nx, ny;
            to_native(b, x, y, &nx, &ny);
            const uint8_t *p = native + (size_t)ny * stride + nx * b->pack.bpp / 8;
            unsigned v = (*p >> shift_of(b, nx)) & max_value(b);
            gray[(size_t)y * b->width + x] = (uint8_t)((native_to_level(b, v) * 255 + top / 2) / top);
        }
    }
    return 0;
}
