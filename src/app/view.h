/* view.h -- the simulator's session: a bundle, a board, fonts, and the
 * device core (fonts, layout, book, renderer, packing) set up inside one
 * arena of the board's RAM budget, exactly as a device would. */
#ifndef HOST_VIEW_H
#define HOST_VIEW_H

#include <stdint.h>

#include "../board/board.h"
#include "../fb/fb.h"
#include "../layout/book.h"
#include "../reader/setup.h"
#include "../render/picture.h"
#include "bundle_file.h"
#include "mapfile.h"

#define VIEW_MAX_FALLBACKS 4
#define VIEW_ARENA_HEADROOM NWS_SETUP_HEADROOM

typedef struct view_options {
    const char *board;           /* name; NULL: the default board */
    unsigned font_size_10;       /* 0: the board's */
    const char *font_dir;        /* NULL: found next to the program */
    const char *fallbacks[VIEW_MAX_FALLBACKS];
    int nfallbacks;
    int no_default_fallbacks;
    uint32_t arena_bytes;        /* 0: the board's RAM budget */
    nws_dither dither;           /* pictures; 0: the panel's default */
    int lazy;                    /* paginate as pages are asked for (book_step) */
} view_options;

typedef struct view {
    const nws_board *board;
    bundle_file bf;
    mapped_file fonts_main[4], fonts_fallback[VIEW_MAX_FALLBACKS];
    const char *fallback_path[VIEW_MAX_FALLBACKS];
    int nfallback;
    uint8_t *arena_mem;
    nws_arena arena;
    size_t arena_after_init;   /* arena use once everything is set up */
    nws_fonts fonts;
    nws_layout lay;
    nws_book book;
    nws_pictures pictures;
    unsigned picture_failures; /* pictures drawn as frames: damaged */
    lay_page page;
    nws_fb fb;
    nws_packer packer;         /* the board's packing of fb, prepared once */
    uint8_t *fb_mem, *native, *gray;
} view;

#define VIEW_DEFAULT_BOARD "kobo-clara-hd"

/* 0, or -1 after a message. */
int view_open(view *v, const char *bundle_path, const view_options *o);
void view_close(view *v);
/* Lay out and draw page n (from 1) into v->fb, pack it natively and unpack
 * it into v->gray (board width x height, 8-bit).  0 or -1. */
int view_render(view *v, uint32_t n);
/* What a device does for page n: lay out, draw, pack into v->native. */
int view_render_native(view *v, uint32_t n);
/* Draw a laid-out page (text, then pictures) into fb; damaged pictures
 * are counted in picture_failures. */
void view_draw(view *v, const lay_page *page, nws_fb *fb);
/* Pack v->fb into v->native for the panel.  0 or -1. */
int view_pack(view *v);
/* What the panel would show of v->fb: pack it natively and unpack it
 * into v->gray.  0 or -1. */
int view_gray(view *v);
/* Lay out page n only (no drawing), for text extraction. */
int view_layout(view *v, uint32_t n);

#endif
