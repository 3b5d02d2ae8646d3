/* render.c -- runs of text onto the framebuffer model (device code). */
#include "render.h"

#include <limits.h>
#include <string.h>

#include "../core/utf8.h"
#include "../core/vectors.h"
#include "../text/breaks.h"

/* Coverage 0..255 to the panel level to darken towards (0 = black),
 * through the e-ink gamma.  The font cache stores gray glyphs through this
 * table, so a drawn pixel costs no lookup. */
static void bind_levels(nws_fonts *fonts, const nws_fb *fb)
{
    /* A 4-bit model takes glyphs two pixels a byte, as it stores them;
     * a spread one their levels' values */
    int nibbles = fb->bpp != 4 ? 0 : fb->low_first ? NWS_NIBBLES_LOW_FIRST : NWS_NIBBLES_HIGH_FIRST;
    uint32_t tag = (nibbles == NWS_NIBBLES_HIGH_FIRST  ? 0x4C570000u
                    : nibbles == NWS_NIBBLES_LOW_FIRST ? 0x4C590000u
                    : fb->spread                       ? 0x4C580000u
                                                       : 0x4C560000u) |
                   fb->levels; /* "LV"/"LW"/"LX"/"LY" + levels */
    if (fonts->mono || fonts->map_tag == tag)
        return;
    uint8_t map[256];
    unsigned top = fb->levels - 1u;
    for (unsigned c = 0; c < 256; c++)
        map[c] = (uint8_t)fb_value(fb, ((255u - render_gamma[c]) * top + 127u) / 255u);
    fonts_set_coverage_map(fonts, map, tag, nibbles);
}

/* Clip a glyph box against the fb: returns 0 when nothing shows. */
static inline int clip(const nws_fb *fb, int *x0, int *y0, int *gx, int *gy, int *w, int *h)
{
    *gx = *gy = 0;
    if (*x0 < 0) {
        *gx = -*x0;
        *w += *x0;
        *x0 = 0;
    }
    if (*y0 < 0) {
        *gy = -*y0;
        *h += *y0;
        *y0 = 0;
    }
    if (*x0 + *w > (int)fb->width)
        *w = (int)fb->width - *x0;
    if (*y0 + *h > (int)fb->height)
        *h = (int)fb->height - *y0;
    return *w > 0 && *h > 0;
}

/* Big-endian 64-bit access, so that the pixel order (MSB first) is the
 * same on every CPU: one load or store and a byte swap where the
 * compiler says how, bytes one at a time elsewhere. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
static inline uint64_t load_be64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return __builtin_bswap64(v);
}

static inline void store_be64(uint8_t *p, uint64_t v)
{
    v = __builtin_bswap64(v);
    memcpy(p, &v, 8);
}
#else
static inline uint64_t load_be64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | p[i];
    return v;
}

static inline void store_be64(uint8_t *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--) {
        p[i] = (uint8_t)v;
        v >>= 8;
    }
}
#endif

/* 1-bit panel, mono glyph, any case blit_mono_1bpp() does not take (wide,
 * or at the page's edge): a glyph row (up to 56 pixels) is gathered into
 * one 64-bit word, shifted to the destination's bit position and cleared
 * into the row with one read-modify-write of eight bytes (bytes one at a
 * time at the right edge).  Black is 0 in the model.  (Each blit is a
 * function of its own: inlined together, the biggest one's register
 * saves would be every glyph's.) */
__attribute__((noinline)) static void blit_mono_rows(nws_fb *fb, const nws_glyph *g,
                                                     const uint8_t *bm, int x0, int y0)
{
    int gx, gy, w = g->width, h = g->rows;
    if (!clip(fb, &x0, &y0, &gx, &gy, &w, &h))
        return;
    unsigned rb = (g->width + 7u) / 8u;
    if (w + (x0 & 7) > 56 || gx) {
        /* wide or clipped on the left: a pixel at a time */
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                if (bm[(size_t)(y + gy) * rb + (unsigned)(x + gx) / 8] & (0x80 >> ((x + gx) & 7)))
                    fb->pix[(size_t)(y0 + y) * fb->stride + (unsigned)(x0 + x) / 8] &=
                        (uint8_t)~(0x80 >> ((x0 + x) & 7));
        return;
    }
    unsigned shift = (unsigned)x0 & 7u, nbytes = ((unsigned)w + shift + 7u) / 8u;
    uint64_t keep = ((1ull << w) - 1) << (64 - w); /* the w pixels; w <= 56 here */
    int whole = ((unsigned)x0 >> 3) + 8u <= fb->stride;
    const uint8_t *src = bm + (size_t)gy * rb;
    uint8_t *dst = fb->pix + (size_t)y0 * fb->stride + ((unsigned)x0 >> 3);
    size_t stride = fb->stride; /* kept: the stores below may alias *fb */
    for (int y = 0; y < h; y++, src += rb, dst += stride) {
        uint64_t bits = 0;
        for (unsigned i = 0; i < rb && i < 8; i++)
            bits |= (uint64_t)src[i] << (56 - 8 * i);
        bits = (bits & keep) >> shift;
        if (!bits)
            continue;
        if (whole) {
            store_be64(dst, load_be64(dst) & ~bits);
        } else {
            for (unsigned i = 0; i < nbytes; i++)
                dst[i] &= (uint8_t) ~(bits >> (56 - 8 * i));
        }
    }
}

/* Most glyphs: a row of one or two bytes, all of it on the page, eight
 * bytes of the row free to read and write.  The cache clears the bits
 * past a mono glyph's width, so a row needs no mask. */
static void blit_mono_1bpp(nws_fb *fb, const nws_glyph *g, const uint8_t *bm, int x0, int y0)
{
    unsigned w = g->width, h = g->rows;
    size_t stride = fb->stride;
    if (w > 16 || x0 < 0 || y0 < 0 || (unsigned)x0 + w > fb->width ||
        (unsigned)y0 + h > fb->height || ((unsigned)x0 >> 3) + 8u > stride) {
        blit_mono_rows(fb, g, bm, x0, y0);
        return;
    }
    unsigned up = 56u - ((unsigned)x0 & 7u);
    uint8_t *dst = fb->pix + (size_t)y0 * stride + ((unsigned)x0 >> 3);
    if (w <= 8) {
        for (unsigned y = 0; y < h; y++, dst += stride) {
            uint64_t bits = (uint64_t)bm[y] << up;
            if (bits)
                store_be64(dst, load_be64(dst) & ~bits);
        }
        return;
    }
    for (unsigned y = 0; y < h; y++, bm += 2, dst += stride) { /* rows of two bytes */
        uint64_t bits = ((uint64_t)bm[0] << 8 | bm[1]) << (up - 8u);
        if (bits)
            store_be64(dst, load_be64(dst) & ~bits);
    }
}

/* How a cached glyph stores its pixels (font.h). */
enum { FORM_BYTES, FORM_BITS, FORM_NIBBLES };

/* Any other case: level per pixel, darker wins, clipped once. */
__attribute__((noinline)) static void blit_levels(nws_fb *fb, const nws_glyph *g,
                                                  const uint8_t *bm, int form, int x0, int y0)
{
    int gx, gy, w = g->width, h = g->rows;
    if (!clip(fb, &x0, &y0, &gx, &gy, &w, &h))
        return;
    unsigned rb = form == FORM_BITS ? (g->width + 7u) / 8u : form == FORM_NIBBLES ? (g->width + 1u) / 2u
                                                                                 : g->width;
    unsigned bpp = fb->bpp, mask = (1u << bpp) - 1u;
    unsigned white = fb_value(fb, fb->levels - 1u); /* as stored, as the glyph's bytes are */
    for (int y = 0; y < h; y++) {
        uint8_t *row = fb->pix + (size_t)(y0 + y) * fb->stride;
        const uint8_t *src = bm + (size_t)(y + gy) * rb;
        for (int x = 0; x < w; x++) {
            unsigned sx = (unsigned)(x + gx), lv;
            if (form == FORM_BITS)
                lv = (src[sx / 8] & (0x80 >> (sx & 7))) ? 0 : white;
            else if (form == FORM_NIBBLES) /* as the model orders them */
                lv = (src[sx / 2] >> ((sx & 1) == fb->low_first ? 4 : 0)) & 15u;
            else
                lv = src[sx];
            if (lv >= white)
                continue;
            unsigned bit = (unsigned)(x0 + x) * bpp, sh = fb_shift(fb, (uint32_t)(x0 + x));
            uint8_t *p = row + (bit >> 3);
            if (lv < ((*p >> sh) & mask))
                *p = (uint8_t)((*p & ~(mask << sh)) | (lv << sh));
        }
    }
}

/* Each 4-bit lane the darker (smaller) of a's and b's: lanes are split
 * into bytes, where 16 + a - b cannot borrow from the next lane. */
static inline uint64_t darker_nibbles(uint64_t a, uint64_t b)
{
    const uint64_t lo = 0x0F0F0F0F0F0F0F0Full, four = 0x1010101010101010ull;
    uint64_t al = a & lo, bl = b & lo, ah = (a >> 4) & lo, bh = (b >> 4) & lo;
    uint64_t ml = ((((al | four) - bl) & four) >> 4) * 15u; /* 15 where a >= b */
    uint64_t mh = ((((ah | four) - bh) & four) >> 4) * 15u;
    return ((bl & ml) | (al & ~ml & lo)) | ((bh & mh) | (ah & ~mh & lo)) << 4;
}

/* Each byte's two nibbles swapped: a low-first model's bytes as a
 * high-first one holds them, and back. */
static inline uint64_t swap_nibbles(uint64_t w)
{
    return (w >> 4 & 0x0F0F0F0F0F0F0F0Full) | (w << 4 & 0xF0F0F0F0F0F0F0F0ull);
}

/* Eight bytes of pixels, high nibble first whatever the model's order. */
static inline uint64_t load_px64(const uint8_t *p, int low_first)
{
    uint64_t v = load_be64(p);
    return low_first ? swap_nibbles(v) : v;
}

/* Nibbles [from, to) of a big-endian word (nibble 0 the highest). */
static inline uint64_t nibble_span(unsigned from, unsigned to)
{
    uint64_t m = ~0ull >> (4 * from);
    return to >= 16 ? m : m & ~(~0ull >> (4 * to));
}

#ifdef NWS_VECTORS
typedef nws_u8x16 bytes16;
enum { GLYPH_VECTORS = 3 }; /* rows up to 48 model bytes (96 pixels) */

/* darker_nibbles sixteen bytes at a time: the high and the low nibbles
 * apart, each the smaller as an unsigned byte. */
static inline bytes16 darker_bytes16(bytes16 a, bytes16 b)
{
    return nws_min_u8x16(a & 0xF0, b & 0xF0) | nws_min_u8x16(a & 0x0F, b & 0x0F);
}

/* Sixteen glyph bytes from src moved a pixel right, as a glyph at an odd
 * x lands: each byte's first pixel comes from the byte before (high first:
 * the low nibble from the one before's; low first: the high nibble from
 * the one before's high one). */
static inline bytes16 glyph16_odd(const uint8_t *src, int low_first)
{
    bytes16 v, before;
    memcpy(&v, src, 16);
    memcpy(&before, src - 1, 16);
    if (low_first)
        return nws_low_up_u8x16(v) | nws_high_down_u8x16(before);
    return nws_high_down_u8x16(v) | nws_low_up_u8x16(before);
}

/* Sixteen model bytes v (glyph, paper around it) onto the model at row:
 * where the model is still paper, as under most glyphs, v as it is; else
 * the darker of the two. */
static inline void put_glyph16(uint8_t *row, bytes16 v, bytes16 paper)
{
    bytes16 d;
    memcpy(&d, row, 16);
    d = nws_same_u8x16(d, paper) ? v : darker_bytes16(d, v);
    memcpy(row, &d, 16);
}

/* Which nibbles of the c-th sixteen model bytes of a row are the
 * glyph's, [odd, odd + w) from the first byte's high one: read from runs
 * of whole bytes, then a half one where the glyph ends in a high nibble,
 * then none, at the right place (cheaper than building it lane by lane). */
static const uint8_t keep_ends_even[2 * 16 * GLYPH_VECTORS] = {[0 ... 16 * GLYPH_VECTORS - 1] = 0xFF};
static const uint8_t keep_ends_odd[2 * 16 * GLYPH_VECTORS] = {[0 ... 16 * GLYPH_VECTORS - 1] = 0xFF,
                                                            [16 * GLYPH_VECTORS] = 0xF0};
static const uint8_t keep_starts_odd[16] = {0x0F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                            0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};

static inline bytes16 glyph_keep(unsigned odd, unsigned w, unsigned c, int low_first)
{
    unsigned hi = odd + w;
    const uint8_t *ends = (hi & 1u ? keep_ends_odd : keep_ends_even) + 16 * GLYPH_VECTORS - hi / 2u;
    bytes16 keep, start;
    memcpy(&keep, ends + 16 * c, 16);
    if (odd && c == 0) {
        memcpy(&start, keep_starts_odd, 16);
        keep &= start;
    }
    /* a low-first model: the same pixels, each byte's nibbles swapped */
    return low_first ? nws_high_down_u8x16(keep) | nws_low_up_u8x16(keep) : keep;
}

/* blit_gray_nibbles a row at a time, in up to GLYPH_VECTORS vectors of
 * sixteen model bytes, without a branch per pixel or word: the glyph's
 * nibbles are kept by a mask made once, paper goes everywhere else, and
 * "the darker wins" leaves the model as it was beyond the glyph.  Reads
 * up to 16 bytes past a row and the byte before it (the cache's slack,
 * NWS_GLYPH_SLACK).  -1 when the glyph is too wide or its last vectors
 * would pass the model's end: the word-wise loop draws it.  (Glyphs of
 * one vector a row mostly take blit_gray_16 instead.) */
static int blit_gray_vectors(const uint8_t *src, uint32_t rb, int h, uint8_t *row, uint32_t stride,
                             const uint8_t *end, unsigned odd, unsigned w, unsigned white,
                             int low_first)
{
    /* model bytes a row, as the caller's nb: derived here again, since
     * passing it costs the row loop a register (23 M instructions over
     * the corpus on the Kobo) */
    uint32_t nb = (odd + w + 1u) / 2u;
    unsigned n = (nb + 15u) / 16u;
    if (n > GLYPH_VECTORS || row + (size_t)(h - 1) * stride + 16u * n > end)
        return -1;
    bytes16 keep[GLYPH_VECTORS];
    bytes16 paper = (bytes16){0} + (uint8_t)(white * 0x11u);
    for (unsigned c = 0; c < n; c++)
        keep[c] = glyph_keep(odd, w, c, low_first);
    for (int y = 0; y < h; y++, src += rb, row += stride) {
        for (unsigned c = 0; c < n; c++) {
            bytes16 v;
            if (odd)
                v = glyph16_odd(src + 16 * c, low_first);
            else
                memcpy(&v, src + 16 * c, 16);
            put_glyph16(row + 16 * c, (v & keep[c]) | (paper & ~keep[c]), paper);
        }
    }
    return 0;
}
#endif

/* Gray glyph, two pixels a byte, into a 4-bit model (8 and 16 levels):
 * by blit_gray_vectors where it can, else eight bytes (sixteen pixels) at
 * a time, as follows.  Where the model is still paper
 * the glyph's bytes are stored; elsewhere each pixel keeps the darker
 * level, so overlapping glyphs (kerned pairs) do not lighten each other.
 * A glyph at an odd x is shifted by a nibble on the way.  A row's last
 * word reaches past the glyph: what lies beyond it counts as paper, so the
 * bytes there are written back as they were (the cache's slack after its
 * last glyph, NWS_GLYPH_SLACK, covers this read).  A glyph the panel's
 * edge cuts goes pixel by pixel. */
__attribute__((noinline)) static void blit_gray_nibbles(nws_fb *fb, const nws_glyph *g,
                                                        const uint8_t *bm, int x0, int y0)
{
    int gx, gy, w = g->width, h = g->rows;
    if (!clip(fb, &x0, &y0, &gx, &gy, &w, &h))
        return;
    if (gx || w != g->width) {
        blit_levels(fb, g, bm, FORM_NIBBLES, x0 - gx, y0 - gy);
        return;
    }
    unsigned white = fb->levels - 1u, odd = (unsigned)x0 & 1u;
    unsigned lo = odd, hi = odd + (unsigned)w; /* the glyph's nibbles from the first byte */
    uint64_t paper = 0x1111111111111111ull * white;
    uint32_t rb = ((uint32_t)w + 1u) / 2u;                                          /* glyph bytes a row */
    uint32_t nb = ((uint32_t)x0 + (uint32_t)w - 1u) / 2u - (uint32_t)x0 / 2u + 1u; /* model bytes */
    const uint8_t *src = bm + (size_t)gy * rb;
    uint8_t *row = fb->pix + (size_t)y0 * fb->stride + (uint32_t)x0 / 2u;
    const uint8_t *end = fb->pix + (size_t)fb->stride * fb->height;
#ifdef NWS_VECTORS
    if (blit_gray_vectors(src, rb, h, row, fb->stride, end, odd, (unsigned)w, white,
                          fb->low_first) == 0)
        return;
#endif
    /* (a low-first model's bytes, and its glyphs', are taken high nibble
     * first on the way in and turned back on the way out) */
    int lf = fb->low_first;
    for (int y = 0; y < h; y++, src += rb, row += fb->stride) {
        for (uint32_t k = 0; k < nb; k += 8) {
            uint64_t v = load_px64(src + k, lf);
            if (odd) /* a nibble right: the one before comes in on the left */
                v = v >> 4 | (uint64_t)(k ? (lf ? src[k - 1] >> 4 : src[k - 1] & 15u) : white) << 60;
            if (2 * k < lo || 2 * k + 16 > hi) {
                uint64_t m = nibble_span(2 * k < lo ? lo - 2 * k : 0, hi - 2 * k);
                v = (v & m) | (paper & ~m);
            }
            if (v == paper)
                continue;
            if (row + k + 8 <= end) {
                uint64_t d = load_px64(row + k, lf);
                d = d == paper ? v : darker_nibbles(d, v);
                store_be64(row + k, lf ? swap_nibbles(d) : d);
            } else { /* the last bytes of the fb */
                for (uint32_t j = 0; j < 8 && k + j < nb; j++) {
                    uint64_t b = (uint8_t)(v >> (56 - 8 * j));
                    row[k + j] = (uint8_t)darker_nibbles(row[k + j], lf ? swap_nibbles(b) & 0xFF : b);
                }
            }
        }
    }
}

/* Most gray glyphs: wholly on the page, a row within sixteen model
 * bytes, the last row's vector inside the model; anything else goes the
 * general way. */
static void blit_gray_16(nws_fb *fb, const nws_glyph *g, const uint8_t *bm, int x0, int y0)
{
#ifdef NWS_VECTORS
    unsigned w = g->width, h = g->rows, odd = (unsigned)x0 & 1u;
    size_t stride = fb->stride;
    if (x0 >= 0 && y0 >= 0 && (unsigned)x0 + w <= fb->width && (unsigned)y0 + h <= fb->height &&
        odd + w <= 32u && h > 0 && ((size_t)y0 + h - 1u) * stride + (unsigned)x0 / 2u + 16u <=
                                       stride * fb->height) {
        unsigned rb = (w + 1u) / 2u;
        uint8_t *row = fb->pix + (size_t)y0 * stride + (unsigned)x0 / 2u;
        bytes16 paper = (bytes16){0} + (uint8_t)((fb->levels - 1u) * 0x11u);
        bytes16 k = glyph_keep(odd, w, 0, fb->low_first), around = paper & ~k;
        /* a loop for each case, so that none tests the case per row */
        if (odd && fb->low_first) {
            for (unsigned y = 0; y < h; y++, bm += rb, row += stride)
                put_glyph16(row, (glyph16_odd(bm, 1) & k) | around, paper);
        } else if (odd) {
            for (unsigned y = 0; y < h; y++, bm += rb, row += stride)
                put_glyph16(row, (glyph16_odd(bm, 0) & k) | around, paper);
        } else {
            for (unsigned y = 0; y < h; y++, bm += rb, row += stride) {
                bytes16 v;
                memcpy(&v, bm, 16);
                put_glyph16(row, (v & k) | around, paper);
            }
        }
        return;
    }
#endif
    blit_gray_nibbles(fb, g, bm, x0, y0);
}

/* Gray glyph into a model of a byte a pixel (spread grays): "the darker
 * wins" is the smaller byte, sixteen at a time.  A row of sixteen bytes
 * or more ends with a vector that ends where the glyph does, overlapping
 * the one before (the smaller byte twice is the same byte), so no byte
 * past the glyph is touched; a narrower glyph's row is one vector with
 * the bytes past it turned to 0xFF (never darker) by a mask read from a
 * table.  Wholly on the page; anything else pixel by pixel. */
static void blit_gray_bytes(nws_fb *fb, const nws_glyph *g, const uint8_t *bm, int x0, int y0)
{
#ifdef NWS_VECTORS
    unsigned w = g->width, h = g->rows;
    size_t stride = fb->stride;
    if (x0 >= 0 && y0 >= 0 && (unsigned)x0 + w <= fb->width && (unsigned)y0 + h <= fb->height &&
        h > 0 && ((size_t)y0 + h - 1u) * stride + (unsigned)x0 + 16u <= stride * fb->height) {
        uint8_t *row = fb->pix + (size_t)y0 * stride + (unsigned)x0;
        if (w >= 16) {
            /* A row's first and last vectors are both read before either
             * is written (a read overlapping a write just made would wait
             * for it); a glyph wider than 32 has vectors between them. */
            unsigned last = w - 16;
            for (unsigned y = 0; y < h; y++, bm += w, row += stride) {
                bytes16 v0, vt, d0, dt;
                memcpy(&v0, bm, 16);
                memcpy(&vt, bm + last, 16);
                memcpy(&d0, row, 16);
                memcpy(&dt, row + last, 16);
                d0 = nws_min_u8x16(d0, v0);
                dt = nws_min_u8x16(dt, vt);
                for (unsigned c = 16; c < last; c += 16) {
                    bytes16 v, d;
                    memcpy(&v, bm + c, 16);
                    memcpy(&d, row + c, 16);
                    d = nws_min_u8x16(d, v);
                    memcpy(row + c, &d, 16);
                }
                memcpy(row, &d0, 16);
                memcpy(row + last, &dt, 16);
            }
            return;
        }
        bytes16 around; /* the row's first w bytes 0xFF, the rest 0, turned over */
        memcpy(&around, keep_ends_even + 16 * GLYPH_VECTORS - w, 16);
        around = ~around;
        for (unsigned y = 0; y < h; y++, bm += w, row += stride) {
            bytes16 v, d;
            memcpy(&v, bm, 16);
            memcpy(&d, row, 16);
            d = nws_min_u8x16(d, v | around);
            memcpy(row, &d, 16);
        }
        return;
    }
#endif
    blit_levels(fb, g, bm, FORM_BYTES, x0, y0);
}

/* rows[0..1): the rows the run's glyphs cover so far, widened to this
 * one's; the run marks them inked once (its glyphs share a baseline). */
static void draw_glyph(nws_fb *fb, const nws_glyph *g, const uint8_t *bm, int mono, int32_t pen_x,
                       int32_t base_y, int rows[2])
{
    int x0 = (int)((pen_x + 32) >> 6) + g->left;
    int y0 = (int)((base_y + 32) >> 6) - g->top;
    if (y0 < rows[0])
        rows[0] = y0;
    if (y0 + g->rows > rows[1])
        rows[1] = y0 + g->rows;
    if (mono && fb->bpp == 1)
        blit_mono_1bpp(fb, g, bm, x0, y0);
    else if (!mono && fb->bpp == 4)
        blit_gray_16(fb, g, bm, x0, y0);
    else if (!mono && fb->bpp == 8)
        blit_gray_bytes(fb, g, bm, x0, y0);
    else
        blit_levels(fb, g, bm, mono ? FORM_BITS : FORM_BYTES, x0, y0);
}

int render_page(nws_fonts *fonts, const lay_page *page, nws_fb *fb)
{
    int missing = 0;
    bind_levels(fonts, fb);
    fb_fill(fb, fb->levels - 1u);
    for (uint32_t i = 0; i < page->nruns; i++) {
        const lay_run *r = &page->runs[i];
        const uint8_t *s = page->pool + r->text;
        /* Pens advance by whole pixels (hinted advances), so every glyph
         * of a run lands where layout measured it. */
        int32_t x = r->x;
        uint8_t prev_face = 0xFF;
        uint32_t prev_gi = 0;
        int rows[2] = {INT_MAX, INT_MIN};
        for (uint32_t k = 0; k < r->len;) {
            uint32_t cp;
            k += (uint32_t)utf8_next(s + k, r->len - k, &cp);
            if (nws_is_invisible(cp))
                continue;
            const uint8_t *bm;
            const nws_glyph *g = fonts_render(fonts, r->style, r->size, cp, &bm);
            if (!g) {
                missing++;
                continue;
            }
            x += fonts_kerning_after(fonts, r->size, prev_face, prev_gi, g);
            draw_glyph(fb, g, bm, fonts->mono, x, r->y, rows);
            x += g->advance;
            prev_face = fonts_kerning_left(g);
            prev_gi = g->gindex;
        }
        if (r->flags & LAY_RUN_HYPHEN) {
            const uint8_t *bm;
            const nws_glyph *g = fonts_render(fonts, r->style, r->size, '-', &bm);
            if (g)
                draw_glyph(fb, g, bm, fonts->mono, x, r->y, rows);
        }
        if (rows[0] < rows[1])
            fb_mark_rows(fb, rows[0], rows[1] - rows[0]);
    }
    return missing ? -1 : 0;
}
