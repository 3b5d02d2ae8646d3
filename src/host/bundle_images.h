/* bundle_images.h -- the image table and image data sections of a bundle
 * (format 1.1), built alongside the text records (host code). */
#ifndef HOST_BUNDLE_IMAGES_H
#define HOST_BUNDLE_IMAGES_H

#include <stdint.h>

#include "article.h"
#include "../app/buf.h"

typedef struct image_sections {
    nwbuf table; /* entries without the table head; data offsets relative */
    nwbuf data;
    uint32_t count;
    uint64_t raw; /* pixels before compression */
    int window_bits; /* the bundle's deflate window (zlib's bits), set by the writer */
} image_sections;

/* Compress the pictures of article number `article`.  block_pos[k] is the
 * stream offset of the article's block k, end its end.  0, or -1 if zlib
 * failed (a message said so). */
int images_add_article(image_sections *s, const nws_article *a, uint32_t article,
                       const uint64_t *block_pos, uint64_t end);
/* The finished table section, its data offsets made absolute. */
void images_table(const image_sections *s, uint32_t data_start, nwbuf *out);
void images_free(image_sections *s);

#endif
