/* readability.c -- scoring blocks and choosing the article. */
#include <stdlib.h>
#include <string.h>

#include "../app/buf.h"
#include "html_blocks.h"
#include "html_doc.h"
#include "readability_internal.h"

#define TOP_CANDIDATES 5
#define CHAR_THRESHOLD 500
#define MIN_ALTERNATIVES 3

typedef struct nodes {
    xmlNode **v;
    size_t n, cap;
} nodes;

static void push(nodes *l, xmlNode *n)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = n;
}

static int is_heading(const xmlNode *n)
{
    return n->type == XML_ELEMENT_NODE && n->name && (n->name[0] == 'h' || n->name[0] == 'H') &&
           n->name[1] >= '1' && n->name[1] <= '6' && !n->name[2];
}

static int check_byline(rd_ctx *c, xmlNode *n, const char *match)
{
    if (c->byline)
        return 0;
    char *itemprop = html_attr(n, "itemprop");
    int marked = rd_attr_is(n, "rel", "author") || (itemprop && strstr(itemprop, "author")) ||
                 rd_rx(c, RX_BYLINE, match);
    free(itemprop);
    if (!marked)
        return 0;
    char *text = rd_inner_text(n);
    size_t len = rd_cp_len(text);
    if (len > 0 && len < 100) {
        c->byline = text;
        return 1;
    }
    free(text);
    return 0;
}

static int duplicates_title(const rd_ctx *c, const xmlNode *n)
{
    if (!c->title || !(html_is(n, "h1") || html_is(n, "h2")))
        return 0;
    char *h = rd_inner_text(n);
    int dup = rd_similarity(c->title, h) > 0.75;
    free(h);
    return dup;
}

static int without_content(const xmlNode *n)
{
    if (!rd_is_blank(n))
        return 0;
    size_t kids = rd_element_children(n);
    return kids == 0 || kids == rd_count_tag(n, "br") + rd_count_tag(n, "hr");
}

static int single_p_inside(const xmlNode *n)
{
    if (rd_element_children(n) != 1 || !html_is(rd_first_element(n->children), "p"))
        return 0;
    for (const xmlNode *k = n->children; k; k = k->next)
        if (k->type == XML_TEXT_NODE && !rd_is_blank(k))
            return 0;
    return 1;
}

/* Phrasing runs directly in a div become paragraphs. */
static void wrap_phrasing(rd_ctx *c, xmlNode *div)
{
    xmlNode *p = NULL;
    for (xmlNode *k = div->children, *next; k; k = next) {
        next = k->next;
        if (rd_is_phrasing(k)) {
            if (p) {
                xmlUnlinkNode(k);
                xmlAddChild(p, k);
            } else if (!rd_is_whitespace(k)) {
                p = xmlNewDocNode(c->doc, NULL, (const xmlChar *)"p", NULL);
                xmlAddPrevSibling(k, p);
                xmlUnlinkNode(k);
                xmlAddChild(p, k);
            }
        } else if (p) {
            while (p->last && rd_is_whitespace(p->last))
                rd_remove(p->last);
            p = NULL;
        }
    }
    if (p)
        while (p->last && rd_is_whitespace(p->last))
            rd_remove(p->last);
}

static int scored_tag(const xmlNode *n)
{
    static const char *const tags[] = {"section", "h2", "h3", "h4", "h5", "h6",
                                       "p", "td", "pre", NULL};
    for (const char *const *t = tags; *t; t++)
        if (html_is(n, *t))
            return 1;
    return 0;
}

/* Walk the page once: drop what cannot be content, collect what scores. */
static void sieve(rd_ctx *c, xmlNode *body, nodes *score)
{
    int drop_title_header = 1;
    for (xmlNode *n = body; n;) {
        char *match = rd_match_string(n);
        xmlNode *next = NULL;
        int removed = 1;
        char *role = html_attr(n, "role");
        static const char *const roles[] = {"menu", "menubar", "complementary", "navigation",
                                            "alert", "alertdialog", "dialog", NULL};
        int bad_role = 0;
        for (const char *const *r = roles; role && *r && !bad_role; r++)
            bad_role = strcmp(role, *r) == 0;
        if (n != body && !rd_is_visible(n)) {
            next = rd_remove_and_next(n);
        } else if (rd_attr_is(n, "aria-modal", "true") && role && !strcmp(role, "dialog")) {
            next = rd_remove_and_next(n);
        } else if (n != body && check_byline(c, n, match)) {
            next = rd_remove_and_next(n);
        } else if (drop_title_header && duplicates_title(c, n)) {
            drop_title_header = 0;
            next = rd_remove_and_next(n);
        } else if ((c->flags & RD_STRIP_UNLIKELYS) && n != body &&
                   ((rd_rx(c, RX_UNLIKELY, match) && !rd_rx(c, RX_MAYBE, match) &&
                     !rd_has_ancestor(n, "table", 0) && !rd_has_ancestor(n, "code", 0) &&
                     !html_is(n, "a")) ||
                    bad_role)) {
            next = rd_remove_and_next(n);
        } else if ((html_is(n, "div") || html_is(n, "section") || html_is(n, "header") ||
                    is_heading(n)) &&
                   without_content(n)) {
            next = rd_remove_and_next(n);
        } else {
            removed = 0;
        }
        free(match);
        free(role);
        if (removed) {
            n = next;
            continue;
        }
        if (scored_tag(n))
            push(score, n);
        if (html_is(n, "div")) {
            wrap_phrasing(c, n);
            if (single_p_inside(n) && rd_link_density(n) < 0.25) {
                xmlNode *p = rd_first_element(n->children);
                xmlUnlinkNode(p);
                xmlReplaceNode(n, p);
                xmlFreeNode(n);
                n = p;
                push(score, n);
            } else if (!rd_has_child_block(n)) {
                xmlNodeSetName(n, (const xmlChar *)"p");
                push(score, n);
            }
        }
        n = rd_next(n, 0);
    }
}

static void init_node(rd_ctx *c, xmlNode *n)
{
    rd_info *i = rd_get(c, n);
    i->scored = 1;
    i->score = 0;
    if (html_is(n, "div"))
        i->score += 5;
    else if (html_is(n, "pre") || html_is(n, "td") || html_is(n, "blockquote"))
        i->score += 3;
    else if (html_is(n, "address") || html_is(n, "ol") || html_is(n, "ul") || html_is(n, "dl") ||
             html_is(n, "dd") || html_is(n, "dt") || html_is(n, "li") || html_is(n, "form"))
        i->score -= 3;
    else if (is_heading(n) || html_is(n, "th"))
        i->score -= 5;
    i->score += rd_class_weight(c, n);
}

static int is_element(const xmlNode *n)
{
    return n && n->type == XML_ELEMENT_NODE;
}

static double score_of(const rd_ctx *c, const xmlNode *n)
{
    const rd_info *i = rd_peek(c, n);
    return i && i->scored ? i->score : 0;
}

static int scored(const rd_ctx *c, const xmlNode *n)
{
    const rd_info *i = rd_peek(c, n);
    return i && i->scored;
}

static void score_paragraphs(rd_ctx *c, nodes *score, nodes *cands)
{
    for (size_t k = 0; k < score->n; k++) {
        xmlNode *e = score->v[k];
        if (!is_element(e->parent))
            continue;
        char *text = rd_inner_text(e);
        size_t len = rd_cp_len(text);
        if (len < 25) {
            free(text);
            continue;
        }
        /* commas in several scripts, as Readability counts them */
        static const char *const commas[] = {",", "\xD8\x8C", "\xEF\xB9\x90", "\xEF\xB8\x90",
                                             "\xEF\xB8\x91", "\xE2\xB9\x81", "\xE2\xB8\xB4",
                                             "\xE2\xB8\xB2", "\xEF\xBC\x8C", NULL};
        double s = 1;
        for (const char *const *cm = commas; *cm; cm++)
            s += (double)rd_count(text, *cm);
        s += 1; /* split() yields one more piece than separators */
        s += len / 100 > 3 ? 3 : (double)(len / 100);
        free(text);
        int level = 0;
        for (xmlNode *a = e->parent; is_element(a) && level < 5; a = a->parent, level++) {
            if (!is_element(a->parent))
                break;
            if (!scored(c, a)) {
                init_node(c, a);
                push(cands, a);
            }
            double div = level == 0 ? 1 : level == 1 ? 2 : level * 3;
            rd_get(c, a)->score += s / div;
        }
    }
}

static int has_ancestor_node(const xmlNode *n, const xmlNode *anc)
{
    for (n = n->parent; n; n = n->parent)
        if (n == anc)
            return 1;
    return 0;
}

static xmlNode *choose_top(rd_ctx *c, nodes *cands, xmlNode *body)
{
    xmlNode *top[TOP_CANDIDATES] = {0};
    size_t ntop = 0;
    for (size_t k = 0; k < cands->n; k++) {
        xmlNode *n = cands->v[k];
        rd_info *i = rd_get(c, n);
        i->score *= 1 - rd_link_density(n);
        for (size_t t = 0; t < TOP_CANDIDATES; t++) {
            if (t >= ntop || i->score > score_of(c, top[t])) {
                memmove(top + t + 1, top + t, (TOP_CANDIDATES - t - 1) * sizeof *top);
                top[t] = n;
                if (ntop < TOP_CANDIDATES)
                    ntop++;
                break;
            }
        }
    }
    xmlNode *best = ntop ? top[0] : NULL;
    if (!best || best == body || html_is(best, "body")) {
        /* No candidate: the whole body, moved into a div. */
        xmlNode *div = xmlNewDocNode(c->doc, NULL, (const xmlChar *)"div", NULL);
        while (body->children) {
            xmlNode *k = body->children;
            xmlUnlinkNode(k);
            xmlAddChild(div, k);
        }
        xmlAddChild(body, div);
        init_node(c, div);
        return div;
    }
    /* Several strong candidates under one ancestor: the article is that
     * ancestor (pages that cut the text into many blocks). */
    size_t alternatives = 0;
    xmlNode *alt[TOP_CANDIDATES];
    for (size_t t = 1; t < ntop; t++)
        if (score_of(c, top[t]) / score_of(c, best) >= 0.75)
            alt[alternatives++] = top[t];
    if (alternatives >= MIN_ALTERNATIVES) {
        for (xmlNode *p = best->parent; is_element(p) && !html_is(p, "body"); p = p->parent) {
            size_t containing = 0;
            for (size_t a = 0; a < alternatives; a++)
                containing += has_ancestor_node(alt[a], p);
            if (containing >= MIN_ALTERNATIVES) {
                best = p;
                break;
            }
        }
    }
    if (!scored(c, best))
        init_node(c, best);
    /* Parents whose score rises hold more of the article. */
    double last = score_of(c, best), threshold = last / 3;
    for (xmlNode *p = best->parent; is_element(p) && !html_is(p, "body"); p = p->parent) {
        if (!scored(c, p))
            continue;
        double ps = score_of(c, p);
        if (ps < threshold)
            break;
        if (ps > last) {
            best = p;
            break;
        }
        last = ps;
    }
    /* An only child gives way to its parent, so siblings can join. */
    while (is_element(best->parent) && !html_is(best->parent, "body") &&
           rd_element_children(best->parent) == 1)
        best = best->parent;
    if (!scored(c, best))
        init_node(c, best);
    return best;
}

static int ends_sentence(const char *s)
{
    for (const char *p = s; (p = strchr(p, '.')) != NULL; p++)
        if (p[1] == ' ' || p[1] == '\0')
            return 1;
    return 0;
}

static xmlNode *gather(rd_ctx *c, xmlNode *best)
{
    xmlNode *article = xmlNewDocNode(c->doc, NULL, (const xmlChar *)"div", NULL);
    double threshold = score_of(c, best) * 0.2;
    if (threshold < 10)
        threshold = 10;
    xmlNode *parent = best->parent;
    char *best_class = html_attr(best, "class");
    for (xmlNode *s = parent ? parent->children : best, *next; s; s = next) {
        next = s->next;
        if (s->type != XML_ELEMENT_NODE)
            continue;
        int append = s == best;
        if (!append) {
            double bonus = 0;
            char *cls = html_attr(s, "class");
            if (best_class && *best_class && cls && strcmp(cls, best_class) == 0)
                bonus = score_of(c, best) * 0.2;
            free(cls);
            if (scored(c, s) && score_of(c, s) + bonus >= threshold) {
                append = 1;
            } else if (html_is(s, "p")) {
                double ld = rd_link_density(s);
                char *text = rd_inner_text(s);
                size_t len = rd_cp_len(text);
                append = (len > 80 && ld < 0.25) ||
                         (len < 80 && len > 0 && ld == 0 && ends_sentence(text));
                free(text);
            }
        }
        if (append) {
            if (!html_is(s, "div") && !html_is(s, "article") && !html_is(s, "section") &&
                !html_is(s, "p"))
                xmlNodeSetName(s, (const xmlChar *)"div");
            xmlUnlinkNode(s);
            xmlAddChild(article, s);
        }
        if (!parent)
            break;
    }
    free(best_class);
    return article;
}

static xmlNode *attempt(rd_ctx *c, xmlNode *body)
{
    nodes score = {0}, cands = {0};
    rd_prep_document(c, body);
    sieve(c, body, &score);
    score_paragraphs(c, &score, &cands);
    xmlNode *best = choose_top(c, &cands, body);
    xmlNode *article = gather(c, best);
    rd_prep_article(c, article);
    free(score.v);
    free(cands.v);
    return article;
}

/* Moves what a browser would show from under `from` (the root, and a
 * head found in it) into `to`, in document order; metadata stays. */
static void move_content(xmlNode *from, xmlNode *to)
{
    static const char *const metadata[] = {"title", "meta", "link", "style", "script",
                                           "base", "template", "noscript", NULL};
    for (xmlNode *k = from->children, *next; k; k = next) {
        next = k->next;
        if (html_is(k, "head")) {
            move_content(k, to);
            continue;
        }
        int keep = k->type == XML_COMMENT_NODE || k->type == XML_DTD_NODE;
        for (const char *const *m = metadata; *m && !keep; m++)
            keep = html_is(k, *m);
        if (!keep) {
            xmlUnlinkNode(k);
            xmlAddChild(to, k);
        }
    }
}

xmlNode *readability_extract(xmlDoc *doc, const char *title, char **byline)
{
    rd_ctx c;
    if (rd_init(&c, doc) < 0)
        return NULL;
    c.title = title;
    /* Each try works on a fresh copy of the body, as later tries must see
     * what earlier ones removed. */
    xmlNode *body = html_body(doc);
    if (!body) {
        rd_done(&c);
        return NULL;
    }
    if (!html_is(body, "body")) {
        /* No body element: the root stands in for it, but the tries below
         * must never move or free the root, so the content goes into a body
         * of its own first.  A broken tag can leave the whole page inside
         * the head, where a browser would still show what is not metadata. */
        xmlNode *made = xmlNewDocNode(doc, NULL, (const xmlChar *)"body", NULL);
        move_content(body, made);
        xmlAddChild(body, made);
        body = made;
    }
    xmlNode *pristine = xmlCopyNode(body, 1);
    static const unsigned tries[] = {
        RD_STRIP_UNLIKELYS | RD_WEIGHT_CLASSES | RD_CLEAN_CONDITIONALLY,
        RD_WEIGHT_CLASSES | RD_CLEAN_CONDITIONALLY, RD_CLEAN_CONDITIONALLY, 0};
    xmlNode *best = NULL;
    size_t best_len = 0;
    for (size_t t = 0; t < sizeof tries / sizeof tries[0]; t++) {
        c.flags = tries[t];
        xmlNode *work = t == 0 ? body : xmlCopyNode(pristine, 1);
        if (t > 0) {
            xmlAddChild(xmlDocGetRootElement(doc), work);
            free(c.byline);
            c.byline = NULL;
            c.ninfo = 0;
        }
        xmlNode *article = attempt(&c, work);
        size_t len = rd_text_len(article);
        if (!best || len > best_len) {
            if (best)
                xmlFreeNode(best);
            best = article;
            best_len = len;
            if (c.byline && byline && !*byline) {
                *byline = c.byline;
                c.byline = NULL;
            }
        } else {
            xmlFreeNode(article);
        }
        xmlUnlinkNode(work);
        xmlFreeNode(work);
        if (len >= CHAR_THRESHOLD)
            break;
    }
    xmlFreeNode(pristine);
    rd_done(&c);
    if (best && best_len == 0) {
        xmlFreeNode(best);
        best = NULL;
    }
    return best;
}
