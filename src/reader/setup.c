/* setup.c -- the device core for a board, in its arena. */
#include "setup.h"

#include <string.h>

int core_setup(nws_arena *arena, const nws_board *b, nwsb_bundle *bundle,
               const nws_font_file main[4], const nws_font_file *fallback, int nfallback,
               unsigned size10, nws_dither dither, int lazy, const nws_setup_out *out,
               nws_setup_info *info)
{
    memset(info, 0, sizeof *info);
    /* Cache: generous where RAM is plenty, 16 KiB of (1-bit) glyphs on
     * microcontroller-class boards. */
    int small = b->ram_budget < 512 * 1024;
    /* A TrueType size object carries ~19 KB of hinting state; below 1 MiB
     * the faces keep one each and re-scale it (see font.c). */
    int shared = b->ram_budget < 1024 * 1024;
    /* The glyph cache takes about a sixth of the budget, at most 384 KiB. */
    int large = b->ram_budget >= 2 * 1024 * 1024;
    uint32_t pool = small ? 16 * 1024 : large ? 256 * 1024 : b->ram_budget / 8;
    /* 1-bit glyphs take an eighth of gray ones: 8 KiB holds a page's worth
     * (an 11 pt glyph at 124 dpi is about 40 bytes) */
    if (small && b->gray_levels == 2)
        pool = 8 * 1024;
    uint32_t slots = small ? 256 : large ? 2048 : 1024;
    /* A microcontroller's arena (under 200 KiB) needs every byte it has
     * for pictures and FreeType's working memory. */
    int frugal = arena->size < 200 * 1024;
    int flags = (b->gray_levels == 2 ? NWS_FONT_MONO : 0) | (shared ? NWS_FONT_SHARED_SIZES : 0) |
                (frugal ? NWS_FONT_FRUGAL : 0);
    int rc = fonts_init(out->fonts, arena, main, fallback, nfallback, flags, slots, pool);
    if (rc != NWS_FONT_OK) {
        info->font_error = rc;
        return NWS_SETUP_E_FONTS;
    }
    info->fonts_used = arena->used;
    if (!size10)
        size10 = b->font_size_10;
    lay_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.width = b->width;
    cfg.height = b->height;
    cfg.body_px = (int32_t)((int64_t)size10 * b->dpi * 64 / 720);
    /* Room for the running header and footer: two small lines each. */
    int32_t band = (cfg.body_px * 75 / 100 * 2 + 63) / 64;
    cfg.margin_top = b->insets.top + b->margin_px + band;
    cfg.margin_bottom = b->insets.bottom + b->margin_px + band;
    cfg.margin_left = b->insets.left + b->margin_px;
    cfg.margin_right = b->insets.right + b->margin_px;
    cfg.paragraph_indent = b->paragraph_indent;
    if (small) {
        cfg.max_items = 300; /* longer paragraphs are set in chunks */
        cfg.max_text = 2048;
    }
    if (layout_init(out->lay, arena, out->fonts, bundle, &cfg) < 0 ||
        layout_page_alloc(out->lay, arena, out->page) < 0)
        return NWS_SETUP_E_LAYOUT;
    info->sizes_used = info->fonts_used + out->lay->sizes_bytes;
    info->layout_used = arena->used;
    /* Line breaks kept from pagination, so that showing a page does not
     * run the optimiser again: about five bytes a paragraph (12 KB for
     * the 44 articles of the news corpus), a sixteenth of a large arena
     * (at most 64 KiB), on a small board whatever is left beside the
     * pictures' buffers and FreeType's headroom.  The log gives room back
     * to any request that does not fit (the book's page numbers,
     * FreeType's work), so nothing else need be counted out.  The arena's
     * own size, which may be smaller than the board's budget (newsview
     * --arena). */
    uint32_t column = (uint32_t)(cfg.width - cfg.margin_left - cfg.margin_right);
    size_t keep_free = NWS_SETUP_HEADROOM + picture_bytes(bundle, column) + 1024;
    size_t memo = arena->size >= 1024 * 1024 ? arena->size / 16 : 64 * 1024;
    /* (paginated a page at a time, a small board's log would be given
     * back bit by bit as FreeType grows: none there) */
    if (!lazy || arena->size >= 1024 * 1024)
        layout_keep_breaks(out->lay, arena, memo < 64 * 1024 ? (uint32_t)memo : 64 * 1024,
                           keep_free > UINT32_MAX ? UINT32_MAX : (uint32_t)keep_free);
    if ((lazy ? book_start(out->book, out->lay, arena, out->page)
              : book_paginate(out->book, out->lay, arena, out->page)) < 0)
        return NWS_SETUP_E_BOOK;
    /* FreeType took some of the room while paginating */
    layout_trim_breaks(out->lay, arena, keep_free, !lazy);
    info->book_used = arena->used;
    if (!dither)
        dither = b->gray_levels == 2 ? NWS_DITHER_ATKINSON : NWS_DITHER_FLOYD_STEINBERG;
    if (arena->size - arena->used < NWS_SETUP_HEADROOM) {
        info->used = arena->used;
        return NWS_SETUP_E_HEADROOM;
    }
    /* Pictures come last and only into room FreeType does not need: on a
     * small board they give way, drawn as frames, and the text is read. */
    info->pictures = picture_init(out->pictures, arena, bundle, column, dither) == 0;
    if (info->pictures && arena->size - arena->used < NWS_SETUP_HEADROOM) {
        picture_release(out->pictures, arena);
        info->pictures = 0;
    }
    info->used = arena->used;
    return NWS_SETUP_OK;
}
