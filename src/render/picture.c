/* picture.c -- stream, scale and dither pictures (device code). */
#include "picture.h"

#include <string.h>

int picture_init(nws_pictures *p, nws_arena *arena, nwsb_bundle *b, uint32_t out_width,
                 nws_dither dither)
{
    memset(p, 0, sizeof *p);
    p->bundle = b;
    p->dither = dither;
    if (nwsb_image_count(b) == 0)
        return 0;
    p->row_cap = nwsb_image_max_width(b);
    p->out_cap = out_width;
    p->row = arena_alloc(arena, p->row_cap);
    p->sum = arena_alloc(arena, (size_t)p->out_cap * sizeof *p->sum);
    /* two guard cells each side: the kernels reach x-1 .. x+2 */
    for (int i = 0; i < 3; i++)
        p->err[i] = arena_alloc(arena, ((size_t)p->out_cap + 4) * sizeof *p->err[i]);
    if (!p->row || !p->sum || !p->err[0] || !p->err[1] || !p->err[2]) {
        picture_release(p, arena); /* what was granted goes back */
        return -1;
    }
    p->ready = 1;
    return 0;
}

size_t picture_bytes(nwsb_bundle *b, uint32_t out_width)
{
    if (nwsb_image_count(b) == 0)
        return 0;
    const size_t block = 48; /* a header and alignment, each of the five */
    return nwsb_image_max_width(b) + (size_t)out_width * sizeof(uint32_t) +
           3 * ((size_t)out_width + 4) * sizeof(int16_t) + 5 * block;
}

void picture_release(nws_pictures *p, nws_arena *arena)
{
    void *bufs[5] = {p->row, p->sum, p->err[0], p->err[1], p->err[2]};
    for (int i = 0; i < 5; i++)
        if (bufs[i])
            arena_free(arena, bufs[i]);
    p->row = NULL;
    p->sum = NULL;
    p->err[0] = p->err[1] = p->err[2] = NULL;
    p->ready = 0;
}

static void frame(nws_fb *fb, int x0, int y0, int w, int h)
{
    for (int x = x0; x < x0 + w; x++) {
        fb_put(fb, x, y0, 0);
        fb_put(fb, x, y0 + h - 1, 0);
    }
    for (int y = y0; y < y0 + h; y++) {
        fb_put(fb, x0, y, 0);
        fb_put(fb, x0 + w - 1, y, 0);
    }
}

/* Error diffusion of one output row (values 0..255 in v) into the fb.
 * Errors are kept in 1/16 units of a gray step so the kernels divide
 * exactly. */
static void dither_row(nws_pictures *p, nws_fb *fb, const uint8_t *v, uint32_t w, int x0, int y)
{
    unsigned top = fb->levels - 1u;
    nws_dither d = p->dither;
    int16_t *e0 = p->err[0] + 2, *e1 = p->err[1] + 2, *e2 = p->err[2] + 2;
    for (uint32_t x = 0; x < w; x++) {
        int32_t want = (int32_t)v[x] * 16 + (d == NWS_DITHER_NONE ? 0 : e0[x]);
        int32_t lv = (want * (int32_t)top + 255 * 8) / (255 * 16);
        if (lv < 0)
            lv = 0;
        if (lv > (int32_t)top)
            lv = (int32_t)top;
        fb_put(fb, x0 + (int)x, y, (unsigned)lv);
        int32_t err = want - lv * 255 * 16 / (int32_t)top;
        if (d == NWS_DITHER_FLOYD_STEINBERG) {
            e0[x + 1] = (int16_t)(e0[x + 1] + err * 7 / 16);
            e1[(int32_t)x - 1] = (int16_t)(e1[(int32_t)x - 1] + err * 3 / 16);
            e1[x] = (int16_t)(e1[x] + err * 5 / 16);
            e1[x + 1] = (int16_t)(e1[x + 1] + err / 16);
        } else if (d == NWS_DITHER_ATKINSON) {
            int16_t q = (int16_t)(err / 8);
            e0[x + 1] = (int16_t)(e0[x + 1] + q);
            e0[x + 2] = (int16_t)(e0[x + 2] + q);
            e1[(int32_t)x - 1] = (int16_t)(e1[(int32_t)x - 1] + q);
            e1[x] = (int16_t)(e1[x] + q);
            e1[x + 1] = (int16_t)(e1[x + 1] + q);
            e2[x] = (int16_t)(e2[x] + q);
        }
    }
    /* rotate: the next row's errors become current */
    int16_t *t = p->err[0];
    p->err[0] = p->err[1];
    p->err[1] = p->err[2];
    p->err[2] = t;
    memset(p->err[2], 0, ((size_t)p->out_cap + 4) * sizeof *p->err[2]);
}

/* Output row y is the mean of stored rows [ya, yb), each boxed into the
 * output columns as it streams by. */
static int draw_one(nws_pictures *p, const lay_run *r, nws_fb *fb)
{
    nwsb_image_stream s;
    uint32_t ow = r->img_w, oh = r->img_h;
    int x0 = (int)((r->x + 32) >> 6), y0 = (int)((r->y + 32) >> 6) - (int)oh;
    if (!p->ready || ow > p->out_cap || ow == 0 || oh == 0 ||
        nwsb_image_open(p->bundle, r->text, &s, NULL) != NWSB_OK || s.img.width > p->row_cap) {
        frame(fb, x0, y0, (int)ow, (int)oh);
        return -1;
    }
    uint32_t iw = s.img.width, ih = s.img.height;
    if (ow > iw || oh > ih) { /* layout never enlarges a picture */
        frame(fb, x0, y0, (int)ow, (int)oh);
        return -1;
    }
    /* The row buffer is free once a row's sums are taken, and is as wide
     * as any stored row (ow <= iw): the results go there. */
    uint8_t *out = p->row;
    for (int i = 0; i < 3; i++)
        memset(p->err[i], 0, ((size_t)p->out_cap + 4) * sizeof *p->err[i]);
    uint32_t sy = 0;
    for (uint32_t y = 0; y < oh; y++) {
        uint32_t ya = (uint32_t)((uint64_t)y * ih / oh), yb = (uint32_t)((uint64_t)(y + 1) * ih / oh);
        if (yb <= ya)
            yb = ya + 1;
        memset(p->sum, 0, ow * sizeof *p->sum);
        uint32_t rows = 0;
        while (sy < yb) {
            if (nwsb_image_row(p->bundle, &s, p->row, NULL) != NWSB_OK) {
                frame(fb, x0, y0, (int)ow, (int)oh);
                return -1;
            }
            sy++;
            if (sy <= ya)
                continue; /* a row no output row covers */
            uint32_t xa = 0;
            for (uint32_t x = 0; x < ow; x++) {
                uint32_t xb = (uint32_t)((uint64_t)(x + 1) * iw / ow);
                if (xb <= xa)
                    xb = xa + 1 <= iw ? xa + 1 : iw;
                uint32_t acc = 0;
                for (uint32_t k = xa; k < xb; k++)
                    acc += p->row[k];
                p->sum[x] += (acc + (xb - xa) / 2) / (xb - xa);
                xa = xb;
            }
            rows++;
        }
        for (uint32_t x = 0; x < ow; x++)
            out[x] = (uint8_t)(rows ? (p->sum[x] + rows / 2) / rows : 255);
        dither_row(p, fb, out, ow, x0, y0 + (int)y);
    }
    return 0;
}

int picture_draw_page(nws_pictures *p, const lay_page *page, nws_fb *fb)
{
    int failed = 0;
    for (uint32_t i = 0; i < page->nruns; i++)
        if (page->runs[i].flags & LAY_RUN_IMAGE)
            failed += draw_one(p, &page->runs[i], fb) < 0;
    return failed;
}
