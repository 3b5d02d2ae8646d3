/* nwsb_reader.c -- open a bundle and check its index (device code).
 *
 * Nothing here trusts the file: every offset is bounds-checked with
 * overflow-safe arithmetic before it is used, even after the CRCs passed,
 * so a crafted bundle with valid checksums still cannot make us read out of
 * bounds.  Record decoding lives in nwsb_record.c.
 */
#include "nwsb_internal.h"

#include <string.h>

const char *nwsb_strerror(int err)
{
    switch (err) {
#define NWSB_MSG_(name, value, msg) \
    case value:                     \
        return msg;
        NWSB_ERROR_LIST(NWSB_MSG_)
#undef NWSB_MSG_
    }
    return "unknown error";
}

int nwsb__fail(nwsb_diag *d, int err, const char *part, uint32_t offset)
{
    if (d) {
        d->part = part;
        d->offset = offset;
        d->has_index = 0;
        d->index = 0;
    }
    return err;
}

int nwsb__fail_at(nwsb_diag *d, int err, const char *part, uint32_t index, uint32_t offset)
{
    nwsb__fail(d, err, part, offset);
    if (d) {
        d->index = index;
        d->has_index = 1;
    }
    return err;
}

int nwsb__read(const nwsb_bundle *b, uint32_t off, void *dst, uint32_t len)
{
    if (off > b->file_size || len > b->file_size - off)
        return NWSB_E_TRUNCATED;
    if (b->src.data) {
        memcpy(dst, b->src.data + off, len);
        return NWSB_OK;
    }
    return b->src.read(b->src.opaque, off, dst, len) == 0 ? NWSB_OK : NWSB_E_IO;
}

/* CRC-32 of a region, streamed through a small stack buffer when the
 * bundle is not in memory. */
int nwsb__region_crc(const nwsb_bundle *b, uint32_t off, uint32_t len, uint32_t *crc_out)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    if (b->src.data) {
        crc = crc32(crc, b->src.data + off, len);
    } else {
        uint8_t chunk[256];
        while (len > 0) {
            uint32_t n = len < sizeof chunk ? len : (uint32_t)sizeof chunk;
            int rc = nwsb__read(b, off, chunk, n);
            if (rc)
                return rc;
            crc = crc32(crc, chunk, n);
            off += n;
            len -= n;
        }
    }
    *crc_out = (uint32_t)crc;
    return NWSB_OK;
}

static const char *section_part(uint32_t type)
{
    switch (type) {
    case NWSB_SEC_META: return "bundle metadata";
    case NWSB_SEC_STRINGS: return "string table";
    case NWSB_SEC_ARTICLES: return "article index";
    case NWSB_SEC_RECORDS: return "record table";
    case NWSB_SEC_DICT: return "dictionary";
    case NWSB_SEC_DATA: return "record data";
    case NWSB_SEC_IMAGES: return "image table";
    case NWSB_SEC_IMAGE_DATA: return "image data";
    case NWSB_SEC_WINDOW: return "deflate window";
    default: return "unknown section";
    }
}

/* Header, directory and the tiling of the sections. */
static int check_header(nwsb_bundle *b, uint32_t src_size, nwsb_diag *d)
{
    uint8_t h[NWSB_HEADER_SIZE + NWSB_MAX_SECTIONS * NWSB_DIRENT_SIZE];
    uint32_t magic_len = src_size < NWSB_MAGIC_LEN ? src_size : NWSB_MAGIC_LEN;

    b->file_size = src_size;
    if (nwsb__read(b, 0, h, magic_len))
        return nwsb__fail(d, NWSB_E_IO, "header", 0);
    if (memcmp(h, NWSB_MAGIC, magic_len) != 0)
        return nwsb__fail(d, NWSB_E_MAGIC, "header", 0);
    if (src_size < NWSB_HEADER_SIZE)
        return nwsb__fail(d, NWSB_E_TRUNCATED, "header", 0);
    if (nwsb__read(b, 0, h, NWSB_HEADER_SIZE))
        return nwsb__fail(d, NWSB_E_IO, "header", 0);

    /* The version sits at a fixed place in every major version, so a newer
     * bundle is named as such even though the rest may differ. */
    b->major = nwsb_get16(h + NWSB_H_MAJOR);
    b->minor = nwsb_get16(h + NWSB_H_MINOR);
    uint32_t nsec = nwsb_get32(h + NWSB_H_SECTION_COUNT);
    uint32_t file_size = nwsb_get32(h + NWSB_H_FILE_SIZE);
    uint32_t dir_end = NWSB_HEADER_SIZE + nsec * NWSB_DIRENT_SIZE;

    if (nsec > NWSB_MAX_SECTIONS) {
        /* A damaged count: let the CRC speak if the directory is readable. */
        nsec = 0;
        dir_end = NWSB_HEADER_SIZE;
    }
    if (dir_end > src_size)
        return nwsb__fail(d, NWSB_E_TRUNCATED, "section directory", NWSB_HEADER_SIZE);
    if (nwsb__read(b, NWSB_HEADER_SIZE, h + NWSB_HEADER_SIZE, dir_end - NWSB_HEADER_SIZE))
        return nwsb__fail(d, NWSB_E_IO, "section directory", NWSB_HEADER_SIZE);
    uint32_t crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), h, NWSB_H_CRC);
    crc = (uint32_t)crc32(crc, h + NWSB_HEADER_SIZE, dir_end - NWSB_HEADER_SIZE);
    if (b->major > NWSB_VERSION_MAJOR)
        return nwsb__fail(d, NWSB_E_VERSION, "header", NWSB_H_MAJOR);
#ifndef NWSB_FUZZING
    if (crc != nwsb_get32(h + NWSB_H_CRC))
        return nwsb__fail(d, NWSB_E_HEADER_CRC, "header", 0);
#endif
    if (b->major != NWSB_VERSION_MAJOR)
        return nwsb__fail(d, NWSB_E_VERSION, "header", NWSB_H_MAJOR);
    b->header_crc = crc;
    if (nwsb_get32(h + NWSB_H_SECTION_COUNT) > NWSB_MAX_SECTIONS)
        return nwsb__fail(d, NWSB_E_LAYOUT, "section directory", NWSB_HEADER_SIZE);
    if (file_size > src_size)
        return nwsb__fail(d, NWSB_E_TRUNCATED, "header", NWSB_H_FILE_SIZE);
    if (file_size < dir_end)
        return nwsb__fail(d, NWSB_E_LAYOUT, "header", NWSB_H_FILE_SIZE);
    /* Bytes past file_size (flash padding) are ignored. */
    b->file_size = file_size;

    /* Sections tile the file after the directory, in directory order, so
     * that every byte is covered by exactly one checksum. */
    uint32_t expect = dir_end;
    b->nsec = nsec;
    for (uint32_t i = 0; i < nsec; i++) {
        const uint8_t *e = h + NWSB_HEADER_SIZE + i * NWSB_DIRENT_SIZE;
        nwsb_section *s = &b->sec[i];
        s->type = nwsb_get32(e);
        s->offset = nwsb_get32(e + 4);
        s->size = nwsb_get32(e + 8);
        s->crc = nwsb_get32(e + 12);
        /* offset <= file_size first: the subtraction must not wrap */
        if (s->offset != expect || s->offset > file_size || s->size > file_size - s->offset)
            return nwsb__fail_at(d, NWSB_E_LAYOUT, section_part(s->type), i, s->offset);
        expect = s->offset + s->size;
        for (uint32_t j = 0; j < i; j++)
            if (b->sec[j].type == s->type)
                return nwsb__fail_at(d, NWSB_E_LAYOUT, section_part(s->type), i, s->offset);
    }
    if (expect != file_size)
        return nwsb__fail(d, NWSB_E_LAYOUT, "section directory", NWSB_HEADER_SIZE);
    return NWSB_OK;
}

const nwsb_section *nwsb__find_section(const nwsb_bundle *b, uint32_t type)
{
    for (uint32_t i = 0; i < b->nsec; i++)
        if (b->sec[i].type == type)
            return &b->sec[i];
    return NULL;
}

static int check_section_crcs(const nwsb_bundle *b, nwsb_diag *d)
{
    for (uint32_t i = 0; i < b->nsec; i++) {
        const nwsb_section *s = &b->sec[i];
        uint32_t crc;
        if (s->type == NWSB_SEC_DATA) {
            if (s->crc != 0) /* records carry their own */
                return nwsb__fail_at(d, NWSB_E_LAYOUT, section_part(s->type), i, s->offset);
            continue;
        }
        /* Pictures carry their own CRCs, checked when one is drawn; reading
         * megabytes of them at every open would be slow on a device. */
        if (s->type == NWSB_SEC_IMAGE_DATA)
            continue;
        int rc = nwsb__region_crc(b, s->offset, s->size, &crc);
        if (rc)
            return nwsb__fail_at(d, rc, section_part(s->type), i, s->offset);
#ifndef NWSB_FUZZING
        if (crc != s->crc)
            return nwsb__fail_at(d, NWSB_E_SECTION_CRC, section_part(s->type), i, s->offset);
#endif
    }
    return NWSB_OK;
}

/* A table section: entry size, count, entries. */
int nwsb__open_table(const nwsb_bundle *b, const nwsb_section *s, uint32_t min_esize,
                      uint32_t *off, uint32_t *esize, uint32_t *count, nwsb_diag *d)
{
    uint8_t head[NWSB_TABLE_HEAD];
    const char *part = section_part(s->type);
    if (s->size < NWSB_TABLE_HEAD)
        return nwsb__fail(d, NWSB_E_CORRUPT, part, s->offset);
    if (nwsb__read(b, s->offset, head, NWSB_TABLE_HEAD))
        return nwsb__fail(d, NWSB_E_IO, part, s->offset);
    *esize = nwsb_get32(head);
    *count = nwsb_get32(head + 4);
    *off = s->offset + NWSB_TABLE_HEAD;
    if (*esize < min_esize || *count > (s->size - NWSB_TABLE_HEAD) / *esize ||
        *count * *esize != s->size - NWSB_TABLE_HEAD)
        return nwsb__fail(d, NWSB_E_CORRUPT, part, s->offset);
    return NWSB_OK;
}

static int check_ref(const nwsb_bundle *b, uint32_t ref)
{
    return ref == NWSB_NO_STRING || ref < b->str_size;
}

/* Records tile the DATA section in order and their text sizes add up to
 * one contiguous text stream. */
static int check_records(nwsb_bundle *b, nwsb_diag *d)
{
    uint32_t data_pos = b->data_off, text_pos = 0;
    for (uint32_t i = 0; i < b->rec_count; i++) {
        nwsb_record r;
        if (nwsb_record_get(b, i, &r))
            return nwsb__fail_at(d, NWSB_E_IO, "record table", i, b->rec_off);
        uint32_t entry = b->rec_off + i * b->rec_esize;
        if (r.data_offset != data_pos || r.stored_size == 0 ||
            r.stored_size > b->data_off + b->data_size - data_pos ||
            r.text_offset != text_pos || r.text_size == 0 || r.text_size > NWSB_RECORD_MAX ||
            (r.flags & ~NWSB_RF_STORED) != 0 ||
            ((r.flags & NWSB_RF_STORED) && r.stored_size != r.text_size) ||
            text_pos > UINT32_MAX - r.text_size)
            return nwsb__fail_at(d, NWSB_E_CORRUPT, "record table", i, entry);
        data_pos += r.stored_size;
        text_pos += r.text_size;
    }
    if (data_pos != b->data_off + b->data_size)
        return nwsb__fail(d, NWSB_E_CORRUPT, "record data", b->data_off);
    b->text_size = text_pos;
    return NWSB_OK;
}

static int check_articles(const nwsb_bundle *b, nwsb_diag *d)
{
    for (uint32_t i = 0; i < b->art_count; i++) {
        nwsb_article a;
        nwsb_record r;
        uint32_t entry = b->art_off + i * b->art_esize;
        if (nwsb_article_get(b, i, &a))
            return nwsb__fail_at(d, NWSB_E_IO, "article index", i, entry);
        int bad = a.text_offset > b->text_size || a.text_size > b->text_size - a.text_offset;
        for (int f = 0; f < NWSB_FIELD_COUNT; f++)
            bad |= !check_ref(b, a.field_ref[f]);
        if (!bad && a.text_size > 0) {
            bad = a.first_record >= b->rec_count || nwsb_record_get(b, a.first_record, &r) ||
                  a.text_offset < r.text_offset || a.text_offset - r.text_offset >= r.text_size;
        }
        if (bad)
            return nwsb__fail_at(d, NWSB_E_CORRUPT, "article index", i, entry);
    }
    return NWSB_OK;
}

static int open_meta(nwsb_bundle *b, const nwsb_section *s, nwsb_diag *d)
{
    uint8_t buf[8];
    if (!s)
        return NWSB_OK;
    if (s->size < 4 || nwsb__read(b, s->offset, buf, 4))
        return nwsb__fail(d, NWSB_E_CORRUPT, "bundle metadata", s->offset);
    uint32_t count = nwsb_get32(buf);
    if (count > (s->size - 4) / 8 || count * 8 != s->size - 4)
        return nwsb__fail(d, NWSB_E_CORRUPT, "bundle metadata", s->offset);
    b->meta_off = s->offset + 4;
    b->meta_count = count;
    for (uint32_t i = 0; i < count; i++) {
        if (nwsb__read(b, b->meta_off + i * 8, buf, 8) || !check_ref(b, nwsb_get32(buf)) ||
            !check_ref(b, nwsb_get32(buf + 4)))
            return nwsb__fail_at(d, NWSB_E_CORRUPT, "bundle metadata", i, s->offset);
    }
    return NWSB_OK;
}

static int open_dict(nwsb_bundle *b, const nwsb_section *s, const uint8_t *builtin,
                     uint32_t builtin_size, nwsb_diag *d)
{
    uint8_t head[NWSB_DICT_HEAD];
    b->dict_kind = NWSB_DICT_NONE;
    if (!s)
        return NWSB_OK;
    if (s->size < NWSB_DICT_HEAD || nwsb__read(b, s->offset, head, NWSB_DICT_HEAD))
        return nwsb__fail(d, NWSB_E_CORRUPT, "dictionary", s->offset);
    b->dict_kind = nwsb_get32(head + NWSB_D_KIND);
    b->dict_id = nwsb_get32(head + NWSB_D_ID);
    b->dict_size = nwsb_get32(head + NWSB_D_SIZE);
    uint32_t crc = nwsb_get32(head + NWSB_D_CRC);
    if (b->dict_size > NWSB_DICT_MAX)
        return nwsb__fail(d, NWSB_E_CORRUPT, "dictionary", s->offset);
    switch (b->dict_kind) {
    case NWSB_DICT_NONE:
        if (s->size != NWSB_DICT_HEAD || b->dict_size != 0)
            return nwsb__fail(d, NWSB_E_CORRUPT, "dictionary", s->offset);
        return NWSB_OK;
    case NWSB_DICT_BUILTIN:
        if (s->size != NWSB_DICT_HEAD)
            return nwsb__fail(d, NWSB_E_CORRUPT, "dictionary", s->offset);
        /* The reader's own dictionary must be the one the packer used:
         * decoding with another one would give plausible garbage. */
        if (!builtin || builtin_size != b->dict_size ||
            (uint32_t)crc32(crc32(0L, Z_NULL, 0), builtin, builtin_size) != crc)
            return nwsb__fail(d, NWSB_E_DICT, "dictionary", s->offset);
        b->dict = builtin;
        return NWSB_OK;
    case NWSB_DICT_EMBEDDED: {
        uint32_t got;
        if (s->size != NWSB_DICT_HEAD + b->dict_size || b->dict_size == 0)
            return nwsb__fail(d, NWSB_E_CORRUPT, "dictionary", s->offset);
        b->dict_off = s->offset + NWSB_DICT_HEAD;
        if (nwsb__region_crc(b, b->dict_off, b->dict_size, &got))
            return nwsb__fail(d, NWSB_E_IO, "dictionary", s->offset);
#ifndef NWSB_FUZZING
        if (got != crc)
            return nwsb__fail(d, NWSB_E_SECTION_CRC, "dictionary", s->offset);
#endif
        if (b->src.data)
            b->dict = b->src.data + b->dict_off;
        return NWSB_OK;
    }
    default:
        return nwsb__fail(d, NWSB_E_DICT, "dictionary", s->offset);
    }
}

static int open_window(nwsb_bundle *b, const nwsb_section *s, nwsb_diag *d)
{
    uint8_t body[NWSB_WINDOW_HEAD];
    b->window_bits = NWSB_WINDOW_BITS_MAX;
    if (!s)
        return NWSB_OK;
    /* Later minor versions may append fields: only a short body is wrong. */
    if (s->size < NWSB_WINDOW_HEAD)
        return nwsb__fail(d, NWSB_E_CORRUPT, "window", s->offset);
    if (nwsb__read(b, s->offset, body, sizeof body))
        return nwsb__fail(d, NWSB_E_IO, "window", s->offset);
    uint32_t bits = nwsb_get32(body + NWSB_W_BITS);
    if (bits < NWSB_WINDOW_BITS_MIN || bits > NWSB_WINDOW_BITS_MAX)
        return nwsb__fail(d, NWSB_E_CORRUPT, "window", s->offset);
    b->window_bits = bits;
    return NWSB_OK;
}

static int open_sections(nwsb_bundle *b, const uint8_t *builtin, uint32_t builtin_size,
                         nwsb_diag *d)
{
    const nwsb_section *str = nwsb__find_section(b, NWSB_SEC_STRINGS);
    const nwsb_section *art = nwsb__find_section(b, NWSB_SEC_ARTICLES);
    const nwsb_section *rec = nwsb__find_section(b, NWSB_SEC_RECORDS);
    const nwsb_section *data = nwsb__find_section(b, NWSB_SEC_DATA);
    uint8_t last = 0;
    int rc;

    if (!str || !art || !rec || !data)
        return nwsb__fail(d, NWSB_E_LAYOUT, "section directory", NWSB_HEADER_SIZE);
    /* Every string ends in NUL because the section does: a ref below its
     * size can then never run off the end. */
    if (str->size > 0 && nwsb__read(b, str->offset + str->size - 1, &last, 1))
        return nwsb__fail(d, NWSB_E_IO, "string table", str->offset);
    if (last != 0)
        return nwsb__fail(d, NWSB_E_CORRUPT, "string table", str->offset);
    b->str_off = str->offset;
    b->str_size = str->size;
    b->data_off = data->offset;
    b->data_size = data->size;
    if ((rc = nwsb__open_table(b, art, NWSB_ARTICLE_ENTRY_SIZE_1_0, &b->art_off, &b->art_esize,
                         &b->art_count, d)) ||
        (rc = nwsb__open_table(b, rec, NWSB_RECORD_ENTRY_SIZE, &b->rec_off, &b->rec_esize,
                         &b->rec_count, d)) ||
        (rc = open_meta(b, nwsb__find_section(b, NWSB_SEC_META), d)) ||
        (rc = open_dict(b, nwsb__find_section(b, NWSB_SEC_DICT), builtin, builtin_size, d)) ||
        (rc = open_window(b, nwsb__find_section(b, NWSB_SEC_WINDOW), d)) ||
        (rc = check_records(b, d)) || (rc = check_articles(b, d)) ||
        (rc = nwsb__open_images(b, d)))
        return rc;
    return NWSB_OK;
}

int nwsb_open(nwsb_bundle **out, const nwsb_source *src, const nwsb_allocator *alloc,
              const uint8_t *builtin_dict, uint32_t builtin_dict_size, nwsb_diag *diag)
{
    nwsb_bundle tmp, *b;
    int rc;

    if (diag)
        memset(diag, 0, sizeof *diag);
    if (!out || !src || !alloc || !alloc->alloc || !alloc->free || (!src->data && !src->read))
        return nwsb__fail(diag, NWSB_E_ARG, "arguments", 0);
    *out = NULL;
    /* Check everything on the stack first, so a bad file costs no memory. */
    memset(&tmp, 0, sizeof tmp);
    tmp.src = *src;
    tmp.alloc = *alloc;
    if ((rc = check_header(&tmp, src->size, diag)) || (rc = check_section_crcs(&tmp, diag)) ||
        (rc = open_sections(&tmp, builtin_dict, builtin_dict_size, diag)))
        return rc;

    b = alloc->alloc(alloc->opaque, sizeof *b);
    if (!b)
        return nwsb__fail(diag, NWSB_E_NOMEM, "reader", 0);
    *b = tmp;
    if ((rc = nwsb__inflate_init(b)) != NWSB_OK) {
        alloc->free(alloc->opaque, b);
        return nwsb__fail(diag, rc, "inflate state and window", 0);
    }
    *out = b;
    return NWSB_OK;
}

void nwsb_close(nwsb_bundle *b)
{
    if (!b)
        return;
    nwsb__inflate_end(b);
    b->alloc.free(b->alloc.opaque, b);
}

void nwsb_version(const nwsb_bundle *b, unsigned *major, unsigned *minor)
{
    *major = b->major;
    *minor = b->minor;
}

uint64_t nwsb_identity(const nwsb_bundle *b)
{
    /* The header CRC covers the directory, whose section CRCs cover the
     * index: two different bundles agree on it and on the size only by
     * a 1-in-2^32 accident. */
    return (uint64_t)b->header_crc << 32 | b->file_size;
}

uint32_t nwsb_file_size(const nwsb_bundle *b) { return b->file_size; }
uint32_t nwsb_article_count(const nwsb_bundle *b) { return b->art_count; }
uint32_t nwsb_record_count(const nwsb_bundle *b) { return b->rec_count; }
uint32_t nwsb_text_size(const nwsb_bundle *b) { return b->text_size; }
uint32_t nwsb_section_count(const nwsb_bundle *b) { return b->nsec; }
uint32_t nwsb_meta_count(const nwsb_bundle *b) { return b->meta_count; }

int nwsb_section_info(const nwsb_bundle *b, uint32_t i, nwsb_section *out)
{
    if (i >= b->nsec)
        return NWSB_E_RANGE;
    *out = b->sec[i];
    return NWSB_OK;
}

unsigned nwsb_window_bits(const nwsb_bundle *b) { return b->window_bits; }

void nwsb_dict_info(const nwsb_bundle *b, uint32_t *kind, uint32_t *id, uint32_t *size)
{
    *kind = b->dict_kind;
    *id = b->dict_id;
    *size = b->dict_size;
}

int nwsb__entry(const nwsb_bundle *b, uint32_t off, uint32_t esize, uint32_t count, uint32_t i,
                uint8_t *e, uint32_t len)
{
    if (i >= count)
        return NWSB_E_RANGE;
    /* an entry of an older minor version is shorter: the fields it lacks
     * keep what the caller put there (zeros) */
    return nwsb__read(b, off + i * esize, e, esize < len ? esize : len);
}

int nwsb_article_get(const nwsb_bundle *b, uint32_t i, nwsb_article *out)
{
    uint8_t e[NWSB_ARTICLE_ENTRY_SIZE] = {0}; /* a 1.0 entry has no script: 0, unknown */
    int rc = nwsb__entry(b, b->art_off, b->art_esize, b->art_count, i, e, sizeof e);
    if (rc)
        return rc;
    out->id = nwsb_get64(e + NWSB_A_ID);
    out->text_offset = nwsb_get32(e + NWSB_A_TEXT_OFFSET);
    out->text_size = nwsb_get32(e + NWSB_A_TEXT_SIZE);
    out->first_record = nwsb_get32(e + NWSB_A_FIRST_RECORD);
    for (int f = 0; f < NWSB_FIELD_COUNT; f++)
        out->field_ref[f] = nwsb_get32(e + NWSB_A_FIELDS + 4 * f);
    out->flags = nwsb_get32(e + NWSB_A_FLAGS);
    out->script = nwsb_get32(e + NWSB_A_SCRIPT);
    return NWSB_OK;
}

int nwsb_record_get(const nwsb_bundle *b, uint32_t i, nwsb_record *out)
{
    uint8_t e[NWSB_RECORD_ENTRY_SIZE];
    int rc = nwsb__entry(b, b->rec_off, b->rec_esize, b->rec_count, i, e, sizeof e);
    if (rc)
        return rc;
    out->data_offset = nwsb_get32(e + NWSB_R_DATA_OFFSET);
    out->stored_size = nwsb_get32(e + NWSB_R_STORED_SIZE);
    out->text_offset = nwsb_get32(e + NWSB_R_TEXT_OFFSET);
    out->text_size = nwsb_get32(e + NWSB_R_TEXT_SIZE);
    out->crc = nwsb_get32(e + NWSB_R_CRC);
    out->flags = nwsb_get32(e + NWSB_R_FLAGS);
    return NWSB_OK;
}

int nwsb_record_find(const nwsb_bundle *b, uint32_t text_offset, uint32_t *rec)
{
    uint32_t lo = 0, hi = b->rec_count;
    if (text_offset >= b->text_size)
        return NWSB_E_RANGE;
    /* Records are contiguous (checked at open): binary search on starts. */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        nwsb_record r;
        int rc = nwsb_record_get(b, mid, &r);
        if (rc)
            return rc;
        if (r.text_offset <= text_offset)
            lo = mid;
        else
            hi = mid;
    }
    *rec = lo;
    return NWSB_OK;
}

int nwsb_string(const nwsb_bundle *b, uint32_t ref, char *buf, size_t cap)
{
    size_t n = 0;
    if (!buf || cap == 0)
        return NWSB_E_ARG;
    buf[0] = '\0';
    if (ref == NWSB_NO_STRING)
        return NWSB_OK;
    if (ref >= b->str_size)
        return NWSB_E_RANGE;
    /* Copy in chunks until the NUL, which the open check guarantees. */
    uint32_t pos = b->str_off + ref, end = b->str_off + b->str_size;
    while (pos < end) {
        char chunk[64];
        uint32_t want = end - pos < sizeof chunk ? end - pos : (uint32_t)sizeof chunk;
        int rc = nwsb__read(b, pos, chunk, want);
        if (rc)
            return rc;
        for (uint32_t i = 0; i < want; i++) {
            if (chunk[i] == '\0') {
                buf[n] = '\0';
                return NWSB_OK;
            }
            if (n + 1 >= cap) {
                /* Never leave half a character: if the next byte continues
                 * one, drop what was copied of it. */
                if (((unsigned char)chunk[i] & 0xC0) == 0x80) {
                    while (n > 0 && ((unsigned char)buf[n - 1] & 0xC0) == 0x80)
                        n--;
                    if (n > 0)
                        n--;
                }
                buf[n] = '\0';
                return NWSB_E_BUFFER;
            }
            buf[n++] = chunk[i];
        }
        pos += want;
    }
    buf[n] = '\0';
    return NWSB_E_CORRUPT;
}

int nwsb_article_field(const nwsb_bundle *b, uint32_t i, nwsb_field f, char *buf, size_t cap)
{
    nwsb_article a;
    if ((unsigned)f >= NWSB_FIELD_COUNT)
        return NWSB_E_ARG;
    int rc = nwsb_article_get(b, i, &a);
    if (rc) {
        if (buf && cap)
            buf[0] = '\0';
        return rc;
    }
    return nwsb_string(b, a.field_ref[f], buf, cap);
}

int nwsb_meta_get(const nwsb_bundle *b, uint32_t i, uint32_t *key_ref, uint32_t *value_ref)
{
    uint8_t e[8];
    if (i >= b->meta_count)
        return NWSB_E_RANGE;
    int rc = nwsb__read(b, b->meta_off + i * 8, e, 8);
    if (rc)
        return rc;
    *key_ref = nwsb_get32(e);
    *value_ref = nwsb_get32(e + 4);
    return NWSB_OK;
}

int nwsb_meta_lookup(const nwsb_bundle *b, const char *key, char *buf, size_t cap)
{
    char k[64];
    if (!buf || cap == 0)
        return NWSB_E_ARG;
    buf[0] = '\0';
    for (uint32_t i = 0; i < b->meta_count; i++) {
        uint32_t kr, vr;
        int rc = nwsb_meta_get(b, i, &kr, &vr);
        if (rc)
            return rc;
        if (nwsb_string(b, kr, k, sizeof k) == NWSB_OK && strcmp(k, key) == 0)
            return nwsb_string(b, vr, buf, cap);
    }
    return NWSB_E_RANGE;
}
