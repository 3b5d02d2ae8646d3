/* readability_internal.h -- shared by readability*.c only. */
#ifndef HOST_READABILITY_INTERNAL_H
#define HOST_READABILITY_INTERNAL_H

#include <regex.h>
#include <stddef.h>

#include "html_blocks.h"
#include "readability.h"

enum {
    RD_STRIP_UNLIKELYS = 1,
    RD_WEIGHT_CLASSES = 2,
    RD_CLEAN_CONDITIONALLY = 4
};

enum {
    RX_UNLIKELY,
    RX_MAYBE,
    RX_POSITIVE,
    RX_NEGATIVE,
    RX_BYLINE,
    RX_SHARE,
    RX_VIDEOS,
    RX_COUNT
};

typedef struct rd_info {
    double score;
    unsigned char scored, data_table;
} rd_info;

typedef struct rd_ctx {
    xmlDoc *doc;
    unsigned flags;
    const char *title;
    char *byline;
    regex_t rx[RX_COUNT];
    rd_info *info; /* node->_private holds index + 1 */
    size_t ninfo, capinfo;
} rd_ctx;

int rd_init(rd_ctx *c, xmlDoc *doc);
void rd_done(rd_ctx *c);

/* per-node data */
rd_info *rd_get(rd_ctx *c, xmlNode *n);     /* creates */
rd_info *rd_peek(const rd_ctx *c, const xmlNode *n); /* NULL if none */

/* element walking in document order, as Readability's _getNextNode */
xmlNode *rd_next(xmlNode *n, int skip_children);
xmlNode *rd_remove_and_next(xmlNode *n);
void rd_remove(xmlNode *n);
xmlNode *rd_first_element(xmlNode *n);
size_t rd_element_children(const xmlNode *n);
int rd_has_ancestor(const xmlNode *n, const char *tag, int max_depth);

/* text, as textContent trimmed with whitespace runs made one space;
 * lengths in code points */
char *rd_inner_text(const xmlNode *n);
size_t rd_text_len(const xmlNode *n);
size_t rd_cp_len(const char *utf8);
int rd_is_blank(const xmlNode *n); /* no text at all */
double rd_link_density(const xmlNode *n);
size_t rd_count(const char *s, const char *what);
size_t rd_count_tag(const xmlNode *n, const char *tag);

/* class and id */
char *rd_match_string(const xmlNode *n);
int rd_rx(const rd_ctx *c, int which, const char *s);
int rd_class_weight(const rd_ctx *c, const xmlNode *n);
int rd_attr_is(const xmlNode *n, const char *name, const char *value);

int rd_is_visible(const xmlNode *n);
int rd_is_phrasing(const xmlNode *n);
int rd_is_whitespace(const xmlNode *n);
int rd_has_child_block(const xmlNode *n);
double rd_similarity(const char *a, const char *b);

/* readability_clean.c */
void rd_prep_document(rd_ctx *c, xmlNode *body);
void rd_prep_article(rd_ctx *c, xmlNode *article);

#endif
