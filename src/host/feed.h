/* feed.h -- news feeds read into one model (host code): RSS 0.9x/2.0,
 * RSS 1.0 (RDF), Atom 1.0 (and 0.3) through libxml2's XML parser, and
 * JSON Feed 1.0/1.1 through jansson.
 *
 * Text values are kept the way feed readers hand them on: as HTML (a
 * plain-text title or summary keeps its characters; markup given inline
 * as XHTML or "naked" in RSS is serialised; base64 bodies are decoded;
 * relative links are resolved against xml:base).  The article converter
 * then runs the HTML through the same block converter as web pages.
 *
 * The XML parser runs with no network access, no external entities or
 * DTDs loaded, and libxml2's entity-amplification limits ("billion
 * laughs" stops with an error; what came before is kept). */
#ifndef HOST_FEED_H
#define HOST_FEED_H

#include <stddef.h>
#include <stdint.h>

typedef struct feed_text {
    char *value; /* HTML or plain text, see type */
    char *type;  /* "text/plain", "text/html" or "application/xhtml+xml" */
    char *lang;
} feed_text;

typedef struct feed_person {
    char *name, *email, *href;
} feed_person;

typedef struct feed_link {
    char *rel, *type, *href, *title;
} feed_link;

typedef struct feed_date {
    char *raw; /* as written */
    char *iso; /* normalised (dates.h), NULL if not understood */
} feed_date;

/* The feed itself and each entry share this shape. */
typedef struct feed_part {
    feed_text title, summary; /* summary: the feed's subtitle/description */
    feed_text *content;
    size_t ncontent;
    feed_link *links;
    size_t nlinks;
    char *link, *id;
    int guidislink;
    char *author;          /* "Name (email)" */
    feed_person author_detail;
    feed_person *authors;
    size_t nauthors;
    feed_date published, updated, created;
    char **tags;
    size_t ntags;
    char *lang;
} feed_part;

typedef struct feed_doc {
    char *version;    /* "rss20", "rss10", "atom10", "json11", ... */
    int bozo;         /* not well-formed; what could be read is kept */
    char *bozo_message;
    feed_part feed;
    feed_part *entries;
    size_t nentries;
    int truncated;    /* more entries than FEED_MAX_ENTRIES */
} feed_doc;

#define FEED_MAX_ENTRIES 100000

/* Is this a feed (by content: <rss, <feed, <rdf:RDF, a JSON Feed)? */
int feed_sniff(const uint8_t *p, size_t n);
/* Parse raw bytes (the encoding is found as for pages).  Returns 0, or
 * -1 when nothing could be read (a message named file). */
int feed_parse(const char *file, const uint8_t *raw, size_t n, feed_doc *out);
void feed_free(feed_doc *d);

/* feed_json.c */
int feed_parse_json(const char *file, const char *utf8, size_t n, feed_doc *out);

/* shared helpers (feed_model.c) */
feed_part *feed_new_entry(feed_doc *d);
void feed_set(char **dst, const char *value);
void feed_add_link(feed_part *p, const char *rel, const char *type, const char *href,
                   const char *title);
void feed_set_date(feed_date *d, const char *raw);
void feed_add_tag(feed_part *p, const char *term);
feed_text *feed_add_content(feed_part *p);
void feed_person_string(feed_part *p);

#endif
