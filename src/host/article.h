/* article.h -- the article model on the host, and the builder that every
 * input parser feeds.  The builder owns the text rules that all formats
 * share: whitespace collapsing, dropping control characters, and the
 * typographic clean-up (quotes, dashes, ellipsis).  Its output is the text
 * stream of src/text/nws_text.h, which is what the renderer consumes. */
#ifndef HOST_ARTICLE_H
#define HOST_ARTICLE_H

#include <stdint.h>

#include "../bundle/nwsb_format.h"
#include "../text/nws_text.h"
#include "../app/buf.h"

enum { ARTICLE_DIR_UNKNOWN = 0, ARTICLE_DIR_LTR, ARTICLE_DIR_RTL };

/* A picture in the article: it stands before block number `block` (from
 * 0, counting block starts in the body; the block count means "at the
 * end"), which is its caption when `captioned`. */
typedef struct article_image {
    uint32_t block;
    uint16_t w, h;
    uint8_t *pix; /* 8-bit gray, w * h */
    int captioned;
} article_image;

typedef struct nws_article {
    char *field[NWSB_FIELD_COUNT]; /* title, date, ...; NULL when unknown */
    char *guid;                    /* feed GUID if any: the stable id key */
    char *origin;                  /* file it came from, for messages */
    nwbuf body;                    /* text stream */
    uint32_t script;               /* ISO 15924 tag (script_detect) */
    uint32_t flags;                /* NWSB_AF_* */
    uint8_t dir_hint;              /* ARTICLE_DIR_*: what the page declared */
    article_image *images;
    size_t nimages;
    uint32_t blocks;
} nws_article;

nws_article *article_new(const char *origin);
void article_free(nws_article *a);
/* Set a field from raw text: whitespace collapsed, trimmed; empty -> NULL. */
void article_set(nws_article *a, nwsb_field f, const char *text, size_t len);
/* Stable 64-bit id: from the GUID, else the URL, else title and date. */
uint64_t article_id(const nws_article *a);

typedef struct nws_builder {
    nws_article *a;
    int smart;
    /* the block being built; its marker is written with its first text */
    int in_block, marker_written;
    uint8_t type, depth;
    uint32_t ordinal;
    int verbatim; /* preformatted: keep spaces and line breaks */
    uint32_t column;
    /* inline state */
    uint8_t style, written_style, space_style;
    int pending_space;
    uint32_t prev; /* last code point written, for quote direction */
    unsigned dashes, dots; /* typographic runs not yet decided */
    struct image_ctx *images; /* set by page and feed parsers: where pictures come from */
} nws_builder;

void builder_init(nws_builder *b, nws_article *a, int smart);
void builder_block(nws_builder *b, nws_block_type type, unsigned depth, uint32_t ordinal);
void builder_end_block(nws_builder *b);
void builder_style(nws_builder *b, nws_style style);
/* Text must be valid UTF-8 (inputs are sanitised first). */
void builder_text(nws_builder *b, const char *s, size_t n);
/* Text taken as is: no typographic changes (code spans, URLs). */
void builder_text_literal(nws_builder *b, const char *s, size_t n);
void builder_line_break(nws_builder *b);
/* End the running block and place a picture (pixels handed over) here,
 * with its caption (may be NULL or empty) as the block that follows. */
void builder_image(nws_builder *b, uint8_t *pix, uint16_t w, uint16_t h, const char *caption);
/* The caption or alt text of a picture that could not be had, set as a
 * caption block of its own. */
void builder_caption(nws_builder *b, const char *caption);
/* Finish the last block. */
void builder_finish(nws_builder *b);

/* Apply the typographic clean-up to a metadata string (titles). */
char *typo_string(const char *s, int smart);

#endif
