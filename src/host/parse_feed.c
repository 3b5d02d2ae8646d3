/* parse_feed.c -- each feed entry becomes an article: title, link, GUID,
 * author, date, and the richest body (full content, then summary) run
 * through the same block converter as web pages.  The feed's title is
 * the article's source. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/diag.h"
#include "feed.h"
#include "html_blocks.h"
#include "html_doc.h"
#include "image_load.h"
#include "input.h"

static void set(nws_article *a, nwsb_field f, const char *v)
{
    if (v && *v)
        article_set(a, f, v, strlen(v));
}

/* A title or source given as HTML, as text. */
static char *plain(const feed_text *t)
{
    if (!t->value)
        return NULL;
    if (!t->type || strcmp(t->type, "text/plain") == 0)
        return xstrdup(t->value);
    xmlDoc *d = html_parse_fragment(t->value, strlen(t->value));
    char *s = d ? html_text(html_body(d)) : xstrdup(t->value);
    if (d)
        xmlFreeDoc(d);
    return s;
}

/* Full content beats a summary; among contents, HTML beats plain text
 * and the longer wins (feeds often carry a teaser and the article). */
static const feed_text *richest(const feed_part *e)
{
    const feed_text *best = NULL;
    for (size_t i = 0; i < e->ncontent; i++) {
        const feed_text *t = &e->content[i];
        if (!t->value || !*t->value)
            continue;
        if (!best || strlen(t->value) > strlen(best->value))
            best = t;
    }
    if (best)
        return best;
    return e->summary.value && *e->summary.value ? &e->summary : NULL;
}

static void body(nws_article *a, const feed_text *t, int smart, image_ctx *images)
{
    nws_builder b;
    builder_init(&b, a, smart);
    b.images = images;
    if (t->type && strcmp(t->type, "text/plain") == 0) {
        /* plain text: one paragraph per line */
        const char *s = t->value;
        while (*s) {
            const char *e = strchr(s, '\n');
            size_t n = e ? (size_t)(e - s) : strlen(s);
            builder_end_block(&b);
            builder_text(&b, s, n);
            s += n + (e != NULL);
        }
    } else {
        xmlDoc *d = html_parse_fragment(t->value, strlen(t->value));
        if (d)
            html_to_blocks(html_body(d), &b);
        if (d)
            xmlFreeDoc(d);
    }
    builder_finish(&b);
}

static const feed_date *best_date(const feed_part *e)
{
    if (e->published.raw)
        return &e->published;
    if (e->updated.raw)
        return &e->updated;
    return e->created.raw ? &e->created : NULL;
}

size_t parse_feed(const char *path, const uint8_t *raw, size_t n, const input_options *opt,
                  article_list *out)
{
    feed_doc d;
    if (feed_parse(path, raw, n, &d) < 0)
        return 0;
    if (d.bozo)
        diag_warn(path, 0, "feed is not well-formed (%s); kept what could be read",
                  d.bozo_message ? d.bozo_message : "XML error");
    if (d.truncated)
        diag_warn(path, 0, "more than %u entries; the rest are left out", FEED_MAX_ENTRIES);
    char *source = plain(&d.feed.title);
    size_t added = 0, empty = 0;
    image_ctx images = {path, opt->image_max_w, opt->image_max_h, 1, 0, 0, 0};
    for (size_t i = 0; i < d.nentries; i++) {
        const feed_part *e = &d.entries[i];
        const feed_text *t = richest(e);
        char *title = plain(&e->title);
        if (!t && (!title || !*title)) {
            empty++;
            free(title);
            continue;
        }
        nws_article *a = article_new(path);
        if (title) {
            char *typo = typo_string(title, opt->smart);
            set(a, NWSB_FIELD_TITLE, typo);
            free(typo);
        }
        free(title);
        set(a, NWSB_FIELD_URL, e->link);
        if (e->id)
            a->guid = xstrdup(e->id);
        set(a, NWSB_FIELD_AUTHOR, e->author_detail.name ? e->author_detail.name : e->author);
        const feed_date *dt = best_date(e);
        if (dt)
            input_set_date(a, dt->raw, strlen(dt->raw), path, 0);
        set(a, NWSB_FIELD_SOURCE, source);
        set(a, NWSB_FIELD_LANGUAGE, e->lang ? e->lang : d.feed.lang);
        if (t)
            body(a, t, opt->smart, &images);
        if (!a->field[NWSB_FIELD_TITLE]) {
            char label[32];
            snprintf(label, sizeof label, "Item %zu", i + 1);
            set(a, NWSB_FIELD_TITLE, label);
        }
        article_list_add(out, a);
        added++;
    }
    if (empty)
        diag_warn(path, 0, "%zu entr%s with neither title nor text left out", empty,
                  empty == 1 ? "y" : "ies");
    if (d.nentries == 0)
        diag_warn(path, 0, "feed has no entries");
    image_ctx_report(&images);
    free(source);
    feed_free(&d);
    return added;
}
