/* html_doc.h -- parsing HTML with libxml2's HTML parser (host code).
 *
 * Why libxml2: it is maintained with security fixes in every
 * distribution, recovers from tag soup, limits nesting depth, and its XML
 * parser reads the feeds too, so one library covers both.  (Gumbo, the
 * other Debian choice, follows HTML5 tree building more closely but is no
 * longer maintained upstream.)  Input bytes are converted to UTF-8 first
 * (charset.h) and the parser is told so, so no encoding guess happens
 * inside libxml2. */
#ifndef HOST_HTML_DOC_H
#define HOST_HTML_DOC_H

#include <libxml/HTMLparser.h>
#include <stddef.h>
#include <stdint.h>

/* Parse a page from raw bytes; NULL (after a message naming file) when
 * nothing could be made of it. */
xmlDoc *html_parse_page(const char *file, const uint8_t *raw, size_t n);
/* Parse an HTML fragment already in UTF-8 (a feed item's body); the
 * fragment's nodes are the children of the returned document's body. */
xmlDoc *html_parse_fragment(const char *utf8, size_t n);
/* The body element (or the root when there is none). */
xmlNode *html_body(xmlDoc *doc);

/* Options every libxml2 HTML read uses: recover, stay silent (messages
 * come from us), never touch the network. */
#define HTML_READ_OPTIONS \
    (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET)

#endif
