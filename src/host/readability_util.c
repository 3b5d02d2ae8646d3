/* readability_util.c -- tree walking, text measures and class hints for
 * the article extractor. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/utf8.h"
#include "../app/buf.h"
#include "html_blocks.h"
#include "readability_internal.h"

/* The patterns are Readability's (Mozilla, Apache-2.0 licensed facts:
 * lists of words that mark page furniture or content). */
static const char *const patterns[RX_COUNT] = {
    [RX_UNLIKELY] = "-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|"
                    "extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|"
                    "sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|"
                    "pager|popup|yom-remote",
    [RX_MAYBE] = "and|article|body|column|content|main|shadow",
    [RX_POSITIVE] = "article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|"
                    "blog|story",
    [RX_NEGATIVE] = "-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|"
                    "foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|"
                    "scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget",
    [RX_BYLINE] = "byline|author|dateline|writtenby|p-author",
    [RX_SHARE] = "(\\b|_)(share|sharedaddy)(\\b|_)",
    [RX_VIDEOS] = "//(www\\.)?((dailymotion|youtube|youtube-nocookie|player\\.vimeo|v\\.qq)\\.com|"
                  "(archive|upload\\.wikimedia)\\.org|player\\.twitch\\.tv)",
};

int rd_init(rd_ctx *c, xmlDoc *doc)
{
    memset(c, 0, sizeof *c);
    c->doc = doc;
    c->flags = RD_STRIP_UNLIKELYS | RD_WEIGHT_CLASSES | RD_CLEAN_CONDITIONALLY;
    for (int i = 0; i < RX_COUNT; i++)
        if (regcomp(&c->rx[i], patterns[i], REG_EXTENDED | REG_ICASE | REG_NOSUB) != 0) {
            while (i-- > 0)
                regfree(&c->rx[i]);
            return -1;
        }
    return 0;
}

void rd_done(rd_ctx *c)
{
    for (int i = 0; i < RX_COUNT; i++)
        regfree(&c->rx[i]);
    free(c->info);
    free(c->byline);
}

rd_info *rd_peek(const rd_ctx *c, const xmlNode *n)
{
    uintptr_t k = (uintptr_t)n->_private;
    return k && k <= c->ninfo ? &c->info[k - 1] : NULL;
}

rd_info *rd_get(rd_ctx *c, xmlNode *n)
{
    rd_info *i = rd_peek(c, n);
    if (i)
        return i;
    if (c->ninfo == c->capinfo) {
        c->capinfo = c->capinfo ? c->capinfo * 2 : 256;
        c->info = xrealloc(c->info, c->capinfo * sizeof *c->info);
    }
    memset(&c->info[c->ninfo], 0, sizeof *c->info);
    n->_private = (void *)(uintptr_t)++c->ninfo;
    return &c->info[c->ninfo - 1];
}

xmlNode *rd_first_element(xmlNode *n)
{
    for (; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE)
            return n;
    return NULL;
}

size_t rd_element_children(const xmlNode *n)
{
    size_t k = 0;
    for (const xmlNode *c = n->children; c; c = c->next)
        k += c->type == XML_ELEMENT_NODE;
    return k;
}

xmlNode *rd_next(xmlNode *n, int skip_children)
{
    if (!skip_children) {
        xmlNode *c = rd_first_element(n->children);
        if (c)
            return c;
    }
    for (; n; n = n->parent) {
        xmlNode *s = rd_first_element(n->next);
        if (s)
            return s;
        if (!n->parent || n->parent->type != XML_ELEMENT_NODE)
            return NULL;
    }
    return NULL;
}

void rd_remove(xmlNode *n)
{
    xmlUnlinkNode(n);
    xmlFreeNode(n);
}

xmlNode *rd_remove_and_next(xmlNode *n)
{
    xmlNode *next = rd_next(n, 1);
    rd_remove(n);
    return next;
}

int rd_has_ancestor(const xmlNode *n, const char *tag, int max_depth)
{
    int depth = 0;
    for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
        if (max_depth > 0 && depth++ >= max_depth)
            return 0;
        if (html_is(n, tag))
            return 1;
    }
    return 0;
}

static int is_space(uint8_t ch)
{
    return ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v';
}

char *rd_inner_text(const xmlNode *n)
{
    nwbuf raw = {0}, out = {0};
    html_raw_text(n, 0, &raw);
    size_t i = 0;
    while (i < raw.len && is_space(raw.data[i]))
        i++;
    size_t end = raw.len;
    while (end > i && is_space(raw.data[end - 1]))
        end--;
    for (; i < end; i++) {
        if (is_space(raw.data[i])) {
            /* \s{2,} becomes one space; a lone newline stays as it is */
            size_t j = i;
            while (j + 1 < end && is_space(raw.data[j + 1]))
                j++;
            buf_addc(&out, j > i ? ' ' : raw.data[i]);
            i = j;
            continue;
        }
        buf_addc(&out, raw.data[i]);
    }
    buf_free(&raw);
    return buf_take_str(&out);
}

size_t rd_cp_len(const char *s)
{
    size_t k = 0;
    for (; *s; s++)
        k += ((uint8_t)*s & 0xC0) != 0x80;
    return k;
}

size_t rd_text_len(const xmlNode *n)
{
    char *t = rd_inner_text(n);
    size_t k = rd_cp_len(t);
    free(t);
    return k;
}

int rd_is_blank(const xmlNode *n)
{
    nwbuf raw = {0};
    html_raw_text(n, 0, &raw);
    int blank = 1;
    for (size_t i = 0; i < raw.len && blank; i++)
        blank = is_space(raw.data[i]);
    buf_free(&raw);
    return blank;
}

static void link_lengths(const xmlNode *n, double *sum)
{
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        if (html_is(k, "a")) {
            char *href = html_attr(k, "href");
            double coeff = href && href[0] == '#' && href[1] ? 0.3 : 1.0;
            free(href);
            *sum += coeff * (double)rd_text_len(k);
            continue; /* nested links count once */
        }
        link_lengths(k, sum);
    }
}

double rd_link_density(const xmlNode *n)
{
    size_t len = rd_text_len(n);
    if (len == 0)
        return 0;
    double links = 0;
    link_lengths(n, &links);
    return links / (double)len;
}

size_t rd_count(const char *s, const char *what)
{
    size_t k = 0, w = strlen(what);
    for (const char *p = s; (p = strstr(p, what)) != NULL; p += w)
        k++;
    return k;
}

static void count_tag(const xmlNode *n, const char *tag, size_t *k)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE) {
            *k += html_is(c, tag);
            count_tag(c, tag, k);
        }
}

size_t rd_count_tag(const xmlNode *n, const char *tag)
{
    size_t k = 0;
    count_tag(n, tag, &k);
    return k;
}

int rd_attr_is(const xmlNode *n, const char *name, const char *value)
{
    char *v = html_attr(n, name);
    int eq = v && strcasecmp(v, value) == 0;
    free(v);
    return eq;
}

char *rd_match_string(const xmlNode *n)
{
    char *cls = html_attr(n, "class"), *id = html_attr(n, "id");
    nwbuf b = {0};
    buf_adds(&b, cls ? cls : "");
    buf_addc(&b, ' ');
    buf_adds(&b, id ? id : "");
    free(cls);
    free(id);
    return buf_take_str(&b);
}

int rd_rx(const rd_ctx *c, int which, const char *s)
{
    return s && *s && regexec(&c->rx[which], s, 0, NULL, 0) == 0;
}

int rd_class_weight(const rd_ctx *c, const xmlNode *n)
{
    if (!(c->flags & RD_WEIGHT_CLASSES))
        return 0;
    int w = 0;
    const char *names[2] = {"class", "id"};
    for (int i = 0; i < 2; i++) {
        char *v = html_attr(n, names[i]);
        if (v && *v) {
            if (rd_rx(c, RX_NEGATIVE, v))
                w -= 25;
            if (rd_rx(c, RX_POSITIVE, v))
                w += 25;
        }
        free(v);
    }
    return w;
}

/* style="display: none" or "visibility: hidden", in any spacing */
static int style_hides(const char *style)
{
    char flat[512];
    size_t k = 0;
    for (const char *p = style; *p && k + 1 < sizeof flat; p++)
        if (!isspace((unsigned char)*p))
            flat[k++] = (char)tolower((unsigned char)*p);
    flat[k] = '\0';
    return strstr(flat, "display:none") || strstr(flat, "visibility:hidden");
}

int rd_is_visible(const xmlNode *n)
{
    char *style = html_attr(n, "style");
    int hidden = style && style_hides(style);
    free(style);
    if (hidden || xmlHasProp(n, (const xmlChar *)"hidden"))
        return 0;
    if (rd_attr_is(n, "aria-hidden", "true")) {
        char *cls = html_attr(n, "class");
        int fallback = cls && strstr(cls, "fallback-image");
        free(cls);
        return fallback;
    }
    return 1;
}

int rd_is_phrasing(const xmlNode *n)
{
    static const char *const phrasing[] = {
        "abbr", "audio", "b", "bdo", "br", "button", "cite", "code", "data", "datalist", "dfn",
        "em", "embed", "i", "img", "input", "kbd", "label", "mark", "math", "meter", "noscript",
        "object", "output", "progress", "q", "ruby", "samp", "script", "select", "small",
        "span", "strong", "sub", "sup", "textarea", "time", "var", "wbr", NULL};
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        return 1;
    if (n->type != XML_ELEMENT_NODE)
        return 1; /* comments travel with their neighbours */
    for (const char *const *p = phrasing; *p; p++)
        if (html_is(n, *p))
            return 1;
    if (html_is(n, "a") || html_is(n, "del") || html_is(n, "ins")) {
        for (const xmlNode *k = n->children; k; k = k->next)
            if (!rd_is_phrasing(k))
                return 0;
        return 1;
    }
    return 0;
}

int rd_is_whitespace(const xmlNode *n)
{
    if (n->type == XML_TEXT_NODE)
        return rd_is_blank(n);
    return html_is(n, "br");
}

int rd_has_child_block(const xmlNode *n)
{
    static const char *const blocks[] = {"blockquote", "dl", "div", "img", "ol", "p",
                                         "pre", "table", "ul", NULL};
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        for (const char *const *p = blocks; *p; p++)
            if (html_is(k, *p))
                return 1;
        if (rd_has_child_block(k))
            return 1;
    }
    return 0;
}

/* Words of s, lowercased, split at anything that is not a letter, digit
 * or underscore (JavaScript's \W+). */
static size_t words(const char *s, char **out, size_t max, nwbuf *store)
{
    size_t k = 0;
    const uint8_t *p = (const uint8_t *)s;
    while (*p) {
        while (*p && !(isalnum(*p) || *p == '_'))
            p++;
        if (!*p)
            break;
        size_t start = store->len;
        while (*p && (isalnum(*p) || *p == '_'))
            buf_addc(store, (uint8_t)tolower(*p++));
        buf_addc(store, 0);
        if (k < max)
            out[k++] = (char *)(uintptr_t)start;
    }
    for (size_t i = 0; i < k; i++)
        out[i] = (char *)store->data + (uintptr_t)out[i];
    return k;
}

double rd_similarity(const char *a, const char *b)
{
    enum { MAXW = 256 };
    if (!a || !b)
        return 0; /* a title that cleaning left empty resembles nothing */
    char *wa[MAXW], *wb[MAXW];
    nwbuf sa = {0}, sb = {0};
    size_t na = words(a, wa, MAXW, &sa), nb = words(b, wb, MAXW, &sb);
    double result = 0;
    if (na && nb) {
        size_t all = 0, uniq = 0, nuniq = 0;
        for (size_t i = 0; i < nb; i++) {
            all += strlen(wb[i]) + (i > 0);
            int found = 0;
            for (size_t j = 0; j < na && !found; j++)
                found = strcmp(wb[i], wa[j]) == 0;
            if (!found)
                uniq += strlen(wb[i]) + (nuniq++ > 0);
        }
        result = 1.0 - (double)uniq / (double)all;
    }
    buf_free(&sa);
    buf_free(&sb);
    return result;
}
