/* image_load.h -- pictures for articles: finding them, decoding PNG and
 * JPEG, and bringing them to 8-bit gray of a bounded size (host code). */
#ifndef HOST_IMAGE_LOAD_H
#define HOST_IMAGE_LOAD_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "../app/buf.h"

typedef struct gray_image {
    uint8_t *pix; /* w * h bytes, 0 black .. 255 white */
    uint32_t w, h;
} gray_image;

/* Images larger than this many pixels are refused before decoding: the
 * memory a decode takes is bounded. */
#define IMAGE_MAX_PIXELS (64u * 1024u * 1024u)
#define IMAGE_MAX_FILE (32u * 1024u * 1024u)
/* Icons, bullets and tracking pixels: left out, their alt text kept. */
#define IMAGE_MIN_SIDE 24u

enum { IMAGE_OK = 0, IMAGE_REMOTE = 1, IMAGE_FAILED = -1 };

/* The bytes of an image reference found in a page: a data: URI, a file:
 * URL, or a path relative to the page (percent-decoded, query and
 * fragment dropped).  IMAGE_REMOTE for http(s), protocol-relative and
 * site-root references (newspack does not go online); IMAGE_FAILED with
 * the reason in why. */
int image_fetch(const char *page_path, const char *ref, nwbuf *out, char *why, size_t cap);

/* Decode PNG or JPEG to gray (alpha over white), scaled down (box filter,
 * aspect kept) to at most max_w x max_h.  IMAGE_OK or IMAGE_FAILED with
 * why. */
int image_decode(const uint8_t *data, size_t n, uint32_t max_w, uint32_t max_h,
                 gray_image *out, char *why, size_t cap);

/* Where a parser's pictures come from and how large they may be; counts
 * what happened for the parser's summary warning. */
typedef struct image_ctx {
    const char *page_path; /* relative references start here; messages name it */
    uint32_t max_w, max_h; /* pixels; 0: no pictures, captions only */
    int fragment;          /* feed bodies: line numbers would not be the file's */
    size_t placed, remote, failed;
} image_ctx;

/* Place the first of refs that can be had (fetched and decoded) as a
 * picture under its caption (else its alt text); if none can, set the
 * caption or alt text alone, warning (file and line) about a local
 * picture that is missing or broken.  A picture only on the web keeps its
 * caption but not its alt text. */
void image_place(image_ctx *ctx, nws_builder *b, const char *const *refs, size_t nrefs,
                 const char *caption, const char *alt, long line);

/* Warn once for a page whose pictures were all remote. */
void image_ctx_report(const image_ctx *ctx);

/* Box-filter downscale of src into a new dw x dh image. */
void image_scale(const gray_image *src, uint32_t dw, uint32_t dh, gray_image *dst);
void gray_image_free(gray_image *g);

#endif
