/* nws_text.h -- the article model as a byte stream (device code).
 *
 * An article's body is UTF-8 text interleaved with a few markers.  The
 * packer writes it (src/host/article.c), the bundle stores it in records,
 * and layout reads it with nws_scan_next() straight out of a record buffer,
 * without copying or allocating.  docs/FORMAT.md, "Text stream", is the
 * prose version of this header.
 *
 *   0x01 A [ordinal]  block start.  A: bits 0-3 block type, bits 4-6 nesting
 *                     depth, bit 7 "continued" (the record boundary cut this
 *                     block; do not start a new paragraph).  List items carry
 *                     an ordinal as LEB128 (0 = bullet).
 *   0x02 S            inline style from here to the next style or block.
 *   0x0A              forced line break inside a block.
 *   other bytes       UTF-8 text; no other byte below 0x20, nor 0x7F.
 *
 * Every record starts with a block marker, so any record can be laid out
 * on its own.  Soft hyphens (U+00AD) stay in the text as break hints.
 */
#ifndef NWS_TEXT_H
#define NWS_TEXT_H

#include <stdint.h>

#define NWS_MARK_BLOCK 0x01
#define NWS_MARK_STYLE 0x02
#define NWS_MARK_BREAK 0x0A

#define NWS_ATTR_TYPE_MASK 0x0F
#define NWS_ATTR_DEPTH_SHIFT 4
#define NWS_ATTR_DEPTH_MAX 7
#define NWS_ATTR_CONTINUED 0x80

typedef enum {
    NWS_BLOCK_PARAGRAPH = 1,
    NWS_BLOCK_HEADING1 = 2, /* ... NWS_BLOCK_HEADING1 + 5 is level 6 */
    NWS_BLOCK_QUOTE = 8,
    NWS_BLOCK_LIST_ITEM = 9,
    NWS_BLOCK_PRE = 10,
    NWS_BLOCK_TITLE = 11, /* the renderer's title block; titles are stored
                             in the article index, not in the stream */
    NWS_BLOCK_TYPE_MAX = 11
} nws_block_type;

#define NWS_HEADING_LEVEL(type) ((type) - NWS_BLOCK_HEADING1 + 1)
#define NWS_IS_HEADING(type) ((type) >= NWS_BLOCK_HEADING1 && (type) < NWS_BLOCK_HEADING1 + 6)

/* Styles are bit sets: regular 0, italic 1, bold 2, bold italic 3. */
typedef enum {
    NWS_STYLE_REGULAR = 0,
    NWS_STYLE_ITALIC = 1,
    NWS_STYLE_BOLD = 2,
    NWS_STYLE_BOLD_ITALIC = 3,
    NWS_STYLE_MAX = 3
} nws_style;

typedef enum { NWS_TOK_BLOCK = 1, NWS_TOK_STYLE, NWS_TOK_TEXT, NWS_TOK_BREAK } nws_tok_kind;

typedef struct nws_token {
    nws_tok_kind kind;
    uint32_t offset; /* of the token in the scanned buffer */
    /* NWS_TOK_BLOCK */
    uint8_t block_type, depth, continued;
    uint32_t ordinal;
    /* NWS_TOK_STYLE */
    uint8_t style;
    /* NWS_TOK_TEXT: bytes in the scanned buffer */
    const uint8_t *text;
    uint32_t len;
} nws_token;

typedef struct nws_scanner {
    const uint8_t *buf;
    uint32_t pos, end;
} nws_scanner;

void nws_scan_init(nws_scanner *s, const uint8_t *buf, uint32_t start, uint32_t end);
/* 1: a token in *t; 0: end of the range; -1: malformed stream. */
int nws_scan_next(nws_scanner *s, nws_token *t);
/* 0 if buf[0..len) is a well-formed stream whose text is valid UTF-8 and
 * which starts with a block marker; else the offset of the first fault + 1. */
uint32_t nws_text_check(const uint8_t *buf, uint32_t len);

#endif
