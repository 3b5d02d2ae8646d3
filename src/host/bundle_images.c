/* bundle_images.c -- pictures as Sub-filtered, deflated gray rows. */
#include "bundle_images.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "../bundle/nwsb_format.h"
#include "../app/diag.h"

/* Raw deflate at level 9: photos gain little past that, and zopfli would
 * spend seconds per picture. */
static int deflate_pixels(const uint8_t *in, size_t n, int window_bits, nwbuf *out)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (deflateInit2(&zs, 9, Z_DEFLATED, -window_bits, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        return -1;
    uLong bound = deflateBound(&zs, (uLong)n);
    buf_reserve(out, bound);
    zs.next_in = (Bytef *)(uintptr_t)in;
    zs.avail_in = (uInt)n;
    zs.next_out = out->data + out->len;
    zs.avail_out = (uInt)bound;
    int zr = deflate(&zs, Z_FINISH);
    size_t made = bound - zs.avail_out;
    deflateEnd(&zs);
    if (zr != Z_STREAM_END)
        return -1;
    out->len += made;
    return 0;
}

int images_add_article(image_sections *s, const nws_article *a, uint32_t article,
                       const uint64_t *block_pos, uint64_t end)
{
    for (size_t i = 0; i < a->nimages; i++) {
        const article_image *im = &a->images[i];
        size_t n = (size_t)im->w * im->h;
        uint8_t *filtered = xmalloc(n);
        /* PNG's Sub filter: gradients and flat areas become runs of small
         * numbers, which deflate codes far better than raw gray. */
        for (uint32_t y = 0; y < im->h; y++) {
            const uint8_t *src = im->pix + (size_t)y * im->w;
            uint8_t *dst = filtered + (size_t)y * im->w;
            dst[0] = src[0];
            for (uint32_t x = 1; x < im->w; x++)
                dst[x] = (uint8_t)(src[x] - src[x - 1]);
        }
        size_t before = s->data.len;
        uint32_t flags = im->captioned ? NWSB_IF_CAPTIONED : 0;
        if (deflate_pixels(filtered, n, s->window_bits, &s->data) < 0) {
            free(filtered);
            diag_error(a->origin, 0, "zlib: compressing a picture failed");
            return -1;
        }
        if (s->data.len - before >= n) {
            s->data.len = before; /* noise does not compress: store it */
            buf_add(&s->data, filtered, n);
            flags |= NWSB_IF_STORED;
        }
        free(filtered);
        uint8_t e[NWSB_IMAGE_ENTRY_SIZE] = {0};
        uint64_t at = im->block < a->blocks ? block_pos[im->block] : end;
        nwsb_put32(e + NWSB_I_TEXT_OFFSET, (uint32_t)at);
        nwsb_put32(e + NWSB_I_ARTICLE, article);
        nwsb_put16(e + NWSB_I_WIDTH, im->w);
        nwsb_put16(e + NWSB_I_HEIGHT, im->h);
        nwsb_put32(e + NWSB_I_DATA_OFFSET, (uint32_t)before);
        nwsb_put32(e + NWSB_I_STORED_SIZE, (uint32_t)(s->data.len - before));
        nwsb_put32(e + NWSB_I_CRC,
                   (uint32_t)crc32(crc32(0L, Z_NULL, 0), s->data.data + before,
                                   (uInt)(s->data.len - before)));
        nwsb_put32(e + NWSB_I_FLAGS, flags);
        buf_add(&s->table, e, sizeof e);
        s->count++;
        s->raw += n;
    }
    return 0;
}

void images_table(const image_sections *s, uint32_t data_start, nwbuf *out)
{
    out->len = 0;
    buf_add32(out, NWSB_IMAGE_ENTRY_SIZE);
    buf_add32(out, s->count);
    size_t at = out->len;
    buf_add(out, s->table.data, s->table.len);
    for (uint32_t i = 0; i < s->count; i++) {
        uint8_t *e = out->data + at + (size_t)i * NWSB_IMAGE_ENTRY_SIZE;
        nwsb_put32(e + NWSB_I_DATA_OFFSET, data_start + nwsb_get32(e + NWSB_I_DATA_OFFSET));
    }
}

void images_free(image_sections *s)
{
    buf_free(&s->table);
    buf_free(&s->data);
    memset(s, 0, sizeof *s);
}
