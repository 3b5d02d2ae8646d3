/* html_blocks.c -- HTML elements to article blocks. */
#include "html_blocks.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html_images.h"

#define LIST_LEVELS 32
/* Nesting past this is flattened: the text is kept, the structure not
 * (pages nest 100,000 divs to break parsers). */
#define MAX_DEPTH 400

int html_is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->name &&
           strcasecmp((const char *)n->name, name) == 0;
}

char *html_attr(const xmlNode *n, const char *name)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return NULL;
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *s = xstrdup((const char *)v);
    xmlFree(v);
    return s;
}

static int name_in(const xmlNode *n, const char *const *names)
{
    if (!n || n->type != XML_ELEMENT_NODE || !n->name)
        return 0;
    for (; *names; names++)
        if (strcasecmp((const char *)n->name, *names) == 0)
            return 1;
    return 0;
}

int html_is_block(const xmlNode *n)
{
    static const char *const blocks[] = {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "address",
        "center", "details", "summary", "figure", "figcaption", "dl", "dt", "dd", "caption",
        "fieldset", "legend", "blockquote", "ul", "ol", "li", "pre", "table", "thead", "tbody",
        "tfoot", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "form", "menu",
        "hgroup", "body", "html", "noscript", "dialog", "option", "listing", "plaintext", "xmp",
        NULL};
    return name_in(n, blocks);
}

int html_is_skipped(const xmlNode *n)
{
    static const char *const skipped[] = {
        "script", "style", "template", "head", "title", "iframe", "object", "embed", "svg",
        "annotation", "annotation-xml", "canvas", "button", "input", "select", "textarea", "video", "audio", "source",
        "track", "map", "area", "link", "meta", "base", "noembed", "noframes", "frameset",
        "frame", "param", "picture", "img", "datalist", "output", "progress", "meter", NULL};
    return n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE || n->type == XML_DTD_NODE ||
           name_in(n, skipped);
}

typedef struct conv {
    nws_builder *b;
    unsigned quote, lists, pre, italic, bold, literal, depth;
    struct {
        int ordered;
        uint32_t next;
    } list[LIST_LEVELS];
    unsigned cell; /* cells written in the current table row */
    int in_item;   /* a list item's block is open and still empty */
} conv;

static void style(conv *c)
{
    builder_style(c->b, (nws_style)((c->italic ? NWS_STYLE_ITALIC : 0) |
                                    (c->bold ? NWS_STYLE_BOLD : 0)));
}

static unsigned depth_of(const conv *c)
{
    return (c->quote > 0 ? c->quote - 1 : 0) + c->lists;
}

/* A block element ends the running paragraph; its text opens a new one
 * lazily (put_cp opens a paragraph), so empty wrappers leave nothing. */
static void open_block(conv *c, nws_block_type type, unsigned depth, uint32_t ordinal)
{
    builder_block(c->b, type, depth > 15 ? 15 : depth, ordinal);
    style(c);
}

static void paragraph(conv *c)
{
    if (c->in_item)
        return; /* the list item's block takes the first paragraph */
    builder_end_block(c->b);
    open_block(c, c->quote ? NWS_BLOCK_QUOTE : NWS_BLOCK_PARAGRAPH, depth_of(c), 0);
}

static void walk(conv *c, const xmlNode *n);

static void children(conv *c, const xmlNode *n)
{
    for (const xmlNode *k = n->children; k; k = k->next)
        walk(c, k);
}

static void text(conv *c, const char *s)
{
    size_t len = strlen(s);
    if (!c->pre) {
        /* whitespace-only text between blocks says nothing */
        size_t i = 0;
        while (i < len && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r'))
            i++;
        if (i == len && !c->b->marker_written)
            return;
    }
    if (c->in_item && len)
        c->in_item = 0;
    if (c->literal || c->pre)
        builder_text_literal(c->b, s, len);
    else
        builder_text(c->b, s, len);
}

static void list(conv *c, const xmlNode *n)
{
    builder_end_block(c->b);
    if (c->lists < LIST_LEVELS) {
        c->list[c->lists].ordered = html_is(n, "ol");
        xmlChar *start = xmlGetProp(n, (const xmlChar *)"start");
        long v = start ? strtol((const char *)start, NULL, 10) : 1;
        c->list[c->lists].next = v > 0 && v < 1000000 ? (uint32_t)v : 1;
        xmlFree(start);
    }
    c->lists++;
    children(c, n);
    builder_end_block(c->b);
    c->lists--;
}

static void item(conv *c, const xmlNode *n)
{
    builder_end_block(c->b);
    uint32_t ord = 0;
    if (c->lists == 0) {
        paragraph(c);
    } else {
        if (c->lists <= LIST_LEVELS && c->list[c->lists - 1].ordered)
            ord = c->list[c->lists - 1].next++;
        open_block(c, NWS_BLOCK_LIST_ITEM, depth_of(c) - 1, ord);
        c->in_item = 1;
    }
    children(c, n);
    c->in_item = 0;
    builder_end_block(c->b);
}

static void heading(conv *c, const xmlNode *n)
{
    unsigned level = (unsigned)(n->name[1] - '0');
    builder_end_block(c->b);
    /* headings are set bold by the renderer already */
    open_block(c, (nws_block_type)(NWS_BLOCK_HEADING1 + level - 1), c->quote, 0);
    children(c, n);
    builder_end_block(c->b);
    style(c);
}

static void table_row(conv *c, const xmlNode *n)
{
    builder_end_block(c->b);
    paragraph(c);
    c->cell = 0;
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (html_is(k, "td") || html_is(k, "th")) {
            char *t = html_text(k);
            if (t && *t) {
                if (c->cell++ > 0) {
                    builder_style(c->b, NWS_STYLE_REGULAR);
                    builder_text_literal(c->b, " | ", 3);
                }
                c->bold += html_is(k, "th");
                style(c);
                builder_text(c->b, t, strlen(t));
                c->bold -= html_is(k, "th");
                style(c);
            }
            free(t);
        } else {
            walk(c, k);
        }
    }
    builder_end_block(c->b);
}

static void element(conv *c, const xmlNode *n)
{
    const char *name = (const char *)n->name;
    if (html_image_element(n, c->b))
        return;
    if (html_is_skipped(n))
        return;
    if (html_is(n, "br")) {
        builder_line_break(c->b);
        return;
    }
    if (html_is(n, "hr")) {
        builder_end_block(c->b);
        return;
    }
    if (strlen(name) == 2 && (name[0] == 'h' || name[0] == 'H') && name[1] >= '1' &&
        name[1] <= '6') {
        heading(c, n);
        return;
    }
    if (html_is(n, "ul") || html_is(n, "ol") || html_is(n, "menu")) {
        list(c, n);
        return;
    }
    if (html_is(n, "li")) {
        item(c, n);
        return;
    }
    if (html_is(n, "tr")) {
        table_row(c, n);
        return;
    }
    if (html_is(n, "blockquote")) {
        builder_end_block(c->b);
        c->quote++;
        children(c, n);
        builder_end_block(c->b);
        c->quote--;
        return;
    }
    if (html_is(n, "pre") || html_is(n, "listing") || html_is(n, "xmp") ||
        html_is(n, "plaintext")) {
        builder_end_block(c->b);
        open_block(c, NWS_BLOCK_PRE, depth_of(c), 0);
        c->pre++;
        c->b->verbatim = 1;
        children(c, n);
        builder_end_block(c->b);
        c->pre--;
        c->b->verbatim = c->pre > 0;
        return;
    }
    int italic = html_is(n, "em") || html_is(n, "i") || html_is(n, "cite") ||
                 html_is(n, "dfn") || html_is(n, "var") || html_is(n, "figcaption");
    int bold = html_is(n, "strong") || html_is(n, "b") || html_is(n, "dt");
    int literal = html_is(n, "code") || html_is(n, "kbd") || html_is(n, "samp") ||
                  html_is(n, "tt");
    int block = html_is_block(n);
    if (block)
        paragraph(c);
    c->italic += italic;
    c->bold += bold;
    c->literal += literal;
    if (italic || bold)
        style(c);
    if (html_is(n, "q"))
        text(c, "\"");
    children(c, n);
    if (html_is(n, "q"))
        text(c, "\"");
    c->italic -= italic;
    c->bold -= bold;
    c->literal -= literal;
    if (italic || bold)
        style(c);
    if (block) {
        builder_end_block(c->b);
        style(c);
    }
}

static void walk(conv *c, const xmlNode *n)
{
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content)
            text(c, (const char *)n->content);
        return;
    }
    if (n->type == XML_ENTITY_REF_NODE) {
        children(c, n);
        return;
    }
    if (n->type != XML_ELEMENT_NODE)
        return;
    if (c->depth >= MAX_DEPTH) {
        char *t = html_text(n);
        if (t)
            text(c, t);
        free(t);
        return;
    }
    c->depth++;
    element(c, n);
    c->depth--;
}

void html_to_blocks(const xmlNode *node, nws_builder *b)
{
    conv c;
    memset(&c, 0, sizeof c);
    c.b = b;
    children(&c, node);
    builder_end_block(b);
}

void html_raw_text(const xmlNode *n, int as_read, nwbuf *out)
{
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content)
            buf_adds(out, (const char *)n->content);
        return;
    }
    /* iterative: deeply nested pages must not exhaust the stack */
    const xmlNode *k = n->children;
    while (k) {
        if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
            if (k->content)
                buf_adds(out, (const char *)k->content);
        } else if (k->type == XML_ELEMENT_NODE && !(as_read && html_is_skipped(k))) {
            if (as_read && (html_is_block(k) || html_is(k, "br")))
                buf_addc(out, ' ');
            if (k->children) {
                k = k->children;
                continue;
            }
        }
        while (k && !k->next) {
            k = k->parent;
            if (k == n)
                return;
            if (as_read && html_is_block(k))
                buf_addc(out, ' ');
        }
        if (k)
            k = k->next;
    }
}

char *html_text(const xmlNode *node)
{
    nwbuf raw = {0}, out = {0};
    html_raw_text(node, 1, &raw);
    int space = 0;
    for (size_t i = 0; i < raw.len; i++) {
        uint8_t ch = raw.data[i];
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f') {
            space = out.len > 0;
            continue;
        }
        if (space)
            buf_addc(&out, ' ');
        space = 0;
        buf_addc(&out, ch);
    }
    buf_free(&raw);
    return buf_take_str(&out);
}
