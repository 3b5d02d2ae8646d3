/* setup.h -- the device core set up for a board, in one arena: fonts and
 * glyph cache, layout, book, pictures, a page buffer (device code).
 *
 * Every reader shares this: the simulator, the Linux devices and the
 * microcontroller firmware, so that a board draws the same pixels in each
 * (the glyph cache, layout limits and dithering all follow from the board
 * here, nowhere else). */
#ifndef NWS_SETUP_H
#define NWS_SETUP_H

#include "../board/board.h"
#include "../bundle/nwsb.h"
#include "../core/arena.h"
#include "../font/font.h"
#include "../layout/book.h"
#include "../render/picture.h"

/* FreeType still needs working memory for each glyph it loads (a few KB
 * at a time): set-up refuses a budget that leaves less than this free. */
#define NWS_SETUP_HEADROOM (16u * 1024u)

typedef enum {
    NWS_SETUP_OK = 0,
    NWS_SETUP_E_FONTS = -1,    /* fonts_init failed: info.font_error */
    NWS_SETUP_E_LAYOUT = -2,   /* layout buffers do not fit */
    NWS_SETUP_E_BOOK = -3,     /* pagination failed: lay->fail, or out of memory */
    NWS_SETUP_E_HEADROOM = -4  /* it fits, but leaves FreeType too little */
} nws_setup_err;

typedef struct nws_setup_info {
    int font_error;            /* nws_font_err when NWS_SETUP_E_FONTS */
    size_t fonts_used;         /* arena bytes after the fonts (faces, glyph cache) */
    size_t sizes_used;         /* ... and FreeType's scaled sizes and hinting state */
    size_t layout_used;        /* ... and the layout's buffers and a page */
    size_t book_used;          /* ... and the page numbering */
    size_t used;               /* arena bytes after everything (pictures last) */
    int pictures;              /* 1: pictures can be drawn; 0: frames only */
} nws_setup_info;

typedef struct nws_setup_out {
    nws_fonts *fonts;
    nws_layout *lay;
    nws_book *book;
    nws_pictures *pictures;
    lay_page *page;
} nws_setup_out;

/* size10: body size in tenths of a point (0: the board's); dither 0: the
 * panel's default; lazy: book_start instead of book_paginate. */
int core_setup(nws_arena *arena, const nws_board *b, nwsb_bundle *bundle,
               const nws_font_file main[4], const nws_font_file *fallback, int nfallback,
               unsigned size10, nws_dither dither, int lazy, const nws_setup_out *out,
               nws_setup_info *info);

#endif
