/* nwsb_image.c -- the image table and row-by-row image decoding (device
 * code, format 1.1).
 *
 * An image is inflated straight into the caller's row buffer, one row per
 * call, through the bundle's one inflate state: decoding needs no memory
 * beyond what nwsb_open() took, whatever the image's size. */
#include "nwsb_internal.h"

#include <string.h>

static int image_fail(nwsb_diag *d, int err, uint32_t i, uint32_t offset)
{
    return nwsb__fail_at(d, err, "image", i, offset);
}

uint32_t nwsb_image_count(const nwsb_bundle *b)
{
    return b->img_count;
}

uint16_t nwsb_image_max_width(const nwsb_bundle *b)
{
    return b->img_max_width;
}

int nwsb_image_get(const nwsb_bundle *b, uint32_t i, nwsb_image *out)
{
    uint8_t e[NWSB_IMAGE_ENTRY_SIZE];
    int rc = nwsb__entry(b, b->img_off, b->img_esize, b->img_count, i, e, sizeof e);
    if (rc)
        return rc;
    out->text_offset = nwsb_get32(e + NWSB_I_TEXT_OFFSET);
    out->article = nwsb_get32(e + NWSB_I_ARTICLE);
    out->width = nwsb_get16(e + NWSB_I_WIDTH);
    out->height = nwsb_get16(e + NWSB_I_HEIGHT);
    out->data_offset = nwsb_get32(e + NWSB_I_DATA_OFFSET);
    out->stored_size = nwsb_get32(e + NWSB_I_STORED_SIZE);
    out->crc = nwsb_get32(e + NWSB_I_CRC);
    out->flags = nwsb_get32(e + NWSB_I_FLAGS);
    return NWSB_OK;
}

uint32_t nwsb_image_find(const nwsb_bundle *b, uint32_t text_offset)
{
    uint32_t lo = 0, hi = b->img_count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        nwsb_image im;
        if (nwsb_image_get(b, mid, &im) != NWSB_OK)
            return b->img_count;
        if (im.text_offset < text_offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The table is sorted, each image lies inside its article, and the
 * stored bytes tile the image data section in table order. */
int nwsb__open_images(nwsb_bundle *b, nwsb_diag *d)
{
    const nwsb_section *tab = nwsb__find_section(b, NWSB_SEC_IMAGES);
    const nwsb_section *dat = nwsb__find_section(b, NWSB_SEC_IMAGE_DATA);
    b->img_count = 0;
    if (!tab && !dat)
        return NWSB_OK;
    if (!tab || !dat)
        return nwsb__fail(d, NWSB_E_CORRUPT, tab ? "image data" : "image table",
                          tab ? tab->offset : dat->offset);
    uint32_t count;
    int rc = nwsb__open_table(b, tab, NWSB_IMAGE_ENTRY_SIZE, &b->img_off, &b->img_esize, &count, d);
    if (rc)
        return rc;
    b->img_count = count;
    b->imgdata_off = dat->offset;
    b->imgdata_size = dat->size;
    uint32_t data_pos = dat->offset, prev_text = 0;
    for (uint32_t i = 0; i < count; i++) {
        nwsb_image im;
        nwsb_article a;
        uint32_t entry = b->img_off + i * b->img_esize;
        if (nwsb_image_get(b, i, &im))
            return nwsb__fail_at(d, NWSB_E_IO, "image table", i, entry);
        int bad = im.width == 0 || im.height == 0 || im.width > NWSB_IMAGE_MAX_SIDE ||
                  im.height > NWSB_IMAGE_MAX_SIDE || im.text_offset < prev_text ||
                  (im.flags & ~NWSB_IF_KNOWN) != 0 || im.data_offset != data_pos ||
                  im.stored_size == 0 ||
                  im.stored_size > dat->offset + dat->size - data_pos ||
                  ((im.flags & NWSB_IF_STORED) &&
                   im.stored_size != (uint32_t)im.width * im.height) ||
                  nwsb_article_get(b, im.article, &a) != NWSB_OK ||
                  im.text_offset < a.text_offset || im.text_offset - a.text_offset > a.text_size;
        if (bad) {
            b->img_count = 0;
            return nwsb__fail_at(d, NWSB_E_CORRUPT, "image table", i, entry);
        }
        prev_text = im.text_offset;
        data_pos += im.stored_size;
        if (im.width > b->img_max_width)
            b->img_max_width = im.width;
    }
    if (data_pos != dat->offset + dat->size) {
        b->img_count = 0;
        return nwsb__fail(d, NWSB_E_CORRUPT, "image data", dat->offset);
    }
    return NWSB_OK;
}

int nwsb_image_open(nwsb_bundle *b, uint32_t i, nwsb_image_stream *s, nwsb_diag *d)
{
    uint32_t crc;
    int rc;
    if (d)
        memset(d, 0, sizeof *d);
    memset(s, 0, sizeof *s);
    if ((rc = nwsb_image_get(b, i, &s->img)) != NWSB_OK)
        return image_fail(d, rc, i, 0);
    s->index = i;
    if ((rc = nwsb__region_crc(b, s->img.data_offset, s->img.stored_size, &crc)) != NWSB_OK)
        return image_fail(d, rc, i, s->img.data_offset);
#ifndef NWSB_FUZZING
    if (crc != s->img.crc)
        return image_fail(d, NWSB_E_IMAGE_CRC, i, s->img.data_offset);
#endif
    /* No preset dictionary: text words do not help pixels. */
    if (!(s->img.flags & NWSB_IF_STORED) && inflateReset(&b->zs) != Z_OK)
        return image_fail(d, NWSB_E_IMAGE, i, s->img.data_offset);
    b->zs.avail_in = 0;
    return NWSB_OK;
}

static int inflate_row(nwsb_bundle *b, nwsb_image_stream *s, uint8_t *row)
{
    const nwsb_image *im = &s->img;
    int last = s->row + 1 == im->height;
    b->zs.next_out = row;
    b->zs.avail_out = im->width;
    for (;;) {
        if (b->zs.avail_in == 0 && s->pos < im->stored_size) {
            uint32_t n = im->stored_size - s->pos;
            if (b->src.data) {
                b->zs.next_in = (Bytef *)(uintptr_t)(b->src.data + im->data_offset + s->pos);
            } else {
                if (n > NWSB_INBUF_SIZE)
                    n = NWSB_INBUF_SIZE;
                int rc = nwsb__read(b, im->data_offset + s->pos, b->inbuf, n);
                if (rc)
                    return rc;
                b->zs.next_in = b->inbuf;
            }
            b->zs.avail_in = n;
            s->pos += n;
        }
        int zr = inflate(&b->zs, Z_NO_FLUSH);
        if (zr == Z_STREAM_END) {
            /* the stream ends with the last row, and so do the bytes */
            if (b->zs.avail_out != 0 || !last || b->zs.avail_in != 0 ||
                s->pos != im->stored_size)
                return NWSB_E_IMAGE;
            return NWSB_OK;
        }
        if (zr != Z_OK && zr != Z_BUF_ERROR)
            return NWSB_E_IMAGE;
        if (b->zs.avail_out == 0 && !last)
            return NWSB_OK;
        /* No progress is possible: the last row is full but more data
         * follows, or the stored bytes ran out before the end. */
        if (zr == Z_BUF_ERROR && (b->zs.avail_in != 0 || s->pos == im->stored_size))
            return NWSB_E_IMAGE;
    }
}

int nwsb_image_row(nwsb_bundle *b, nwsb_image_stream *s, uint8_t *row, nwsb_diag *d)
{
    const nwsb_image *im = &s->img;
    int rc;
    if (s->row >= im->height)
        return image_fail(d, NWSB_E_RANGE, s->index, im->data_offset);
    if (im->flags & NWSB_IF_STORED)
        rc = nwsb__read(b, im->data_offset + s->row * (uint32_t)im->width, row, im->width);
    else
        rc = inflate_row(b, s, row);
    if (rc != NWSB_OK)
        return image_fail(d, rc, s->index, im->data_offset);
    /* undo the Sub filter */
    for (uint32_t x = 1; x < im->width; x++)
        row[x] = (uint8_t)(row[x] + row[x - 1]);
    s->row++;
    return NWSB_OK;
}
