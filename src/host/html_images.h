/* html_images.h -- <img>, <picture> and <figure> into article pictures
 * (host code).  Lazy-loading attributes (data-src, data-original,
 * data-lazy-src, data-srcset) and srcset are tried before src, largest
 * candidate first, so a saved page's local copy is found whichever
 * attribute the page's script would have used. */
#ifndef HOST_HTML_IMAGES_H
#define HOST_HTML_IMAGES_H

#include <libxml/tree.h>

#include "article.h"

/* 1 if n was a picture element and has been placed (or its alt text /
 * caption set in its stead); 0 if the converter should walk it itself. */
int html_image_element(const xmlNode *n, nws_builder *b);

#endif
