/* firmware.c -- the reader on a microcontroller: the same core set-up as
 * newsview (core_setup), the same reader state machine, pages drawn into
 * a static framebuffer and packed for the panel.  No allocation except
 * from the static arenas; no stdio. */
#include "firmware.h"

#include <string.h>

#include "../bundle/nwsb_dict.h"
#include "../fb/fb.h"
#include "../reader/setup.h"
#include "../render/render.h"

#ifndef NWS_DEVICE_BOARD
#error "NWS_DEVICE_BOARD names the board (the Makefile sets it)"
#endif
/* The bundle reader's own memory: its index tables and one inflate state
 * (make bench: about 40 KB for the news corpus). */
#define FW_BUNDLE_ARENA (64u * 1024u)

/* All RAM past .data, .bss and the stack, as the linker script leaves it
 * (the board's mcu_ram): carved once, at start, into the arenas and the
 * framebuffers.  Nothing is allocated after. */
extern uint8_t _fw_pool_start[], _fw_pool_end[];

typedef struct pool {
    uint8_t *next, *end;
} pool;

static void *carve(pool *p, size_t n)
{
    uintptr_t at = ((uintptr_t)p->next + 7u) & ~(uintptr_t)7u;
    if (at > (uintptr_t)p->end || n > (uintptr_t)p->end - at)
        return NULL;
    p->next = (uint8_t *)(at + n);
    return (void *)at;
}

typedef struct fw {
    const nws_board *board;
    nws_arena core, bundle_arena;
    nwsb_bundle *bundle;
    nws_font_file fonts_main[4];
    nws_fonts fonts;
    nws_layout lay;
    nws_book book;
    nws_pictures pictures;
    lay_page page;
    nws_fb fb;
    nws_reader r;
    unsigned screens;
    uint8_t *core_mem, *native;
    size_t native_size;
} fw;

static fw g_fw; /* static, not on the stack: the firmware's whole state */

static void *bundle_alloc(void *opaque, size_t size)
{
    return arena_alloc(opaque, size);
}

static void bundle_free(void *opaque, void *p)
{
    arena_free(opaque, p);
}

static int setup_error(int rc)
{
    switch (rc) {
    case NWS_SETUP_E_FONTS: return NWS_FW_E_FONTS;
    case NWS_SETUP_E_LAYOUT: return NWS_FW_E_LAYOUT;
    case NWS_SETUP_E_BOOK: return NWS_FW_E_BOOK;
    case NWS_SETUP_E_HEADROOM: return NWS_FW_E_HEADROOM;
    default: return NWS_FW_OK;
    }
}

/* The core at a body size: the arena starts over, as newsview's does on a
 * font-size change. */
static int setup(fw *f, unsigned size10)
{
    if (f->fonts.lib)
        fonts_done(&f->fonts);
    arena_init(&f->core, f->core_mem, f->board->ram_budget);
    nws_setup_out out = {&f->fonts, &f->lay, &f->book, &f->pictures, &f->page};
    nws_setup_info info;
    return setup_error(core_setup(&f->core, f->board, f->bundle, f->fonts_main, NULL, 0, size10,
                                  0, 0, &out, &info));
}

static int show(fw *f)
{
    uint64_t t0 = platform_ticks();
    if (reader_page(&f->r, &f->page) < 0)
        return NWS_FW_E_PAGE;
    render_page(&f->fonts, &f->page, &f->fb);
    picture_draw_page(&f->pictures, &f->page, &f->fb);
    if (fb_pack(&f->fb, f->board, f->native, f->native_size) < 0)
        return NWS_FW_E_PANEL;
    uint64_t ticks = platform_ticks() - t0;
    f->screens++;
    if (platform_show(f->native, f->native_size, f->screens, f->r.page,
                      f->r.font_size_10, ticks, f->screens == 1) < 0)
        return NWS_FW_E_OUTPUT;
    return NWS_FW_OK;
}

int firmware_run(void)
{
    fw *f = &g_fw;
    memset(f, 0, sizeof *f);
    f->board = board_find(NWS_DEVICE_BOARD);
    if (!f->board)
        return NWS_FW_E_BOARD;
    const nws_board *b = f->board;
    pool p = {_fw_pool_start, _fw_pool_end};
    size_t fb_size = fb_bytes(b->width, b->height, b->gray_levels);
    f->native_size = fb_native_bytes(b);
    uint8_t *bundle_mem = carve(&p, FW_BUNDLE_ARENA), *fb_mem = carve(&p, fb_size);
    f->native = carve(&p, f->native_size);
    f->core_mem = carve(&p, b->ram_budget);
    if (!bundle_mem || !fb_mem || !f->native || !f->core_mem)
        return NWS_FW_E_RAM;
    arena_init(&f->bundle_arena, bundle_mem, FW_BUNDLE_ARENA);
    nwsb_allocator al = {bundle_alloc, bundle_free, &f->bundle_arena};
    nwsb_source src = {nws_fw_bundle, NULL, NULL, (uint32_t)(nws_fw_bundle_end - nws_fw_bundle)};
    if (nwsb_open(&f->bundle, &src, &al, nwsb_news_dict, nwsb_news_dict_size, NULL) != NWSB_OK)
        return NWS_FW_E_BUNDLE;
    const uint8_t *const faces[4][2] = {
        {nws_fw_font_regular, nws_fw_font_regular_end},
        {nws_fw_font_italic, nws_fw_font_italic_end},
        {nws_fw_font_bold, nws_fw_font_bold_end},
        {nws_fw_font_bold_italic, nws_fw_font_bold_italic_end}};
    for (int s = 0; s < 4; s++) {
        f->fonts_main[s].data = faces[s][0];
        f->fonts_main[s].size = (size_t)(faces[s][1] - faces[s][0]);
    }
    if (fb_init(&f->fb, b->width, b->height, b->gray_levels, fb_mem, fb_size) < 0)
        return NWS_FW_E_BOARD;
    int rc = setup(f, b->font_size_10);
    if (rc)
        return rc;
    reader_init(&f->r, &f->book, b->font_size_10);
    if ((rc = show(f)) != NWS_FW_OK)
        return rc;
    nws_key key;
    uint32_t arg;
    while (platform_key(&key, &arg)) {
        nws_action a = reader_key(&f->r, key, arg);
        if (a == NWS_DO_NOTHING)
            continue;
        if (a == NWS_DO_RELAYOUT) {
            if ((rc = setup(f, f->r.font_size_10)) != NWS_FW_OK)
                return rc;
            if (reader_relayout(&f->r, &f->book, &f->page) < 0)
                return NWS_FW_E_PAGE;
        }
        if ((rc = show(f)) != NWS_FW_OK)
            return rc;
    }
    return NWS_FW_OK;
}
