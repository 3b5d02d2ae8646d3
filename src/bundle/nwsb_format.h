/* nwsb_format.h -- on-disk layout of a news bundle (.nwsb), version 1.2.
 *
 * This header is the single source of the byte layout; docs/FORMAT.md
 * describes the same thing in prose.  Both the host writer and the device
 * reader include it.  All integers are little-endian and every structure is
 * read field by field (never by casting a pointer), so no padding or
 * alignment of the host compiler can leak into the file.
 */
#ifndef NWSB_FORMAT_H
#define NWSB_FORMAT_H

#include <stdint.h>

/* The magic ends in CR LF SUB LF, like PNG's, so a transfer that rewrites
 * line endings or stops at ^Z is caught by the very first check. */
#define NWSB_MAGIC "NWSB\r\n\x1a\n"
#define NWSB_MAGIC_LEN 8

/* A reader accepts any minor version of its own major version (new minor
 * versions only add sections or grow entries, which old readers skip), and
 * rejects a newer major version. */
#define NWSB_VERSION_MAJOR 1
#define NWSB_VERSION_MINOR 2

#define NWSB_HEADER_SIZE 32
#define NWSB_DIRENT_SIZE 16
#define NWSB_MAX_SECTIONS 16

/* Header fields (byte offsets). */
#define NWSB_H_MAGIC 0
#define NWSB_H_MAJOR 8
#define NWSB_H_MINOR 10
#define NWSB_H_FLAGS 12
#define NWSB_H_FILE_SIZE 16
#define NWSB_H_SECTION_COUNT 20
#define NWSB_H_RESERVED 24
#define NWSB_H_CRC 28 /* CRC-32 of bytes 0..27 followed by the directory */

/* Section types.  Unknown types are skipped by readers. */
enum {
    NWSB_SEC_META = 1,     /* bundle metadata: key/value string refs */
    NWSB_SEC_STRINGS = 2,  /* NUL-terminated UTF-8 strings */
    NWSB_SEC_ARTICLES = 3, /* article index */
    NWSB_SEC_RECORDS = 4,  /* record table */
    NWSB_SEC_DICT = 5,     /* preset dictionary descriptor (+ bytes) */
    NWSB_SEC_DATA = 6,     /* compressed records, no section CRC */
    NWSB_SEC_IMAGES = 7,   /* image table (1.1) */
    NWSB_SEC_IMAGE_DATA = 8, /* compressed pixels (1.1); its section CRC is for
                                1.0 readers, 1.1 readers check each picture's */
    NWSB_SEC_WINDOW = 9      /* deflate window smaller than 32 KiB (1.2) */
};

/* Tables (ARTICLES, RECORDS) start with entry size and count so that a
 * later minor version can append fields to each entry. */
#define NWSB_TABLE_HEAD 8

/* 1.0 entries end at NWSB_A_FLAGS + 4 (48 bytes); 1.1 appends the script. */
#define NWSB_ARTICLE_ENTRY_SIZE_1_0 48
#define NWSB_ARTICLE_ENTRY_SIZE 52
#define NWSB_A_ID 0           /* u64 stable article id */
#define NWSB_A_TEXT_OFFSET 8  /* u32 offset in the text stream */
#define NWSB_A_TEXT_SIZE 12   /* u32 bytes of text stream */
#define NWSB_A_FIRST_RECORD 16
#define NWSB_A_FIELDS 20      /* NWSB_FIELD_COUNT u32 string refs */
#define NWSB_A_FLAGS 44      /* u32 NWSB_AF_* */
#define NWSB_A_SCRIPT 48     /* u32 ISO 15924 code, first letter in the low byte; 0 unknown (1.1) */
#define NWSB_AF_RTL 1u        /* the text runs right to left */
#define NWSB_AF_COMPLEX 2u    /* its script needs shaping or bidi the renderer lacks */
#define NWSB_AF_HYPHENATED 4u /* soft hyphens were inserted by the packer */
#define NWSB_AF_KNOWN 7u

#define NWSB_RECORD_ENTRY_SIZE 24
#define NWSB_R_DATA_OFFSET 0  /* u32 absolute file offset */
#define NWSB_R_STORED_SIZE 4
#define NWSB_R_TEXT_OFFSET 8
#define NWSB_R_TEXT_SIZE 12
#define NWSB_R_CRC 16         /* CRC-32 of the stored bytes */
#define NWSB_R_FLAGS 20
#define NWSB_RF_STORED 1u     /* bytes are the text itself, not deflated */

/* Image table entry (1.1).  Pixels are 8-bit gray (0 black, 255 white),
 * rows top to bottom, each row "Sub"-filtered as in PNG (a byte holds the
 * difference to the pixel on its left, modulo 256), raw deflate without a
 * preset dictionary unless NWSB_IF_STORED. */
#define NWSB_IMAGE_ENTRY_SIZE 32
#define NWSB_I_TEXT_OFFSET 0  /* u32 the block the image stands before */
#define NWSB_I_ARTICLE 4      /* u32 article index */
#define NWSB_I_WIDTH 8        /* u16 pixels */
#define NWSB_I_HEIGHT 10      /* u16 pixels */
#define NWSB_I_DATA_OFFSET 12 /* u32 absolute file offset */
#define NWSB_I_STORED_SIZE 16
#define NWSB_I_CRC 20         /* CRC-32 of the stored bytes */
#define NWSB_I_FLAGS 24
#define NWSB_I_RESERVED 28
#define NWSB_IF_STORED 1u     /* pixels stored as they are */
#define NWSB_IF_CAPTIONED 2u  /* the block at text_offset is the caption */
#define NWSB_IF_KNOWN 3u
/* Readers refuse larger pictures: a page must be drawable in bounded
 * time, and no panel is this large (the largest boards are under 2000). */
#define NWSB_IMAGE_MAX_SIDE 8192u

/* Uncompressed text per record.  8 KiB keeps the decode buffer small on a
 * microcontroller while leaving deflate enough context to work with. */
#define NWSB_RECORD_MAX 8192u

/* DICT section body. */
#define NWSB_DICT_HEAD 16
#define NWSB_D_KIND 0
#define NWSB_D_ID 4
#define NWSB_D_SIZE 8
#define NWSB_D_CRC 12
enum { NWSB_DICT_NONE = 0, NWSB_DICT_BUILTIN = 1, NWSB_DICT_EMBEDDED = 2 };
#define NWSB_DICT_MAX 32768u /* deflate's window: longer is useless */

/* WINDOW section body (1.2): every deflate stream of the bundle (records
 * with their preset dictionary, and pictures) reaches back at most
 * 2^bits bytes, so a reader may inflate with a window that small.  Absent:
 * 15.  A microcontroller saves the difference in RAM (24 KiB at 13). */
#define NWSB_WINDOW_HEAD 4
#define NWSB_W_BITS 0
#define NWSB_WINDOW_BITS_MIN 9  /* zlib's smallest raw deflate window */
#define NWSB_WINDOW_BITS_MAX 15
/* A writer puts the lowest minor version that describes its file: 1.2
 * only with a WINDOW section, so 1.1 readers are never told to update. */
#define NWSB_VERSION_MINOR_WINDOW 2

#define NWSB_NO_STRING 0xFFFFFFFFu

/* Per-article metadata fields, in entry order. */
typedef enum {
    NWSB_FIELD_TITLE = 0,
    NWSB_FIELD_DATE,
    NWSB_FIELD_AUTHOR,
    NWSB_FIELD_SOURCE,
    NWSB_FIELD_URL,
    NWSB_FIELD_LANGUAGE,
    NWSB_FIELD_COUNT
} nwsb_field;

static inline uint16_t nwsb_get16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

static inline uint32_t nwsb_get32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
           ((uint32_t)p[3] << 24);
}

static inline uint64_t nwsb_get64(const uint8_t *p)
{
    return (uint64_t)nwsb_get32(p) | ((uint64_t)nwsb_get32(p + 4) << 32);
}

static inline void nwsb_put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static inline void nwsb_put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static inline void nwsb_put64(uint8_t *p, uint64_t v)
{
    nwsb_put32(p, (uint32_t)v);
    nwsb_put32(p + 4, (uint32_t)(v >> 32));
}

#endif
