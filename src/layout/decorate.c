/* decorate.c -- running header and footer, and the contents pages
 * (device code). */
#include <string.h>

#include "../core/utf8.h"
#include "../text/scripts.h"
#include "layout_internal.h"

size_t lay_append(char *buf, size_t cap, size_t at, const char *s)
{
    while (*s && at + 1 < cap)
        buf[at++] = *s++;
    buf[at < cap ? at : cap - 1] = 0;
    return at;
}

const char *lay_unsupported_script(nws_layout *l, uint32_t article)
{
    nwsb_article a;
    if (nwsb_article_get(l->bundle, article, &a) != NWSB_OK || !(a.flags & NWSB_AF_COMPLEX))
        return NULL;
    const nws_script *sc = nws_script_find(a.script);
    return sc ? sc->name : "another";
}

void lay_article_title(nws_layout *l, uint32_t article, char *buf, size_t cap)
{
    /* Drawn letter by letter, a title in a script that needs shaping or
     * runs right to left would come out garbled: name the script instead. */
    const char *script = lay_unsupported_script(l, article);
    if (script) {
        size_t n = lay_append(buf, cap, 0, "[An article in ");
        n = lay_append(buf, cap, n, script);
        lay_append(buf, cap, n, " script]");
        return;
    }
    nwsb_article_field(l->bundle, article, NWSB_FIELD_TITLE, buf, cap);
}

/* Bytes of s that fit in max (26.6), leaving room for an ellipsis when
 * the whole does not fit; *cut tells whether it was cut, *width is the
 * whole's width when it was not. */
static uint32_t fit_bytes(nws_layout *l, int style, int size, const uint8_t *s, uint32_t n,
                          int32_t max, int *cut, int32_t *width)
{
    static const uint8_t ell[] = "\xE2\x80\xA6";
    *cut = 0;
    *width = layout_measure(l, style, size, s, n);
    if (*width <= max)
        return n;
    *cut = 1;
    int32_t room = max - layout_measure(l, style, size, ell, 3), w = 0;
    uint32_t i = 0, last_space = 0;
    while (i < n) {
        uint32_t cp;
        int ok;
        uint32_t k = (uint32_t)utf8_decode(s + i, n - i, &cp, &ok);
        int32_t a = layout_measure(l, style, size, s + i, k);
        if (w + a > room)
            break;
        if (cp == ' ')
            last_space = i;
        w += a;
        i += k;
    }
    /* Prefer a whole word when one ends in the last third. */
    if (last_space > i * 2 / 3)
        i = last_space;
    return i;
}

/* The first keep bytes of s as a run (with an ellipsis when cut), whole
 * width width when not cut. */
static void place_run(nws_layout *l, lay_page *p, int role, const uint8_t *s, uint32_t keep,
                      int cut, int32_t width, int32_t x, int32_t y, int right_align, uint8_t flags)
{
    int style = lay_style_of(l, role), size = l->size_of[role];
    uint32_t total = keep + (cut ? 3 : 0);
    if (p->nruns >= p->runs_cap || p->pool_len + total > p->pool_cap) {
        p->truncated = 1;
        return;
    }
    lay_run *r = &p->runs[p->nruns++];
    memset(r, 0, sizeof *r);
    memcpy(p->pool + p->pool_len, s, keep);
    if (cut)
        memcpy(p->pool + p->pool_len + keep, "\xE2\x80\xA6", 3);
    r->text = p->pool_len;
    r->len = (uint16_t)total;
    p->pool_len += total;
    r->style = (uint8_t)style;
    r->size = (uint8_t)size;
    r->flags = flags;
    r->y = y;
    if (right_align && cut)
        width = layout_measure(l, style, size, p->pool + r->text, total);
    r->x = right_align ? x - width : x;
}

static void add_text_run(nws_layout *l, lay_page *p, int role, const uint8_t *s, uint32_t n,
                         int32_t x, int32_t y, int32_t max, int right_align, uint8_t flags)
{
    int cut;
    int32_t width;
    uint32_t keep = fit_bytes(l, lay_style_of(l, role), l->size_of[role], s, n, max, &cut, &width);
    place_run(l, p, role, s, keep, cut, width, x, y, right_align, flags);
}

static uint32_t fmt_u32(char *out, uint32_t v)
{
    char d[12];
    uint32_t n = 0, k = 0;
    do {
        d[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        out[k++] = d[--n];
    return k;
}

/* "a / b"; b 0 (not known yet: the book is still being paginated) as
 * "a / …". */
static uint32_t fmt_fraction(char *out, uint32_t a, uint32_t b)
{
    uint32_t n = fmt_u32(out, a);
    memcpy(out + n, " / ", 3);
    n += 3;
    if (!b) {
        memcpy(out + n, "\xE2\x80\xA6", 3);
        return n + 3;
    }
    return n + fmt_u32(out + n, b);
}

void layout_decorate(nws_layout *l, lay_page *page, uint32_t article_pages,
                     uint32_t bundle_page, uint32_t bundle_pages)
{
    int32_t left = l->cfg.margin_left * 64, right = (l->cfg.width - l->cfg.margin_right) * 64;
    int32_t small = l->px_of[LAY_FONT_SMALL];
    int32_t asc, desc;
    fonts_vmetrics(l->fonts, NWS_STYLE_ITALIC, l->size_of[LAY_FONT_SMALL], &asc, &desc);
    /* The header sits in the top margin, the footer in the bottom one. */
    int32_t head_y = l->cfg.margin_top * 64 - small + desc;
    int32_t foot_y = (l->cfg.height - l->cfg.margin_bottom) * 64 + small + asc / 2;
    char buf[256];
    if (page->article != LAY_CONTENTS) {
        /* The first page shows the title itself; later ones a running head. */
        if (page->page_in_article > 1) {
            /* the same head on every page of the article: fitted once */
            lay_article_title(l, page->article, buf, sizeof buf);
            uint32_t n = (uint32_t)strlen(buf);
            if (l->head_article != page->article) {
                l->head_keep = fit_bytes(l, lay_style_of(l, LAY_FONT_SMALL),
                                         l->size_of[LAY_FONT_SMALL], (const uint8_t *)buf, n,
                                         right - left, &l->head_cut, &l->head_width);
                l->head_article = page->article;
            }
            place_run(l, page, LAY_FONT_SMALL, (const uint8_t *)buf, l->head_keep, l->head_cut,
                      l->head_width, left, head_y, 0, LAY_RUN_DECORATION);
        }
        uint32_t n = fmt_fraction(buf, page->page_in_article, article_pages);
        add_text_run(l, page, LAY_FONT_SMALL, (const uint8_t *)buf, n, left, foot_y,
                     (right - left) / 2, 0, LAY_RUN_DECORATION);
    }
    /* Where you are in the bundle: "article 2 of 5 · 17 / 300". */
    uint32_t n = 0;
    if (page->article != LAY_CONTENTS) {
        memcpy(buf, "article ", 8);
        n = 8 + fmt_u32(buf + 8, page->article + 1);
        memcpy(buf + n, " of ", 4);
        n += 4;
        n += fmt_u32(buf + n, nwsb_article_count(l->bundle));
        memcpy(buf + n, " \xC2\xB7 ", 4); /* " · " */
        n += 4;
    }
    n += fmt_fraction(buf + n, bundle_page, bundle_pages);
    add_text_run(l, page, LAY_FONT_SMALL, (const uint8_t *)buf, n, right, foot_y,
                 (right - left) / 2, 1, LAY_RUN_DECORATION);
}

uint32_t layout_contents_page(nws_layout *l, lay_page *page, uint32_t first,
                              const uint32_t *page_numbers, int with_heading)
{
    int32_t left = l->cfg.margin_left * 64, right = (l->cfg.width - l->cfg.margin_right) * 64;
    int32_t bottom = (l->cfg.height - l->cfg.margin_bottom) * 64;
    int32_t y = l->cfg.margin_top * 64;
    int32_t asc, desc;
    char buf[512];
    lay_page_clear(page, LAY_CONTENTS);
    if (with_heading) {
        int32_t tp = l->px_of[LAY_FONT_TITLE];
        fonts_vmetrics(l->fonts, NWS_STYLE_BOLD, l->size_of[LAY_FONT_TITLE], &asc, &desc);
        if (nwsb_meta_lookup(l->bundle, "title", buf, sizeof buf) != NWSB_OK || !buf[0])
            memcpy(buf, "Contents", 9);
        add_text_run(l, page, LAY_FONT_TITLE, (const uint8_t *)buf, (uint32_t)strlen(buf), left,
                     y + asc, right - left, 0, LAY_RUN_META);
        y += tp * 13 / 10;
        if (nwsb_meta_lookup(l->bundle, "created", buf, sizeof buf) == NWSB_OK && buf[0]) {
            fonts_vmetrics(l->fonts, NWS_STYLE_ITALIC, l->size_of[LAY_FONT_BYLINE], &asc, &desc);
            if (strlen(buf) > 10 && buf[10] == 'T')
                buf[10] = '\0'; /* the date is enough */
            add_text_run(l, page, LAY_FONT_BYLINE, (const uint8_t *)buf, (uint32_t)strlen(buf),
                         left, y + asc, right - left, 0, LAY_RUN_META);
            y += l->px_of[LAY_FONT_BYLINE] * 14 / 10;
        }
        y += l->px_of[LAY_FONT_BODY];
    }
    int32_t line = l->px_of[LAY_FONT_BODY] * 150 / 100;
    fonts_vmetrics(l->fonts, NWS_STYLE_REGULAR, l->size_of[LAY_FONT_BODY], &asc, &desc);
    uint32_t placed = 0, count = nwsb_article_count(l->bundle);
    for (uint32_t i = first; i < count; i++) {
        if (y + line > bottom && placed > 0)
            break;
        char num[12];
        /* an article not paginated yet has no page number to show */
        uint32_t nn = page_numbers && page_numbers[i] ? fmt_u32(num, page_numbers[i]) : 0;
        int32_t numw = layout_measure(l, NWS_STYLE_REGULAR, l->size_of[LAY_FONT_BODY],
                                      (const uint8_t *)num, nn);
        lay_article_title(l, i, buf, sizeof buf);
        /* the reader's selection shows in bold */
        l->style = l->contents_mark == i + 1 ? NWS_STYLE_BOLD : NWS_STYLE_REGULAR;
        add_text_run(l, page, LAY_FONT_BODY, (const uint8_t *)buf, (uint32_t)strlen(buf), left,
                     y + asc, right - left - numw - l->px_of[LAY_FONT_BODY], 0, 0);
        add_text_run(l, page, LAY_FONT_BODY, (const uint8_t *)num, nn, right, y + asc, numw, 1,
                     LAY_RUN_DECORATION);
        l->style = NWS_STYLE_REGULAR;
        y += line;
        placed++;
    }
    return placed;
}
