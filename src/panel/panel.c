/* panel.c -- what the controller drivers share. */
#include "panel.h"
#include "panel_internal.h"

#include <string.h>

int panel_window(const nws_board *b, uint32_t x, uint32_t y, uint32_t w, uint32_t h,
                 nws_panel_window *out)
{
    if (!w || !h || x >= b->width || y >= b->height)
        return -1;
    if (w > b->width - x)
        w = b->width - x;
    if (h > b->height - y)
        h = b->height - y;
    uint32_t x1 = x + w - 1, y1 = y + h - 1, W = b->width, H = b->height;
    uint32_t nx0, nx1, ny0, ny1;
    /* the inverse of fb_unpack()'s native -> reading mapping */
    switch (b->pack.rotation) {
    case 90: nx0 = H - 1 - y1; nx1 = H - 1 - y; ny0 = x; ny1 = x1; break;
    case 180: nx0 = W - 1 - x1; nx1 = W - 1 - x; ny0 = H - 1 - y1; ny1 = H - 1 - y; break;
    case 270: nx0 = y; nx1 = y1; ny0 = W - 1 - x1; ny1 = W - 1 - x; break;
    default: nx0 = x; nx1 = x1; ny0 = y; ny1 = y1;
    }
    /* Controllers address X in whole bytes (SSD16xx RAM X, UC8179 HRST[9:3]). */
    uint32_t per = 8u / (b->pack.bpp ? b->pack.bpp : 1);
    uint32_t limit = board_native_stride(b) * per;
    nx0 -= nx0 % per;
    nx1 = nx1 - nx1 % per + per - 1;
    if (nx1 >= limit)
        nx1 = limit - 1;
    out->x = nx0;
    out->y = ny0;
    out->w = nx1 - nx0 + 1;
    out->h = ny1 - ny0 + 1;
    return 0;
}

const char *panel_status_text(nws_panel_status st)
{
    switch (st) {
    case NWS_PANEL_OK: return "ok";
    case NWS_PANEL_EBUS: return "the bus failed";
    case NWS_PANEL_EBUSY: return "BUSY did not clear in time (is the panel connected and powered?)";
    case NWS_PANEL_EARG: return "the image does not fit the panel";
    }
    return "unknown error";
}

typedef struct whole_images {
    const uint8_t *plane[2];
    uint32_t stride;
} whole_images;

static const uint8_t *whole_row(void *ctx, int plane, uint32_t y)
{
    const whole_images *w = ctx;
    return w->plane[plane] + (size_t)y * w->stride;
}

nws_panel_status panel_update(const nws_panel_driver *drv, nws_panel *p, const uint8_t *shown,
                              const uint8_t *next, const nws_panel_window *win, unsigned kind)
{
    whole_images w = {{shown, next}, board_native_stride(p->board)};
    nws_panel_source src = {.ctx = &w, .has_shown = 1, .row_at = whole_row};
    return drv->update(p, &src, win, kind);
}

nws_panel_status panel_send_rows(nws_panel *p, const nws_panel_source *src, int plane,
                                 uint32_t y0, uint32_t h, uint32_t bx, uint32_t bw)
{
    uint32_t stride = board_native_stride(p->board);
    if (src->row_at) {
        for (uint32_t y = y0; y < y0 + h; y++)
            if (p->bus.data(p->bus.ctx, src->row_at(src->ctx, plane, y) + bx, bw) < 0)
                return NWS_PANEL_EBUS;
        return NWS_PANEL_OK;
    }
    for (uint32_t y = y0; y < y0 + h; y += src->band_rows) {
        uint32_t n = y0 + h - y < src->band_rows ? y0 + h - y : src->band_rows;
        if (src->rows(src->ctx, plane, y, n, src->band) < 0)
            return NWS_PANEL_EARG;
        for (uint32_t i = 0; i < n; i++)
            if (p->bus.data(p->bus.ctx, src->band + (size_t)i * stride + bx, bw) < 0)
                return NWS_PANEL_EBUS;
    }
    return NWS_PANEL_OK;
}

nws_panel_status panel_cmd(nws_panel *p, const char *stage, uint8_t c, const uint8_t *d, size_t n)
{
    p->stage = stage;
    return p->bus.command(p->bus.ctx, c, d, n) < 0 ? NWS_PANEL_EBUS : NWS_PANEL_OK;
}

nws_panel_status panel_wait(nws_panel *p, const char *stage, int busy_level, uint32_t ms)
{
    p->stage = stage;
    int r = p->bus.wait_idle(p->bus.ctx, busy_level, ms);
    return r == 0 ? NWS_PANEL_OK : r > 0 ? NWS_PANEL_EBUSY : NWS_PANEL_EBUS;
}
