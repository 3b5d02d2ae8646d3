/* readability.h -- finding the article in a saved web page (host code).
 *
 * The method is the one of Mozilla's Readability (itself from Arc90's
 * bookmarklet): paragraphs score their ancestors by text length and
 * commas; class and id names that say "comment", "sidebar", "share" and
 * the like count against a block, "article", "content", "post" for it;
 * link-heavy blocks lose; the best block and its related siblings are kept
 * and cleaned of leftovers (forms, share bars, link lists, empty
 * paragraphs).  When that leaves less than 500 characters, it is tried
 * again with fewer removals.  Hidden nodes (hidden, aria-hidden,
 * display:none), scripts and styles never count. */
#ifndef HOST_READABILITY_H
#define HOST_READABILITY_H

#include <libxml/tree.h>

typedef struct page_meta {
    char *title, *byline, *date, *site, *lang, *url;
    char *dir; /* "rtl"/"ltr" as the page says; not stored in bundles yet */
} page_meta;

void page_meta_free(page_meta *m);

/* Metadata from <meta>, JSON-LD and <title> (see html_meta.c).  Reads the
 * document before extraction changes it. */
void page_meta_read(xmlDoc *doc, page_meta *m);

/* The article content of a freshly parsed page: a new element owned by
 * doc, detached from its tree.  A byline found in the page (an element
 * marked as one) is stored in *byline when it is still NULL.  Returns NULL
 * when the page holds no text at all. */
xmlNode *readability_extract(xmlDoc *doc, const char *title, char **byline);

#endif
