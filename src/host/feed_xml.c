/* feed_xml.c -- RSS and Atom into the feed model. */
#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/uri.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../app/buf.h"
#include "charset.h"
#include "../app/diag.h"
#include "feed.h"
#include "html_blocks.h"
#include "html_doc.h"

#define NS_ATOM10 "http://www.w3.org/2005/Atom"
#define NS_ATOM03 "http://purl.org/atom/ns#"
#define NS_XHTML "http://www.w3.org/1999/xhtml"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_DCTERMS "http://purl.org/dc/terms/"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"

typedef struct xctx {
    const char *file;
    feed_doc *doc;
    xmlDoc *x;
} xctx;

/* libxml2 reports well-formedness errors here: the first one is kept as
 * the reason the feed is "bozo", the parse itself goes on (recover). */
static void on_error(void *user, xmlErrorPtr e)
{
    feed_doc *d = user;
    if (!e || e->level < XML_ERR_ERROR)
        return;
    if (!d->bozo) {
        char msg[256];
        snprintf(msg, sizeof msg, "line %d: %s", e->line, e->message ? e->message : "error");
        size_t n = strlen(msg);
        while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
            msg[--n] = '\0';
        d->bozo_message = xstrdup(msg);
    }
    d->bozo = 1;
}

/* No external entity or DTD is ever fetched, from disk or network. */
static xmlParserInputPtr no_external(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)url;
    (void)id;
    (void)ctxt;
    return NULL;
}

static const char *ns_of(const xmlNode *n)
{
    return n->ns && n->ns->href ? (const char *)n->ns->href : "";
}

static int named(const xmlNode *n, const char *local)
{
    return n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, local) == 0;
}

static int in_ns(const xmlNode *n, const char *ns)
{
    return strcmp(ns_of(n), ns) == 0;
}

static int is_atom(const xmlNode *n)
{
    return in_ns(n, NS_ATOM10) || in_ns(n, NS_ATOM03);
}


static char *text_of(const xmlNode *n)
{
    xmlChar *v = xmlNodeGetContent(n);
    char *s = xstrdup(v ? (const char *)v : "");
    xmlFree(v);
    return s;
}

/* href made absolute against base (kept as given when either is not a
 * URI libxml2 can join), as a new string. */
static char *absolute(const char *base, const char *href)
{
    xmlChar *abs = base ? xmlBuildURI((const xmlChar *)href, (const xmlChar *)base) : NULL;
    char *out = xstrdup(abs ? (const char *)abs : href);
    xmlFree(abs);
    return out;
}

/* The xml:base in force at n, or NULL. */
static char *base_of(xctx *c, const xmlNode *n)
{
    xmlChar *base = xmlNodeGetBase(c->x, n);
    char *s = base ? xstrdup((const char *)base) : NULL;
    xmlFree(base);
    return s;
}

static char *resolve(xctx *c, const xmlNode *n, const char *href)
{
    if (!href)
        return NULL;
    char *base = base_of(c, n);
    char *out = absolute(base, href);
    free(base);
    return out;
}

/* --- serialising inline markup ----------------------------------------- */

static void escape_into(nwbuf *b, const char *s, int in_attr)
{
    for (; *s; s++) {
        if (*s == '&')
            buf_adds(b, "&amp;");
        else if (*s == '<')
            buf_adds(b, "&lt;");
        else if (*s == '>')
            buf_adds(b, "&gt;");
        else if (*s == '"' && in_attr)
            buf_adds(b, "&quot;");
        else
            buf_addc(b, (uint8_t)*s);
    }
}

static int is_void(const char *name)
{
    static const char *const v[] = {"br", "img", "hr", "input", "meta", "link", "area",
                                    "base", "col", "embed", "param", "source", "wbr", NULL};
    for (const char *const *p = v; *p; p++)
        if (strcasecmp(name, *p) == 0)
            return 1;
    return 0;
}

/* Markup a reader can do without, and that must not run: dropped. */
static int unsafe(const xmlNode *n)
{
    static const char *const bad[] = {"script", "style", "iframe", "object", "embed", "applet",
                                      "frame", "frameset", "meta", "link", "base", NULL};
    for (const char *const *p = bad; *p; p++)
        if (named(n, *p))
            return 1;
    return 0;
}

static int cmp_attr(const void *a, const void *b)
{
    return strcmp((const char *)(*(const xmlAttr *const *)a)->name,
                  (const char *)(*(const xmlAttr *const *)b)->name);
}

/* Serialise nodes as HTML the way feed readers hand it on: attributes
 * sorted and quoted, void elements closed, links made absolute against
 * base, event handlers and scripts gone. */
static void serialise(const xmlNode *n, const char *base, nwbuf *b, int depth)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                escape_into(b, (const char *)n->content, 0);
        } else if (n->type == XML_ENTITY_REF_NODE) {
            char *t = text_of(n);
            escape_into(b, t, 0);
            free(t);
        } else if (n->type == XML_ELEMENT_NODE && depth < 200 && !unsafe(n)) {
            const char *name = (const char *)n->name;
            buf_addc(b, '<');
            buf_adds(b, name);
            const xmlAttr *attrs[64];
            size_t na = 0;
            for (const xmlAttr *a = n->properties; a && na < 64; a = a->next)
                if (strncasecmp((const char *)a->name, "on", 2) != 0)
                    attrs[na++] = a;
            qsort(attrs, na, sizeof *attrs, cmp_attr);
            for (size_t i = 0; i < na; i++) {
                xmlChar *v = xmlNodeGetContent((const xmlNode *)attrs[i]);
                const char *an = (const char *)attrs[i]->name;
                char *val = xstrdup(v ? (const char *)v : "");
                xmlFree(v);
                if (!strcasecmp(an, "href") || !strcasecmp(an, "src")) {
                    char *abs = absolute(base, val);
                    free(val);
                    val = abs;
                }
                buf_addc(b, ' ');
                buf_adds(b, an);
                buf_adds(b, "=\"");
                escape_into(b, val, 1);
                buf_addc(b, '"');
                free(val);
            }
            if (!n->children && is_void(name)) {
                buf_adds(b, " />");
                continue;
            }
            buf_addc(b, '>');
            serialise(n->children, base, b, depth + 1);
            buf_adds(b, "</");
            buf_adds(b, name);
            buf_addc(b, '>');
        }
    }
}

static char *trim_owned(char *s)
{
    char *t = NULL;
    feed_set(&t, s);
    free(s);
    return t;
}

static char *inner_markup(xctx *c, const xmlNode *n)
{
    nwbuf b = {0};
    char *base = base_of(c, n);
    serialise(n->children, base, &b, 0);
    free(base);
    return trim_owned(buf_take_str(&b));
}

/* An HTML string (escaped in the feed) parsed and written out again, so
 * that every body reaches the article converter in one normal form. */
static char *normal_html(xctx *c, const xmlNode *at, const char *html)
{
    if (!strchr(html, '<') && !strchr(html, '&'))
        return trim_owned(xstrdup(html));
    xmlDoc *frag = html_parse_fragment(html, strlen(html));
    xmlNode *body = frag ? html_body(frag) : NULL;
    if (!body) {
        if (frag)
            xmlFreeDoc(frag);
        return trim_owned(xstrdup(html));
    }
    nwbuf b = {0};
    char *base = base_of(c, at);
    serialise(body->children, base, &b, 0);
    free(base);
    xmlFreeDoc(frag);
    return trim_owned(buf_take_str(&b));
}

static int has_elements(const xmlNode *n)
{
    for (const xmlNode *k = n->children; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE)
            return 1;
    return 0;
}

static char *base64_decode(const char *s)
{
    nwbuf b = {0};
    base64_decode_into(s, strlen(s), &b);
    return buf_take_str(&b);
}

/* Atom text constructs (and Atom 0.3's mode attribute). */
static void atom_text(xctx *c, const xmlNode *n, feed_text *t)
{
    char *type = html_attr(n, "type"), *mode = html_attr(n, "mode");
    const char *ty = type && *type ? type : "text";
    free(t->value);
    free(t->type);
    if (!strcasecmp(ty, "xhtml") || !strcasecmp(ty, "application/xhtml+xml")) {
        const xmlNode *div = n->children;
        while (div && div->type != XML_ELEMENT_NODE)
            div = div->next;
        if (div && named(div, "div") && in_ns(div, NS_XHTML))
            t->value = inner_markup(c, div);
        else
            t->value = inner_markup(c, n);
        t->type = xstrdup("application/xhtml+xml");
    } else if (mode && !strcasecmp(mode, "base64")) {
        char *raw = text_of(n);
        t->value = base64_decode(raw);
        free(raw);
        t->type = xstrdup(!strcasecmp(ty, "text") ? "text/plain" : ty);
    } else if (!strcasecmp(ty, "html") || !strcasecmp(ty, "text/html") ||
               (mode && !strcasecmp(mode, "escaped"))) {
        char *raw = text_of(n);
        t->value = normal_html(c, n, raw);
        free(raw);
        t->type = xstrdup("text/html");
    } else if (!strcasecmp(ty, "text") || !strncasecmp(ty, "text/", 5)) {
        t->value = has_elements(n) ? inner_markup(c, n) : trim_owned(text_of(n));
        t->type = xstrdup("text/plain");
    } else if (strstr(ty, "xml")) {
        t->value = inner_markup(c, n);
        t->type = xstrdup(ty);
    } else {
        /* any other media type is base64 (RFC 4287 section 4.1.3.3) */
        char *raw = text_of(n);
        t->value = base64_decode(raw);
        free(raw);
        t->type = xstrdup(ty);
    }
    xmlChar *lang = xmlNodeGetLang(n);
    feed_set(&t->lang, (const char *)lang);
    xmlFree(lang);
    free(type);
    free(mode);
}

/* RSS elements: markup given "naked" is serialised, text stays text
 * (escaped HTML in it arrives unescaped, i.e. as HTML). */
static void rss_text(xctx *c, const xmlNode *n, feed_text *t, const char *type)
{
    free(t->value);
    free(t->type);
    if (has_elements(n)) {
        t->value = inner_markup(c, n);
    } else {
        char *raw = text_of(n);
        t->value = strcmp(type, "text/html") == 0 ? normal_html(c, n, raw) : trim_owned(xstrdup(raw));
        free(raw);
    }
    t->type = xstrdup(type);
    xmlChar *lang = xmlNodeGetLang(n);
    feed_set(&t->lang, (const char *)lang);
    xmlFree(lang);
}

/* "Name (email)", "email (Name)", "Name <email>" */
static void split_person(const char *s, feed_person *p)
{
    const char *at = strchr(s, '@');
    if (!at) {
        feed_set(&p->name, s);
        return;
    }
    const char *b = at, *e = at;
    while (b > s && !isspace((unsigned char)b[-1]) && b[-1] != '(' && b[-1] != '<')
        b--;
    while (*e && !isspace((unsigned char)*e) && *e != ')' && *e != '>')
        e++;
    char *email = xstrndup(b, (size_t)(e - b));
    if (!strncasecmp(email, "mailto:", 7))
        memmove(email, email + 7, strlen(email + 7) + 1);
    feed_set(&p->email, email);
    free(email);
    nwbuf rest = {0};
    buf_add(&rest, s, (size_t)(b - s));
    buf_adds(&rest, e);
    char *r = buf_take_str(&rest);
    nwbuf name = {0};
    for (char *k = r; *k; k++)
        if (*k != '(' && *k != ')' && *k != '<' && *k != '>')
            buf_addc(&name, (uint8_t)*k);
    char *nm = buf_take_str(&name);
    feed_set(&p->name, nm);
    if (p->name && !*p->name) {
        free(p->name);
        p->name = NULL;
    }
    free(nm);
    free(r);
}

static void rss_author(feed_part *p, const char *s)
{
    if (!s || !*s)
        return;
    feed_person who = {0};
    split_person(s, &who);
    if (!p->author) {
        feed_set(&p->author, s);
        feed_set(&p->author_detail.name, who.name);
        feed_set(&p->author_detail.email, who.email);
    }
    p->authors = xrealloc(p->authors, (p->nauthors + 1) * sizeof *p->authors);
    p->authors[p->nauthors++] = who;
}

static void atom_person(xctx *c, const xmlNode *n, feed_part *p)
{
    feed_person who = {0};
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        char *v = text_of(k);
        if (named(k, "name"))
            feed_set(&who.name, v);
        else if (named(k, "email"))
            feed_set(&who.email, v);
        else if (named(k, "uri") || named(k, "url")) {
            char *r = resolve(c, k, v);
            feed_set(&who.href, r);
            free(r);
        }
        free(v);
    }
    p->authors = xrealloc(p->authors, (p->nauthors + 1) * sizeof *p->authors);
    p->authors[p->nauthors++] = who;
    if (!p->author_detail.name && !p->author_detail.email) {
        feed_set(&p->author_detail.name, who.name);
        feed_set(&p->author_detail.email, who.email);
        feed_set(&p->author_detail.href, who.href);
        feed_person_string(p);
    }
}

static void atom_link(xctx *c, const xmlNode *n, feed_part *p)
{
    char *rel = html_attr(n, "rel"), *type = html_attr(n, "type"), *href = html_attr(n, "href");
    if (!href) {
        href = text_of(n); /* some feeds put the address in the content */
        if (!*href) {
            free(href);
            href = NULL;
        } else {
            href = trim_owned(href);
        }
    }
    char *title = html_attr(n, "title");
    const char *r = rel ? rel : "alternate";
    const char *t = type ? type : strcmp(r, "self") == 0 ? "application/atom+xml" : "text/html";
    char *abs = resolve(c, n, href);
    if (href || !p->link) {
        feed_add_link(p, r, t, abs, title);
        if (abs && strcmp(r, "alternate") == 0 && !p->link &&
            (!strcmp(t, "text/html") || !strcmp(t, "application/xhtml+xml")))
            feed_set(&p->link, abs);
    }
    free(abs);
    free(rel);
    free(type);
    free(href);
    free(title);
}

typedef struct item_state {
    int guid_permalink, has_guid, has_link;
    char *guid;
} item_state;

static void element(xctx *c, const xmlNode *k, feed_part *p, int is_feed, item_state *st)
{
    int atom = is_atom(k), dc = in_ns(k, NS_DC), dct = in_ns(k, NS_DCTERMS);
    char *v;
    if (named(k, "title") && (atom || !dc)) {
        if (atom)
            atom_text(c, k, &p->title);
        else
            rss_text(c, k, &p->title, "text/plain");
    } else if (named(k, "title") && dc) {
        if (!p->title.value)
            rss_text(c, k, &p->title, "text/plain");
    } else if (named(k, "link")) {
        if (atom || xmlHasProp(k, (const xmlChar *)"href")) {
            atom_link(c, k, p);
        } else {
            v = text_of(k);
            char *abs = resolve(c, k, v);
            if (abs && *abs) {
                feed_set(&p->link, abs);
                feed_add_link(p, "alternate", "text/html", abs, NULL);
                st->has_link = 1;
            }
            free(abs);
            free(v);
        }
    } else if ((named(k, "description") && !dc) || named(k, "subtitle") ||
               named(k, "tagline") || (named(k, "summary") && atom)) {
        if (atom)
            atom_text(c, k, &p->summary);
        else if (!p->summary.value)
            rss_text(c, k, &p->summary, "text/html");
        else if (!is_feed)
            rss_text(c, k, feed_add_content(p), "text/html");
    } else if ((named(k, "description") && dc) || (named(k, "summary") && !atom)) {
        if (!p->summary.value)
            rss_text(c, k, &p->summary, "text/html");
        else if (!is_feed) /* a second summary is the fuller text */
            rss_text(c, k, feed_add_content(p), "text/html");
    } else if (named(k, "encoded") && in_ns(k, NS_CONTENT)) {
        rss_text(c, k, feed_add_content(p), "text/html");
    } else if (named(k, "body") && in_ns(k, NS_XHTML)) {
        feed_text *t = feed_add_content(p);
        t->value = inner_markup(c, k);
        t->type = xstrdup("application/xhtml+xml");
    } else if (named(k, "fullitem")) {
        rss_text(c, k, feed_add_content(p), "text/html");
    } else if (named(k, "content") && atom) {
        feed_text *t = feed_add_content(p);
        atom_text(c, k, t);
    } else if (named(k, "guid")) {
        v = text_of(k);
        char *pl = html_attr(k, "isPermaLink");
        feed_set(&p->id, v);
        st->has_guid = 1;
        st->guid_permalink = !pl || strcasecmp(pl, "false") != 0;
        free(pl);
        free(v);
    } else if (named(k, "id") && (atom || !*ns_of(k))) {
        v = text_of(k);
        feed_set(&p->id, v);
        free(v);
    } else if (named(k, "author") && atom) {
        atom_person(c, k, p);
    } else if (named(k, "author") || named(k, "creator") || named(k, "managingEditor")) {
        v = text_of(k);
        rss_author(p, v);
        free(v);
    } else if (named(k, "pubDate") || named(k, "published") || named(k, "issued")) {
        v = text_of(k);
        feed_set_date(&p->published, v);
        free(v);
    } else if (named(k, "lastBuildDate") || named(k, "updated") || named(k, "modified") ||
               (named(k, "date") && dc)) {
        v = text_of(k);
        if (!p->updated.raw || !named(k, "lastBuildDate"))
            feed_set_date(&p->updated, v);
        free(v);
    } else if (named(k, "created") && (atom || dct)) {
        v = text_of(k);
        feed_set_date(&p->created, v);
        free(v);
    } else if (named(k, "category") && atom) {
        v = html_attr(k, "term");
        feed_add_tag(p, v);
        free(v);
    } else if (named(k, "category") || (named(k, "subject") && dc)) {
        v = text_of(k);
        feed_add_tag(p, v);
        free(v);
    } else if (named(k, "language") && !p->lang) {
        v = text_of(k);
        feed_set(&p->lang, v);
        free(v);
    }
}

static void read_part(xctx *c, const xmlNode *n, feed_part *p, int is_feed)
{
    item_state st = {0};
    for (const xmlNode *k = n->children; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE && !named(k, "item") && !named(k, "entry") &&
            !named(k, "image") && !named(k, "textinput") && !named(k, "source"))
            element(c, k, p, is_feed, &st);
    if (st.has_guid && st.guid_permalink && !st.has_link && !p->link && p->id) {
        feed_set(&p->link, p->id);
        p->guidislink = 1;
    }
    if (!p->lang) {
        xmlChar *lang = xmlNodeGetLang(n);
        feed_set(&p->lang, (const char *)lang);
        xmlFree(lang);
    }
}

static void read_items(xctx *c, const xmlNode *parent)
{
    for (const xmlNode *k = parent->children; k; k = k->next)
        if (named(k, "item") || named(k, "entry")) {
            feed_part *p = feed_new_entry(c->doc);
            if (!p)
                return;
            read_part(c, k, p, 0);
        }
}

static void version_of(feed_doc *d, const xmlNode *root)
{
    char *v = NULL;
    const char *name = "unknown";
    char buf[32];
    if (named(root, "rss")) {
        v = html_attr(root, "version");
        if (v && (!strcmp(v, "2.0") || !strcmp(v, "2.01") || !strncmp(v, "2.", 2)))
            name = "rss20";
        else if (v) {
            snprintf(buf, sizeof buf, "rss%.8s", v);
            for (char *p = buf; *p; p++)
                if (*p == '.')
                    memmove(p, p + 1, strlen(p));
            name = buf;
        } else
            name = "rss";
    } else if (named(root, "feed")) {
        name = in_ns(root, NS_ATOM03) ? "atom03" : "atom10";
    } else if (named(root, "RDF")) {
        name = "rss10";
    }
    d->version = xstrdup(name);
    free(v);
}

int feed_parse(const char *file, const uint8_t *raw, size_t n, feed_doc *out)
{
    memset(out, 0, sizeof *out);
    char charset[64];
    size_t skip = charset_detect(raw, n, CHARSET_XML, charset, sizeof charset);
    nwbuf utf8 = {0};
    charset_to_utf8(file, raw + skip, n - skip, charset, &utf8);
    size_t i = 0;
    while (i < utf8.len && isspace(utf8.data[i]))
        i++;
    if (i < utf8.len && utf8.data[i] == '{') {
        int rc = feed_parse_json(file, (const char *)utf8.data + i, utf8.len - i, out);
        buf_free(&utf8);
        return rc;
    }
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        buf_free(&utf8);
        diag_error(file, 0, "out of memory");
        return -1;
    }
    xmlSetStructuredErrorFunc(out, on_error);
    xmlSetExternalEntityLoader(no_external);
    /* No NOENT (entities stay references, amplification is checked), no
     * DTD loading, no network; recover keeps what precedes an error. */
    xmlDoc *x = xmlCtxtReadMemory(ctxt, (const char *)utf8.data + i,
                                  (int)(utf8.len - i > 0x7FFFFFFF ? 0x7FFFFFFF : utf8.len - i),
                                  NULL, "UTF-8", XML_PARSE_NONET | XML_PARSE_RECOVER |
                                                     XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    xmlSetStructuredErrorFunc(NULL, NULL);
    buf_free(&utf8);
    xmlNode *root = x ? xmlDocGetRootElement(x) : NULL;
    if (!root) {
        diag_warn(file, 0, "not a feed: %s", out->bozo_message ? out->bozo_message
                                                             : "no XML document element");
        if (x)
            xmlFreeDoc(x);
        xmlFreeParserCtxt(ctxt);
        feed_free(out);
        return -1;
    }
    xctx c = {file, out, x};
    version_of(out, root);
    const xmlNode *channel = root;
    for (const xmlNode *k = root->children; k; k = k->next)
        if (named(k, "channel")) {
            channel = k;
            break;
        }
    read_part(&c, channel, &out->feed, 1);
    read_items(&c, channel);
    if (channel != root)
        read_items(&c, root); /* RSS 0.9 and 1.0 put items beside the channel */
    xmlFreeDoc(x);
    xmlFreeParserCtxt(ctxt);
    return 0;
}
