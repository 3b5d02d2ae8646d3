/* html_meta.c -- a page's title, byline, date, site, language and
 * direction, from JSON-LD, <meta> tags, <title>, <h1>, <time> and the
 * root element's attributes. */
#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../app/buf.h"
#include "html_blocks.h"
#include "html_doc.h"
#include "readability_internal.h"

void page_meta_free(page_meta *m)
{
    free(m->title);
    free(m->byline);
    free(m->date);
    free(m->site);
    free(m->lang);
    free(m->dir);
    free(m->url);
    memset(m, 0, sizeof *m);
}

static char *trimmed(const char *s)
{
    if (!s)
        return NULL;
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    return n ? xstrndup(s, n) : NULL;
}

static void set_once(char **dst, const char *value)
{
    if (!*dst && value)
        *dst = trimmed(value);
}

/* --- <meta> ------------------------------------------------------------ */

enum { M_TITLE, M_BYLINE, M_SITE, M_DATE, M_URL, M_COUNT };

/* Keys in the order Readability prefers them. */
static const char *const meta_keys[M_COUNT][8] = {
    [M_TITLE] = {"dc:title", "dcterm:title", "og:title", "weibo:article:title",
                 "weibo:webpage:title", "title", "twitter:title", "parsely-title"},
    [M_BYLINE] = {"dc:creator", "dcterm:creator", "author", "parsely-author", "article:author", NULL},
    [M_SITE] = {"og:site_name", NULL},
    [M_DATE] = {"article:published_time", "og:article:published_time", "datepublished",
                "parsely-pub-date", "pubdate", "date", "dc:date", "dcterms.date"},
    [M_URL] = {"og:url", NULL},
};

typedef struct meta_values {
    char *v[M_COUNT][8];
} meta_values;

static void lower_nospace(const char *in, char *out, size_t cap)
{
    size_t k = 0;
    for (; *in && k + 1 < cap; in++)
        if (!isspace((unsigned char)*in))
            out[k++] = (char)tolower((unsigned char)*in);
    out[k] = '\0';
}

static void meta_take(meta_values *mv, const char *key, const char *content)
{
    for (int f = 0; f < M_COUNT; f++)
        for (int k = 0; k < 8 && meta_keys[f][k]; k++)
            if (strcmp(meta_keys[f][k], key) == 0 && !mv->v[f][k])
                mv->v[f][k] = trimmed(content);
}

static void read_metas(xmlNode *root, meta_values *mv)
{
    for (xmlNode *n = root; n; n = rd_next(n, 0)) {
        if (!html_is(n, "meta"))
            continue;
        char *content = html_attr(n, "content");
        if (!content || !*content) {
            free(content);
            continue;
        }
        char key[128];
        char *prop = html_attr(n, "property"), *name = html_attr(n, "name");
        char *itemprop = html_attr(n, "itemprop");
        int taken = 0;
        if (prop) {
            /* property may list several: "og:title twitter:title" */
            char *save = NULL;
            for (char *tok = strtok_r(prop, " \t\n", &save); tok;
                 tok = strtok_r(NULL, " \t\n", &save)) {
                lower_nospace(tok, key, sizeof key);
                meta_take(mv, key, content);
                taken = 1;
            }
        }
        if (!taken && name) {
            lower_nospace(name, key, sizeof key);
            for (char *p = key; *p; p++)
                if (*p == '.' && strncmp(key, "dcterms.date", 12) != 0)
                    *p = ':';
            meta_take(mv, key, content);
        }
        if (itemprop) {
            lower_nospace(itemprop, key, sizeof key);
            meta_take(mv, key, content);
        }
        free(prop);
        free(name);
        free(itemprop);
        free(content);
    }
}

static const char *meta_get(const meta_values *mv, int f)
{
    for (int k = 0; k < 8; k++)
        if (mv->v[f][k])
            return mv->v[f][k];
    return NULL;
}

/* --- JSON-LD ------------------------------------------------------------- */

static int article_type(const char *t)
{
    static const char *const types[] = {
        "Article", "AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle",
        "AskPublicNewsArticle", "BackgroundNewsArticle", "OpinionNewsArticle",
        "ReportageNewsArticle", "ReviewNewsArticle", "Report", "SatiricalArticle",
        "ScholarlyArticle", "MedicalScholarlyArticle", "SocialMediaPosting", "BlogPosting",
        "LiveBlogPosting", "DiscussionForumPosting", "TechArticle", "APIReference", NULL};
    for (const char *const *p = types; *p; p++)
        if (strcmp(t, *p) == 0)
            return 1;
    return 0;
}

static int is_article(json_t *o)
{
    json_t *type = json_object_get(o, "@type");
    if (json_is_string(type))
        return article_type(json_string_value(type));
    size_t i;
    json_t *v;
    json_array_foreach(type, i, v) if (json_is_string(v) && article_type(json_string_value(v)))
        return 1;
    return 0;
}

static json_t *find_article(json_t *j)
{
    if (json_is_array(j)) {
        size_t i;
        json_t *v;
        json_array_foreach(j, i, v)
        {
            json_t *a = find_article(v);
            if (a)
                return a;
        }
        return NULL;
    }
    if (!json_is_object(j))
        return NULL;
    if (is_article(j))
        return j;
    return find_article(json_object_get(j, "@graph"));
}

static const char *jstr(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static char *authors(json_t *a)
{
    if (json_is_string(a))
        return trimmed(json_string_value(a));
    if (json_is_object(a))
        return trimmed(jstr(a, "name"));
    if (!json_is_array(a))
        return NULL;
    nwbuf b = {0};
    size_t i;
    json_t *v;
    json_array_foreach(a, i, v)
    {
        const char *name = json_is_object(v) ? jstr(v, "name") : NULL;
        if (name) {
            if (b.len)
                buf_adds(&b, ", ");
            char *t = trimmed(name);
            if (t)
                buf_adds(&b, t);
            free(t);
        }
    }
    return b.len ? buf_take_str(&b) : (buf_free(&b), NULL);
}

typedef struct ld_meta {
    char *byline, *site, *date, *name, *headline;
} ld_meta;

static void read_json_ld(xmlNode *root, ld_meta *ld)
{
    for (xmlNode *n = root; n; n = rd_next(n, 0)) {
        if (!html_is(n, "script") || !rd_attr_is(n, "type", "application/ld+json"))
            continue;
        xmlChar *text = xmlNodeGetContent(n);
        if (!text)
            continue;
        /* some sites wrap it in CDATA markers */
        char *s = (char *)text;
        while (isspace((unsigned char)*s))
            s++;
        if (strncmp(s, "<![CDATA[", 9) == 0)
            s += 9;
        json_error_t err;
        json_t *j = json_loads(s, JSON_DISABLE_EOF_CHECK, &err);
        xmlFree(text);
        json_t *a = find_article(j);
        if (a) {
            ld->name = trimmed(jstr(a, "name"));
            ld->headline = trimmed(jstr(a, "headline"));
            ld->byline = authors(json_object_get(a, "author"));
            json_t *pub = json_object_get(a, "publisher");
            if (json_is_object(pub))
                ld->site = trimmed(jstr(pub, "name"));
            ld->date = trimmed(jstr(a, "datePublished"));
        }
        json_decref(j);
        if (a)
            return;
    }
}

/* --- <title> ------------------------------------------------------------ */

static size_t word_count(const char *s)
{
    size_t k = 0;
    int in = 0;
    for (; *s; s++) {
        int sp = isspace((unsigned char)*s);
        k += !sp && !in;
        in = !sp;
    }
    return k ? k : 1;
}

static int is_sep(const char *p)
{
    return *p == '|' || *p == '-' || *p == '\\' || *p == '/' || *p == '>' ||
           strncmp(p, "\xC2\xBB", 2) == 0;
}

static size_t sep_len(const char *p)
{
    return strncmp(p, "\xC2\xBB", 2) == 0 ? 2 : 1;
}

/* " | Site" style suffixes (and prefixes) go, as Readability's
 * _getArticleTitle does it. */
static char *clean_title(const char *orig, xmlNode *root)
{
    char *cur = xstrdup(orig);
    int hierarchical = 0;
    const char *last_sep = NULL, *first_sep = NULL;
    for (const char *p = orig; *p; p++)
        if (p > orig && p[-1] == ' ' && is_sep(p) && p[sep_len(p)] == ' ') {
            if (!first_sep)
                first_sep = p;
            last_sep = p;
            if (*p != '|' && *p != '-')
                hierarchical = 1;
        }
    if (last_sep) {
        free(cur);
        cur = xstrndup(orig, (size_t)(last_sep - orig));
        if (word_count(cur) < 3) {
            free(cur);
            cur = xstrdup(first_sep + sep_len(first_sep));
        }
    } else if (strstr(orig, ": ")) {
        int match = 0;
        for (xmlNode *n = root; n && !match; n = rd_next(n, 0))
            if (html_is(n, "h1") || html_is(n, "h2")) {
                char *t = rd_inner_text(n);
                char *tt = trimmed(orig);
                match = tt && strcmp(t, tt) == 0;
                free(t);
                free(tt);
            }
        if (!match) {
            const char *lc = strrchr(orig, ':');
            free(cur);
            cur = xstrdup(lc + 1);
            if (word_count(cur) < 3) {
                free(cur);
                cur = xstrdup(strchr(orig, ':') + 1);
            } else {
                char *before = xstrndup(orig, (size_t)(strchr(orig, ':') - orig));
                if (word_count(before) > 5) {
                    free(cur);
                    cur = xstrdup(orig);
                }
                free(before);
            }
        }
    } else if (strlen(orig) > 150 || strlen(orig) < 15) {
        xmlNode *only = NULL;
        int count = 0;
        for (xmlNode *n = root; n; n = rd_next(n, 0))
            if (html_is(n, "h1")) {
                only = n;
                count++;
            }
        if (count == 1) {
            free(cur);
            cur = rd_inner_text(only);
        }
    }
    char *t = trimmed(cur);
    free(cur);
    cur = t ? t : xstrdup("");
    /* Too short now: keep the original, unless it only lost the site. */
    size_t words = word_count(cur);
    nwbuf stripped = {0};
    for (const char *p = orig; *p;) {
        if (is_sep(p)) {
            p += sep_len(p);
            continue;
        }
        buf_addc(&stripped, (uint8_t)*p++);
    }
    char *st = buf_take_str(&stripped);
    if (words <= 4 && (!hierarchical || words != word_count(st) - 1)) {
        free(cur);
        cur = trimmed(orig);
    }
    free(st);
    return cur;
}

/* --- all together --------------------------------------------------------- */

static char *first_time(xmlNode *root)
{
    for (xmlNode *n = root; n; n = rd_next(n, 0))
        if (html_is(n, "time")) {
            char *dt = html_attr(n, "datetime");
            if (dt && *dt)
                return dt;
            free(dt);
        }
    return NULL;
}

void page_meta_read(xmlDoc *doc, page_meta *m)
{
    memset(m, 0, sizeof *m);
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root)
        return;
    meta_values mv;
    memset(&mv, 0, sizeof mv);
    ld_meta ld = {0};
    read_metas(root, &mv);
    read_json_ld(root, &ld);
    char *doc_title = NULL;
    for (xmlNode *n = root; n && !doc_title; n = rd_next(n, 0))
        if (html_is(n, "title"))
            doc_title = rd_inner_text(n);
    char *cleaned = clean_title(doc_title ? doc_title : "", root);
    if (ld.name && ld.headline && strcmp(ld.name, ld.headline) != 0) {
        int name_ok = rd_similarity(ld.name, cleaned) > 0.75;
        int head_ok = rd_similarity(ld.headline, cleaned) > 0.75;
        set_once(&m->title, head_ok && !name_ok ? ld.headline : ld.name);
    }
    set_once(&m->title, ld.name);
    set_once(&m->title, ld.headline);
    set_once(&m->title, meta_get(&mv, M_TITLE));
    if (cleaned && *cleaned)
        set_once(&m->title, cleaned);
    set_once(&m->byline, ld.byline);
    set_once(&m->byline, meta_get(&mv, M_BYLINE));
    set_once(&m->site, ld.site);
    set_once(&m->site, meta_get(&mv, M_SITE));
    set_once(&m->date, ld.date);
    set_once(&m->date, meta_get(&mv, M_DATE));
    if (!m->date)
        m->date = first_time(root);
    set_once(&m->url, meta_get(&mv, M_URL));
    for (xmlNode *n = root; n && !m->url; n = rd_next(n, 0))
        if (html_is(n, "link") && rd_attr_is(n, "rel", "canonical"))
            m->url = html_attr(n, "href");
    m->lang = html_attr(root, "lang");
    if (!m->lang)
        m->lang = html_attr(root, "xml:lang");
    m->dir = html_attr(root, "dir");
    xmlNode *body = html_body(doc);
    if (!m->dir && body)
        m->dir = html_attr(body, "dir");
    free(doc_title);
    free(cleaned);
    for (int f = 0; f < M_COUNT; f++)
        for (int k = 0; k < 8; k++)
            free(mv.v[f][k]);
    free(ld.byline);
    free(ld.site);
    free(ld.date);
    free(ld.name);
    free(ld.headline);
}
