/* nwsb.h -- reading news bundles: the device-side contract.
 *
 * A bundle is opened from a memory buffer (flash, mmap) or from a read
 * callback; it is never copied whole.  All memory comes from the caller's
 * allocator and is taken in nwsb_open() only: reading articles, strings and
 * records afterwards allocates nothing.  Decoding any record needs about
 * 7.5 KiB (zlib's inflate state) plus the bundle's deflate window (32 KiB,
 * or as little as 8 KiB for a bundle packed with a smaller one) from the
 * allocator, plus the caller's NWSB_RECORD_MAX output buffer.
 *
 * Every function returns 0 (NWSB_OK) or a negative nwsb_err.  Functions that
 * can find damage take an optional nwsb_diag that names the damaged part.
 * There is no global state: two bundles may be open at once.
 */
#ifndef NWSB_H
#define NWSB_H

#include <stddef.h>
#include <stdint.h>

#include "nwsb_format.h"

/* Errors: one list, expanded into the enum and the message table. */
#define NWSB_ERROR_LIST(X)                                                        \
    X(NWSB_OK, 0, "no error")                                                     \
    X(NWSB_E_ARG, -1, "invalid argument")                                         \
    X(NWSB_E_NOMEM, -2, "out of memory")                                          \
    X(NWSB_E_IO, -3, "read failed")                                               \
    X(NWSB_E_MAGIC, -4, "not a news bundle (bad magic)")                          \
    X(NWSB_E_VERSION, -5, "bundle needs a newer reader (format major version)")   \
    X(NWSB_E_TRUNCATED, -6, "bundle is truncated")                                \
    X(NWSB_E_HEADER_CRC, -7, "header checksum mismatch")                          \
    X(NWSB_E_LAYOUT, -8, "section layout is invalid")                             \
    X(NWSB_E_SECTION_CRC, -9, "section checksum mismatch")                        \
    X(NWSB_E_CORRUPT, -10, "bundle structure is invalid")                         \
    X(NWSB_E_RECORD_CRC, -11, "record checksum mismatch")                         \
    X(NWSB_E_INFLATE, -12, "record data does not decompress")                     \
    X(NWSB_E_RANGE, -13, "index out of range")                                    \
    X(NWSB_E_DICT, -14, "preset dictionary unknown or mismatched")                \
    X(NWSB_E_BUFFER, -15, "buffer too small")                                     \
    X(NWSB_E_TEXT, -16, "text stream is malformed")                              \
    X(NWSB_E_IMAGE_CRC, -17, "image checksum mismatch")                           \
    X(NWSB_E_IMAGE, -18, "image data does not decompress")

typedef enum {
#define NWSB_ENUM_(name, value, msg) name = value,
    NWSB_ERROR_LIST(NWSB_ENUM_)
#undef NWSB_ENUM_
} nwsb_err;

/* Human-readable message for an error code; never NULL. */
const char *nwsb_strerror(int err);

/* Where damage was found.  part is a static string such as "header",
 * "article index", "record"; index is the record or article number (from 0)
 * when part names one, offset the file offset of the part. */
typedef struct nwsb_diag {
    const char *part;
    uint32_t index;
    uint32_t offset;
    int has_index;
} nwsb_diag;

/* Caller-supplied memory, zlib style.  alloc returns NULL on failure. */
typedef struct nwsb_allocator {
    void *(*alloc)(void *opaque, size_t size);
    void (*free)(void *opaque, void *ptr);
    void *opaque;
} nwsb_allocator;

/* Read len bytes at offset into dst; return 0 on success. */
typedef int (*nwsb_read_fn)(void *opaque, uint32_t offset, void *dst, uint32_t len);

/* Where the bytes come from: either data (read in place) or read. */
typedef struct nwsb_source {
    const uint8_t *data;
    nwsb_read_fn read;
    void *opaque;
    uint32_t size;
} nwsb_source;

typedef struct nwsb_bundle nwsb_bundle;

typedef struct nwsb_article {
    uint64_t id;          /* stable across bundles: derived from URL or title+date */
    uint32_t text_offset; /* in the bundle's text stream */
    uint32_t text_size;
    uint32_t first_record;
    uint32_t field_ref[NWSB_FIELD_COUNT];
    uint32_t flags;       /* NWSB_AF_*; unknown bits are ignored */
    uint32_t script;      /* ISO 15924 tag (src/text/scripts.h), 0 if unknown */
} nwsb_article;

typedef struct nwsb_record {
    uint32_t data_offset;
    uint32_t stored_size;
    uint32_t text_offset;
    uint32_t text_size;
    uint32_t crc;
    uint32_t flags;
} nwsb_record;

typedef struct nwsb_section {
    uint32_t type, offset, size, crc;
} nwsb_section;

/* Open: checks magic, version, header CRC, the layout of the sections and
 * the CRC of every index section, and that articles and records describe
 * one consistent text stream (records are checked when read).  On
 * failure *out is NULL and nothing stays allocated.  dict/dict_size give the
 * built-in dictionary the caller has (may be NULL); it must stay valid while
 * the bundle is open. */
int nwsb_open(nwsb_bundle **out, const nwsb_source *src, const nwsb_allocator *alloc,
              const uint8_t *builtin_dict, uint32_t builtin_dict_size, nwsb_diag *diag);
void nwsb_close(nwsb_bundle *b);

void nwsb_version(const nwsb_bundle *b, unsigned *major, unsigned *minor);
uint32_t nwsb_file_size(const nwsb_bundle *b);
/* Identifies this bundle (its header CRC and size): a saved position is
 * only reused for the bundle it was saved for. */
uint64_t nwsb_identity(const nwsb_bundle *b);
uint32_t nwsb_article_count(const nwsb_bundle *b);
uint32_t nwsb_record_count(const nwsb_bundle *b);
uint32_t nwsb_text_size(const nwsb_bundle *b);
uint32_t nwsb_section_count(const nwsb_bundle *b);
int nwsb_section_info(const nwsb_bundle *b, uint32_t i, nwsb_section *out);
/* The deflate window every stream of the bundle fits, as zlib's window
 * bits (15: 32 KiB, the default; a bundle packed for a microcontroller
 * may say 13).  nwsb_open() takes 2^bits from the allocator for it. */
unsigned nwsb_window_bits(const nwsb_bundle *b);
/* Dictionary in use: kind (NWSB_DICT_*), id, size. */
void nwsb_dict_info(const nwsb_bundle *b, uint32_t *kind, uint32_t *id, uint32_t *size);

int nwsb_article_get(const nwsb_bundle *b, uint32_t i, nwsb_article *out);
int nwsb_record_get(const nwsb_bundle *b, uint32_t i, nwsb_record *out);
/* The record holding byte text_offset of the text stream. */
int nwsb_record_find(const nwsb_bundle *b, uint32_t text_offset, uint32_t *rec);

/* Copy a string (NUL-terminated) into buf.  A string longer than cap-1 is
 * cut at a UTF-8 character boundary and NWSB_E_BUFFER is returned with the
 * cut string in buf.  ref NWSB_NO_STRING yields "". */
int nwsb_string(const nwsb_bundle *b, uint32_t ref, char *buf, size_t cap);
int nwsb_article_field(const nwsb_bundle *b, uint32_t i, nwsb_field f, char *buf, size_t cap);

/* Bundle metadata as key/value pairs (e.g. "title", "created"). */
uint32_t nwsb_meta_count(const nwsb_bundle *b);
int nwsb_meta_get(const nwsb_bundle *b, uint32_t i, uint32_t *key_ref, uint32_t *value_ref);
int nwsb_meta_lookup(const nwsb_bundle *b, const char *key, char *buf, size_t cap);

/* Decompress record i into out (cap >= NWSB_RECORD_MAX); *len gets its
 * text size.  The record's CRC is checked before inflating. */
int nwsb_record_read(nwsb_bundle *b, uint32_t i, uint8_t *out, uint32_t cap, uint32_t *len,
                     nwsb_diag *diag);

/* --- images (format 1.1) ---------------------------------------------- */

typedef struct nwsb_image {
    uint32_t text_offset; /* stands before the block starting here, or at
                             the article's end when that is where it is */
    uint32_t article;
    uint16_t width, height;
    uint32_t data_offset, stored_size, crc, flags; /* NWSB_IF_* */
} nwsb_image;

uint32_t nwsb_image_count(const nwsb_bundle *b);
int nwsb_image_get(const nwsb_bundle *b, uint32_t i, nwsb_image *out);
/* The first image whose text_offset is >= text_offset (image_count if
 * none).  Images are sorted by text_offset. */
uint32_t nwsb_image_find(const nwsb_bundle *b, uint32_t text_offset);
uint16_t nwsb_image_max_width(const nwsb_bundle *b);

/* Decoding an image row by row, into a row buffer of the caller (width
 * bytes).  nwsb_image_open() checks the CRC of the stored bytes first, so
 * a damaged image fails before anything is drawn.  The bundle has one
 * inflate state: read no record between open and the last row. */
typedef struct nwsb_image_stream {
    nwsb_image img;
    uint32_t index, row, pos; /* pos: stored bytes consumed */
} nwsb_image_stream;

int nwsb_image_open(nwsb_bundle *b, uint32_t i, nwsb_image_stream *s, nwsb_diag *diag);
/* The next row, unfiltered: 0 gray .. 255 white. */
int nwsb_image_row(nwsb_bundle *b, nwsb_image_stream *s, uint8_t *row, nwsb_diag *diag);

/* Deliberately no "verify everything" call: nwsb_open() already checks the
 * index and the consistency of the tables, and a caller that wants to check
 * the text reads each record (see newspack verify). */

#endif
