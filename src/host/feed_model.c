/* feed_model.c -- the feed model's storage and small helpers. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../app/buf.h"
#include "dates.h"
#include "feed.h"

static void free_text(feed_text *t)
{
    free(t->value);
    free(t->type);
    free(t->lang);
}

static void free_person(feed_person *p)
{
    free(p->name);
    free(p->email);
    free(p->href);
}

static void free_part(feed_part *p)
{
    free_text(&p->title);
    free_text(&p->summary);
    for (size_t i = 0; i < p->ncontent; i++)
        free_text(&p->content[i]);
    free(p->content);
    for (size_t i = 0; i < p->nlinks; i++) {
        free(p->links[i].rel);
        free(p->links[i].type);
        free(p->links[i].href);
        free(p->links[i].title);
    }
    free(p->links);
    free(p->link);
    free(p->id);
    free(p->author);
    free_person(&p->author_detail);
    for (size_t i = 0; i < p->nauthors; i++)
        free_person(&p->authors[i]);
    free(p->authors);
    feed_date *dates[3] = {&p->published, &p->updated, &p->created};
    for (int i = 0; i < 3; i++) {
        free(dates[i]->raw);
        free(dates[i]->iso);
    }
    for (size_t i = 0; i < p->ntags; i++)
        free(p->tags[i]);
    free(p->tags);
    free(p->lang);
}

void feed_free(feed_doc *d)
{
    free(d->version);
    free(d->bozo_message);
    free_part(&d->feed);
    for (size_t i = 0; i < d->nentries; i++)
        free_part(&d->entries[i]);
    free(d->entries);
    memset(d, 0, sizeof *d);
}

feed_part *feed_new_entry(feed_doc *d)
{
    if (d->nentries >= FEED_MAX_ENTRIES) {
        d->truncated = 1;
        return NULL;
    }
    /* grow by doubling: the array holds whole entries */
    if ((d->nentries & (d->nentries - 1)) == 0) {
        size_t cap = d->nentries ? d->nentries * 2 : 1;
        d->entries = xrealloc(d->entries, cap * sizeof *d->entries);
    }
    feed_part *p = &d->entries[d->nentries++];
    memset(p, 0, sizeof *p);
    return p;
}

void feed_set(char **dst, const char *value)
{
    free(*dst);
    *dst = NULL;
    if (!value)
        return;
    while (isspace((unsigned char)*value))
        value++;
    size_t n = strlen(value);
    while (n && isspace((unsigned char)value[n - 1]))
        n--;
    *dst = xstrndup(value, n);
}

void feed_add_link(feed_part *p, const char *rel, const char *type, const char *href,
                   const char *title)
{
    p->links = xrealloc(p->links, (p->nlinks + 1) * sizeof *p->links);
    feed_link *l = &p->links[p->nlinks++];
    memset(l, 0, sizeof *l);
    feed_set(&l->rel, rel);
    feed_set(&l->type, type);
    feed_set(&l->href, href);
    feed_set(&l->title, title);
}

void feed_set_date(feed_date *d, const char *raw)
{
    char iso[64];
    feed_set(&d->raw, raw);
    free(d->iso);
    d->iso = NULL;
    if (d->raw && date_normalize(d->raw, iso, sizeof iso) == 0)
        d->iso = xstrdup(iso);
}

void feed_add_tag(feed_part *p, const char *term)
{
    if (!term || !*term)
        return;
    p->tags = xrealloc(p->tags, (p->ntags + 1) * sizeof *p->tags);
    p->tags[p->ntags] = NULL;
    feed_set(&p->tags[p->ntags++], term);
}

feed_text *feed_add_content(feed_part *p)
{
    p->content = xrealloc(p->content, (p->ncontent + 1) * sizeof *p->content);
    feed_text *t = &p->content[p->ncontent++];
    memset(t, 0, sizeof *t);
    return t;
}

/* "Name (email)" from the detail; RSS gives the string and we split it
 * the other way (feed_xml.c). */
void feed_person_string(feed_part *p)
{
    const feed_person *d = &p->author_detail;
    free(p->author);
    p->author = NULL;
    nwbuf b = {0};
    if (d->name)
        buf_adds(&b, d->name);
    if (d->email) {
        if (b.len)
            buf_adds(&b, " (");
        buf_adds(&b, d->email);
        if (d->name)
            buf_addc(&b, ')');
    }
    p->author = b.len ? buf_take_str(&b) : (buf_free(&b), NULL);
}

int feed_sniff(const uint8_t *p, size_t n)
{
    size_t i = 0;
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        i = 3;
    while (i < n && isspace(p[i]))
        i++;
    if (i < n && p[i] == '{') {
        const char *probe = (const char *)p + i;
        size_t len = n - i < 4096 ? n - i : 4096;
        for (size_t k = 0; k + 20 < len; k++)
            if (memcmp(probe + k, "jsonfeed.org/version", 20) == 0)
                return 1;
        return 0;
    }
    /* XML: the first element's local name decides */
    size_t len = n < 8192 ? n : 8192;
    static const char *const roots[] = {"rss", "feed", "RDF", "channel", NULL};
    for (size_t k = i; k + 1 < len; k++) {
        if (p[k] == '<' && k + 3 < len && memcmp(p + k, "<!--", 4) == 0) {
            /* comments may hold markup of their own */
            size_t e = k + 4;
            while (e + 2 < len && memcmp(p + e, "-->", 3) != 0)
                e++;
            if (e + 2 >= len)
                return 0;
            k = e + 2;
            continue;
        }
        if (p[k] != '<' || p[k + 1] == '?' || p[k + 1] == '!')
            continue;
        size_t s = k + 1, e = s;
        while (e < len && (isalnum(p[e]) || p[e] == ':' || p[e] == '_' || p[e] == '-'))
            if (p[e++] == ':')
                s = e; /* after a prefix */
        for (const char *const *r = roots; *r; r++)
            if (e - s == strlen(*r) && memcmp(p + s, *r, e - s) == 0)
                return 1;
        return 0;
    }
    return 0;
}
