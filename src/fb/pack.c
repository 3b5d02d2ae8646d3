/* pack.c -- from the framebuffer model to a controller's native layout and
 * back (device code; the unpacking serves the simulator's PNGs). */
#include "fb.h"

#include <string.h>

size_t fb_native_bytes(const nws_board *b)
{
    return (size_t)board_native_stride(b) * board_native_height(b);
}

/* Rotation maps reading-view pixel (x, y) to the native pixel
 * 90: (height-1-y, x); 180: (width-1-x, height-1-y); 270: (y, width-1-x). */

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

/* Levels of one reading-view row, one byte per pixel. */
static void row_levels(const nws_fb *fb, uint32_t y, uint8_t *out)
{
    const uint8_t *row = fb->pix + (size_t)y * fb->stride;
    unsigned bpp = fb->bpp, per = 8u / bpp, mask = (1u << bpp) - 1;
    uint32_t x = 0;
    for (uint32_t i = 0; x < fb->width; i++)
        for (unsigned k = 0; k < per && x < fb->width; k++, x++)
            out[x] = (uint8_t)fb_level(fb, (row[i] >> fb_shift(fb, k)) & mask);
}

/* Same depth, no rotation, and the table is the identity or its
 * complement, with the two pixels of a byte swapped or not (1-bit panels:
 * black is 0 or 1, MSB first; epdiy and IT8951: the first pixel in the
 * low nibble): the rows are copied 32 bytes at a time where there are
 * vectors (core/vectors.h), eight elsewhere and for the rest of a run,
 * flipped and swapped on the way. */

static inline void xor_run(const uint8_t *src, uint8_t *dst, uint32_t n, uint64_t flip, int swap)
{
    uint32_t i = 0;
#ifdef NWS_VECTORS
    for (; i + 32 <= n; i += 32) {
        nws_u8x16 a, b;
        memcpy(&a, src + i, 16);
        memcpy(&b, src + i + 16, 16);
        if (swap) {
            a = nws_high_down_u8x16(a) | nws_low_up_u8x16(a);
            b = nws_high_down_u8x16(b) | nws_low_up_u8x16(b);
        }
        a ^= (uint8_t)flip;
        b ^= (uint8_t)flip;
        memcpy(dst + i, &a, 16);
        memcpy(dst + i + 16, &b, 16);
    }
#endif
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, src + i, 8);
        if (swap)
            w = (w >> 4 & 0x0F0F0F0F0F0F0F0Full) | (w << 4 & 0xF0F0F0F0F0F0F0F0ull);
        w ^= flip;
        memcpy(dst + i, &w, 8);
    }
    for (; i < n; i++)
        dst[i] = (uint8_t)((swap ? (src[i] >> 4 | src[i] << 4) : src[i]) ^ flip);
}

static void pack_xor(const nws_packer *pk, uint8_t *native, uint32_t stride, uint32_t y0, uint32_t nrows)
{
    const nws_fb *fb = pk->fb;
    uint64_t flip = 0x0101010101010101ull * pk->flip;
    /* rows without padding are one run */
    uint32_t run = stride == fb->stride ? stride * nrows : fb->stride;
    uint32_t runs = stride == fb->stride ? 1 : nrows;
    for (uint32_t r = 0; r < runs; r++) {
        const uint8_t *src = fb->pix + (size_t)(y0 + r) * fb->stride;
        uint8_t *dst = native + (size_t)r * stride;
        if (pk->swap) /* two loops, so that neither tests the swap per word */
            xor_run(src, dst, run, flip, 1);
        else if (flip)
            xor_run(src, dst, run, flip, 0);
        else /* the model is the panel's own layout: a copy (a row at a
              * time: glibc copies long runs with rep movsb, which is quick
              * on most x86 but per byte under valgrind, and the rows of a
              * page are what the caller asks for anyway) */
            for (uint32_t k = 0; k < run; k += fb->stride)
                memcpy(dst + k, src + k, fb->stride);
        if (stride > fb->stride)
            memset(dst + fb->stride, pk->fill, stride - fb->stride);
    }
}

/* The rest of a row from model byte i on, through the table, and the
 * padding up to the native stride. */
static void finish_row_4_to_8(const nws_packer *pk, const uint8_t *src, uint8_t *dst, uint32_t i,
                              uint32_t stride)
{
    uint32_t width = pk->fb->width, whole = width / 2;
    for (; i < whole; i++)
        memcpy(dst + 2 * i, pk->table[src[i]], 2);
    if (width & 1)
        dst[width - 1] = pk->table[src[whole]][0];
    memset(dst + width, pk->fill, stride - width);
}

/* Where the native value of a level is the level in both nibbles (0x00,
 * 0x11 ... 0xFF, the Kobo's and Kindle's Y8 grays), possibly complemented,
 * a model byte turns into its two native bytes by arithmetic, 32 pixels
 * at a time on SSE2 and NEON: sixteen model bytes give sixteen first
 * pixels (the high nibble copied into the low one) and sixteen second
 * pixels (the low nibble copied into the high one), and the two are
 * interleaved, first pixel first. */
#ifdef NWS_VECTORS
/* Sixteen model bytes at src into 32 native bytes at dst.  A nibble
 * copied into its neighbour: masked first, so that the 16-bit shift moves
 * nothing across a byte. */
static inline void spread16(const uint8_t *src, uint8_t *dst, nws_u8x16 flip, int flipped)
{
    nws_u8x16 b, lo, hi;
    memcpy(&b, src, 16);
    nws_u8x16 high = b & 0xF0, low = b & 0x0F;
    nws_u8x16 first = high | (nws_u8x16)((nws_u16x8)high >> 4);
    nws_u8x16 second = low | (nws_u8x16)((nws_u16x8)low << 4);
    if (flipped) {
        first ^= flip;
        second ^= flip;
    }
    nws_zip_u8x16(first, second, &lo, &hi);
    memcpy(dst, &lo, 16);
    memcpy(dst + 16, &hi, 16);
}

static inline void spread_rows(const nws_packer *pk, uint8_t *native, uint32_t stride, uint32_t y0,
                               uint32_t nrows, int flipped)
{
    const nws_fb *fb = pk->fb;
    nws_u8x16 flip = (nws_u8x16){0} + pk->flip;
    uint32_t whole = fb->width / 2;
    for (uint32_t y = y0; y < y0 + nrows; y++) {
        const uint8_t *src = fb->pix + (size_t)y * fb->stride;
        uint8_t *dst = native + (size_t)(y - y0) * stride;
        uint32_t i = 0;
        for (; i + 32 <= whole; i += 32) { /* two at a time: half the loop's own work */
            spread16(src + i, dst + 2 * i, flip, flipped);
            spread16(src + i + 16, dst + 2 * i + 32, flip, flipped);
        }
        if (i + 16 <= whole) {
            spread16(src + i, dst + 2 * i, flip, flipped);
            i += 16;
        }
        if (i < whole && whole >= 16) {
            /* the last sixteen again, overlapping: the same bytes where
             * they meet, and no byte-at-a-time tail */
            i = whole - 16;
            spread16(src + i, dst + 2 * i, flip, flipped);
            i = whole;
        }
        finish_row_4_to_8(pk, src, dst, i, stride);
    }
}

static void pack_spread(const nws_packer *pk, uint8_t *native, uint32_t stride, uint32_t y0,
                        uint32_t nrows)
{
    /* two loops, so that the common one (black is 0) spends no xor */
    if (pk->flip)
        spread_rows(pk, native, stride, y0, nrows, 1);
    else
        spread_rows(pk, native, stride, y0, nrows, 0);
}
#endif

/* 16 gray levels into an 8-bit framebuffer (Kobo, Kindle): the table
 * turns a model byte into two native bytes; sixteen white pixels take one
 * test, and on a little-endian CPU four model bytes make one 8-byte
 * store. */
static void pack_4_to_8(const nws_packer *pk, uint8_t *native, uint32_t stride, uint32_t y0,
                        uint32_t nrows)
{
    const nws_fb *fb = pk->fb;
    uint64_t white_in = 0x0101010101010101ull * pk->white_model;
    uint64_t white_out = 0x0101010101010101ull * pk->table[pk->white_model][0];
    uint32_t whole = fb->width / 2;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* The table's two bytes as they lie in memory, copied to the stack:
     * stores to native could alias pk->table and would make the compiler
     * load it again for every byte (256 copies a call save about 0.3 M
     * instructions a Kobo page against reading pk->table). */
    uint16_t pair[256];
    for (unsigned v = 0; v < 256; v++)
        memcpy(&pair[v], pk->table[v], 2);
#endif
    for (uint32_t y = y0; y < y0 + nrows; y++) {
        const uint8_t *src = fb->pix + (size_t)y * fb->stride;
        uint8_t *dst = native + (size_t)(y - y0) * stride;
        uint32_t i = 0;
        for (; i + 8 <= whole; i += 8) {
            uint64_t w;
            memcpy(&w, src + i, 8);
            if (w == white_in) {
                memcpy(dst + 2 * i, &white_out, 8);
                memcpy(dst + 2 * i + 8, &white_out, 8);
                continue;
            }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            for (unsigned h = 0; h < 8; h += 4) {
                const uint8_t *q = src + i + h;
                uint64_t o = (uint64_t)pair[q[0]] | (uint64_t)pair[q[1]] << 16 |
                             (uint64_t)pair[q[2]] << 32 | (uint64_t)pair[q[3]] << 48;
                memcpy(dst + 2 * (i + h), &o, 8);
            }
#else
            for (unsigned k = 0; k < 8; k++)
                memcpy(dst + 2 * (i + k), pk->table[src[i + k]], 2);
#endif
        }
        finish_row_4_to_8(pk, src, dst, i, stride);
    }
}

/* Write native values of one native row. */
static void put_native_row(const nws_board *b, uint8_t *dst, const uint8_t *vals, uint32_t n,
                           uint8_t fill)
{
    unsigned bpp = b->pack.bpp;
    if (bpp == 8) {
        memcpy(dst, vals, n);
        return;
    }
    unsigned per = 8u / bpp, mask = (1u << bpp) - 1;
    for (uint32_t x = 0; x < n; x += per) {
        uint8_t byte = fill; /* slots past the row's end stay white */
        for (unsigned k = 0; k < per && x + k < n; k++) {
            unsigned sh = b->pack.lsb_first ? k * bpp : 8u - bpp - k * bpp;
            byte = (uint8_t)((byte & ~(mask << sh)) | (vals[x + k] << sh));
        }
        dst[x / per] = byte;
    }
}

static int pack_rows_generic(const nws_packer *pk, uint32_t ny0, uint32_t nrows, uint8_t *out);

int fb_board_native_model(const nws_board *b)
{
    unsigned bpp = fb_board_bpp(b);
    if (b->pack.rotation != 0 || b->pack.bpp != bpp || (bpp < 4 && b->pack.lsb_first))
        return 0;
    /* every level as the model would store it is what the panel takes */
    nws_fb m = {.levels = b->gray_levels, .bpp = (uint8_t)bpp,
                .spread = bpp == 8 && b->gray_levels <= 16};
    for (unsigned lv = 0; lv < b->gray_levels; lv++)
        if (level_to_native(b, lv) != fb_value(&m, lv))
            return 0;
    return 1;
}

int fb_packer_init(nws_packer *pk, const nws_fb *fb, const nws_board *b)
{
    if (fb->width != b->width || fb->height != b->height || fb->levels != b->gray_levels)
        return -1;
    pk->fb = fb;
    pk->b = b;
    for (unsigned lv = 0; lv < b->gray_levels; lv++)
        pk->lut[lv] = (uint8_t)level_to_native(b, lv);
    unsigned top = b->gray_levels - 1u, white = pk->lut[top];
    pk->fill = 0;
    for (unsigned s = 0; s < 8; s += b->pack.bpp)
        pk->fill = (uint8_t)((pk->fill << b->pack.bpp) | white);
    pk->path = NWS_PACK_GENERIC;
    int same = b->pack.rotation == 0 && b->pack.bpp == fb->bpp; /* maybe word-wise, below */
    if (b->pack.rotation == 0 && b->pack.bpp == 8 && fb->bpp == 4 && !fb->low_first)
        pk->path = NWS_PACK_4_TO_8;
    /* a model byte's pixels, white beyond the levels, as native byte(s) */
    unsigned bpp = fb->bpp, per = 8u / bpp, mask = (1u << bpp) - 1;
    pk->white_model = 0;
    for (unsigned k = 0; k < per; k++)
        pk->white_model = (uint8_t)(pk->white_model << bpp | fb_value(fb, top));
    for (unsigned v = 0; v < 256; v++) {
        if (pk->path == NWS_PACK_4_TO_8) {
            pk->table[v][0] = pk->lut[(v >> 4) < fb->levels ? v >> 4 : top];
            pk->table[v][1] = pk->lut[(v & 15u) < fb->levels ? v & 15u : top];
            continue;
        }
        uint8_t out = 0;
        for (unsigned k = 0; k < per; k++) {
            unsigned lv = fb_level(fb, (v >> fb_shift(fb, k)) & mask);
            unsigned val = pk->lut[lv < b->gray_levels ? lv : top];
            unsigned sh = b->pack.lsb_first ? k * bpp : 8u - bpp * (k + 1);
            out = (uint8_t)(out | (val << sh));
        }
        pk->table[v][0] = out;
        pk->table[v][1] = 0;
    }
#ifdef NWS_VECTORS
    if (pk->path == NWS_PACK_4_TO_8) {
        uint8_t flip = pk->table[0][0];
        unsigned v = 0;
        for (; v < 256; v++) {
            unsigned hi = v >> 4, lo = v & 15u;
            if (hi < fb->levels && lo < fb->levels &&
                (pk->table[v][0] != (uint8_t)(hi * 0x11u ^ flip) ||
                 pk->table[v][1] != (uint8_t)(lo * 0x11u ^ flip)))
                break;
        }
        if (v == 256 && (flip == 0 || flip == 0xFF)) {
            pk->path = NWS_PACK_SPREAD;
            pk->flip = flip;
        }
    }
#endif
    /* The table as a copy, a complement, a nibble swap or both, for the
     * bytes a model can hold (levels past the board's never occur); any
     * other table (no board has one) goes pixel by pixel. */
    for (int swap = 0; same && pk->path == NWS_PACK_GENERIC && swap <= (bpp == 4); swap++) {
        uint8_t flip = pk->table[0][0];
        unsigned v = 0;
        for (; v < 256; v++) {
            int valid = 1; /* a byte the model can hold */
            for (unsigned k = 0; k < per; k++) {
                unsigned pv = (v >> fb_shift(fb, k)) & mask, lv = fb_level(fb, pv);
                valid &= lv < b->gray_levels && fb_value(fb, lv) == pv;
            }
            uint8_t moved = swap ? (uint8_t)(v >> 4 | v << 4) : (uint8_t)v;
            if (valid && pk->table[v][0] != (uint8_t)(moved ^ flip))
                break;
        }
        if (v == 256 && (flip == 0 || flip == 0xFF)) {
            pk->path = NWS_PACK_XOR;
            pk->flip = flip;
            pk->swap = (uint8_t)swap;
        }
    }
    return 0;
}

int fb_pack(const nws_fb *fb, const nws_board *b, uint8_t *native, size_t size)
{
    nws_packer pk;
    if (fb_packer_init(&pk, fb, b) < 0)
        return -1;
    return fb_pack_rows(&pk, 0, board_native_height(b), native, size);
}

int fb_pack_rows(const nws_packer *pk, uint32_t ny0, uint32_t nrows, uint8_t *out, size_t size)
{
    const nws_board *b = pk->b;
    uint32_t stride = board_native_stride(b), nh = board_native_height(b);
    if (ny0 > nh || nrows > nh - ny0 || size < (size_t)nrows * stride)
        return -1;
    switch (pk->path) {
    case NWS_PACK_XOR: pack_xor(pk, out, stride, ny0, nrows); return 0;
    case NWS_PACK_4_TO_8: pack_4_to_8(pk, out, stride, ny0, nrows); return 0;
#ifdef NWS_VECTORS
    case NWS_PACK_SPREAD: pack_spread(pk, out, stride, ny0, nrows); return 0;
#endif
    default: return pack_rows_generic(pk, ny0, nrows, out);
    }
}

int fb_pack_changed(const nws_packer *pk, uint8_t *native, size_t size)
{
    const nws_fb *fb = pk->fb;
    const uint8_t *now = fb->ink;
    uint8_t *packed = now ? fb->ink + fb->height : NULL;
    uint32_t stride = board_native_stride(pk->b), nh = board_native_height(pk->b);
    if (size < fb_native_bytes(pk->b))
        return -1;
    if (native == fb->pix) { /* the model drawn in the panel's buffer: nothing to do */
        if (now)
            memcpy(packed, now, fb->height);
        return 0;
    }
    if (!now || pk->path == NWS_PACK_GENERIC) {
        /* rows not kept, or a native row is not a model row: all of them */
        if (fb_pack_rows(pk, 0, nh, native, size) < 0)
            return -1;
        if (now)
            memcpy(packed, now, fb->height);
        return 0;
    }
    for (uint32_t y = 0; y < nh;) {
        if (!(now[y] | packed[y])) { /* white now and when last packed */
            y++;
            continue;
        }
        if (!now[y]) {
            /* white now (a fill cleared it, padding bits too), inked when
             * last packed: on these paths a white row packs to fill bytes */
            memset(native + (size_t)y * stride, pk->fill, stride);
            packed[y] = 0;
            y++;
            continue;
        }
        uint32_t y1 = y + 1;
        while (y1 < nh && now[y1])
            y1++;
        if (fb_pack_rows(pk, y, y1 - y, native + (size_t)y * stride, size - (size_t)y * stride) < 0)
            return -1;
        memcpy(packed + y, now + y, y1 - y);
        y = y1;
    }
    return 0;
}

/* Any rotation and depth, a pixel at a time; apart so that its row
 * buffers (8 KB) take stack only on the boards that need them. */
__attribute__((noinline)) static int pack_rows_generic(const nws_packer *pk, uint32_t ny0,
                                                       uint32_t nrows, uint8_t *out)
{
    const nws_fb *fb = pk->fb;
    const nws_board *b = pk->b;
    const uint8_t *lut = pk->lut;
    uint8_t fill = pk->fill;
    uint32_t stride = board_native_stride(b), nw = board_native_width(b);
    uint8_t levels[4096], vals[4096];
    if (nw > sizeof vals || b->width > sizeof levels)
        return -1;
    for (uint32_t i = 0; i < nrows; i++) {
        uint32_t ny = ny0 + i;
        uint8_t *dst = out + (size_t)i * stride;
        memset(dst, fill, stride);
        if (b->pack.rotation == 0 || b->pack.rotation == 180) {
            uint32_t y = b->pack.rotation == 0 ? ny : b->height - 1 - ny;
            row_levels(fb, y, levels);
            for (uint32_t nx = 0; nx < nw; nx++)
                vals[nx] = lut[levels[b->pack.rotation == 0 ? nx : b->width - 1 - nx]];
        } else {
            for (uint32_t nx = 0; nx < nw; nx++) {
                uint32_t x = b->pack.rotation == 90 ? ny : b->width - 1 - ny;
                uint32_t y = b->pack.rotation == 90 ? b->height - 1 - nx : nx;
                vals[nx] = lut[fb_get(fb, x, y)];
            }
        }
        put_native_row(b, dst, vals, nw, fill);
    }
    return 0;
}

int fb_unpack(const nws_board *b, const uint8_t *native, size_t size, uint8_t *gray)
{
    if (size < fb_native_bytes(b))
        return -1;
    uint32_t stride = board_native_stride(b), nw = board_native_width(b);
    uint32_t nh = board_native_height(b);
    unsigned top = b->gray_levels - 1u, bpp = b->pack.bpp, per = 8u / bpp;
    uint8_t lut[256];
    for (unsigned v = 0; v <= max_value(b); v++)
        lut[v] = (uint8_t)((native_to_level(b, v) * 255 + top / 2) / top);
    for (uint32_t ny = 0; ny < nh; ny++) {
        const uint8_t *row = native + (size_t)ny * stride;
        for (uint32_t nx = 0; nx < nw; nx++) {
            unsigned slot = nx % per;
            unsigned sh = b->pack.lsb_first ? slot * bpp : 8u - bpp - slot * bpp;
            uint8_t g = lut[(row[nx / per] >> sh) & max_value(b)];
            uint32_t x, y;
            switch (b->pack.rotation) {
            case 90: x = ny; y = b->height - 1 - nx; break;
            case 180: x = b->width - 1 - nx; y = b->height - 1 - ny; break;
            case 270: x = b->width - 1 - ny; y = nx; break;
            default: x = nx; y = ny;
            }
            gray[(size_t)y * b->width + x] = g;
        }
    }
    return 0;
}
