/* readability_clean.c -- preparing a page for scoring, and cleaning the
 * chosen article of what is not text. */
#include <stdlib.h>
#include <string.h>

#include "../app/buf.h"
#include "html_blocks.h"
#include "readability_internal.h"

typedef int (*node_test)(rd_ctx *c, xmlNode *n);

/* The next element after k in document order, without leaving root. */
static xmlNode *next_in(xmlNode *k, const xmlNode *root, int skip_children)
{
    xmlNode *next = skip_children ? NULL : rd_first_element(k->children);
    for (xmlNode *up = k; !next && up && up != root; up = up->parent)
        next = rd_first_element(up->next);
    return next;
}

/* Remove every element named tag below root for which test says so (all
 * of them without a test).  Collected first, tested last to first, as
 * Readability does, so inner elements go before their containers. */
static void remove_tagged(rd_ctx *c, xmlNode *root, const char *tag, node_test test)
{
    xmlNode **v = NULL;
    size_t n = 0, cap = 0;
    for (xmlNode *k = rd_first_element(root->children); k; k = next_in(k, root, 0))
        if (html_is(k, tag)) {
            if (n == cap) {
                cap = cap ? cap * 2 : 32;
                v = xrealloc(v, cap * sizeof *v);
            }
            v[n++] = k;
        }
    while (n-- > 0)
        if (!test || test(c, v[n]))
            rd_remove(v[n]);
    free(v);
}

static xmlNode *next_nonblank(xmlNode *n)
{
    while (n && n->type != XML_ELEMENT_NODE && rd_is_blank(n))
        n = n->next;
    return n;
}

/* <br><br> chains end paragraphs: the text after them becomes a <p>. */
static void replace_brs(rd_ctx *c, xmlNode *root)
{
    for (xmlNode *k = rd_first_element(root->children); k; k = next_in(k, root, 0)) {
        if (!html_is(k, "br"))
            continue;
        int replaced = 0;
        xmlNode *next = next_nonblank(k->next);
        while (next && html_is(next, "br")) {
            replaced = 1;
            xmlNode *after = next->next;
            rd_remove(next);
            next = next_nonblank(after);
        }
        if (!replaced)
            continue;
        xmlNode *p = xmlNewDocNode(c->doc, NULL, (const xmlChar *)"p", NULL);
        xmlReplaceNode(k, p);
        xmlFreeNode(k);
        k = p;
        next = p->next;
        while (next) {
            if (html_is(next, "br")) {
                xmlNode *after = next_nonblank(next->next);
                if (after && html_is(after, "br"))
                    break;
            }
            if (!rd_is_phrasing(next))
                break;
            xmlNode *sib = next->next;
            xmlUnlinkNode(next);
            xmlAddChild(p, next);
            next = sib;
        }
        while (p->last && rd_is_whitespace(p->last))
            rd_remove(p->last);
        if (html_is(p->parent, "p"))
            xmlNodeSetName(p->parent, (const xmlChar *)"div");
    }
}

void rd_prep_document(rd_ctx *c, xmlNode *body)
{
    remove_tagged(c, body, "script", NULL);
    remove_tagged(c, body, "noscript", NULL);
    remove_tagged(c, body, "style", NULL);
    remove_tagged(c, body, "template", NULL);
    /* brs collected lazily: the sentinel above marks removed ones */
    replace_brs(c, body);
    for (xmlNode *k = rd_first_element(body->children); k; k = rd_next(k, 0))
        if (html_is(k, "font"))
            xmlNodeSetName(k, (const xmlChar *)"span");
}

/* Tables that hold data (not layout) are kept whatever their score. */
static int is_data_table(const xmlNode *t)
{
    if (rd_attr_is(t, "role", "presentation") || rd_attr_is(t, "datatable", "0"))
        return 0;
    if (xmlHasProp(t, (const xmlChar *)"summary"))
        return 1;
    xmlNode *cap = rd_first_element(t->children);
    if (html_is(cap, "caption") && cap->children)
        return 1;
    if (rd_count_tag(t, "col") + rd_count_tag(t, "colgroup") + rd_count_tag(t, "tfoot") +
            rd_count_tag(t, "thead") + rd_count_tag(t, "th") > 0)
        return 1;
    if (rd_count_tag(t, "table") > 0)
        return 0;
    size_t rows = 0, cols = 0;
    for (xmlNode *r = rd_first_element(t->children); r; r = next_in(r, t, 0)) {
        if (!html_is(r, "tr"))
            continue;
        rows++;
        size_t k = 0;
        for (xmlNode *cell = rd_first_element(r->children); cell;
             cell = rd_first_element(cell->next))
            k += html_is(cell, "td") || html_is(cell, "th");
        if (k > cols)
            cols = k;
    }
    return rows >= 10 || cols > 4 || rows * cols > 10;
}

static void mark_data_tables(rd_ctx *c, xmlNode *root)
{
    for (xmlNode *t = rd_first_element(root->children); t; t = next_in(t, root, 0))
        if (html_is(t, "table"))
            rd_get(c, t)->data_table = (unsigned char)is_data_table(t);
}

static int in_data_table(const rd_ctx *c, const xmlNode *n)
{
    for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
        if (html_is(n, "table")) {
            const rd_info *i = rd_peek(c, n);
            if (i && i->data_table)
                return 1;
        }
    return 0;
}

/* Length of the text of the named descendants over the node's text. */
static double text_density(const xmlNode *n, const char *const *tags)
{
    size_t total = rd_text_len(n), part = 0;
    if (!total)
        return 0;
    for (xmlNode *k = rd_first_element(n->children); k; k = next_in(k, n, 0))
        for (const char *const *t = tags; *t; t++)
            if (html_is(k, *t)) {
                part += rd_text_len(k);
                break;
            }
    return (double)part / (double)total;
}

static int embed_is_video(const rd_ctx *c, const xmlNode *n)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        xmlChar *v = xmlNodeGetContent((const xmlNode *)a);
        int video = v && rd_rx(c, RX_VIDEOS, (const char *)v);
        xmlFree(v);
        if (video)
            return 1;
    }
    return 0;
}

/* Text in lists below n (nested lists count again, as in Readability). */
static size_t list_text(const xmlNode *n)
{
    size_t len = 0;
    for (xmlNode *k = rd_first_element(n->children); k; k = next_in(k, n, 0))
        if (html_is(k, "ul") || html_is(k, "ol"))
            len += rd_text_len(k);
    return len;
}

/* Readability's _cleanConditionally: a block goes when its class says
 * so, or when few commas come with signs of furniture (more images or
 * list items than paragraphs, forms, link-heavy text, lone embeds). */
static int fishy(rd_ctx *c, xmlNode *n)
{
    char *text = rd_inner_text(n);
    size_t len = rd_cp_len(text), commas = rd_count(text, ",");
    free(text);
    int list = html_is(n, "ul") || html_is(n, "ol");
    if (!list)
        list = len > 0 && (double)list_text(n) / (double)len > 0.9;
    if (html_is(n, "table") && rd_peek(c, n) && rd_peek(c, n)->data_table)
        return 0;
    if (in_data_table(c, n) || rd_has_ancestor(n, "code", 0))
        return 0;
    int weight = rd_class_weight(c, n);
    if (weight < 0)
        return 1;
    if (commas >= 10)
        return 0;
    size_t p = rd_count_tag(n, "p"), img = rd_count_tag(n, "img");
    long li = (long)rd_count_tag(n, "li") - 100;
    size_t input = rd_count_tag(n, "input");
    static const char *const headings[] = {"h1", "h2", "h3", "h4", "h5", "h6", NULL};
    double heading_density = text_density(n, headings);
    size_t embeds = 0;
    for (xmlNode *k = rd_first_element(n->children); k; k = next_in(k, n, 0))
        if (html_is(k, "object") || html_is(k, "embed") || html_is(k, "iframe")) {
            if (embed_is_video(c, k))
                return 0;
            embeds++;
        }
    double ld = rd_link_density(n);
    int in_figure = rd_has_ancestor(n, "figure", 0);
    int remove = (img > 1 && (double)p / (double)img < 0.5 && !in_figure) ||
                 (!list && li > (long)p) || input > p / 3 ||
                 (!list && heading_density < 0.9 && len < 25 && (img == 0 || img > 2) &&
                  !in_figure) ||
                 (!list && weight < 25 && ld > 0.2) || (weight >= 25 && ld > 0.5) ||
                 (embeds == 1 && len < 75) || embeds > 1;
    if (list && remove) {
        for (xmlNode *k = rd_first_element(n->children); k; k = rd_first_element(k->next))
            if (rd_element_children(k) > 1)
                return remove;
        if (img == rd_count_tag(n, "li"))
            return 0;
    }
    return remove;
}

static void clean_conditionally(rd_ctx *c, xmlNode *root, const char *tag)
{
    if (c->flags & RD_CLEAN_CONDITIONALLY)
        remove_tagged(c, root, tag, fishy);
}

static int negative_header(rd_ctx *c, xmlNode *n)
{
    return rd_class_weight(c, n) < 0;
}

static int share_bar(rd_ctx *c, xmlNode *n)
{
    char *m = rd_match_string(n);
    int share = rd_rx(c, RX_SHARE, m) && rd_text_len(n) < 500;
    free(m);
    return share;
}

static int empty_paragraph(rd_ctx *c, xmlNode *n)
{
    (void)c;
    return rd_count_tag(n, "img") + rd_count_tag(n, "embed") + rd_count_tag(n, "object") +
                   rd_count_tag(n, "iframe") == 0 &&
           rd_is_blank(n);
}

static int not_video(rd_ctx *c, xmlNode *n)
{
    return !embed_is_video(c, n);
}

void rd_prep_article(rd_ctx *c, xmlNode *article)
{
    mark_data_tables(c, article);
    clean_conditionally(c, article, "form");
    clean_conditionally(c, article, "fieldset");
    remove_tagged(c, article, "object", not_video);
    remove_tagged(c, article, "embed", not_video);
    remove_tagged(c, article, "footer", NULL);
    remove_tagged(c, article, "link", NULL);
    remove_tagged(c, article, "aside", NULL);
    /* share bars, except in the top-level blocks themselves */
    for (xmlNode *top = rd_first_element(article->children); top;
         top = rd_first_element(top->next)) {
        xmlNode *end = next_in(top, article, 1);
        for (xmlNode *k = next_in(top, top, 0); k && k != end;) {
            if (share_bar(c, k)) {
                xmlNode *next = next_in(k, top, 1);
                rd_remove(k);
                k = next;
            } else {
                k = next_in(k, top, 0);
            }
        }
    }
    remove_tagged(c, article, "iframe", not_video);
    static const char *const controls[] = {"input", "textarea", "select", "button", NULL};
    for (const char *const *t = controls; *t; t++)
        remove_tagged(c, article, *t, NULL);
    if (c->flags & RD_WEIGHT_CLASSES) {
        remove_tagged(c, article, "h1", negative_header);
        remove_tagged(c, article, "h2", negative_header);
    }
    clean_conditionally(c, article, "table");
    clean_conditionally(c, article, "ul");
    clean_conditionally(c, article, "div");
    for (xmlNode *k = rd_first_element(article->children); k; k = next_in(k, article, 0))
        if (html_is(k, "h1"))
            xmlNodeSetName(k, (const xmlChar *)"h2");
    remove_tagged(c, article, "p", empty_paragraph);
    /* a <br> right before a paragraph says nothing */
    for (xmlNode *k = rd_first_element(article->children); k;) {
        xmlNode *next = next_in(k, article, 0);
        if (html_is(k, "br")) {
            xmlNode *after = next_nonblank(k->next);
            if (after && html_is(after, "p"))
                rd_remove(k);
        }
        k = next;
    }
}
