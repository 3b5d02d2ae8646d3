/* select.c -- dedupe and filters before packing. */
#include "select.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/bundle_file.h"
#include "../app/diag.h"

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

/* A set of strings (open addressing, FNV-1a): feeds bring thousands of
 * entries, and every one is checked against all before it. */
typedef struct strset {
    char **slot;
    size_t cap, n;
} strset;

static char **strset_find(const strset *set, const char *k)
{
    size_t i = (size_t)fnv1a64(FNV1A64_INIT, k) & (set->cap - 1);
    while (set->slot[i] && strcmp(set->slot[i], k) != 0)
        i = (i + 1) & (set->cap - 1);
    return &set->slot[i];
}

/* Takes k; the set stays at most half full. */
static void strset_add(strset *set, char *k)
{
    if ((set->n + 1) * 2 > set->cap) {
        strset bigger = {xcalloc(set->cap ? set->cap * 2 : 64, sizeof(char *)),
                         set->cap ? set->cap * 2 : 64, set->n};
        for (size_t i = 0; i < set->cap; i++)
            if (set->slot[i])
                *strset_find(&bigger, set->slot[i]) = set->slot[i];
        free(set->slot);
        *set = bigger;
    }
    char **at = strset_find(set, k);
    if (*at) {
        free(k);
        return;
    }
    *at = k;
    set->n++;
}

static void strset_free(strset *set)
{
    for (size_t i = 0; i < set->cap; i++)
        free(set->slot[i]);
    free(set->slot);
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
    strset keys = {0};
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
                dup = dup || (keys.cap && *strset_find(&keys, mine[k]));
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
                strset_add(&keys, mine[k]);
    }
    strset_free(&keys);
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

static int cmp_id(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return (a > b) - (a < b);
}

typedef struct dated {
    const char *date; /* "" when undated */
    size_t index;
} dated;

/* Newest first; undated last; equal dates in input order. */
static int newer_first(const void *pa, const void *pb)
{
    const dated *a = pa, *b = pb;
    int c = strcmp(b->date, a->date);
    return c ? c : (a->index > b->index) - (a->index < b->index);
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
        qsort(ids, n, sizeof *ids, cmp_id);
        for (size_t i = 0; i < l->n; i++) {
            uint64_t id = article_id(l->v[i]);
            if (bsearch(&id, ids, n, sizeof *ids, cmp_id)) {
                st->seen++;
                drop(l, i);
            }
        }
        free(ids);
        compact(l);
    }
    if (o->max_articles && l->n > o->max_articles) {
        /* the newest stay; undated ones count as oldest */
        dated *order = xmalloc(l->n * sizeof *order);
        for (size_t i = 0; i < l->n; i++) {
            const char *d = l->v[i]->field[NWSB_FIELD_DATE];
            order[i] = (dated){d ? d : "", i};
        }
        qsort(order, l->n, sizeof *order, newer_first);
        for (size_t k = o->max_articles; k < l->n; k++) {
            drop(l, order[k].index);
            st->over_max++;
        }
        free(order);
        compact(l);
    }
    return 0;
}
