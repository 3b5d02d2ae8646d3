/* nwsb_internal.h -- reader internals shared by nwsb_reader.c and
 * nwsb_record.c.  Not part of the public contract. */
#ifndef NWSB_INTERNAL_H
#define NWSB_INTERNAL_H

#include <zlib.h>

#include "nwsb.h"

/* Compressed bytes are pulled through this much buffer when the bundle is
 * read through a callback; in memory they are inflated in place.  Small,
 * so that decoding stays within 48 KiB with the caller's 8 KiB output. */
#define NWSB_INBUF_SIZE 256u

struct nwsb_bundle {
    nwsb_source src;
    nwsb_allocator alloc;
    uint32_t file_size;
    uint32_t header_crc;
    unsigned major, minor;
    uint32_t nsec;
    nwsb_section sec[NWSB_MAX_SECTIONS];
    uint32_t str_off, str_size;
    uint32_t art_off, art_esize, art_count;
    uint32_t rec_off, rec_esize, rec_count;
    uint32_t meta_off, meta_count;
    uint32_t data_off, data_size;
    uint32_t text_size;
    uint32_t img_off, img_esize, img_count;
    uint32_t imgdata_off, imgdata_size;
    uint16_t img_max_width;
    uint32_t dict_kind, dict_id, dict_size, dict_off;
    const uint8_t *dict; /* NULL when embedded and read through a callback */
    unsigned window_bits; /* deflate window of every stream, 9..15 */
    z_stream zs;
    int zs_ready;
    uint8_t *inbuf;
};

int nwsb__read(const nwsb_bundle *b, uint32_t off, void *dst, uint32_t len);
/* Entry i of a table (offset, entry size, count) into e[0..len). */
int nwsb__entry(const nwsb_bundle *b, uint32_t off, uint32_t esize, uint32_t count, uint32_t i,
                uint8_t *e, uint32_t len);
int nwsb__region_crc(const nwsb_bundle *b, uint32_t off, uint32_t len, uint32_t *crc_out);
int nwsb__open_images(nwsb_bundle *b, nwsb_diag *d);
int nwsb__fail(nwsb_diag *d, int err, const char *part, uint32_t offset);
int nwsb__fail_at(nwsb_diag *d, int err, const char *part, uint32_t index, uint32_t offset);
const nwsb_section *nwsb__find_section(const nwsb_bundle *b, uint32_t type);
/* A table section: entry size (at least min_esize), count, entries. */
int nwsb__open_table(const nwsb_bundle *b, const nwsb_section *s, uint32_t min_esize,
                     uint32_t *off, uint32_t *esize, uint32_t *count, nwsb_diag *d);
int nwsb__inflate_init(nwsb_bundle *b);
void nwsb__inflate_end(nwsb_bundle *b);

#endif
