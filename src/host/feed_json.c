/* feed_json.c -- JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1)
 * into the feed model, through jansson. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/buf.h"
#include "../app/diag.h"
#include "feed.h"

static const char *str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void text(feed_text *t, const char *value, const char *type)
{
    if (!value)
        return;
    feed_set(&t->value, value);
    feed_set(&t->type, type);
}

/* 1.1 has "authors" (a list), 1.0 "author" (one object). */
static void authors(json_t *o, feed_part *p)
{
    json_t *list = json_object_get(o, "authors");
    json_t *one = json_object_get(o, "author");
    size_t n = json_is_array(list) ? json_array_size(list) : json_is_object(one) ? 1 : 0;
    for (size_t i = 0; i < n; i++) {
        json_t *a = json_is_array(list) ? json_array_get(list, i) : one;
        if (!json_is_object(a))
            continue;
        p->authors = xrealloc(p->authors, (p->nauthors + 1) * sizeof *p->authors);
        feed_person *who = &p->authors[p->nauthors++];
        memset(who, 0, sizeof *who);
        feed_set(&who->name, str(a, "name"));
        feed_set(&who->href, str(a, "url"));
        if (p->nauthors == 1) {
            feed_set(&p->author_detail.name, who->name);
            feed_set(&p->author_detail.href, who->href);
            feed_person_string(p);
        }
    }
}

static void item(json_t *it, feed_part *p)
{
    json_t *id = json_object_get(it, "id");
    if (json_is_string(id))
        feed_set(&p->id, json_string_value(id));
    else if (json_is_integer(id)) {
        char num[32];
        snprintf(num, sizeof num, "%lld", (long long)json_integer_value(id));
        feed_set(&p->id, num);
    }
    const char *url = str(it, "url") ? str(it, "url") : str(it, "external_url");
    if (url) {
        feed_set(&p->link, url);
        feed_add_link(p, "alternate", "text/html", url, NULL);
    }
    text(&p->title, str(it, "title"), "text/plain");
    text(&p->summary, str(it, "summary"), "text/plain");
    if (str(it, "content_html"))
        text(feed_add_content(p), str(it, "content_html"), "text/html");
    if (str(it, "content_text"))
        text(feed_add_content(p), str(it, "content_text"), "text/plain");
    if (str(it, "date_published"))
        feed_set_date(&p->published, str(it, "date_published"));
    if (str(it, "date_modified"))
        feed_set_date(&p->updated, str(it, "date_modified"));
    authors(it, p);
    json_t *tags = json_object_get(it, "tags");
    size_t i;
    json_t *t;
    json_array_foreach(tags, i, t) if (json_is_string(t)) feed_add_tag(p, json_string_value(t));
    feed_set(&p->lang, str(it, "language"));
}

int feed_parse_json(const char *file, const char *utf8, size_t n, feed_doc *out)
{
    json_error_t err;
    json_t *root = json_loadb(utf8, n, JSON_REJECT_DUPLICATES, &err);
    if (!root) {
        /* a broken tail: keep what the parser accepted before it */
        root = json_loadb(utf8, n, JSON_DISABLE_EOF_CHECK, &err);
        out->bozo = 1;
        char msg[256];
        snprintf(msg, sizeof msg, "line %d: %s", err.line, err.text);
        out->bozo_message = xstrdup(msg);
        if (!root) {
            diag_warn(file, (size_t)(err.line > 0 ? err.line : 0), "not a JSON Feed: %s", err.text);
            feed_free(out);
            return -1;
        }
    }
    const char *version = str(root, "version");
    if (!json_is_object(root) || !version || !strstr(version, "jsonfeed.org/version/")) {
        diag_warn(file, 0, "JSON without a JSON Feed \"version\" (https://jsonfeed.org/version/1.1)");
        json_decref(root);
        feed_free(out);
        return -1;
    }
    out->version = xstrdup(strstr(version, "/version/1.1") ? "json11" : "json10");
    feed_part *f = &out->feed;
    text(&f->title, str(root, "title"), "text/plain");
    text(&f->summary, str(root, "description"), "text/plain");
    if (str(root, "home_page_url")) {
        feed_set(&f->link, str(root, "home_page_url"));
        feed_add_link(f, "alternate", "text/html", f->link, NULL);
    }
    if (str(root, "feed_url"))
        feed_add_link(f, "self", "application/feed+json", str(root, "feed_url"), NULL);
    authors(root, f);
    feed_set(&f->lang, str(root, "language"));
    json_t *items = json_object_get(root, "items");
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
    {
        if (!json_is_object(it))
            continue;
        feed_part *p = feed_new_entry(out);
        if (!p)
            break;
        item(it, p);
    }
    json_decref(root);
    return 0;
}
