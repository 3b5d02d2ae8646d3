/* parse_text.c -- plain-text articles in the seed's form:
 *
 *   Title line
 *   Key: value         (optional headers, directly after the title)
 *   Paragraph, one per line, or blank-line separated and hard-wrapped.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/utf8.h"
#include "../app/diag.h"
#include "input.h"

/* A title longer than this is a paragraph that happens to come first. */
#define TITLE_MAX_BYTES 400
#define DERIVED_TITLE_CHARS 80
/* Hard-wrapped text rarely runs past this many columns. */
#define WRAP_MAX_COLUMNS 100

typedef struct line {
    const char *s;
    size_t len;
    size_t number;
} line;

static const struct {
    const char *key;
    int field; /* nwsb_field */
} header_keys[] = {{"release time", NWSB_FIELD_DATE}, {"date", NWSB_FIELD_DATE},
                   {"published", NWSB_FIELD_DATE},    {"author", NWSB_FIELD_AUTHOR},
                   {"by", NWSB_FIELD_AUTHOR},         {"source", NWSB_FIELD_SOURCE},
                   {"url", NWSB_FIELD_URL},           {"language", NWSB_FIELD_LANGUAGE},
                   {"lang", NWSB_FIELD_LANGUAGE}};

static int is_blank(const line *l)
{
    for (size_t i = 0; i < l->len; i++)
        if (l->s[i] != ' ' && l->s[i] != '\t' && l->s[i] != '\f' && l->s[i] != '\v')
            return 0;
    return 1;
}

static size_t columns(const line *l)
{
    size_t n = 0;
    for (size_t i = 0; i < l->len; i++)
        n += ((unsigned char)l->s[i] & 0xC0) != 0x80;
    return n;
}

/* "Key: value" or "Key:value" with a known key; returns the field or -1. */
static int header_line(const line *l, const char **value, size_t *vlen)
{
    const char *colon = memchr(l->s, ':', l->len);
    if (!colon)
        return -1;
    size_t klen = (size_t)(colon - l->s);
    while (klen > 0 && (l->s[klen - 1] == ' ' || l->s[klen - 1] == '\t'))
        klen--;
    const char *k = l->s;
    while (klen > 0 && (*k == ' ' || *k == '\t'))
        k++, klen--;
    for (size_t i = 0; i < sizeof header_keys / sizeof header_keys[0]; i++) {
        if (strlen(header_keys[i].key) == klen && strncasecmp(k, header_keys[i].key, klen) == 0) {
            *value = colon + 1;
            *vlen = l->len - (size_t)(colon + 1 - l->s);
            while (*vlen > 0 && (**value == ' ' || **value == '\t'))
                (*value)++, (*vlen)--;
            while (*vlen > 0 && ((*value)[*vlen - 1] == ' ' || (*value)[*vlen - 1] == '\t'))
                (*vlen)--;
            return *vlen > 0 ? header_keys[i].field : -1;
        }
    }
    return -1;
}

static int ends_sentence(const line *l)
{
    size_t n = l->len;
    while (n > 0 && (l->s[n - 1] == ' ' || l->s[n - 1] == '\t'))
        n--;
    if (n == 0)
        return 1;
    unsigned char c = (unsigned char)l->s[n - 1];
    if (strchr(".!?:;\"')]", c))
        return 1;
    /* ” ’ » … end in these continuation bytes */
    return n >= 2 && (unsigned char)l->s[n - 2] >= 0x80 && (c == 0x9D || c == 0x99 || c == 0xBB ||
                                                           c == 0xA6);
}

/* Is a group of consecutive non-blank lines one hard-wrapped paragraph?
 * Wrapped lines are similar in length, none long, and most of them stop
 * mid-sentence; one-paragraph-per-line text fails at least one of these. */
static int group_is_wrapped(const line *g, size_t n)
{
    size_t widest = 0, mid_sentence = 0;
    if (n < 2)
        return 0;
    for (size_t i = 0; i < n; i++) {
        size_t c = columns(&g[i]);
        if (c > widest)
            widest = c;
    }
    if (widest > WRAP_MAX_COLUMNS || widest < 30)
        return 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if (columns(&g[i]) * 10 < widest * 6)
            return 0;
        mid_sentence += !ends_sentence(&g[i]);
    }
    return mid_sentence * 2 >= n - 1;
}

/* Title from the start of a paragraph: whole words up to a limit. */
static char *derive_title(const char *s, size_t len)
{
    size_t cut = 0, chars = 0, last_space = 0;
    while (cut < len && chars < DERIVED_TITLE_CHARS) {
        if (s[cut] == ' ')
            last_space = cut;
        cut++;
        while (cut < len && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut++;
        chars++;
    }
    if (cut < len && last_space > 0)
        cut = last_space;
    nwbuf t = {0};
    buf_add(&t, s, cut);
    if (cut < len)
        buf_adds(&t, "\xE2\x80\xA6"); /* … */
    return buf_take_str(&t);
}

size_t parse_text(const source_text *src, const input_options *opt, article_list *out)
{
    size_t nlines = 0, cap = 0;
    line *lines = NULL;
    const char *p = src->data, *end = src->data + src->len;
    if (src->len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3; /* a BOM, when the caller did not strip it */

    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;
        if (nlines == cap) {
            cap = cap ? cap * 2 : 256;
            lines = xrealloc(lines, cap * sizeof *lines);
        }
        lines[nlines] = (line){p, (size_t)(stop - p), nlines + 1};
        nlines++;
        p = nl ? nl + 1 : end;
    }

    size_t i = 0;
    while (i < nlines && is_blank(&lines[i]))
        i++;
    if (i == nlines) {
        free(lines);
        return 0;
    }

    nws_article *a = article_new(src->name);
    nws_builder b;
    builder_init(&b, a, opt->smart);

    const line *tl = &lines[i++];
    if (tl->len > TITLE_MAX_BYTES) {
        diag_warn(src->name, tl->number,
                  "first line is %zu bytes long: read as a paragraph, title taken from it",
                  tl->len);
        char *t = derive_title(tl->s, tl->len);
        char *typo = typo_string(t, opt->smart);
        article_set(a, NWSB_FIELD_TITLE, typo, strlen(typo));
        free(t);
        free(typo);
        i--; /* the line is body text too */
    } else {
        char *raw = xstrndup(tl->s, tl->len);
        char *typo = typo_string(raw, opt->smart);
        article_set(a, NWSB_FIELD_TITLE, typo, strlen(typo));
        free(raw);
        free(typo);
        for (; i < nlines; i++) {
            const char *v;
            size_t vlen;
            int f = header_line(&lines[i], &v, &vlen);
            if (f < 0)
                break;
            if (f == NWSB_FIELD_DATE)
                input_set_date(a, v, vlen, src->name, lines[i].number);
            else
                article_set(a, (nwsb_field)f, v, vlen);
        }
    }

    while (i < nlines) {
        if (is_blank(&lines[i])) {
            i++;
            continue;
        }
        size_t g = i;
        while (i < nlines && !is_blank(&lines[i]))
            i++;
        int wrapped = group_is_wrapped(&lines[g], i - g);
        for (size_t k = g; k < i; k++) {
            if (!wrapped || k == g)
                builder_block(&b, NWS_BLOCK_PARAGRAPH, 0, 0);
            else
                builder_text(&b, " ", 1);
            builder_text(&b, lines[k].s, lines[k].len);
        }
    }
    builder_finish(&b);
    free(lines);
    article_list_add(out, a);
    return 1;
}
