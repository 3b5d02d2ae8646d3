/* items.c -- turning text into boxes, glue and penalties (device code). */
#include <string.h>

#include "../core/utf8.h"
#include "../text/breaks.h"
#include "layout_internal.h"

int32_t lay_size_px(const nws_layout *l, int role)
{
    return l->px_of[role];
}

int lay_style_of(const nws_layout *l, int role)
{
    switch (role) {
    case LAY_FONT_TITLE:
    case LAY_FONT_H1:
    case LAY_FONT_H2:
    case LAY_FONT_H3:
        return NWS_STYLE_BOLD;
    case LAY_FONT_BYLINE:
    case LAY_FONT_SMALL:
        return NWS_STYLE_ITALIC;
    default:
        return l->style;
    }
}

void lay_items_reset(nws_layout *l)
{
    l->nitems = 0;
    l->text_len = 0;
    l->space_pending = 0;
}

int lay_items_full(const nws_layout *l)
{
    /* Room for a few more items and a long word: beyond this, set a chunk. */
    return l->nitems + 8 >= l->cfg.max_items || l->text_len + 256 >= l->cfg.max_text;
}

static lay_item *push(nws_layout *l, int kind)
{
    if (l->nitems >= l->cfg.max_items)
        return NULL;
    lay_item *it = &l->items[l->nitems++];
    memset(it, 0, sizeof *it);
    it->kind = (uint8_t)kind;
    return it;
}

static int32_t advance(nws_layout *l, int style, int size, uint32_t cp)
{
    const nws_glyph *g = fonts_glyph(l->fonts, style, size, cp);
    return g ? g->advance : 0;
}

/* Advance of cp plus its kerning against the glyph before it (*face,
 * *gi: updated).  One cache lookup per character. */
static int32_t advance_kerned(nws_layout *l, int style, int size, uint32_t cp, uint8_t *face,
                              uint32_t *gi)
{
    const nws_glyph *g = fonts_glyph(l->fonts, style, size, cp);
    if (!g)
        return 0;
    int32_t w = g->advance + fonts_kerning_after(l->fonts, size, *face, *gi, g);
    *face = fonts_kerning_left(g);
    *gi = g->gindex;
    return w;
}

int32_t layout_measure(nws_layout *l, int style, int size, const uint8_t *s, uint32_t n)
{
    int32_t w = 0;
    uint8_t face = 0xFF;
    uint32_t gi = 0;
    for (uint32_t i = 0; i < n;) {
        uint32_t cp;
        i += (uint32_t)utf8_next(s + i, n - i, &cp);
        if (!nws_is_invisible(cp))
            w += advance_kerned(l, style, size, cp, &face, &gi);
    }
    return w;
}

/* The open box is the last item when it is a box with text at the end of
 * the text buffer. */
typedef struct box_state {
    lay_item *box;
    uint32_t prev_cp, prev_prev_cp;
    int space_before;
} box_state;

static void add_glue(nws_layout *l, int style, int size)
{
    if (l->nitems > 0 && l->items[l->nitems - 1].kind == IT_GLUE)
        return;
    lay_item *g = push(l, IT_GLUE);
    if (!g)
        return;
    int32_t w = advance(l, style, size, ' ');
    g->style = (uint8_t)style;
    g->size = (uint8_t)size;
    g->width = w;
    /* TeX's interword glue for a 10pt font: 3.33pt plus 1.67 minus 1.11 */
    g->stretch = w / 2;
    g->shrink = w / 3;
}

static void add_penalty(nws_layout *l, int32_t width, int32_t p, int flagged)
{
    lay_item *it = push(l, IT_PENALTY);
    if (!it)
        return;
    it->width = width;
    it->penalty = p;
    it->flagged = (uint8_t)flagged;
}

void lay_add_indent(nws_layout *l, int32_t width)
{
    lay_item *it = push(l, IT_BOX);
    if (it)
        it->width = width;
}

/* TeX's \hfil\break: trailing spaces go, glue takes the slack, the line
 * must end here.  Ends paragraphs (\parfillskip) and forced breaks. */
static void end_line(nws_layout *l)
{
    while (l->nitems > 0 && l->items[l->nitems - 1].kind == IT_GLUE)
        l->nitems--;
    lay_item *g = push(l, IT_GLUE);
    if (g)
        g->stretch = LAY_FIL_STRETCH;
    add_penalty(l, 0, -LAY_INF_PENALTY, 0);
}

void lay_add_forced_break(nws_layout *l)
{
    end_line(l);
    /* The text after a line break is a new word, as after a space. */
    l->space_pending = 1;
}

/* A new box for text from the source offset src (the caller has made
 * sure there is room for it). */
static lay_item *open_box(nws_layout *l, int style, int size, uint32_t src, int space_before)
{
    lay_item *box = push(l, IT_BOX);
    box->style = (uint8_t)style;
    box->size = (uint8_t)size;
    box->text = l->text_len;
    box->src = src;
    box->flags = space_before ? LAY_RUN_SPACE_BEFORE : 0;
    return box;
}

/* The rest of a word in ASCII, after a letter or digit in box: the bulk
 * of most text, taken without the general loop's tests.  Printable ASCII
 * other than '-' after a letter or digit opens no break
 * (nws_break_between) and is never invisible, so each character only
 * widens the box, up to the first one that is not a letter or digit.
 * Stops early (the general loop goes on from there) at a character the
 * glyph cache's ASCII index does not know yet, a word wider than the
 * line, or where the general loop would end the chunk.  Returns where it
 * stopped. */
static uint32_t ascii_word_rest(nws_layout *l, const lay_block *bk, lay_item *box, const uint8_t *s,
                                uint32_t i, uint32_t n, uint32_t *prev2, uint32_t *prev,
                                uint8_t *kern_face, uint32_t *kern_gi)
{
    nws_fonts *f = l->fonts;
    const uint16_t *index = fonts__ascii_index(f, box->style, box->size);
    if (!index || l->nitems + 3 > l->cfg.max_items || l->text_len + 4 > l->cfg.max_text)
        return i;
    /* The general loop's limits, so that chunks end where they did: it
     * adds no item here, and each character is a byte of text. */
    uint32_t end = n;
    if (l->cfg.max_text - 4 - l->text_len < n - i)
        end = i + (l->cfg.max_text - 4 - l->text_len) + 1;
    /* Everything in locals: the text is stored a byte at a time, and a
     * byte store may alias any field, which the compiler would then read
     * again for every character. */
    uint8_t *text = l->text + l->text_len;
    uint32_t from = i, p = *prev, p2 = *prev2, kg = *kern_gi;
    uint8_t kf = *kern_face;
    int size = box->size;
    int32_t width = box->width, measure = bk->measure;
    while (i < end) {
        uint8_t c = s[i];
        if (c <= ' ' || c >= 0x7F || c == '-' || index[c] == 0xFFFF)
            break;
        const nws_glyph *g = fonts__slot(f, index[c]);
        int32_t add = g->advance + fonts_kerning_after(f, size, kf, kg, g);
        if (width + add > measure)
            break;
        width += add;
        kf = fonts_kerning_left(g);
        kg = g->gindex;
        *text++ = c;
        i++;
        p2 = p;
        p = c;
        if (!nws_ascii_alnum(c))
            break;
    }
    box->width = width;
    box->len = (uint16_t)(box->len + (i - from));
    l->text_len += i - from;
    *kern_face = kf;
    *kern_gi = kg;
    *prev = p;
    *prev2 = p2;
    return i;
}

uint32_t lay_add_text(nws_layout *l, const lay_block *bk, const uint8_t *s, uint32_t n,
                      uint32_t src)
{
    int style = lay_style_of(l, bk->role), size = l->size_of[bk->role];
    lay_item *box = NULL;
    uint32_t prev = 0, prev2 = 0, kern_gi = 0;
    uint8_t kern_face = 0xFF;
    int space_before = (l->nitems > 0 && l->items[l->nitems - 1].kind == IT_GLUE) ||
                       l->space_pending;
    l->space_pending = 0;
    if (!space_before && l->nitems > 0 && l->items[l->nitems - 1].kind == IT_BOX &&
        l->items[l->nitems - 1].len > 0 && l->items[l->nitems - 1].style == style &&
        l->items[l->nitems - 1].size == size &&
        l->items[l->nitems - 1].text + l->items[l->nitems - 1].len == l->text_len) {
        /* The text continues the last box (a record boundary cut a word). */
        box = &l->items[l->nitems - 1];
    }
    for (uint32_t i = 0; i < n;) {
        uint32_t cp, next = 0;
        uint32_t start = i;
        /* A character adds at most a penalty, a box and a penalty, and four
         * bytes of text: stop where that no longer fits. */
        if (l->nitems + 3 > l->cfg.max_items || l->text_len + 4 > l->cfg.max_text)
            return start;
        if (!box && nws_ascii_alnum(s[i])) {
            /* A word that starts with an ASCII letter or digit, as the
             * lines below would open it, then ascii_word_rest(). */
            const nws_glyph *g = fonts__ascii_entry(l->fonts, style, size, s[i]);
            if (g) {
                box = open_box(l, style, size, src + start, space_before);
                box->width = g->advance;
                box->len = 1;
                space_before = 0;
                kern_face = fonts_kerning_left(g);
                kern_gi = g->gindex;
                prev2 = 0;
                prev = s[i];
                l->text[l->text_len++] = s[i++];
                i = ascii_word_rest(l, bk, box, s, i, n, &prev2, &prev, &kern_face, &kern_gi);
                continue;
            }
        }
        i += (uint32_t)utf8_next(s + i, n - i, &cp);
        if (cp == ' ') {
            if (i < n)
                utf8_next(s + i, n - i, &next);
            box = NULL;
            if (next == NWS_CP_WORD_JOINER) {
                /* A space the line may not break at: a rigid box. */
                lay_item *nb = push(l, IT_BOX);
                if (nb)
                    nb->width = advance(l, style, size, ' ');
                space_before = 1; /* still a space between the words */
            } else {
                add_glue(l, style, size);
                space_before = 1;
            }
            prev2 = prev;
            prev = cp;
            continue;
        }
        if (cp == NWS_CP_ZWSP || cp == NWS_CP_SOFT_HYPHEN) {
            box = NULL;
            if (cp == NWS_CP_ZWSP)
                add_penalty(l, 0, 0, 0);
            else /* TeX's \hyphenpenalty */
                add_penalty(l, advance(l, style, size, '-'), 50, 1);
            prev2 = prev;
            prev = cp;
            continue;
        }
        if (nws_is_invisible(cp))
            continue;
        if (box && prev && nws_break_between(prev2, prev, cp) && prev != '-' && prev != 0x2010) {
            /* Between ideographs: a free break. */
            add_penalty(l, 0, 0, 0);
            box = NULL;
        }
        if (!box) {
            box = open_box(l, style, size, src + start, space_before);
            space_before = 0;
            prev = 0;
        }
        if (box->len == 0)
            kern_face = 0xFF; /* kerning stays inside a box */
        int32_t add = advance_kerned(l, style, size, cp, &kern_face, &kern_gi);
        if (box->len > 0 && box->width + add > bk->measure) {
            /* A word wider than the line: it may break anywhere, so no
             * line is ever overfull. */
            add_penalty(l, 0, 0, 0);
            box = open_box(l, style, size, src + start, 0);
            kern_face = 0xFF;
            add = advance_kerned(l, style, size, cp, &kern_face, &kern_gi);
        }
        box->width += add;
        for (uint32_t b = start; b < i; b++) /* one to four bytes: no memcpy call */
            l->text[l->text_len++] = s[b];
        box->len = (uint16_t)(box->len + (i - start));
        if (cp == '-' || cp == 0x2010) {
            if (i < n) /* what follows, looked at only here and after a space */
                utf8_next(s + i, n - i, &next);
            if (nws_break_between(prev, cp, next)) {
                /* After an explicit hyphen: TeX's \exhyphenpenalty. */
                add_penalty(l, 0, 50, 1);
                box = NULL;
                space_before = 0;
            }
        }
        prev2 = prev;
        prev = cp;
        if (box && nws_ascii_alnum(cp))
            i = ascii_word_rest(l, bk, box, s, i, n, &prev2, &prev, &kern_face, &kern_gi);
    }
    return n;
}

void lay_finish_items(nws_layout *l)
{
    end_line(l);
}
