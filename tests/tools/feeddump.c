/* feeddump.c -- print what the feed parser makes of a file, as JSON in
 * the shape of Python feedparser's result (feed, entries, bozo), so the
 * feedparser conformance cases can be evaluated against it
 * (tests/feeds/conformance.py).  Usage: feeddump FILE */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../src/app/buf.h"
#include "../../src/app/diag.h"
#include "../../src/host/feed.h"
#include "../../src/host/input.h"



static void put(json_t *o, const char *k, const char *v)
{
    if (v)
        json_object_set_new(o, k, json_string(v));
}

static json_t *text(const feed_text *t)
{
    json_t *o = json_object();
    put(o, "value", t->value);
    put(o, "type", t->type);
    if (t->lang)
        put(o, "language", t->lang);
    return o;
}

static json_t *person(const feed_person *p)
{
    json_t *o = json_object();
    put(o, "name", p->name);
    put(o, "email", p->email);
    put(o, "href", p->href);
    return o;
}

static void date(json_t *o, const char *key, const feed_date *d)
{
    char k[64];
    if (!d->raw)
        return;
    put(o, key, d->raw);
    snprintf(k, sizeof k, "%s_iso", key);
    put(o, k, d->iso);
}

static json_t *part(const feed_part *p, int is_feed)
{
    json_t *o = json_object();
    if (p->title.value) {
        put(o, "title", p->title.value);
        json_object_set_new(o, "title_detail", text(&p->title));
    }
    if (p->summary.value) {
        const char *k = is_feed ? "subtitle" : "summary";
        put(o, k, p->summary.value);
        json_object_set_new(o, is_feed ? "subtitle_detail" : "summary_detail", text(&p->summary));
    }
    if (p->ncontent) {
        json_t *a = json_array();
        for (size_t i = 0; i < p->ncontent; i++)
            json_array_append_new(a, text(&p->content[i]));
        json_object_set_new(o, "content", a);
    }
    put(o, "link", p->link);
    if (p->nlinks) {
        json_t *a = json_array();
        for (size_t i = 0; i < p->nlinks; i++) {
            json_t *l = json_object();
            put(l, "rel", p->links[i].rel);
            put(l, "type", p->links[i].type);
            put(l, "href", p->links[i].href);
            put(l, "title", p->links[i].title);
            json_array_append_new(a, l);
        }
        json_object_set_new(o, "links", a);
    }
    put(o, "id", p->id);
    if (!is_feed)
        json_object_set_new(o, "guidislink", json_boolean(p->guidislink));
    put(o, "author", p->author);
    if (p->author)
        json_object_set_new(o, "author_detail", person(&p->author_detail));
    if (p->nauthors) {
        json_t *a = json_array();
        for (size_t i = 0; i < p->nauthors; i++)
            json_array_append_new(a, person(&p->authors[i]));
        json_object_set_new(o, "authors", a);
    }
    date(o, "published", &p->published);
    date(o, "updated", &p->updated);
    date(o, "created", &p->created);
    if (p->ntags) {
        json_t *a = json_array();
        for (size_t i = 0; i < p->ntags; i++) {
            json_t *t = json_object();
            put(t, "term", p->tags[i]);
            json_array_append_new(a, t);
        }
        json_object_set_new(o, "tags", a);
    }
    put(o, "language", p->lang);
    return o;
}

int main(int argc, char **argv)
{
    nwbuf raw = {0};
    feed_doc d;
    if (argc != 2) {
        fprintf(stderr, "usage: feeddump FILE\n");
        return 2;
    }
    g_diag.prog = "feeddump";
    g_diag.quiet = 1;
    if (input_read_raw(argv[1], &raw) < 0)
        return 1;
    if (feed_parse(argv[1], raw.data, raw.len, &d) < 0) {
        buf_free(&raw);
        printf("{\"bozo\": true, \"feed\": {}, \"entries\": []}\n");
        return 0;
    }
    json_t *o = json_object();
    json_object_set_new(o, "bozo", json_boolean(d.bozo));
    put(o, "bozo_exception", d.bozo_message);
    put(o, "version", d.version);
    json_object_set_new(o, "feed", part(&d.feed, 1));
    json_t *e = json_array();
    for (size_t i = 0; i < d.nentries; i++)
        json_array_append_new(e, part(&d.entries[i], 0));
    json_object_set_new(o, "entries", e);
    char *s = json_dumps(o, JSON_INDENT(1) | JSON_ENSURE_ASCII);
    puts(s);
    free(s);
    json_decref(o);
    feed_free(&d);
    buf_free(&raw);
    return 0;
}
