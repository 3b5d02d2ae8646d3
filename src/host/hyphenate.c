/* hyphenate.c -- libhyphen over the article text stream. */
#include "hyphenate.h"

#include <dirent.h>
#include <hyphen.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/utf8.h"
#include "../text/breaks.h"
#include "../app/diag.h"
#include "script_detect.h"

#define MAX_WORD 64 /* longer runs are chemistry or junk, not words */

typedef struct lang_dict {
    char key[16];        /* "en_US", "de" ... as asked for */
    HyphenDict *dict;    /* NULL: no patterns for this language */
    iconv_t to_dict;     /* UTF-8 to the pattern file's charset */
    int utf8;
    size_t articles_missed;
} lang_dict;

struct hyphenator {
    hyphen_options o;
    lang_dict *v;
    size_t n, cap;
};

hyphenator *hyphenator_new(const hyphen_options *opt)
{
    hyphenator *h = xcalloc(1, sizeof *h);
    h->o = *opt;
    if (!h->o.dir)
        h->o.dir = HYPHEN_DIR_DEFAULT;
    if (h->o.left < 1)
        h->o.left = HYPHEN_LEFT_DEFAULT;
    if (h->o.right < 1)
        h->o.right = HYPHEN_RIGHT_DEFAULT;
    if (h->o.min_word < 1)
        h->o.min_word = HYPHEN_MIN_WORD_DEFAULT;
    return h;
}

void hyphenator_free(hyphenator *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->n; i++) {
        lang_dict *d = &h->v[i];
        if (d->dict) {
            hnj_hyphen_free(d->dict);
            if (!d->utf8)
                iconv_close(d->to_dict);
        } else if (d->articles_missed) {
            diag_warn(NULL, 0,
                      "no hyphenation patterns for language '%s' in %s (Debian: hyphen-%.2s); "
                      "%zu article%s not hyphenated",
                      d->key, h->o.dir, d->key, d->articles_missed,
                      d->articles_missed == 1 ? "" : "s");
        }
    }
    free(h->v);
    free(h);
}

/* "en-gb" -> ll "en", cc "GB"; returns 0 if lang is no language tag. */
static int split_tag(const char *lang, char ll[4], char cc[3])
{
    size_t i = 0;
    while (i < 3 && ((lang[i] | 32) >= 'a' && (lang[i] | 32) <= 'z')) {
        ll[i] = (char)(lang[i] | 32);
        i++;
    }
    ll[i] = 0;
    cc[0] = 0;
    if (i < 2 || (lang[i] && lang[i] != '-' && lang[i] != '_'))
        return 0;
    if (lang[i]) {
        const char *r = lang + i + 1;
        if (((r[0] | 32) >= 'a' && (r[0] | 32) <= 'z') && ((r[1] | 32) >= 'a' && (r[1] | 32) <= 'z') &&
            (r[2] == 0 || r[2] == '-' || r[2] == '_')) {
            cc[0] = (char)(r[0] & ~32);
            cc[1] = (char)(r[1] & ~32);
            cc[2] = 0;
        }
    }
    return 1;
}

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The pattern file for a language: the exact region, the bare language,
 * the region where the language comes from, else any region. */
static char *find_patterns(const char *dir, const char *ll, const char *cc)
{
    static const char *const home[][2] = {{"en", "US"}, {"de", "DE"}, {"fr", "FR"},
                                          {"es", "ES"}, {"it", "IT"}, {"nl", "NL"},
                                          {"pt", "PT"}, {"ru", "RU"}, {"pl", "PL"}};
    char path[4096];
    if (*cc) {
        snprintf(path, sizeof path, "%s/hyph_%s_%s.dic", dir, ll, cc);
        if (file_exists(path))
            return xstrdup(path);
    }
    snprintf(path, sizeof path, "%s/hyph_%s.dic", dir, ll);
    if (file_exists(path))
        return xstrdup(path);
    for (size_t i = 0; i < sizeof home / sizeof home[0]; i++) {
        if (strcmp(home[i][0], ll) != 0)
            continue;
        snprintf(path, sizeof path, "%s/hyph_%s_%s.dic", dir, ll, home[i][1]);
        if (file_exists(path))
            return xstrdup(path);
    }
    DIR *d = opendir(dir);
    char *best = NULL;
    if (!d)
        return NULL;
    char prefix[16];
    snprintf(prefix, sizeof prefix, "hyph_%s_", ll);
    for (struct dirent *e; (e = readdir(d));) {
        size_t n = strlen(e->d_name);
        if (strncmp(e->d_name, prefix, strlen(prefix)) != 0 || n < 4 ||
            strcmp(e->d_name + n - 4, ".dic") != 0)
            continue;
        if (!best || strcmp(e->d_name, best) < 0) {
            free(best);
            best = xstrdup(e->d_name);
        }
    }
    closedir(d);
    if (!best)
        return NULL;
    snprintf(path, sizeof path, "%s/%s", dir, best);
    free(best);
    return xstrdup(path);
}

static lang_dict *dict_for(hyphenator *h, const char *lang)
{
    char ll[4], cc[3], key[16];
    if (!lang || !split_tag(lang, ll, cc))
        return NULL;
    snprintf(key, sizeof key, "%s%s%s", ll, *cc ? "_" : "", cc);
    for (size_t i = 0; i < h->n; i++)
        if (strcmp(h->v[i].key, key) == 0)
            return &h->v[i];
    if (h->n == h->cap) {
        h->cap = h->cap ? h->cap * 2 : 8;
        h->v = xrealloc(h->v, h->cap * sizeof *h->v);
    }
    lang_dict *d = &h->v[h->n++];
    memset(d, 0, sizeof *d);
    snprintf(d->key, sizeof d->key, "%s", key);
    char *file = find_patterns(h->o.dir, ll, cc);
    if (file) {
        d->dict = hnj_hyphen_load(file);
        if (!d->dict)
            diag_warn(file, 0, "hyphenation patterns do not load");
    }
    if (d->dict) {
        d->utf8 = d->dict->utf8;
        if (!d->utf8) {
            d->to_dict = iconv_open(d->dict->cset, "UTF-8");
            if (d->to_dict == (iconv_t)-1) {
                diag_warn(file, 0, "pattern charset %s unknown to iconv", d->dict->cset);
                hnj_hyphen_free(d->dict);
                d->dict = NULL;
            }
        }
    }
    free(file);
    return d;
}

/* Breaks inside one word of n characters (cps), written to out[0..n-1]. */
static void word_breaks(hyphenator *h, lang_dict *d, const uint32_t *cps, int n,
                        unsigned char *out)
{
    char word[MAX_WORD * 4 + 1], conv[MAX_WORD * 4 + 1];
    size_t len = 0;
    memset(out, 0, (size_t)n);
    for (int i = 0; i < n; i++)
        len += utf8_encode(script_lower(cps[i]), (uint8_t *)word + len);
    word[len] = 0;
    const char *w = word;
    if (!d->utf8) {
        char *in = word, *outp = conv;
        size_t inl = len, outl = sizeof conv - 1;
        iconv(d->to_dict, NULL, NULL, NULL, NULL);
        if (iconv(d->to_dict, &in, &inl, &outp, &outl) == (size_t)-1 ||
            (size_t)(outp - conv) != (size_t)n)
            return; /* a letter the patterns' charset lacks */
        *outp = 0;
        w = conv;
        len = (size_t)n;
    }
    char hy[MAX_WORD * 4 + 5], hw[MAX_WORD * 8 + 8];
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    memset(hy, 0, sizeof hy);
    if (hnj_hyphen_hyphenate3(d->dict, w, (int)len, hy, hw, &rep, &pos, &cut, h->o.left,
                              h->o.right, h->o.left, h->o.right) == 0) {
        /* hy is per character for both UTF-8 and 8-bit patterns */
        for (int i = h->o.left - 1; i < n - h->o.right; i++)
            out[i] = (hy[i] & 1) && !(rep && rep[i]);
    }
    if (rep) {
        for (int i = 0; i < n; i++)
            free(rep[i]);
        free(rep);
        free(pos);
        free(cut);
    }
}

int hyphenate_word(hyphenator *h, const char *lang, const char *word, unsigned char *breaks,
                   int cap)
{
    lang_dict *d = dict_for(h, lang);
    uint32_t cps[MAX_WORD];
    int n = 0;
    if (!d || !d->dict)
        return -1;
    for (size_t i = 0, len = strlen(word); i < len && n < MAX_WORD && n < cap;) {
        int ok;
        i += utf8_decode((const uint8_t *)word + i, len - i, &cps[n++], &ok);
    }
    word_breaks(h, d, cps, n, breaks);
    return n;
}

/* --- the text walk -------------------------------------------------- */

typedef struct shy_list {
    size_t *at; /* body offsets to insert U+00AD before */
    size_t n, cap;
} shy_list;

static void shy_add(shy_list *l, size_t at)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 256;
        l->at = xrealloc(l->at, l->cap * sizeof *l->at);
    }
    l->at[l->n++] = at;
}

static int is_chunk_space(uint32_t cp)
{
    return cp == ' ' || cp == NWS_CP_NBSP || cp == NWS_CP_ZWSP || cp == 0x2009 ||
           cp == 0x202F || cp == 0x2014 || cp == 0x2013;
}

static int is_combining(uint32_t cp)
{
    return cp >= 0x300 && cp <= 0x36F;
}

/* URLs, addresses, paths, identifiers, and words already hyphenated by
 * hand are left as they are. */
static int chunk_untouchable(const uint8_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint8_t c = s[i];
        if (c == '@' || c == '/' || c == '\\' || c == '_' || c == '=' || c == '#')
            return 1;
        if (c == 0xC2 && i + 1 < n && s[i + 1] == 0xAD)
            return 1;
        if (c == '.' && i > 0 && i + 1 < n && ((s[i - 1] | 32) >= 'a' && (s[i - 1] | 32) <= 'z') &&
            ((s[i + 1] | 32) >= 'a' && (s[i + 1] | 32) <= 'z'))
            return 1; /* example.com, but not "end. Next" */
    }
    return n >= 4 && memcmp(s, "www.", 4) == 0;
}

static void do_word(hyphenator *h, lang_dict *d, const uint32_t *cps, const size_t *ends, int n,
                    int digit_near, shy_list *out)
{
    int min = h->o.left + h->o.right;
    if (min < h->o.min_word)
        min = h->o.min_word;
    if (n < min || n > MAX_WORD || digit_near)
        return;
    for (int i = 1; i < n; i++) {
        int up;
        if (script_cased_letter(cps[i], &up) && up)
            return; /* NATO, iPhone, McKinsey */
    }
    unsigned char br[MAX_WORD];
    word_breaks(h, d, cps, n, br);
    for (int i = 0; i + 1 < n; i++)
        if (br[i] && !is_combining(cps[i + 1]))
            shy_add(out, ends[i]);
}

/* One chunk (no spaces) of a text token at body offset base. */
static void do_chunk(hyphenator *h, lang_dict *d, const uint8_t *s, size_t n, size_t base,
                     shy_list *out)
{
    if (chunk_untouchable(s, n))
        return;
    uint32_t cps[MAX_WORD];
    size_t ends[MAX_WORD];
    int k = 0, digit_before = 0, too_long = 0;
    for (size_t i = 0; i <= n;) {
        uint32_t cp = 0;
        size_t len = 0;
        int ok, up;
        if (i < n)
            len = utf8_decode(s + i, n - i, &cp, &ok);
        int letter = i < n && (script_cased_letter(cp, &up) || (k > 0 && is_combining(cp)));
        if (letter) {
            if (k < MAX_WORD) {
                cps[k] = cp;
                ends[k] = base + i + len;
                k++;
            } else {
                too_long = 1;
            }
        } else {
            if (k && !too_long)
                do_word(h, d, cps, ends, k, digit_before || (cp >= '0' && cp <= '9'), out);
            k = 0;
            too_long = 0;
            digit_before = cp >= '0' && cp <= '9';
        }
        if (i == n)
            break;
        i += len;
    }
}

static int hyphenated_block(uint8_t type)
{
    return type == NWS_BLOCK_PARAGRAPH || type == NWS_BLOCK_QUOTE || type == NWS_BLOCK_LIST_ITEM;
}

long hyphenate_article(hyphenator *h, nws_article *a)
{
    const char *lang = a->field[NWSB_FIELD_LANGUAGE];
    if (!lang)
        lang = h->o.fallback_language;
    lang_dict *d = dict_for(h, lang);
    if (!d || !d->dict) {
        if (d)
            d->articles_missed++;
        return -1;
    }
    shy_list shy = {0};
    nws_scanner sc;
    nws_token t;
    int in_text = 0;
    nws_scan_init(&sc, a->body.data, 0, (uint32_t)a->body.len);
    while (nws_scan_next(&sc, &t) == 1) {
        if (t.kind == NWS_TOK_BLOCK)
            in_text = hyphenated_block(t.block_type);
        if (t.kind != NWS_TOK_TEXT || !in_text)
            continue;
        size_t start = 0;
        for (size_t i = 0; i <= t.len;) {
            uint32_t cp = ' ';
            size_t len = 1;
            int ok;
            if (i < t.len)
                len = utf8_decode(t.text + i, t.len - i, &cp, &ok);
            if (is_chunk_space(cp)) {
                if (i > start)
                    do_chunk(h, d, t.text + start, i - start, t.offset + start, &shy);
                start = i + len;
            }
            i += len;
        }
    }
    if (shy.n) {
        nwbuf out = {0};
        size_t from = 0;
        buf_reserve(&out, a->body.len + shy.n * 2);
        for (size_t k = 0; k < shy.n; k++) {
            buf_add(&out, a->body.data + from, shy.at[k] - from);
            buf_add(&out, "\xC2\xAD", 2);
            from = shy.at[k];
        }
        buf_add(&out, a->body.data + from, a->body.len - from);
        buf_free(&a->body);
        a->body = out;
        a->flags |= NWSB_AF_HYPHENATED;
    }
    free(shy.at);
    return (long)shy.n;
}
