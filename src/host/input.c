/* input.c -- loading, checking and dispatching input files. */
#include "input.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "../core/utf8.h"
#include "dates.h"
#include "feed.h"
#include "../app/diag.h"
#include "linebreaks.h"

/* Bundles address text with 32-bit offsets; past this an input is refused
 * rather than silently truncated. */
#define INPUT_MAX_BYTES (1024u * 1024u * 1024u)
#define INVALID_UTF8_REPORTS 5

void article_list_add(article_list *l, nws_article *a)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = a;
}

void article_list_free(article_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        article_free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

static const struct {
    const char *ext;
    input_format fmt;
} extensions[] = {{".txt", FORMAT_TEXT},      {".text", FORMAT_TEXT},
                  {".md", FORMAT_MARKDOWN},   {".markdown", FORMAT_MARKDOWN},
                  {".mdown", FORMAT_MARKDOWN}, {".mkd", FORMAT_MARKDOWN},
                  {".html", FORMAT_HTML},     {".htm", FORMAT_HTML},
                  {".xhtml", FORMAT_HTML},    {".rss", FORMAT_FEED},
                  {".atom", FORMAT_FEED},     {".rdf", FORMAT_FEED},
                  {".xml", FORMAT_FEED},      {".json", FORMAT_FEED},
                  {".feed", FORMAT_FEED}};

input_format input_format_of(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (dot && (!slash || dot > slash))
        for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++)
            if (strcasecmp(dot, extensions[i].ext) == 0)
                return extensions[i].fmt;
    return FORMAT_AUTO;
}

const char *input_format_name(input_format f)
{
    return f == FORMAT_MARKDOWN ? "markdown" : f == FORMAT_TEXT ? "text" : f == FORMAT_HTML ? "html"
           : f == FORMAT_FEED ? "feed" : "auto";
}

static void add_path(char ***paths, size_t *n, size_t *cap, const char *p)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        *paths = xrealloc(*paths, *cap * sizeof **paths);
    }
    (*paths)[(*n)++] = xstrdup(p);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(const char *dir, char ***paths, size_t *n, size_t *cap, int depth)
{
    DIR *d;
    struct dirent *e;
    int rc = 0;
    if (depth > 64) {
        diag_error(dir, 0, "directories nested too deep (a link loop?)");
        return -1;
    }
    if (!(d = opendir(dir))) {
        diag_error(dir, 0, "cannot open directory: %s", strerror(errno));
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        char *p = xmalloc(len);
        snprintf(p, len, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
        struct stat st;
        if (stat(p, &st) != 0)
            diag_warn(p, 0, "cannot read: %s", strerror(errno));
        else if (S_ISDIR(st.st_mode))
            rc |= walk(p, paths, n, cap, depth + 1);
        else if (input_format_of(p) != FORMAT_AUTO)
            add_path(paths, n, cap, p);
        free(p);
    }
    closedir(d);
    return rc;
}

int input_expand(const char *arg, char ***paths, size_t *n, size_t *cap)
{
    struct stat st;
    size_t before = *n;
    if (strcmp(arg, "-") == 0) {
        add_path(paths, n, cap, arg);
        return 1;
    }
    if (stat(arg, &st) != 0) {
        diag_error(arg, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        if (walk(arg, paths, n, cap, 0) < 0)
            return -1;
        qsort(*paths + before, *n - before, sizeof **paths, cmp_str);
        if (*n == before)
            diag_warn(arg, 0, "directory holds no articles, pages or feeds (.txt .md .html .xml .rss .atom .json)");
        return (int)(*n - before);
    }
    add_path(paths, n, cap, arg);
    return 1;
}

int input_read_raw(const char *path, nwbuf *out)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        diag_error(path, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    for (;;) {
        buf_reserve(out, 65536);
        size_t got = fread(out->data + out->len, 1, out->cap - out->len, f);
        out->len += got;
        if (out->len > INPUT_MAX_BYTES) {
            diag_warn(path, 0, "larger than %u MiB, skipped", INPUT_MAX_BYTES >> 20);
            if (f != stdin)
                fclose(f);
            return 1;
        }
        if (got == 0)
            break;
    }
    int err = ferror(f) ? errno : 0;
    if (f != stdin)
        fclose(f);
    if (err) {
        diag_error(path, 0, "read error: %s", strerror(err));
        return -1;
    }
    return 0;
}

/* NUL bytes do not occur in text; a high share of control characters
 * means some binary format.  For text files, bytes that are not UTF-8
 * count against them too; markup may be in any legacy encoding (whose
 * bytes over 0x7F say nothing) or in UTF-16 (full of NULs). */
static int looks_binary(const uint8_t *p, size_t n, int markup)
{
    size_t probe = n < 65536 ? n : 65536, bad = 0;
    if (markup && n >= 2 &&
        ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF) ||
         (p[0] == '<' && p[1] == 0) || (p[0] == 0 && p[1] == '<')))
        return 0;
    if (memchr(p, 0, probe))
        return 1;
    for (size_t i = 0; i < probe;) {
        uint32_t cp;
        int ok = 1;
        if (markup || p[i] < 0x80)
            cp = p[i++];
        else
            i += utf8_decode(p + i, probe - i, &cp, &ok);
        if (!ok || (cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t' && cp != '\f'))
            bad++;
    }
    /* markup: over 5 % control bytes; text: over a quarter not text */
    return probe >= 64 && bad * (markup ? 20 : 4) > probe;
}

int input_load(const char *path, source_text *out, const char **why)
{
    nwbuf raw = {0}, clean = {0};
    size_t line = 1, reported = 0, invalid = 0;
    memset(out, 0, sizeof *out);
    out->name = path;
    int rc = input_read_raw(path, &raw);
    if (rc != 0) {
        buf_free(&raw);
        if (rc == 1)
            *why = "too large";
        return rc;
    }
    const uint8_t *p = raw.data;
    size_t n = raw.len, i = 0;
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        i = 3;
    int blank = 1;
    for (size_t k = i; k < n && blank; k++)
        blank = p[k] == ' ' || p[k] == '\t' || p[k] == '\n' || p[k] == '\r';
    if (blank) {
        diag_warn(path, 0, "empty file, skipped");
        buf_free(&raw);
        *why = "empty";
        return 1;
    }
    if (looks_binary(p + i, n - i, 0)) {
        diag_warn(path, 0, "binary file (not text), skipped");
        buf_free(&raw);
        *why = "binary";
        return 1;
    }
    buf_reserve(&clean, n - i + 1);
    while (i < n) {
        if (p[i] == '\r') {
            buf_addc(&clean, '\n');
            i += (i + 1 < n && p[i + 1] == '\n') ? 2 : 1;
            line++;
            continue;
        }
        if (p[i] == '\n')
            line++;
        if (p[i] < 0x80) {
            buf_addc(&clean, p[i++]);
            continue;
        }
        uint32_t cp;
        int ok;
        size_t used = utf8_decode(p + i, n - i, &cp, &ok);
        if (ok) {
            buf_add(&clean, p + i, used);
        } else {
            static const uint8_t fffd[3] = {0xEF, 0xBF, 0xBD};
            buf_add(&clean, fffd, 3);
            if (reported++ < INVALID_UTF8_REPORTS)
                diag_warn(path, line, "invalid UTF-8 (byte 0x%02X), replaced by U+FFFD", p[i]);
            invalid++;
        }
        i += used;
    }
    if (invalid > INVALID_UTF8_REPORTS)
        diag_warn(path, 0, "%zu invalid UTF-8 sequences in all, each replaced by U+FFFD",
                  invalid);
    buf_free(&raw);
    out->len = clean.len;
    out->data = buf_take_str(&clean);
    return 0;
}

void source_free(source_text *s)
{
    free(s->data);
    s->data = NULL;
}

void input_set_date(nws_article *a, const char *value, size_t len, const char *file, size_t line)
{
    char raw[256], iso[64];
    if (len >= sizeof raw)
        len = sizeof raw - 1;
    memcpy(raw, value, len);
    raw[len] = '\0';
    if (date_normalize(raw, iso, sizeof iso) == 0) {
        article_set(a, NWSB_FIELD_DATE, iso, strlen(iso));
    } else {
        diag_warn(file, line, "date \"%s\" not understood; kept as written", raw);
        article_set(a, NWSB_FIELD_DATE, raw, len);
    }
}

/* Pages and feeds find their own encoding, so they get the bytes. */
static int read_markup(const char *path, input_format fmt, const input_options *opt,
                       article_list *out, const char **why)
{
    nwbuf raw = {0};
    int rc = input_read_raw(path, &raw);
    if (rc != 0) {
        buf_free(&raw);
        if (rc == 1)
            *why = "too large";
        return rc;
    }
    size_t before = out->n, added = 0;
    /* The content decides between page and feed: feeds are saved as
     * .xml or .html as often as not. */
    *why = "no article found";
    if (raw.len == 0) {
        diag_warn(path, 0, "empty file, skipped");
        *why = "empty";
    } else if (looks_binary(raw.data, raw.len, 1)) {
        diag_warn(path, 0, "binary file (not a page or feed), skipped");
        *why = "binary";
    } else if (feed_sniff(raw.data, raw.len)) {
        added = parse_feed(path, raw.data, raw.len, opt, out);
    } else if (fmt == FORMAT_FEED) {
        diag_warn(path, 0, "not an RSS, Atom or JSON feed, skipped");
        *why = "not a feed";
    } else {
        added = parse_html(path, raw.data, raw.len, opt, out);
    }
    buf_free(&raw);
    for (size_t i = before; i < out->n; i++)
        linebreaks_mark(out->v[i]);
    return added ? 0 : 1;
}

void input_title_from_path(nws_article *a, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    article_set(a, NWSB_FIELD_TITLE, base, dot && dot > base ? (size_t)(dot - base) : strlen(base));
    diag_warn(path, 0, "no title found; using the file name");
}

int input_read(const char *path, const input_options *opt, article_list *out, const char **why)
{
    source_text src;
    const char *ignored;
    if (!why)
        why = &ignored;
    *why = NULL;
    input_format fmt = opt->format != FORMAT_AUTO ? opt->format : input_format_of(path);
    if (fmt == FORMAT_HTML || fmt == FORMAT_FEED)
        return read_markup(path, fmt, opt, out, why);
    int rc = input_load(path, &src, why);
    if (rc != 0)
        return rc;
    if (fmt == FORMAT_AUTO) {
        if (strcmp(path, "-") != 0)
            diag_warn(path, 0, "unknown extension, read as plain text (use --format)");
        fmt = FORMAT_TEXT;
    }
    size_t before = out->n;
    size_t added = fmt == FORMAT_MARKDOWN ? parse_markdown(&src, opt, out)
                                          : parse_text(&src, opt, out);
    for (size_t i = before; i < out->n; i++)
        linebreaks_mark(out->v[i]);
    source_free(&src);
    if (added == 0) {
        diag_warn(path, 0, "no article found, skipped");
        *why = "no article found";
        return 1;
    }
    return 0;
}
