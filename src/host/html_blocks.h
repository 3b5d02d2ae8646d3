/* html_blocks.h -- an HTML element tree (libxml2) into the article model.
 *
 * Shared by saved pages (after extraction) and feed bodies: headings,
 * paragraphs, block quotes, lists (nested, numbered), preformatted text,
 * tables as one paragraph per row with cells set apart, definition lists,
 * figures with their captions, and bold/italic runs.  Elements that carry
 * no readable text (scripts, styles, forms, embedded media) are skipped. */
#ifndef HOST_HTML_BLOCKS_H
#define HOST_HTML_BLOCKS_H

#include <libxml/tree.h>

#include "article.h"

/* Case-insensitive element name test (libxml2's HTML parser lowercases
 * names, XHTML in feeds may not). */
int html_is(const xmlNode *n, const char *name);
/* An attribute's value as a new string; NULL when absent. */
char *html_attr(const xmlNode *n, const char *name);
/* Element kinds the converter and the extractor share. */
int html_is_block(const xmlNode *n);
int html_is_skipped(const xmlNode *n);

/* Append the content of node's children (not node's own tag) to the
 * builder, as blocks. */
void html_to_blocks(const xmlNode *node, nws_builder *b);

/* Text below n in document order, appended to out: as textContent gives
 * it (as_read 0), or as a reader sees it (as_read 1: skipped elements left
 * out, blocks and line breaks set apart by a space). */
void html_raw_text(const xmlNode *n, int as_read, nwbuf *out);
/* The text of a subtree as read, whitespace collapsed, as a new string. */
char *html_text(const xmlNode *node);

#endif
