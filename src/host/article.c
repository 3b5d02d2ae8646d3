/* article.c -- the host article model and its builder. */
#include "article.h"

#include <stdlib.h>
#include <string.h>

#include "../core/utf8.h"

nws_article *article_new(const char *origin)
{
    nws_article *a = xcalloc(1, sizeof *a);
    a->origin = xstrdup(origin ? origin : "-");
    return a;
}

void article_free(nws_article *a)
{
    if (!a)
        return;
    for (int f = 0; f < NWSB_FIELD_COUNT; f++)
        free(a->field[f]);
    free(a->guid);
    free(a->origin);
    for (size_t i = 0; i < a->nimages; i++)
        free(a->images[i].pix);
    free(a->images);
    buf_free(&a->body);
    free(a);
}

static int is_space_cp(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
           cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

static int is_control_cp(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
}

void article_set(nws_article *a, nwsb_field f, const char *text, size_t len)
{
    nwbuf out = {0};
    int space = 0;
    const uint8_t *s = (const uint8_t *)text;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int ok;
        size_t n = utf8_decode(s + i, len - i, &cp, &ok);
        if (is_space_cp(cp)) {
            space = out.len > 0;
        } else if (!is_control_cp(cp)) {
            uint8_t enc[4];
            if (space)
                buf_addc(&out, ' ');
            space = 0;
            buf_add(&out, enc, utf8_encode(cp, enc));
        }
        i += n;
    }
    free(a->field[f]);
    a->field[f] = out.len ? buf_take_str(&out) : NULL;
    buf_free(&out);
}

/* A collision of the ids only makes --skip-seen drop one article. */
uint64_t article_id(const nws_article *a)
{
    uint64_t h = FNV1A64_INIT;
    if (a->guid)
        return fnv1a64(fnv1a64(h, "guid:"), a->guid);
    if (a->field[NWSB_FIELD_URL])
        return fnv1a64(fnv1a64(h, "url:"), a->field[NWSB_FIELD_URL]);
    h = fnv1a64(h, "title:");
    if (a->field[NWSB_FIELD_TITLE])
        h = fnv1a64(h, a->field[NWSB_FIELD_TITLE]);
    h = fnv1a64(h, "\ndate:");
    if (a->field[NWSB_FIELD_DATE])
        h = fnv1a64(h, a->field[NWSB_FIELD_DATE]);
    return h;
}

void builder_init(nws_builder *b, nws_article *a, int smart)
{
    memset(b, 0, sizeof *b);
    b->a = a;
    b->smart = smart;
}

static void write_marker(nws_builder *b)
{
    nwbuf *o = &b->a->body;
    buf_addc(o, NWS_MARK_BLOCK);
    buf_addc(o, (uint8_t)(b->type | (b->depth << NWS_ATTR_DEPTH_SHIFT)));
    if (b->type == NWS_BLOCK_LIST_ITEM) {
        uint32_t v = b->ordinal;
        do {
            uint8_t byte = v & 0x7F;
            v >>= 7;
            buf_addc(o, (uint8_t)(byte | (v ? 0x80 : 0)));
        } while (v);
    }
    b->marker_written = 1;
    b->written_style = NWS_STYLE_REGULAR;
    b->a->blocks++;
}

static void put_cp(nws_builder *b, uint32_t cp)
{
    uint8_t enc[4];
    nwbuf *o = &b->a->body;
    if (!b->in_block)
        builder_block(b, NWS_BLOCK_PARAGRAPH, 0, 0);
    if (!b->marker_written)
        write_marker(b);
    if (b->pending_space) {
        /* A space keeps the style of the text it was typed in, as in TeX:
         * "**bold** and" has a regular space, "*a* b" too. */
        if (b->space_style != b->written_style) {
            buf_addc(o, NWS_MARK_STYLE);
            buf_addc(o, b->space_style);
            b->written_style = b->space_style;
        }
        buf_addc(o, ' ');
        b->pending_space = 0;
    }
    if (b->style != b->written_style) {
        buf_addc(o, NWS_MARK_STYLE);
        buf_addc(o, b->style);
        b->written_style = b->style;
    }
    buf_add(o, enc, utf8_encode(cp, enc));
    b->prev = cp;
}

/* Runs of '-' and '.' are decided when they end: "--" is an en dash,
 * "---" an em dash, "..." an ellipsis; other lengths stay as typed. */
static void flush_runs(nws_builder *b)
{
    unsigned n = b->dashes;
    b->dashes = 0;
    if (n == 2)
        put_cp(b, 0x2013);
    else if (n == 3)
        put_cp(b, 0x2014);
    else
        while (n--)
            put_cp(b, '-');
    n = b->dots;
    b->dots = 0;
    if (n == 3)
        put_cp(b, 0x2026);
    else
        while (n--)
            put_cp(b, '.');
}

/* A quote opens after nothing, a space, an opening bracket or a dash. */
static int opens(const nws_builder *b)
{
    uint32_t p = b->prev;
    if (b->pending_space || !b->marker_written || p == 0)
        return 1;
    return p == '(' || p == '[' || p == '{' || p == '<' || p == '/' || p == 0x2013 ||
           p == 0x2014 || p == 0x201C || p == 0x2018 || p == '-' || p == 0xA0 || p == '\n';
}

static void feed(nws_builder *b, uint32_t cp, uint32_t next, int literal)
{
    if (b->verbatim) {
        if (cp == '\n') {
            builder_line_break(b);
        } else if (cp == '\t') {
            do {
                put_cp(b, ' ');
            } while (++b->column % 8);
        } else if (!is_control_cp(cp)) {
            put_cp(b, cp);
            b->column++;
        }
        return;
    }
    if (is_space_cp(cp)) {
        flush_runs(b);
        /* No space at the start of a block or of a line. */
        if (b->marker_written && b->prev != '\n' && !b->pending_space) {
            b->pending_space = 1;
            b->space_style = b->style;
        }
        return;
    }
    if (is_control_cp(cp))
        return;
    if (b->smart && !literal) {
        if (cp == '-') {
            if (b->dots)
                flush_runs(b);
            b->dashes++;
            return;
        }
        if (cp == '.') {
            if (b->dashes)
                flush_runs(b);
            b->dots++;
            return;
        }
        flush_runs(b);
        if (cp == '"') {
            cp = opens(b) ? 0x201C : 0x201D;
        } else if (cp == '\'') {
            /* '90s and 'tis elide letters: an apostrophe, not a quote. */
            cp = opens(b) && !(next >= '0' && next <= '9') ? 0x2018 : 0x2019;
        }
    } else {
        flush_runs(b);
    }
    put_cp(b, cp);
}

static void feed_text(nws_builder *b, const char *s, size_t n, int literal)
{
    const uint8_t *p = (const uint8_t *)s;
    size_t i = 0;
    uint32_t cp = 0;
    int ok;
    if (n == 0)
        return;
    i = utf8_decode(p, n, &cp, &ok);
    while (1) {
        uint32_t next = 0;
        size_t used = 0;
        if (i < n)
            used = utf8_decode(p + i, n - i, &next, &ok);
        feed(b, cp, next, literal);
        if (i >= n)
            break;
        cp = next;
        i += used;
    }
}

void builder_text(nws_builder *b, const char *s, size_t n)
{
    feed_text(b, s, n, 0);
}

void builder_text_literal(nws_builder *b, const char *s, size_t n)
{
    flush_runs(b);
    feed_text(b, s, n, 1);
}

void builder_end_block(nws_builder *b)
{
    flush_runs(b);
    /* Trailing line breaks (the last newline of a code block) say nothing. */
    if (b->marker_written)
        while (b->a->body.len > 0 && b->a->body.data[b->a->body.len - 1] == NWS_MARK_BREAK)
            b->a->body.len--;
    b->in_block = 0;
    b->marker_written = 0;
    b->pending_space = 0;
    b->verbatim = 0;
}

void builder_block(nws_builder *b, nws_block_type type, unsigned depth, uint32_t ordinal)
{
    if (b->in_block)
        builder_end_block(b);
    b->in_block = 1;
    b->marker_written = 0;
    b->type = (uint8_t)type;
    b->depth = (uint8_t)(depth > NWS_ATTR_DEPTH_MAX ? NWS_ATTR_DEPTH_MAX : depth);
    b->ordinal = type == NWS_BLOCK_LIST_ITEM ? ordinal : 0;
    b->verbatim = type == NWS_BLOCK_PRE;
    b->column = 0;
    b->style = NWS_STYLE_REGULAR;
    b->prev = 0;
}

void builder_style(nws_builder *b, nws_style style)
{
    flush_runs(b);
    b->style = (uint8_t)style;
}

void builder_line_break(nws_builder *b)
{
    flush_runs(b);
    if (!b->in_block)
        return;
    if (!b->marker_written) {
        if (!b->verbatim)
            return; /* a break before any text says nothing */
        write_marker(b);
    }
    b->pending_space = 0;
    buf_addc(&b->a->body, NWS_MARK_BREAK);
    b->prev = '\n';
    b->column = 0;
}

void builder_finish(nws_builder *b)
{
    if (b->in_block)
        builder_end_block(b);
}

char *typo_string(const char *s, int smart)
{
    nws_article tmp;
    nws_builder b;
    nwbuf out = {0};
    memset(&tmp, 0, sizeof tmp);
    builder_init(&b, &tmp, smart);
    builder_text(&b, s, strlen(s));
    builder_finish(&b);
    /* Keep only the text: one paragraph, no style changes. */
    nws_scanner sc;
    nws_token t;
    nws_scan_init(&sc, tmp.body.data, 0, (uint32_t)tmp.body.len);
    while (nws_scan_next(&sc, &t) == 1)
        if (t.kind == NWS_TOK_TEXT)
            buf_add(&out, t.text, t.len);
    buf_free(&tmp.body);
    return buf_take_str(&out);
}

void builder_caption(nws_builder *b, const char *caption)
{
    builder_end_block(b);
    if (!caption || !*caption)
        return;
    builder_block(b, NWS_BLOCK_PARAGRAPH, 0, 0);
    builder_style(b, NWS_STYLE_ITALIC);
    builder_text(b, caption, strlen(caption));
    builder_end_block(b);
}

void builder_image(nws_builder *b, uint8_t *pix, uint16_t w, uint16_t h, const char *caption)
{
    nws_article *a = b->a;
    builder_end_block(b);
    a->images = xrealloc(a->images, (a->nimages + 1) * sizeof *a->images);
    article_image *im = &a->images[a->nimages++];
    im->block = a->blocks;
    im->w = w;
    im->h = h;
    im->pix = pix;
    builder_caption(b, caption);
    im->captioned = a->blocks > im->block;
}
