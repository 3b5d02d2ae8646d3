/* select.c -- dedupe and filters before packing. */
#include "select.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle_file.h"
#include "diag.h"

/* Titles compare without case, spacing and punctuation: feeds re-post an
 * article with a typographic quote changed. */
static char *title_key(const char *t)
{
    nwbuf b = {0};
    for (const unsigned char *p = (const unsigned char *)t; *p; p++) {
        if (*p >= 0x80)
            buf_addc(&b, *p);
        else if (isalnum(*p))
            buf_addc(&b, (uint8_t)tolower(*p));
    }
    return buf_take_str(&b);
}

static int seen_before(char **keys, size_t n, const char *k)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(keys[i], k) == 0)
            return 1;
    return 0;
}

static void drop(article_list *l, size_t i)
{
    article_free(l->v[i]);
    l->v[i] = NULL;
}

static void compact(article_list *l)
{
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i])
            l->v[k++] = l->v[i];
    l->n = k;
}

static void dedupe(article_list *l, select_stats *st)
{
    char **keys = xcalloc(l->n * 3 + 1, sizeof *keys);
    size_t nk = 0;
    for (size_t i = 0; i < l->n; i++) {
        nws_article *a = l->v[i];
        char *mine[3] = {NULL, NULL, NULL};
        const char *raw[3] = {a->guid, a->field[NWSB_FIELD_URL], NULL};
        char *tk = a->field[NWSB_FIELD_TITLE] ? title_key(a->field[NWSB_FIELD_TITLE]) : NULL;
        if (tk && strlen(tk) >= 8) /* "Update" or "Item 3" alone says too little */
            raw[2] = tk;
        int dup = 0;
        for (int k = 0; k < 3; k++)
            if (raw[k]) {
                /* a prefix keeps the three kinds of key apart */
                size_t len = strlen(raw[k]) + 3;
                mine[k] = xmalloc(len);
                snprintf(mine[k], len, "%d:%s", k, raw[k]);
                dup = dup || seen_before(keys, nk, mine[k]);
            }
        free(tk);
        if (dup) {
            diag_warn(a->origin, 0, "\"%s\" is a duplicate, left out",
                      a->field[NWSB_FIELD_TITLE] ? a->field[NWSB_FIELD_TITLE] : "(untitled)");
            st->duplicates++;
            drop(l, i);
            for (int k = 0; k < 3; k++)
                free(mine[k]);
            continue;
        }
        for (int k = 0; k < 3; k++)
            if (mine[k])
                keys[nk++] = mine[k];
    }
    for (size_t i = 0; i < nk; i++)
        free(keys[i]);
    free(keys);
    compact(l);
}

static int load_seen(const char *path, uint64_t **ids, size_t *n)
{
    bundle_file bf;
    nwsb_diag d;
    int rc = bundle_file_open(path, &bf, &d);
    if (rc != 0) {
        if (rc != NWSB_E_IO) {
            char place[128];
            bundle_diag_place(&d, place, sizeof place);
            diag_error(path, 0, "--skip-seen: %s%s%s", nwsb_strerror(rc), *place ? " at " : "",
                       place);
        }
        return -1;
    }
    *n = nwsb_article_count(bf.b);
    *ids = xcalloc(*n + 1, sizeof **ids);
    for (uint32_t i = 0; i < *n; i++) {
        nwsb_article a;
        if (nwsb_article_get(bf.b, i, &a) == 0)
            (*ids)[i] = a.id;
    }
    bundle_file_close(&bf);
    return 0;
}

static int newer_first(const void *pa, const void *pb)
{
    const nws_article *a = *(nws_article *const *)pa, *b = *(nws_article *const *)pb;
    const char *da = a->field[NWSB_FIELD_DATE] ? a->field[NWSB_FIELD_DATE] : "";
    const char *db = b->field[NWSB_FIELD_DATE] ? b->field[NWSB_FIELD_DATE] : "";
    return strcmp(db, da);
}

int select_articles(article_list *l, const select_options *o, select_stats *st)
{
    memset(st, 0, sizeof *st);
    dedupe(l, st);
    if (o->since) {
        for (size_t i = 0; i < l->n; i++) {
            const char *d = l->v[i]->field[NWSB_FIELD_DATE];
            /* ISO dates compare as text; an undated article is kept */
            if (d && d[0] >= '0' && d[0] <= '9' && strncmp(d, o->since, 10) < 0) {
                st->older++;
                drop(l, i);
            }
        }
        compact(l);
    }
    if (o->seen) {
        uint64_t *ids = NULL;
        size_t n = 0;
        if (load_seen(o->seen, &ids, &n) < 0)
            return -1;
        for (size_t i = 0; i < l->n; i++) {
            uint64_t id = article_id(l->v[i]);
            for (size_t k = 0; k < n; k++)
                if (ids[k] == id) {
                    st->seen++;
                    drop(l, i);
                    break;
                }
        }
        free(ids);
        compact(l);
    }
    if (o->max_articles && l->n > o->max_articles) {
        /* the newest stay; undated ones count as oldest */
        nws_article **sorted = xmalloc(l->n * sizeof *sorted);
        memcpy(sorted, l->v, l->n * sizeof *sorted);
        qsort(sorted, l->n, sizeof *sorted, newer_first);
        for (size_t k = o->max_articles; k < l->n; k++)
            for (size_t i = 0; i < l->n; i++)
                if (l->v[i] == sorted[k]) {
                    st->over_max++;
                    drop(l, i);
                    break;
                }
        free(sorted);
        compact(l);
    }
    return 0;
}
