/* parse_html.c -- a saved web page as one article: its main content
 * (readability.h) in the article model, with the page's metadata. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../app/diag.h"
#include "html_blocks.h"
#include "html_doc.h"
#include "image_load.h"
#include "input.h"
#include "readability.h"

static void set(nws_article *a, nwsb_field f, const char *v)
{
    if (v)
        article_set(a, f, v, strlen(v));
}

size_t parse_html(const char *path, const uint8_t *raw, size_t n, const input_options *opt,
                  article_list *out)
{
    xmlDoc *doc = html_parse_page(path, raw, n);
    if (!doc)
        return 0;
    page_meta m;
    page_meta_read(doc, &m);
    char *byline = NULL;
    xmlNode *content = readability_extract(doc, m.title, &byline);
    nws_article *a = article_new(path);
    if (m.title) {
        char *t = typo_string(m.title, opt->smart);
        set(a, NWSB_FIELD_TITLE, t);
        free(t);
    }
    set(a, NWSB_FIELD_AUTHOR, m.byline ? m.byline : byline);
    if (m.date)
        input_set_date(a, m.date, strlen(m.date), path, 0);
    set(a, NWSB_FIELD_SOURCE, m.site);
    set(a, NWSB_FIELD_URL, m.url);
    set(a, NWSB_FIELD_LANGUAGE, m.lang);
    if (m.dir)
        a->dir_hint = strcasecmp(m.dir, "rtl") == 0   ? ARTICLE_DIR_RTL
                      : strcasecmp(m.dir, "ltr") == 0 ? ARTICLE_DIR_LTR
                                                      : ARTICLE_DIR_UNKNOWN;
    if (content && getenv("NEWSPACK_DUMP_EXTRACT")) {
        /* for looking into extraction problems: the chosen HTML */
        xmlElemDump(stderr, doc, content);
        fputc('\n', stderr);
    }
    if (content) {
        nws_builder b;
        builder_init(&b, a, opt->smart);
        image_ctx images = {path, opt->image_max_w, opt->image_max_h, 0, 0, 0, 0};
        b.images = &images;
        html_to_blocks(content, &b);
        builder_finish(&b);
        image_ctx_report(&images);
        xmlFreeNode(content);
    }
    free(byline);
    page_meta_free(&m);
    xmlFreeDoc(doc);
    if (a->blocks == 0) {
        diag_warn(path, 0, "no article text found in this page");
        article_free(a);
        return 0;
    }
    if (!a->field[NWSB_FIELD_TITLE])
        input_title_from_path(a, path);
    article_list_add(out, a);
    return 1;
}
