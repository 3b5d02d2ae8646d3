/* parse_markdown.c -- Markdown articles through md4c (CommonMark, plus
 * tables and strikethrough).  YAML-style front matter gives metadata;
 * otherwise a leading "# Heading" is the title. */
#include <md4c.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../app/diag.h"
#include "entities.h"
#include "image_load.h"
#include "input.h"

#define MD_MAX_LISTS 32

typedef struct md_ctx {
    const source_text *src;
    nws_article *a;
    nws_builder b;
    unsigned quote_depth, list_depth;
    struct {
        int ordered;
        uint32_t next;
    } lists[MD_MAX_LISTS];
    int item_fresh; /* a list item opened, its first paragraph not yet */
    int em, strong, code_span, img;
    int in_code_block, in_html_block, html_in_tag;
    unsigned cell;
    int in_th;
    /* headings: their text is kept in case one becomes the title */
    int in_heading;
    unsigned heading_level;
    size_t heading_body_start;
    uint32_t heading_blocks_before;
    nwbuf heading_text;
    char *first_h1, *first_heading;
    int title_from_front_matter;
    /* the picture being read: its reference and alt text */
    image_ctx images;
    char *img_src;
    nwbuf img_alt;
} md_ctx;

/* Nesting of a block: each list and each quote beyond the first adds one,
 * so a plain quote has depth 0 like a top-level list item. */
static unsigned depth_of(const md_ctx *c)
{
    return (c->quote_depth > 0 ? c->quote_depth - 1 : 0) + c->list_depth;
}

static void apply_style(md_ctx *c)
{
    int s = (c->em > 0 ? NWS_STYLE_ITALIC : 0) | (c->strong > 0 || c->in_th ? NWS_STYLE_BOLD : 0);
    builder_style(&c->b, (nws_style)s);
}

static void begin_paragraph(md_ctx *c)
{
    if (c->item_fresh) {
        c->item_fresh = 0; /* the item's own block takes the text */
        return;
    }
    builder_block(&c->b, c->quote_depth > 0 ? NWS_BLOCK_QUOTE : NWS_BLOCK_PARAGRAPH, depth_of(c),
                  0);
    apply_style(c);
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
    md_ctx *c = ud;
    if (type != MD_BLOCK_P)
        c->item_fresh = 0;
    switch (type) {
    case MD_BLOCK_QUOTE:
        builder_end_block(&c->b);
        c->quote_depth++;
        break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
        builder_end_block(&c->b);
        if (c->list_depth < MD_MAX_LISTS) {
            c->lists[c->list_depth].ordered = type == MD_BLOCK_OL;
            c->lists[c->list_depth].next =
                type == MD_BLOCK_OL ? ((MD_BLOCK_OL_DETAIL *)detail)->start : 0;
        }
        c->list_depth++;
        break;
    case MD_BLOCK_LI: {
        uint32_t ord = 0;
        if (c->list_depth > 0 && c->list_depth <= MD_MAX_LISTS &&
            c->lists[c->list_depth - 1].ordered)
            ord = c->lists[c->list_depth - 1].next++;
        builder_block(&c->b, NWS_BLOCK_LIST_ITEM, depth_of(c) - 1, ord);
        apply_style(c);
        c->item_fresh = 1;
        break;
    }
    case MD_BLOCK_H:
        c->heading_level = ((MD_BLOCK_H_DETAIL *)detail)->level;
        builder_end_block(&c->b);
        c->heading_body_start = c->a->body.len;
        c->heading_blocks_before = c->a->blocks;
        builder_block(&c->b, (nws_block_type)(NWS_BLOCK_HEADING1 + c->heading_level - 1),
                      c->quote_depth, 0);
        c->in_heading = 1;
        c->heading_text.len = 0;
        break;
    case MD_BLOCK_CODE:
        builder_block(&c->b, NWS_BLOCK_PRE, depth_of(c), 0);
        c->in_code_block = 1;
        break;
    case MD_BLOCK_HTML:
        begin_paragraph(c);
        c->in_html_block = 1;
        c->html_in_tag = 0;
        break;
    case MD_BLOCK_P:
        begin_paragraph(c);
        break;
    case MD_BLOCK_TR:
        builder_block(&c->b, c->quote_depth > 0 ? NWS_BLOCK_QUOTE : NWS_BLOCK_PARAGRAPH,
                      depth_of(c), 0);
        c->cell = 0;
        break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
        if (c->cell++ > 0) {
            builder_style(&c->b, NWS_STYLE_REGULAR);
            builder_text_literal(&c->b, " | ", 3);
        }
        c->in_th = type == MD_BLOCK_TH;
        apply_style(c);
        break;
    case MD_BLOCK_HR:
        builder_end_block(&c->b);
        break;
    default:
        break;
    }
    return 0;
}

static void finish_heading(md_ctx *c)
{
    builder_end_block(&c->b);
    c->in_heading = 0;
    char *text = xstrndup((const char *)c->heading_text.data, c->heading_text.len);
    if (c->heading_level == 1 && !c->first_h1 && !c->title_from_front_matter &&
        c->heading_blocks_before == 0) {
        /* "# Title" opening the document is the title, not body text. */
        c->a->body.len = c->heading_body_start;
        c->a->blocks = c->heading_blocks_before;
        article_set(c->a, NWSB_FIELD_TITLE, text, strlen(text));
    }
    if (c->heading_level == 1 && !c->first_h1)
        c->first_h1 = xstrdup(text);
    if (!c->first_heading)
        c->first_heading = xstrdup(text);
    free(text);
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
    md_ctx *c = ud;
    (void)detail;
    switch (type) {
    case MD_BLOCK_QUOTE:
        builder_end_block(&c->b);
        c->quote_depth--;
        break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
        builder_end_block(&c->b);
        c->list_depth--;
        break;
    case MD_BLOCK_LI:
        builder_end_block(&c->b);
        c->item_fresh = 0;
        break;
    case MD_BLOCK_H:
        finish_heading(c);
        break;
    case MD_BLOCK_CODE:
        builder_end_block(&c->b);
        c->in_code_block = 0;
        break;
    case MD_BLOCK_HTML:
        builder_end_block(&c->b);
        c->in_html_block = 0;
        break;
    case MD_BLOCK_P:
    case MD_BLOCK_TR:
        builder_end_block(&c->b);
        break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
        c->in_th = 0;
        apply_style(c);
        break;
    default:
        break;
    }
    return 0;
}

static int enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
    md_ctx *c = ud;
    if (type == MD_SPAN_EM)
        c->em++;
    else if (type == MD_SPAN_STRONG)
        c->strong++;
    else if (type == MD_SPAN_CODE || type == MD_SPAN_LATEXMATH ||
             type == MD_SPAN_LATEXMATH_DISPLAY)
        c->code_span++;
    else if (type == MD_SPAN_IMG && c->img++ == 0) {
        const MD_SPAN_IMG_DETAIL *d = detail;
        free(c->img_src);
        c->img_src = xstrndup(d->src.text, d->src.size);
        c->img_alt.len = 0;
    }
    apply_style(c);
    return 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
    md_ctx *c = ud;
    (void)detail;
    if (type == MD_SPAN_EM)
        c->em--;
    else if (type == MD_SPAN_STRONG)
        c->strong--;
    else if (type == MD_SPAN_CODE || type == MD_SPAN_LATEXMATH ||
             type == MD_SPAN_LATEXMATH_DISPLAY)
        c->code_span--;
    else if (type == MD_SPAN_IMG && --c->img == 0) {
        /* ![alt](src): the alt text is the caption */
        char *alt = buf_take_str(&c->img_alt);
        const char *ref = c->img_src;
        image_place(&c->images, &c->b, &ref, 1, NULL, alt, 0);
        free(alt);
        free(c->img_src);
        c->img_src = NULL;
    }
    apply_style(c);
    return 0;
}

static void emit(md_ctx *c, const char *s, size_t n, int literal)
{
    if (c->in_heading)
        buf_add(&c->heading_text, s, n);
    if (literal)
        builder_text_literal(&c->b, s, n);
    else
        builder_text(&c->b, s, n);
}

/* Raw HTML inside Markdown: keep the text, drop the tags. */
static void html_text(md_ctx *c, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (c->html_in_tag) {
            if (s[i] == '>') {
                c->html_in_tag = 0;
                run = i + 1;
            }
            continue;
        }
        if (s[i] == '<' || s[i] == '&') {
            emit(c, s + run, i - run, 0);
            run = i;
            if (s[i] == '<') {
                c->html_in_tag = 1;
                continue;
            }
            const char *semi = memchr(s + i, ';', n - i < 40 ? n - i : 40);
            char dec[8];
            size_t m = semi ? entity_decode(s + i, (size_t)(semi - (s + i)) + 1, dec) : 0;
            if (m) {
                emit(c, dec, m, 0);
                i = (size_t)(semi - s);
                run = i + 1;
            }
        }
    }
    if (!c->html_in_tag)
        emit(c, s + run, n - run, 0);
}

static int text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *ud)
{
    md_ctx *c = ud;
    char dec[8];
    size_t m;
    if (c->img) {
        if (type != MD_TEXT_NULLCHAR)
            buf_add(&c->img_alt, s, n);
        return 0;
    }
    switch (type) {
    case MD_TEXT_NORMAL:
        if (c->in_html_block)
            html_text(c, s, n);
        else
            emit(c, s, n, c->code_span > 0);
        break;
    case MD_TEXT_CODE:
        emit(c, s, n, 1);
        break;
    case MD_TEXT_NULLCHAR:
        emit(c, "\xEF\xBF\xBD", 3, 1);
        break;
    case MD_TEXT_BR:
        if (c->in_heading)
            emit(c, " ", 1, 0);
        else
            builder_line_break(&c->b);
        break;
    case MD_TEXT_SOFTBR:
        emit(c, " ", 1, 0);
        break;
    case MD_TEXT_ENTITY:
        m = entity_decode(s, n, dec);
        if (m)
            emit(c, dec, m, 1);
        else
            emit(c, s, n, 1);
        break;
    case MD_TEXT_HTML:
        if (c->in_html_block)
            html_text(c, s, n);
        break; /* inline tags carry no text */
    case MD_TEXT_LATEXMATH:
        emit(c, s, n, 1);
        break;
    }
    return 0;
}

/* "key: value" lines between "---" fences at the very top. */
static size_t front_matter(md_ctx *c, const char *s, size_t n)
{
    static const struct {
        const char *key;
        int field;
    } keys[] = {{"title", NWSB_FIELD_TITLE},     {"date", NWSB_FIELD_DATE},
                {"published", NWSB_FIELD_DATE},  {"author", NWSB_FIELD_AUTHOR},
                {"authors", NWSB_FIELD_AUTHOR},  {"by", NWSB_FIELD_AUTHOR},
                {"source", NWSB_FIELD_SOURCE},   {"publisher", NWSB_FIELD_SOURCE},
                {"lang", NWSB_FIELD_LANGUAGE},   {"language", NWSB_FIELD_LANGUAGE},
                {"url", NWSB_FIELD_URL},         {"link", NWSB_FIELD_URL}};
    if (n < 4 || strncmp(s, "---", 3) != 0 || (s[3] != '\n' && s[3] != ' '))
        return 0;
    const char *p = memchr(s, '\n', n);
    size_t line = 2;
    int list_field = -1;
    nwbuf list = {0};
    while (p && (size_t)(p + 1 - s) < n) {
        const char *l = p + 1, *e = memchr(l, '\n', n - (size_t)(l - s));
        size_t len = e ? (size_t)(e - l) : n - (size_t)(l - s);
        while (len > 0 && (l[len - 1] == ' ' || l[len - 1] == '\t'))
            len--;
        int is_list_item = len >= 2 && (l[0] == ' ' || l[0] == '-');
        if (list_field >= 0 && !is_list_item) {
            article_set(c->a, (nwsb_field)list_field, (const char *)list.data, list.len);
            list_field = -1;
        }
        if ((len == 3 && (strncmp(l, "---", 3) == 0 || strncmp(l, "...", 3) == 0))) {
            buf_free(&list);
            return e ? (size_t)(e + 1 - s) : n;
        }
        const char *colon = memchr(l, ':', len);
        if (list_field >= 0 && is_list_item) {
            const char *v = memchr(l, '-', len);
            if (v) {
                size_t vl = len - (size_t)(v + 1 - l);
                v++;
                while (vl && *v == ' ')
                    v++, vl--;
                if (vl >= 2 && (*v == '"' || *v == '\'') && v[vl - 1] == *v)
                    v++, vl -= 2;
                if (list.len)
                    buf_adds(&list, ", ");
                buf_add(&list, v, vl);
            }
        } else if (colon && l[0] != ' ' && l[0] != '#') {
            size_t klen = (size_t)(colon - l);
            const char *v = colon + 1;
            size_t vl = len - klen - 1;
            while (vl && (*v == ' ' || *v == '\t'))
                v++, vl--;
            if (vl >= 2 && (*v == '"' || *v == '\'') && v[vl - 1] == *v)
                v++, vl -= 2;
            for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
                if (strlen(keys[k].key) != klen || strncasecmp(l, keys[k].key, klen) != 0)
                    continue;
                if (vl == 0 && keys[k].field == NWSB_FIELD_AUTHOR) {
                    list_field = keys[k].field;
                    list.len = 0;
                } else if (keys[k].field == NWSB_FIELD_DATE) {
                    input_set_date(c->a, v, vl, c->src->name, line);
                } else {
                    article_set(c->a, (nwsb_field)keys[k].field, v, vl);
                    if (keys[k].field == NWSB_FIELD_TITLE)
                        c->title_from_front_matter = c->a->field[NWSB_FIELD_TITLE] != NULL;
                }
            }
        }
        p = e;
        line++;
    }
    /* No closing fence: it was not front matter after all. */
    buf_free(&list);
    for (int f = 0; f < NWSB_FIELD_COUNT; f++) {
        free(c->a->field[f]);
        c->a->field[f] = NULL;
    }
    c->title_from_front_matter = 0;
    return 0;
}

size_t parse_markdown(const source_text *src, const input_options *opt, article_list *out)
{
    md_ctx c;
    MD_PARSER parser = {0, MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH, enter_block, leave_block,
                        enter_span, leave_span, text, NULL, NULL};
    memset(&c, 0, sizeof c);
    c.src = src;
    c.a = article_new(src->name);
    builder_init(&c.b, c.a, opt->smart);
    c.images = (image_ctx){src->name, opt->image_max_w, opt->image_max_h, 1, 0, 0, 0};
    if (opt->image_max_w)
        c.b.images = &c.images;
    size_t skip = front_matter(&c, src->data, src->len);
    if (md_parse(src->data + skip, (MD_SIZE)(src->len - skip), &parser, &c) != 0) {
        diag_error(src->name, 0, "Markdown parser failed");
        article_free(c.a);
        free(c.img_src);
        buf_free(&c.img_alt);
        buf_free(&c.heading_text);
        free(c.first_h1);
        free(c.first_heading);
        return 0;
    }
    builder_finish(&c.b);
    image_ctx_report(&c.images);
    free(c.img_src);
    buf_free(&c.img_alt);
    if (!c.a->field[NWSB_FIELD_TITLE]) {
        const char *t = c.first_h1 ? c.first_h1 : c.first_heading;
        if (t) {
            article_set(c.a, NWSB_FIELD_TITLE, t, strlen(t));
        } else {
            input_title_from_path(c.a, src->name);
        }
    }
    if (c.title_from_front_matter || c.a->field[NWSB_FIELD_TITLE]) {
        char *typo = typo_string(c.a->field[NWSB_FIELD_TITLE], opt->smart);
        article_set(c.a, NWSB_FIELD_TITLE, typo, strlen(typo));
        free(typo);
    }
    buf_free(&c.heading_text);
    free(c.first_h1);
    free(c.first_heading);
    if (c.a->blocks == 0 && !c.a->field[NWSB_FIELD_TITLE]) {
        article_free(c.a);
        return 0;
    }
    article_list_add(out, c.a);
    return 1;
}
