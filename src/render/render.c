/* render.c -- runs of text onto the framebuffer model (device code). */
#include "render.h"

#include "../core/utf8.h"
#include "../text/breaks.h"

/* Coverage 0..255 to the panel level to darken towards (0 = black). */
static unsigned level_for(const nws_fb *fb, uint8_t coverage)
{
    unsigned dark = render_gamma[coverage];
    unsigned top = fb->levels - 1u;
    return ((255u - dark) * top + 127u) / 255u;
}

static void draw_glyph(nws_fb *fb, const nws_glyph *g, const uint8_t *bm, int mono,
                       int32_t pen_x, int32_t base_y)
{
    int x0 = (int)((pen_x + 32) >> 6) + g->left;
    int y0 = (int)((base_y + 32) >> 6) - g->top;
    unsigned white = fb->levels - 1u;
    if (mono) {
        unsigned rb = (g->width + 7u) / 8u;
        for (int y = 0; y < g->rows; y++)
            for (int x = 0; x < g->width; x++)
                if (bm[y * rb + x / 8] & (0x80 >> (x & 7)))
                    fb_darken(fb, x0 + x, y0 + y, 0);
        return;
    }
    for (int y = 0; y < g->rows; y++) {
        for (int x = 0; x < g->width; x++) {
            uint8_t c = bm[y * g->width + x];
            if (!c)
                continue;
            unsigned lv = level_for(fb, c);
            if (lv < white)
                fb_darken(fb, x0 + x, y0 + y, lv);
        }
    }
}

int render_page(nws_fonts *fonts, const lay_page *page, nws_fb *fb)
{
    int missing = 0;
    fb_fill(fb, fb->levels - 1u);
    for (uint32_t i = 0; i < page->nruns; i++) {
        const lay_run *r = &page->runs[i];
        const uint8_t *s = page->pool + r->text;
        /* Pens advance by whole pixels (hinted advances), so every glyph
         * of a run lands where layout measured it. */
        int32_t x = r->x;
        uint32_t prev = 0;
        for (uint32_t k = 0; k < r->len;) {
            uint32_t cp;
            int ok;
            k += (uint32_t)utf8_decode(s + k, r->len - k, &cp, &ok);
            if (nws_is_invisible(cp))
                continue;
            if (prev)
                x += fonts_kerning(fonts, r->style, r->size, prev, cp);
            const uint8_t *bm;
            const nws_glyph *g = fonts_render(fonts, r->style, r->size, cp, &bm);
            if (!g) {
                missing++;
                continue;
            }
            int32_t adv = g->advance;
            draw_glyph(fb, g, bm, fonts->mono, x, r->y);
            x += adv;
            prev = cp;
        }
        if (r->flags & LAY_RUN_HYPHEN) {
            const uint8_t *bm;
            const nws_glyph *g = fonts_render(fonts, r->style, r->size, '-', &bm);
            if (g)
                draw_glyph(fb, g, bm, fonts->mono, x, r->y);
        }
    }
    return missing ? -1 : 0;
}
