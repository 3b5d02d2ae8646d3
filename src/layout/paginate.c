/* paginate.c -- from an article's text stream to pages (device code).
 *
 * One block (or chunk of a long block) at a time is read from the bundle,
 * broken into lines, and its lines are placed on pages.  A page is made in
 * bounded work: at most one chunk of items is set per block, and lines
 * that do not fit wait for the next call. */
#include <string.h>

#include "../core/fit.h"
#include "../core/utf8.h"
#include "layout_internal.h"

enum { STAGE_HEADER = 0, STAGE_BLOCKS, STAGE_DONE };
#define NO_CARRY 0xFFFFFFFFu

/* Sizes of the roles relative to the body, in percent. */
static const uint8_t role_percent[LAY_FONT_ROLES] = {100, 160, 85, 135, 120, 105, 85, 75};

static int fail(nws_layout *l, const char *why)
{
    l->fail = why;
    return -1;
}

static int32_t round_px(int64_t v)
{
    return (int32_t)((v + 32) & ~63); /* whole pixels hint best */
}

int layout_page_alloc(nws_layout *l, nws_arena *arena, lay_page *page)
{
    memset(page, 0, sizeof *page);
    page->runs = arena_alloc(arena, l->cfg.max_runs * sizeof *page->runs);
    page->pool = arena_alloc(arena, l->cfg.max_pool);
    if (!page->runs || !page->pool) {
        /* give back the half that was granted: the arena is all we have */
        if (page->runs)
            arena_free(arena, page->runs);
        if (page->pool)
            arena_free(arena, page->pool);
        memset(page, 0, sizeof *page);
        return -1;
    }
    page->runs_cap = l->cfg.max_runs;
    page->pool_cap = l->cfg.max_pool;
    return 0;
}

int layout_init(nws_layout *l, nws_arena *arena, nws_fonts *fonts, nwsb_bundle *bundle,
                const lay_config *cfg)
{
    memset(l, 0, sizeof *l);
    l->cfg = *cfg;
    l->fonts = fonts;
    l->bundle = bundle;
    int32_t line = cfg->body_px * 135 / 100;
    int32_t content_h = cfg->height * 64 - (cfg->margin_top + cfg->margin_bottom) * 64;
    int32_t content_w = cfg->width * 64 - (cfg->margin_left + cfg->margin_right) * 64;
    uint32_t lines = content_h > 0 && line > 0 ? (uint32_t)(content_h / line) + 4 : 16;
    /* an average word and its space take about three ems */
    uint32_t words = content_w > 0 ? (uint32_t)(content_w / (cfg->body_px * 3)) + 4 : 16;
    if (!l->cfg.max_items)
        l->cfg.max_items = 400;
    if (!l->cfg.max_text)
        l->cfg.max_text = 3072;
    if (!l->cfg.max_runs)
        l->cfg.max_runs = lines * words * 3 / 2 + 64;
    /* Text per page: a line holds at most width/(em/2) characters of up to
     * three bytes (CJK is one em wide, three bytes). */
    uint32_t ems = content_w > 0 ? (uint32_t)(content_w / cfg->body_px) + 2 : 16;
    if (!l->cfg.max_pool)
        l->cfg.max_pool = lines * ems * 3 + 256;
    l->max_nodes = l->cfg.max_items * 5 / 4; /* more: first-fit instead */
    l->max_lines = l->cfg.max_items + 8; /* every line takes an item at least */
    l->max_line_runs = l->cfg.max_items + 16;
    for (int r = 0; r < LAY_FONT_ROLES; r++) {
        l->px_of[r] = round_px((int64_t)cfg->body_px * role_percent[r] / 100);
        l->size_of[r] = fonts_size(fonts, l->px_of[r]);
        if (l->size_of[r] < 0)
            return -1;
    }
    /* Build FreeType's state for every style and size the roles use now,
     * not while drawing. */
    size_t before = arena->used;
    for (int r = 0; r < LAY_FONT_ROLES; r++) {
        int fixed = lay_style_of(l, r);
        for (int s = 0; s < NWS_FONT_STYLES; s++)
            if ((r == LAY_FONT_BODY || s == fixed) && fonts_warm(fonts, s, l->size_of[r]) < 0)
                return -1;
    }
    l->sizes_bytes = arena->used - before;
    l->items = arena_alloc(arena, l->cfg.max_items * sizeof *l->items);
    l->text = arena_alloc(arena, l->cfg.max_text + 64);
    l->nodes = arena_alloc(arena, l->max_nodes * sizeof *l->nodes);
    l->lines = arena_alloc(arena, l->max_lines * sizeof *l->lines);
    l->line_runs = arena_alloc(arena, l->max_line_runs * sizeof *l->line_runs);
    l->rec = arena_alloc(arena, NWSB_RECORD_MAX);
    if (!l->items || !l->text || !l->nodes || !l->lines || !l->line_runs || !l->rec)
        return -1;
    memset(&l->memo, 0, sizeof l->memo); /* none unless layout_keep_breaks() */
    l->head_article = UINT32_MAX;
    return 0;
}

/* --- the text source -------------------------------------------------- */

/* Next token of the article; 1, 0 at its end, negative on damage.  *abs
 * gets the stream offset of the token. */
static int next_token(nws_layout *l, nws_token *t, uint32_t *abs)
{
    if (l->pos >= l->article_end)
        return 0;
    if (!l->have_rec || l->pos < l->rec_start || l->pos >= l->rec_start + l->rec_len) {
        uint32_t r, len;
        nwsb_record rec;
        if (nwsb_record_find(l->bundle, l->pos, &r) != NWSB_OK ||
            nwsb_record_get(l->bundle, r, &rec) != NWSB_OK ||
            nwsb_record_read(l->bundle, r, l->rec, NWSB_RECORD_MAX, &len, NULL) != NWSB_OK)
            return fail(l, "a record of the bundle is damaged");
        l->rec_index = r;
        l->rec_start = rec.text_offset;
        l->rec_len = len;
        l->have_rec = 1;
    }
    uint32_t end = l->article_end - l->rec_start;
    if (end > l->rec_len)
        end = l->rec_len;
    nws_scanner sc;
    nws_scan_init(&sc, l->rec, l->pos - l->rec_start, end);
    int r = nws_scan_next(&sc, t);
    if (r <= 0)
        return r < 0 ? fail(l, "the text stream is malformed") : 0;
    *abs = l->rec_start + t->offset;
    l->pos = l->rec_start + sc.pos;
    return 1;
}

/* --- blocks ------------------------------------------------------------ */

/* Line height (pct of the role's size, never less than the face's own)
 * and the baseline within it. */
static void line_metrics(nws_layout *l, lay_block *bk, int pct)
{
    int32_t asc, desc;
    fonts_vmetrics(l->fonts, lay_style_of(l, bk->role), l->size_of[bk->role], &asc, &desc);
    bk->line_height = round_px((int64_t)l->px_of[bk->role] * pct / 100);
    if (bk->line_height < asc - desc)
        bk->line_height = round_px(asc - desc);
    bk->ascent = round_px(asc + (bk->line_height - (asc - desc)) / 2);
}

static void block_setup(nws_layout *l, lay_block *bk, int type, int depth)
{
    memset(bk, 0, sizeof *bk);
    int32_t em = l->px_of[LAY_FONT_BODY];
    int32_t body_line = round_px((int64_t)em * 135 / 100);
    bk->role = LAY_FONT_BODY;
    int pct = 135;
    if (type == NWS_BLOCK_TITLE) {
        bk->role = LAY_FONT_TITLE;
        bk->ragged = 1;
        pct = 120;
    } else if (NWS_IS_HEADING(type)) {
        int lv = NWS_HEADING_LEVEL(type);
        bk->role = lv == 1 ? LAY_FONT_H1 : lv == 2 ? LAY_FONT_H2 : LAY_FONT_H3;
        bk->ragged = 1;
        pct = 125;
        bk->space_before = body_line;
    } else if (type == NWS_BLOCK_QUOTE) {
        bk->indent_left = bk->indent_right = em * 3 / 2 * (depth + 1);
        bk->space_before = l->prev_block_type == NWS_BLOCK_QUOTE ? 0 : body_line / 2;
    } else if (type == NWS_BLOCK_LIST_ITEM) {
        bk->indent_left = em * 2 * (depth + 1);
        bk->space_before = l->prev_block_type == NWS_BLOCK_LIST_ITEM ? 0 : body_line / 2;
    } else if (type == NWS_BLOCK_PRE) {
        bk->role = LAY_FONT_PRE;
        bk->ragged = 1;
        bk->indent_left = em * (depth + 1);
        bk->space_before = body_line / 2;
        pct = 120;
    } else if (type == NWS_BLOCK_PARAGRAPH) {
        bk->indent_left = depth > 0 ? em * 2 * depth : 0;
        int after_text = l->prev_block_type == NWS_BLOCK_PARAGRAPH;
        if (l->cfg.paragraph_indent)
            bk->first_indent = after_text ? em * 3 / 2 : 0;
        else
            bk->space_before = after_text ? body_line / 2 : 0;
        if (l->prev_block_type == NWS_BLOCK_QUOTE || l->prev_block_type == NWS_BLOCK_LIST_ITEM ||
            l->prev_block_type == NWS_BLOCK_PRE)
            bk->space_before = body_line / 2;
    }
    line_metrics(l, bk, pct);
    bk->measure = (l->cfg.width - l->cfg.margin_left - l->cfg.margin_right) * 64 -
                  bk->indent_left - bk->indent_right;
}

/* Mark the lines just set, and add the bullet of a list item. */
static void finish_lines(nws_layout *l, const lay_block *bk, uint32_t first_line, int para_end,
                         int keep, uint8_t extra_flags)
{
    for (uint32_t i = first_line; i < l->nlines; i++) {
        lay_line *ln = &l->lines[i];
        if (keep)
            ln->flags |= LINE_KEEP_WITH_NEXT;
        for (uint32_t k = 0; k < ln->nruns; k++)
            l->line_runs[ln->first_run + k].flags |= extra_flags;
    }
    if (para_end && l->nlines > first_line)
        l->lines[l->nlines - 1].flags |= LINE_PARA_END;
    if (l->block_is_first_chunk && l->nlines > first_line)
        l->lines[first_line].space_before = bk->space_before;
}

static void add_bullet(nws_layout *l, const lay_block *bk, uint32_t line)
{
    char mark[16];
    uint32_t n = 0;
    if (l->ordinal == 0) {
        memcpy(mark, "\xE2\x80\xA2", 3); /* • */
        n = 3;
    } else {
        char digits[12];
        uint32_t v = l->ordinal, d = 0;
        do {
            digits[d++] = (char)('0' + v % 10);
            v /= 10;
        } while (v && d < sizeof digits);
        while (d)
            mark[n++] = digits[--d];
        mark[n++] = '.';
    }
    if (l->text_len + n > l->cfg.max_text + 64 || l->nline_runs >= l->max_line_runs)
        return;
    int style = NWS_STYLE_REGULAR, size = l->size_of[LAY_FONT_BODY];
    int32_t w = layout_measure(l, style, size, (const uint8_t *)mark, n);
    memcpy(l->text + l->text_len, mark, n);
    /* The bullet run goes first among the line's runs. */
    lay_line *ln = &l->lines[line];
    memmove(&l->line_runs[ln->first_run + 1], &l->line_runs[ln->first_run],
            (l->nline_runs - ln->first_run) * sizeof *l->line_runs);
    for (uint32_t i = line + 1; i < l->nlines; i++)
        l->lines[i].first_run++;
    lay_run *r = &l->line_runs[ln->first_run];
    memset(r, 0, sizeof *r);
    r->x = bk->indent_left - w - l->px_of[LAY_FONT_BODY] / 2;
    r->text = l->text_len;
    r->len = (uint16_t)n;
    r->style = (uint8_t)style;
    r->size = (uint8_t)size;
    r->flags = LAY_RUN_DECORATION;
    ln->nruns++;
    l->nline_runs++;
    l->text_len += n;
}

/* In place of text the renderer would garble: say what is there and why
 * it is not shown.  The text itself stays in the bundle. */
static int set_notice(nws_layout *l, const char *script)
{
    char buf[400];
    size_t n = lay_append(buf, sizeof buf, 0, "This article is written in ");
    n = lay_append(buf, sizeof buf, n, script);
    n = lay_append(buf, sizeof buf, n,
                   " script, which this reader cannot lay out yet (its letters need joining, "
                   "reordering or right-to-left setting). Its text is kept unchanged in the "
                   "bundle and is not shown here, rather than shown garbled.");
    lay_block bk;
    l->nitems = 0; /* the lines above keep their text */
    block_setup(l, &bk, NWS_BLOCK_PARAGRAPH, 0);
    bk.ragged = 1;
    bk.first_indent = 0;
    bk.space_before = l->px_of[LAY_FONT_BODY];
    l->style = NWS_STYLE_ITALIC;
    lay_add_text(l, &bk, (const uint8_t *)buf, (uint32_t)n, 0);
    lay_finish_items(l);
    uint32_t first = l->nlines;
    if (lay_break_lines(l, &bk, bk.measure, 0, NULL) < 0)
        return fail(l, "line breaking ran out of room (notice)");
    finish_lines(l, &bk, first, 1, 0, LAY_RUN_META);
    l->style = NWS_STYLE_REGULAR;
    l->skip_body = 1;
    return 0;
}

/* Title and byline of the article, from the index. */
static int set_header(nws_layout *l)
{
    char buf[512];
    lay_block bk;
    uint32_t first;
    lay_items_reset(l);
    l->block_is_first_chunk = 1;
    block_setup(l, &bk, NWS_BLOCK_TITLE, 0);
    lay_article_title(l, l->article, buf, sizeof buf);
    if (buf[0]) {
        lay_add_text(l, &bk, (const uint8_t *)buf, (uint32_t)strlen(buf), 0);
        lay_finish_items(l);
        first = l->nlines;
        if (lay_break_lines(l, &bk, bk.measure, 0, NULL) < 0)
            return fail(l, "line breaking ran out of room (title)");
        finish_lines(l, &bk, first, 1, 1, LAY_RUN_META);
    }
    /* Byline: author, source and date, as known. */
    static const nwsb_field parts[] = {NWSB_FIELD_AUTHOR, NWSB_FIELD_SOURCE, NWSB_FIELD_DATE};
    uint32_t n = 0;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        char f[160];
        nwsb_article_field(l->bundle, l->article, parts[i], f, sizeof f);
        size_t fl = strlen(f);
        if (!fl || n + fl + 8 >= sizeof buf)
            continue;
        if (n) {
            memcpy(buf + n, " \xC2\xB7 ", 4); /* " · " */
            n += 4;
        }
        memcpy(buf + n, f, fl);
        n += (uint32_t)fl;
    }
    if (n) {
        l->nitems = 0; /* the title's lines keep their text */
        block_setup(l, &bk, NWS_BLOCK_PARAGRAPH, 0);
        bk.role = LAY_FONT_BYLINE;
        bk.ragged = 1;
        bk.first_indent = 0;
        bk.space_before = l->px_of[LAY_FONT_BODY] / 2;
        l->style = NWS_STYLE_ITALIC;
        lay_add_text(l, &bk, (const uint8_t *)buf, n, 0);
        lay_finish_items(l);
        first = l->nlines;
        if (lay_break_lines(l, &bk, bk.measure, 0, NULL) < 0)
            return fail(l, "line breaking ran out of room (title)");
        finish_lines(l, &bk, first, 1, 1, LAY_RUN_META);
    }
    l->style = NWS_STYLE_REGULAR;
    l->prev_block_type = NWS_BLOCK_TITLE;
    const char *script = lay_unsupported_script(l, l->article);
    if (script && set_notice(l, script) < 0)
        return -1;
    return 0;
}

/* --- pictures ---------------------------------------------------------- */

/* A caption: smaller, set ragged, close under its picture. */
static void caption_setup(nws_layout *l, lay_block *bk)
{
    bk->role = LAY_FONT_BYLINE;
    bk->ragged = 1;
    bk->first_indent = 0;
    bk->space_before = 0;
    line_metrics(l, bk, 125);
}

/* Fit a picture into the text column and the page: never enlarged,
 * never split, scaled down (aspect kept) when wider or taller. */
static void picture_size(const nws_layout *l, const nwsb_image *im, uint32_t *w, uint32_t *h)
{
    int32_t col = l->cfg.width - l->cfg.margin_left - l->cfg.margin_right;
    int32_t page = l->cfg.height - l->cfg.margin_top - l->cfg.margin_bottom;
    /* leave a caption line beside a full-page picture */
    int32_t room = page - (l->px_of[LAY_FONT_BODY] * 2 + 63) / 64;
    *w = im->width;
    *h = im->height;
    nws_fit_within(w, h, col > 1 ? (uint32_t)col : 1, room > 1 ? (uint32_t)room : 1);
}

/* The picture cursor: the next image table entry at or after the layout's
 * place, and where it stands (UINT32_MAX: none).  Layout moves forward
 * through an article, so a block start costs a compare, not a search of
 * the table (a read per probe when the bundle sits on a card). */
static void cursor_load(nws_layout *l, uint32_t i)
{
    nwsb_image im;
    l->img_next = i;
    l->img_next_at = nwsb_image_get(l->bundle, i, &im) == NWSB_OK ? im.text_offset : UINT32_MAX;
}

/* Lines for the pictures of this article anchored at stream offset at;
 * returns how many, and whether one is captioned by the block there. */
static uint32_t set_pictures(nws_layout *l, uint32_t at, int *captioned)
{
    uint32_t n = 0;
    int32_t body_line = round_px((int64_t)l->px_of[LAY_FONT_BODY] * 135 / 100);
    *captioned = 0;
    while (l->img_next_at < at)
        cursor_load(l, l->img_next + 1);
    for (; l->img_next_at == at; cursor_load(l, l->img_next + 1)) {
        nwsb_image im;
        if (nwsb_image_get(l->bundle, l->img_next, &im) != NWSB_OK || im.article != l->article)
            continue;
        if (l->nlines >= l->max_lines || l->nline_runs >= l->max_line_runs)
            break;
        uint32_t w, h;
        picture_size(l, &im, &w, &h);
        int32_t col = (l->cfg.width - l->cfg.margin_left - l->cfg.margin_right) * 64;
        lay_run *r = &l->line_runs[l->nline_runs];
        memset(r, 0, sizeof *r);
        r->x = (col - (int32_t)w * 64) / 2 & ~63;
        r->text = l->img_next;
        r->flags = LAY_RUN_IMAGE;
        r->img_w = (uint16_t)w;
        r->img_h = (uint16_t)h;
        r->src = at;
        lay_line *ln = &l->lines[l->nlines++];
        memset(ln, 0, sizeof *ln);
        ln->first_run = l->nline_runs++;
        ln->nruns = 1;
        ln->ascent = (int32_t)h * 64;
        ln->height = (int32_t)h * 64 + body_line / 3;
        ln->space_before = body_line / 2;
        if (im.flags & NWSB_IF_CAPTIONED) {
            ln->flags |= LINE_KEEP_WITH_NEXT;
            *captioned = 1;
        }
        n++;
    }
    return n;
}

/* Read the next block, or the next chunk of a long one, and set it. */
static int set_next_block(nws_layout *l)
{
    nws_token t;
    uint32_t abs;
    lay_block bk;
    int r;

    l->nlines = 0;
    l->next_line = 0;
    l->nline_runs = 0;
    uint32_t pictures = 0;
    int caption = 0;
    if (l->block_more) {
        lay_carry_items(l, l->carry_from);
        l->block_is_first_chunk = 0;
        /* The chunk ended on a space that finishing it dropped. */
        l->space_pending = l->carry_space;
    } else {
        lay_items_reset(l);
        /* a new block */
        do {
            r = next_token(l, &t, &abs);
            if (r < 0)
                return -1;
            if (r == 0) {
                /* pictures after the last block close the article */
                if (l->end_images_done)
                    return 0;
                l->end_images_done = 1;
                set_pictures(l, l->article_end, &caption);
                return l->nlines > 0 ? 1 : 0;
            }
        } while (t.kind != NWS_TOK_BLOCK);
        if (!t.continued)
            pictures = set_pictures(l, abs, &caption);
        l->block_type = t.block_type;
        l->block_depth = t.depth;
        l->ordinal = t.ordinal;
        l->style = NWS_STYLE_REGULAR;
        l->block_is_first_chunk = 1;
    }
    block_setup(l, &bk, l->block_type, l->block_depth);
    if (l->block_is_first_chunk)
        l->in_caption = caption; /* a long caption keeps its style in every chunk */
    if (l->in_caption)
        caption_setup(l, &bk);
    if (l->block_is_first_chunk && bk.first_indent)
        lay_add_indent(l, bk.first_indent);
    l->block_more = 0;
    for (;;) {
        uint32_t before = l->pos;
        r = next_token(l, &t, &abs);
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        if (t.kind == NWS_TOK_BLOCK) {
            if (t.continued)
                continue;
            l->pos = before; /* the next block starts here */
            break;
        }
        if (t.kind == NWS_TOK_STYLE) {
            l->style = t.style;
        } else if (t.kind == NWS_TOK_BREAK) {
            lay_add_forced_break(l);
        } else if (t.kind == NWS_TOK_TEXT) {
            /* A chunk can end inside a long text run: what does not fit is
             * read again for the next chunk. */
            uint32_t done = lay_add_text(l, &bk, t.text, t.len, abs);
            if (done < t.len) {
                l->pos = abs + done;
                l->block_more = 1;
                break;
            }
        }
        if (lay_items_full(l)) {
            l->block_more = 1;
            break;
        }
    }
    l->carry_space = l->block_more && l->nitems > 0 && l->items[l->nitems - 1].kind == IT_GLUE;
    lay_finish_items(l);
    int32_t measure = bk.measure;
    uint32_t carry = NO_CARRY;
    if (lay_break_lines(l, &bk, measure, l->block_more, &carry) < 0)
        return fail(l, "line breaking ran out of room");
    if (l->block_more && carry >= l->nitems)
        l->block_more = 0; /* the whole chunk was set after all */
    l->carry_from = carry;
    finish_lines(l, &bk, pictures, !l->block_more, NWS_IS_HEADING(l->block_type), 0);
    if (l->block_type == NWS_BLOCK_LIST_ITEM && l->block_is_first_chunk && l->nlines > pictures)
        add_bullet(l, &bk, pictures);
    if (!l->block_more)
        l->prev_block_type = l->block_type;
    return 1;
}

/* --- pages ----------------------------------------------------------- */

static int32_t content_top(const nws_layout *l)
{
    return l->cfg.margin_top * 64;
}

static int32_t content_bottom(const nws_layout *l)
{
    return (l->cfg.height - l->cfg.margin_bottom) * 64;
}

void lay_page_clear(lay_page *p, uint32_t article)
{
    p->nruns = 0;
    p->pool_len = 0;
    p->article = article;
    p->page_in_article = 0;
    p->text_start = UINT32_MAX;
    p->lines = 0;
    p->truncated = 0;
}

static void page_reset(nws_layout *l, lay_page *p, uint32_t article)
{
    lay_page_clear(p, article);
    l->y = content_top(l);
    l->page_has_body = 0;
}

static int page_add_run(lay_page *p, const lay_run *src, const uint8_t *text, int32_t dx,
                        int32_t baseline)
{
    if (p->nruns >= p->runs_cap || p->pool_len + src->len > p->pool_cap) {
        p->truncated = 1;
        return -1;
    }
    if (p->count_only) {
        p->nruns++;
        p->pool_len += src->len;
        return 0;
    }
    lay_run *r = &p->runs[p->nruns++];
    *r = *src;
    r->x = src->x + dx;
    r->y = baseline;
    r->text = p->pool_len;
    memcpy(p->pool + p->pool_len, text, src->len);
    p->pool_len += src->len;
    return 0;
}

static void place_picture(nws_layout *l, lay_page *p, const lay_line *ln, int at_top)
{
    int32_t top = l->y + (at_top ? 0 : ln->space_before);
    const lay_run *src = &l->line_runs[ln->first_run];
    if (p->nruns < p->runs_cap) {
        lay_run *r = &p->runs[p->nruns++];
        *r = *src;
        r->x = src->x + l->cfg.margin_left * 64;
        r->y = top + ln->ascent; /* bottom edge */
        r->len = 0;
        if (p->text_start == UINT32_MAX)
            p->text_start = src->src;
    } else {
        p->truncated = 1;
    }
    l->y = top + ln->height;
    l->page_has_body = 1;
    p->lines++;
}

static void place_line(nws_layout *l, lay_page *p, const lay_line *ln, int at_top)
{
    if (ln->nruns == 1 && (l->line_runs[ln->first_run].flags & LAY_RUN_IMAGE)) {
        place_picture(l, p, ln, at_top);
        return;
    }
    int32_t top = l->y + (at_top ? 0 : ln->space_before);
    int32_t base = top + ln->ascent;
    /* A block's first line may hold no text (a code block opening with a
     * blank line): then its next text carries the mark. */
    int mark = (ln->flags & LINE_PARA_START) != 0 || l->mark_pending;
    l->mark_pending = 0;
    for (uint32_t k = 0; k < ln->nruns; k++) {
        lay_run run = l->line_runs[ln->first_run + k];
        if (mark && !(run.flags & LAY_RUN_DECORATION)) {
            run.flags |= LAY_RUN_BLOCK_START;
            mark = 0;
        }
        if (page_add_run(p, &run, l->text + run.text, l->cfg.margin_left * 64, base) == 0 &&
            !(run.flags & (LAY_RUN_DECORATION | LAY_RUN_META)) && p->text_start == UINT32_MAX)
            p->text_start = run.src;
    }
    l->mark_pending = mark;
    l->y = top + ln->height;
    l->page_has_body = 1;
    p->lines++;
}

static int32_t line_need(const lay_line *ln, int at_top)
{
    return (at_top ? 0 : ln->space_before) + ln->height;
}

int layout_begin_article(nws_layout *l, uint32_t article)
{
    nwsb_article a;
    if (nwsb_article_get(l->bundle, article, &a) != NWSB_OK)
        return -1;
    l->article = article;
    l->pos = a.text_offset;
    l->article_end = a.text_offset + a.text_size;
    l->page_no = 0;
    l->stage = STAGE_HEADER;
    l->nlines = l->next_line = 0;
    l->nline_runs = 0;
    l->block_more = 0;
    l->mark_pending = 0;
    l->space_pending = 0;
    l->prev_block_type = 0;
    l->style = NWS_STYLE_REGULAR;
    l->skip_body = 0;
    l->end_images_done = 0;
    l->in_caption = 0;
    lay_memo_begin(l, article);
    cursor_load(l, nwsb_image_find(l->bundle, a.text_offset));
    return 0;
}

int layout_next_page(nws_layout *l, lay_page *p)
{
    page_reset(l, p, l->article);
    for (;;) {
        if (l->next_line >= l->nlines) {
            if (l->stage == STAGE_DONE)
                break;
            if (l->stage == STAGE_HEADER) {
                l->nlines = l->next_line = 0;
                l->nline_runs = 0;
                if (set_header(l) < 0)
                    return -1;
                l->stage = l->skip_body ? STAGE_DONE : STAGE_BLOCKS;
            } else {
                int r = set_next_block(l);
                if (r < 0)
                    return -1;
                if (r == 0) {
                    l->stage = STAGE_DONE;
                    continue;
                }
            }
            if (l->nlines == 0)
                continue;
        }
        /* How many of the waiting lines fit? */
        uint32_t m = l->nlines - l->next_line, k = 0;
        int32_t y = l->y;
        for (uint32_t i = l->next_line; i < l->nlines; i++) {
            int32_t need = line_need(&l->lines[i], !l->page_has_body && k == 0);
            if (y + need > content_bottom(l))
                break;
            y += need;
            k++;
        }
        const lay_line *first = &l->lines[l->next_line];
        int starts_para = (first->flags & LINE_PARA_START) != 0;
        int ends_para = (l->lines[l->nlines - 1].flags & LINE_PARA_END) != 0;
        if (k < m) {
            /* Orphan: the first line of a paragraph alone at the foot. */
            if (k == 1 && starts_para && m >= 2)
                k = 0;
            /* Widow: the last line alone at the head of the next page. */
            if (k > 0 && ends_para && m - k == 1) {
                k--;
                if (k == 1 && starts_para)
                    k = 0;
            }
        }
        int picture = first->nruns == 1 && (l->line_runs[first->first_run].flags & LAY_RUN_IMAGE);
        if (picture && (first->flags & LINE_KEEP_WITH_NEXT)) {
            /* A captioned picture goes with its whole caption, unless even
             * a fresh page cannot hold both. */
            if (k < m)
                k = l->page_has_body ? 0 : k;
        } else if (k > 0 && (first->flags & LINE_KEEP_WITH_NEXT)) {
            /* A heading wants two lines of what follows on its page. */
            int32_t after = y + 2 * round_px((int64_t)l->px_of[LAY_FONT_BODY] * 135 / 100);
            if (k < m || after > content_bottom(l))
                k = 0;
        }
        if (k == 0 && !l->page_has_body)
            k = 1; /* an empty page always takes a line: progress */
        if (k == 0)
            break;
        for (uint32_t i = 0; i < k; i++) {
            place_line(l, p, &l->lines[l->next_line], !l->page_has_body);
            l->next_line++;
        }
        if (k < m)
            break;
    }
    if (p->nruns == 0 && l->page_no > 0)
        return 0;
    p->page_in_article = ++l->page_no;
    return 1;
}
