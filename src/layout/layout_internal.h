/* layout_internal.h -- shared by the layout's files; not a contract. */
#ifndef NWS_LAYOUT_INTERNAL_H
#define NWS_LAYOUT_INTERNAL_H

#include "layout.h"

enum { IT_BOX = 0, IT_GLUE, IT_PENALTY };
#define LAY_INF_PENALTY 10000
#define LAY_FIL_STRETCH INT32_MAX /* glue that takes any slack: ends paragraphs */

/* Packed to 32 bytes (the small fields first): a microcontroller keeps
 * 300 of them. */
struct lay_item {
    uint8_t kind, style, size, flags; /* flags: LAY_RUN_SPACE_BEFORE on boxes */
    uint8_t flagged;                  /* penalty: a hyphen break */
    uint16_t len;
    int32_t width, stretch, shrink;   /* 26.6 */
    int32_t penalty;
    uint32_t text;                    /* box text in l->text */
    uint32_t src;
};

struct lay_node {
    uint32_t pos;
    uint16_t line;
    uint8_t fitness;
    int64_t demerits;
    int32_t tw, ty, tz; /* totals after the break (a chunk fits 32 bits) */
    int32_t tfil;
    int32_t prev;       /* node index, -1 at the paragraph start */
    int32_t next;       /* active list */
};

enum { LINE_PARA_START = 1, LINE_PARA_END = 2, LINE_KEEP_WITH_NEXT = 4 };
#define LAY_RUN_META 16 /* title and byline: article text, not body text */

struct lay_line {
    uint32_t first_run, nruns;
    int32_t height, ascent, space_before; /* 26.6 */
    uint8_t flags;
};

/* Block set-up: indents and font for the block being collected. */
typedef struct lay_block {
    int role;             /* lay_font_role */
    int ragged;
    int32_t indent_left, indent_right, first_indent;
    int32_t space_before;
    int32_t line_height, ascent;
    int32_t measure;      /* line width; no box may be wider */
} lay_block;

/* items.c */
void lay_items_reset(nws_layout *l);
/* Returns the bytes taken: fewer than n when the buffers are full. */
uint32_t lay_add_text(nws_layout *l, const lay_block *bk, const uint8_t *s, uint32_t n,
                      uint32_t src);
void lay_add_forced_break(nws_layout *l);
void lay_add_indent(nws_layout *l, int32_t width);
void lay_finish_items(nws_layout *l);

int lay_items_full(const nws_layout *l);
int32_t lay_size_px(const nws_layout *l, int role);
int lay_style_of(const nws_layout *l, int role);

/* linebreak.c: breaks items[0..nitems) for measure; appends lines and
 * runs.  keep_last: 0 to set every line, else the last line's first item
 * is returned in *carry and that line is not set. */
int lay_break_lines(nws_layout *l, const lay_block *bk, int32_t measure, int keep_last,
                    uint32_t *carry);
void lay_carry_items(nws_layout *l, uint32_t from);

/* breakmemo.c (the log: layout_keep_breaks);
 * begin at each article's start; take: 1 with the breaks kept for the
 * paragraph now in items written as the path nodes[1..count] (linked by
 * next), or 0: set it; keep (after take, for the same paragraph): record
 * the chosen path (node indices linked by next) when recording. */
void lay_memo_begin(nws_layout *l, uint32_t article);
int lay_memo_take(nws_layout *l, int32_t measure, uint32_t *count);
void lay_memo_keep(nws_layout *l, int32_t path, uint32_t count);

/* decorate.c: append s to buf[0..at) (cap > 0), cut to fit, NUL-terminated;
 * returns the new length. */
size_t lay_append(char *buf, size_t cap, size_t at, const char *s);
/* decorate.c: the title to show for an article; and the name of its
 * script when the renderer cannot lay that script out (else NULL). */
void lay_article_title(nws_layout *l, uint32_t article, char *buf, size_t cap);
const char *lay_unsupported_script(nws_layout *l, uint32_t article);

/* paginate.c: an empty page for an article (or LAY_CONTENTS). */
void lay_page_clear(lay_page *p, uint32_t article);

#endif
