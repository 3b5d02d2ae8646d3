/* html_doc.c -- HTML into a libxml2 tree. */
#include "html_doc.h"

#include <string.h>

#include "../app/buf.h"
#include "charset.h"
#include "../app/diag.h"
#include "html_blocks.h"

/* libxml2 would print parse errors on stderr by itself. */
static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* Tag soup errors are normal and not reported; running into libxml2's
 * nesting limit loses text, and is. */
static void note_depth(void *user, xmlErrorPtr e)
{
    if (e && e->message && strstr(e->message, "depth"))
        *(int *)user = 1;
}

static xmlDoc *read_utf8(const char *text, size_t n, int *too_deep)
{
    xmlSetGenericErrorFunc(NULL, quiet);
    xmlSetStructuredErrorFunc(too_deep, note_depth);
    if (n > (size_t)0x7FFFFFFF)
        n = 0x7FFFFFFF;
    xmlDoc *d = htmlReadMemory(text, (int)n, NULL, "UTF-8", HTML_READ_OPTIONS);
    xmlSetStructuredErrorFunc(NULL, NULL);
    return d;
}

xmlDoc *html_parse_page(const char *file, const uint8_t *raw, size_t n)
{
    char charset[64];
    size_t skip = charset_detect(raw, n, CHARSET_HTML, charset, sizeof charset);
    nwbuf utf8 = {0};
    charset_to_utf8(file, raw + skip, n - skip, charset, &utf8);
    int too_deep = 0;
    xmlDoc *doc = read_utf8((const char *)utf8.data, utf8.len, &too_deep);
    buf_free(&utf8);
    if (too_deep)
        diag_warn(file, 0, "elements nested deeper than the HTML parser's limit (256); "
                           "what lies deeper is left out");
    if (!doc || !xmlDocGetRootElement(doc)) {
        diag_warn(file, 0, "no HTML could be read from this file");
        if (doc)
            xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

xmlDoc *html_parse_fragment(const char *utf8, size_t n)
{
    static const char head[] = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>";
    static const char tail[] = "</body></html>";
    nwbuf b = {0};
    buf_add(&b, head, sizeof head - 1);
    buf_add(&b, utf8, n);
    buf_add(&b, tail, sizeof tail - 1);
    int too_deep = 0;
    xmlDoc *doc = read_utf8((const char *)b.data, b.len, &too_deep);
    buf_free(&b);
    return doc;
}

static xmlNode *find_body(xmlNode *n, int depth)
{
    for (; n && depth < 4; n = n->next) {
        if (html_is(n, "body"))
            return n;
        if (n->type == XML_ELEMENT_NODE) {
            xmlNode *b = find_body(n->children, depth + 1);
            if (b)
                return b;
        }
    }
    return NULL;
}

xmlNode *html_body(xmlDoc *doc)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    xmlNode *body = root ? find_body(root, 0) : NULL;
    return body ? body : root;
}
