/* html_images.c -- picture elements to article pictures. */
#include "html_images.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../app/diag.h"
#include "html_blocks.h"
#include "image_load.h"

#define MAX_REFS 12

typedef struct refs {
    char *v[MAX_REFS];
    size_t n;
} refs;

static void refs_add(refs *r, char *s)
{
    if (s && *s && r->n < MAX_REFS)
        r->v[r->n++] = s;
    else
        free(s);
}

static void refs_free(refs *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->v[i]);
    r->n = 0;
}

/* The largest candidate of a srcset ("a.jpg 480w, b.jpg 960w"). */
static char *srcset_best(const char *set)
{
    char *best = NULL;
    double best_v = -1;
    const char *p = set;
    while (p && *p) {
        while (*p == ' ' || *p == ',' || *p == '\n' || *p == '\t')
            p++;
        const char *u = p;
        while (*p && *p != ' ' && *p != '\n' && *p != '\t' && !(*p == ',' && p[1] == ' '))
            p++;
        size_t ulen = (size_t)(p - u);
        if (ulen && u[ulen - 1] == ',')
            ulen--;
        double v = 1;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p && *p != ',') {
            char *end;
            v = strtod(p, &end);
            if (end == p)
                v = 1;
            p = end;
            while (*p && *p != ',')
                p++;
        }
        if (ulen && v > best_v) {
            free(best);
            best = xstrndup(u, ulen);
            best_v = v;
        }
    }
    return best;
}

static void img_refs(const xmlNode *img, refs *r)
{
    char *set = html_attr(img, "srcset");
    if (set)
        refs_add(r, srcset_best(set));
    free(set);
    set = html_attr(img, "data-srcset");
    if (set)
        refs_add(r, srcset_best(set));
    free(set);
    static const char *const attrs[] = {"data-src", "data-original", "data-lazy-src", "src"};
    for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
        refs_add(r, html_attr(img, attrs[i]));
}

/* The first element called name below n, in document order, not looking
 * inside elements called skip (may be NULL). */
static const xmlNode *find_below(const xmlNode *n, const char *name, const char *skip)
{
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        if (html_is(k, name))
            return k;
        if (skip && html_is(k, skip))
            continue;
        const xmlNode *f = find_below(k, name, skip);
        if (f)
            return f;
    }
    return NULL;
}

/* <picture> sources after the <img>'s own references. */
static void picture_refs(const xmlNode *pic, refs *r)
{
    for (const xmlNode *k = pic->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE || !html_is(k, "source"))
            continue;
        char *set = html_attr(k, "srcset");
        if (set)
            refs_add(r, srcset_best(set));
        free(set);
    }
}

/* Emoji and icons drawn as images: their alt text reads better inline. */
static int is_icon(const xmlNode *img)
{
    char *cls = html_attr(img, "class");
    int icon = cls && (strstr(cls, "emoji") || strstr(cls, "icon"));
    free(cls);
    static const char *const dims[] = {"width", "height"};
    for (size_t i = 0; i < 2 && !icon; i++) {
        char *v = html_attr(img, dims[i]);
        if (v) {
            char *end;
            long px = strtol(v, &end, 10);
            icon = end != v && (*end == 0 || strcmp(end, "px") == 0) && px > 0 &&
                   px < (long)IMAGE_MIN_SIDE;
        }
        free(v);
    }
    return icon;
}

int html_image_element(const xmlNode *n, nws_builder *b)
{
    image_ctx *ctx = b->images;
    const xmlNode *img = NULL, *pic = NULL, *figure = NULL;
    if (!ctx)
        return 0;
    if (html_is(n, "img")) {
        img = n;
    } else if (html_is(n, "picture")) {
        pic = n;
        img = find_below(n, "img", NULL);
    } else if (html_is(n, "figure")) {
        img = find_below(n, "img", "figcaption");
        if (!img)
            return 0; /* a figure of text or a table */
        figure = n;
        if (img->parent && html_is(img->parent, "picture"))
            pic = img->parent;
    } else {
        return 0;
    }
    char *alt = img ? html_attr(img, "alt") : NULL;
    if (img && !figure && is_icon(img)) {
        if (alt && *alt)
            builder_text(b, alt, strlen(alt));
        free(alt);
        return 1;
    }
    char *caption = NULL;
    if (figure) {
        const xmlNode *fc = find_below(figure, "figcaption", NULL);
        caption = fc ? html_text(fc) : NULL;
    }
    refs r = {0};
    if (img)
        img_refs(img, &r);
    if (pic)
        picture_refs(pic, &r);
    image_place(ctx, b, (const char *const *)r.v, r.n, caption, alt,
                img ? xmlGetLineNo(img) : xmlGetLineNo(n));
    refs_free(&r);
    free(caption);
    free(alt);
    return 1;
}
