/* input.h -- turning command-line inputs into articles.
 *
 * Files are read whole, checked (empty, binary, too large), made valid
 * UTF-8 (each bad byte becomes U+FFFD with a warning naming file and
 * line), and their line ends normalised to LF before a format parser sees
 * them.  Parsers add articles to a list in input order. */
#ifndef HOST_INPUT_H
#define HOST_INPUT_H

#include <stddef.h>

#include "article.h"

typedef enum { FORMAT_AUTO = 0, FORMAT_TEXT, FORMAT_MARKDOWN, FORMAT_HTML, FORMAT_FEED } input_format;

typedef struct article_list {
    nws_article **v;
    size_t n, cap;
} article_list;

typedef struct input_options {
    input_format format; /* FORMAT_AUTO: by extension */
    int smart;           /* typographic clean-up */
    uint32_t image_max_w, image_max_h; /* pictures scaled to fit; 0: none kept */
} input_options;

typedef struct source_text {
    const char *name; /* as given on the command line, "-" for stdin */
    char *data;       /* valid UTF-8, LF line ends, NUL-terminated */
    size_t len;
} source_text;

void article_list_add(article_list *l, nws_article *a);
void article_list_free(article_list *l);

/* Expand an argument: a file as is, a directory recursively (files with a
 * known extension, hidden entries skipped, sorted by path), "-" as is.
 * Returns the number of paths added, or -1 after an error message. */
int input_expand(const char *arg, char ***paths, size_t *n, size_t *cap);

input_format input_format_of(const char *path);
const char *input_format_name(input_format f);

/* Load one input.  Returns 0 ok, 1 skipped (a warning said why; *why gets
 * a short reason), -1 error (a message said why). */
int input_load(const char *path, source_text *out, const char **why);
void source_free(source_text *s);

/* Parse one loaded input into articles; returns how many were added. */
size_t parse_text(const source_text *src, const input_options *opt, article_list *out);
size_t parse_markdown(const source_text *src, const input_options *opt, article_list *out);
/* A saved web page (raw bytes: the encoding is found from the page). */
size_t parse_html(const char *path, const uint8_t *raw, size_t n, const input_options *opt,
                  article_list *out);
/* Every entry of an RSS, Atom or JSON feed. */
size_t parse_feed(const char *path, const uint8_t *raw, size_t n, const input_options *opt,
                  article_list *out);
/* Read a file whole, unchanged: 0 ok, 1 skipped as too large (a warning
 * said so), -1 error (a message said why). */
int input_read_raw(const char *path, nwbuf *out);
/* Dispatch by format; returns 0 ok, 1 skipped (*why, if given, gets a
 * short reason such as "empty" or "binary"), -1 error. */
int input_read(const char *path, const input_options *opt, article_list *out, const char **why);

/* Shared by the parsers: set the date field, normalised, warning (and
 * keeping the text as given) when it is not a date we understand. */
void input_set_date(nws_article *a, const char *value, size_t len, const char *file, size_t line);
/* Last resort for a title: the file name without its extension (warns). */
void input_title_from_path(nws_article *a, const char *path);

#endif
