/* layout.h -- paginating articles into pages of positioned words (device
 * code: fixed point 26.6 throughout, all buffers taken from the arena in
 * layout_init(), bounded work per page).
 *
 * A page is a display list: runs of text in one font at a pen position.
 * Paragraphs are broken into lines with Knuth and Plass's total-fit
 * algorithm (boxes, glue, penalties, demerits, fitness classes), justified;
 * titles and headings are set ragged-right with the same algorithm and a
 * stretchable right margin.  A paragraph longer than the item buffers is set
 * in chunks: all but the last line of a chunk are kept, the last line is
 * set again with the next chunk, so no seam shows.  Lines the page cannot
 * take wait for the next page; widows, orphans and headings at the foot of
 * a page are avoided. */
#ifndef NWS_LAYOUT_H
#define NWS_LAYOUT_H

#include <stdint.h>

#include "../bundle/nwsb.h"
#include "../core/arena.h"
#include "../font/font.h"
#include "../text/nws_text.h"

/* Font roles; each maps to a style and a size. */
typedef enum {
    LAY_FONT_BODY = 0, /* body size, style from the text */
    LAY_FONT_TITLE,
    LAY_FONT_BYLINE,
    LAY_FONT_H1,
    LAY_FONT_H2,
    LAY_FONT_H3,
    LAY_FONT_PRE,
    LAY_FONT_SMALL, /* running header and footer */
    LAY_FONT_ROLES
} lay_font_role;

enum {
    LAY_RUN_HYPHEN = 1,      /* draw a hyphen after the text */
    LAY_RUN_SPACE_BEFORE = 2,/* a space separates it from the previous run */
    LAY_RUN_DECORATION = 4,  /* header, footer, bullet: not article text */
    LAY_RUN_BLOCK_START = 8, /* first run of a block (for text extraction) */
    LAY_RUN_IMAGE = 32       /* a picture: text = image index, no text */
};

typedef struct lay_run {
    int32_t x, y;     /* pen start and baseline, 26.6, page coordinates;
                         a picture's left and bottom edges */
    uint32_t text;    /* offset in the page's text pool; a picture's index */
    uint16_t len;
    uint8_t style, size, flags;
    uint16_t img_w, img_h; /* a picture's size on the page, pixels */
    uint32_t src;     /* text stream offset of the run (reading position) */
} lay_run;

#define LAY_CONTENTS 0xFFFFFFFFu

typedef struct lay_page {
    lay_run *runs;
    uint32_t nruns, runs_cap;
    uint8_t *pool;
    uint32_t pool_len, pool_cap;
    uint32_t article;         /* index, or LAY_CONTENTS */
    uint32_t page_in_article; /* from 1 */
    uint32_t text_start;      /* stream offset of the first article text */
    uint32_t lines;
    uint8_t truncated;        /* a buffer was too small (never in tests) */
    uint8_t count_only;       /* pagination: runs and their text are counted
                                 against the buffers but not copied */
} lay_page;

typedef struct lay_config {
    int32_t width, height;       /* page in pixels */
    int32_t margin_top, margin_right, margin_bottom, margin_left; /* pixels */
    int32_t body_px;             /* body font size, 26.6 pixels */
    int paragraph_indent;        /* first-line indent, else space between */
    uint32_t max_items;          /* paragraph chunk size (items) */
    uint32_t max_text;           /* paragraph chunk text (bytes) */
    uint32_t max_runs;           /* per page */
    uint32_t max_pool;           /* text bytes per page */
} lay_config;

typedef struct lay_line lay_line;
typedef struct lay_item lay_item;
typedef struct lay_node lay_node;

/* Line breaks remembered from pagination (breakmemo.c); all zero: none. */
typedef struct lay_memo {
    uint8_t *log;             /* entries in the order articles ask for them */
    uint32_t cap, len;        /* bytes */
    uint32_t *from, *to;      /* per article: its entries [from, to) */
    uint32_t articles;
    uint32_t article, cursor; /* the article being set; next entry to take */
    int recording;            /* appending this article's entries */
    uint32_t replayed, missed;/* paragraphs taken from the log; keys that differed */
    uint32_t given;           /* bytes given back to requests that did not fit */
    nws_arena *arena;         /* its memory, which it gives back on demand */
    uint16_t key;             /* of the paragraph being set, */
    uint32_t items;           /* and its items before first fit */
} lay_memo;

typedef struct nws_layout {
    lay_config cfg;
    nws_fonts *fonts;
    nwsb_bundle *bundle;
    int size_of[LAY_FONT_ROLES];   /* fonts size index per role */
    int32_t px_of[LAY_FONT_ROLES];
    /* the article being set */
    uint32_t article, article_end, page_no;
    int stage;                     /* header, blocks, done */
    /* text source: one record at a time */
    uint8_t *rec;
    uint32_t rec_index, rec_start, rec_len, pos;
    int have_rec;
    /* the block being collected */
    lay_item *items;
    uint32_t nitems;
    uint8_t *text;
    uint32_t text_len;
    lay_node *nodes;
    uint32_t max_nodes;
    lay_line *lines;
    uint32_t nlines, next_line, max_lines;
    lay_run *line_runs;            /* runs of the pending lines */
    uint32_t nline_runs, max_line_runs;
    /* block state */
    uint8_t block_type, block_depth, style;
    uint32_t ordinal;
    int block_more, prev_block_type, block_is_first_chunk;
    uint32_t carry_from;           /* first item of a chunk's last line */
    int space_pending;             /* a forced break precedes the next box */
    int carry_space;               /* the chunk was cut after a space */
    int mark_pending;              /* a block start still to mark on a run */
    int32_t y;                     /* next line top on the page, 26.6 */
    int page_has_body;
    int skip_body;                 /* a notice stands in for the text */
    int end_images_done;           /* pictures after the last block placed */
    uint32_t img_next, img_next_at;/* picture cursor (paginate.c) */
    int in_caption;                /* the block being set is a caption */
    uint32_t contents_mark;        /* contents: entry shown selected, plus 1; 0 none */
    const char *fail;              /* why the last call failed, for messages */
    /* the running head fitted to the line, for the article it is of */
    uint32_t head_article, head_keep;
    int head_cut;
    int32_t head_width;
    size_t sizes_bytes;            /* arena taken by warming FreeType sizes at init */
    lay_memo memo;
} nws_layout;

/* Sizes every buffer from cfg (zero fields take defaults) and takes it from
 * the arena; prepares the font sizes.  0 or a negative error. */
int layout_init(nws_layout *l, nws_arena *arena, nws_fonts *fonts, nwsb_bundle *bundle,
                const lay_config *cfg);
/* Pages of one article, one call per page: 1 page made, 0 article done,
 * negative on error (bundle damage, out of memory). */
int layout_begin_article(nws_layout *l, uint32_t article);
int layout_next_page(nws_layout *l, lay_page *page);
/* Contents pages: entries [first, first+n) with their page numbers;
 * returns how many entries fit on this page (at least 1). */
uint32_t layout_contents_page(nws_layout *l, lay_page *page, uint32_t first,
                              const uint32_t *page_numbers, int with_heading);
/* Header (article title) and footer (page in article, page in bundle). */
void layout_decorate(nws_layout *l, lay_page *page, uint32_t article_pages,
                     uint32_t bundle_page, uint32_t bundle_pages);
/* Allocate a page's buffers from the arena (cfg sizes). */
int layout_page_alloc(nws_layout *l, nws_arena *arena, lay_page *page);
/* Keep the line breaks pagination chooses (breakmemo.c), in a log of up
 * to bytes from the arena that leaves reserve bytes of it free; none when
 * there is not 1 KiB for it.  Before the first article is laid out.  The
 * log is a cache: it becomes the arena's reclaim hook and gives its room
 * back, the last articles' entries first, to a request that does not fit
 * (the layout must then outlive the arena's use, or the log be gone). */
void layout_keep_breaks(nws_layout *l, nws_arena *arena, uint32_t bytes, uint32_t reserve);
/* Give the arena back what its log holds past what leaves keep_free bytes
 * free (pagination's FreeType work took some), and with fit set, all the
 * room it does not use (the book is paginated: nothing more to keep).
 * The articles whose entries are cut off are set by the optimiser again. */
void layout_trim_breaks(nws_layout *l, nws_arena *arena, size_t keep_free, int fit);

/* Width of a UTF-8 string in a font role and style (26.6), with kerning. */
int32_t layout_measure(nws_layout *l, int style, int size, const uint8_t *s, uint32_t n);

#endif
