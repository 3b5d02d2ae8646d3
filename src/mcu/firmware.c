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
    nws_packer packer;      /* the board's packing for fb, prepared once */
    nws_reader r;
    unsigned screens;
    uint8_t *core_mem, *band;
    nws_setup_info setup;
    nws_state state;
    size_t band_size;
} fw;

static fw g_fw; /* static, not on the stack: the firmware's whole state */

/* The core's arena: the board's, or a test build's (tools/mcu-check.sh). */
static uint32_t core_arena_size(const nws_board *b)
{
#ifdef NWS_FW_ARENA_BYTES
    (void)b;
    return NWS_FW_ARENA_BYTES;
#else
    return board_mcu_arena(b);
#endif
}

const nws_board *fw_board(void)
{
    return g_fw.board;
}

int fw_button_key(unsigned button, nws_key *key)
{
    return reader_button(&g_fw.r, button, key);
}

/* The newest valid position the platform kept, if any. */
static int load_position(nws_state *best)
{
    uint8_t slot[NWS_STATE_SLOT];
    int found = 0;
    for (uint32_t i = 0; platform_state_read(i, slot); i++) {
        nws_state st;
        if (state_load(slot, NWS_STATE_SLOT, &st) && (!found || st.seq > best->seq)) {
            *best = st;
            found = 1;
        }
    }
    return found;
}

static void save_position(fw *f)
{
    uint8_t slot[NWS_STATE_SLOT];
    reader_save(&f->r, nwsb_identity(f->bundle), &f->state);
    state_save(&f->state, slot);
    platform_state_append(slot); /* a failed save costs the position, not the page */
}

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

static char *put_num(char *p, const char *label, size_t v);
static int setup_core(fw *f, unsigned size10);

/* The core at a body size: the arena starts over, as newsview's does on a
 * font-size change. */
static int setup(fw *f, unsigned size10)
{
    uint64_t t0 = platform_ticks();
    int rc = setup_core(f, size10);
    /* what a font-size change costs: the core set up again, the book
     * paginated */
    char line[64], *p = line;
    p = put_num(p, "set-up size ", size10);
    p = put_num(p, " ticks ", (size_t)(platform_ticks() - t0));
    *p = 0;
    platform_log(line);
    if (rc == NWS_FW_OK && !f->setup.pictures && nwsb_image_count(f->bundle) > 0)
        platform_log("pictures: no room in the arena beside FreeType's; drawn as frames");
    return rc;
}

static int setup_core(fw *f, unsigned size10)
{
    if (f->fonts.lib)
        fonts_done(&f->fonts);
    arena_init(&f->core, f->core_mem, core_arena_size(f->board));
    nws_setup_out out = {&f->fonts, &f->lay, &f->book, &f->pictures, &f->page};
    /* lazy: the contents and the pages asked for now; the rest while
     * the reader is idle (firmware_run) */
    return setup_error(core_setup(&f->core, f->board, f->bundle, f->fonts_main, NULL, 0, size10,
                                  0, 1, &out, &f->setup));
}

/* Native rows packed and sent at a time: 16 rows of a 7.5" panel are
 * 1.6 KB, where the whole image would be 48 KB. */
#define FW_BAND_ROWS 16u

/* The panel's rows, packed from the framebuffer when asked for.  The
 * firmware keeps no image of what the panel shows, so both planes are the
 * new page (drivers then do full or fast updates, never partial ones). */
static int fb_rows(void *ctx, int plane, uint32_t y, uint32_t n, uint8_t *out)
{
    const fw *f = ctx;
    (void)plane;
    return fb_pack_rows(&f->packer, y, n, out, (size_t)n * board_native_stride(f->board));
}

/* Full refresh first and after every full_refresh_every fast ones. */
static unsigned update_kind(const fw *f)
{
    unsigned every = f->board->full_refresh_every ? f->board->full_refresh_every : 5u;
    return f->screens == 1 || (f->screens - 1u) % (every + 1u) == 0 ? NWS_UPDATE_FULL
                                                                   : NWS_UPDATE_FAST;
}

static int show(fw *f)
{
    uint64_t t0 = platform_ticks();
    if (reader_page(&f->r, &f->page) < 0)
        return NWS_FW_E_PAGE;
    render_page(&f->fonts, &f->page, &f->fb);
    picture_draw_page(&f->pictures, &f->page, &f->fb);
    f->screens++;
    fw_screen sc = {f->screens, f->r.page, f->r.font_size_10, update_kind(f)};
    nws_panel_source src = {.ctx = f, .rows = fb_rows, .band = f->band, .band_rows = FW_BAND_ROWS};
    if (platform_present(&src, &sc) < 0)
        return NWS_FW_E_OUTPUT;
    /* what drawing and packing the screen cost (a host's I/O under
     * semihosting costs the target nothing) */
    char line[96], *p = line;
    p = put_num(p, "screen ", sc.number);
    p = put_num(p, " page ", sc.page);
    p = put_num(p, " size ", sc.size10);
    p = put_num(p, " ticks ", (size_t)(platform_ticks() - t0));
    /* counted 0: drawn before the book was numbered (no total yet) */
    p = put_num(p, " counted ", (size_t)f->book.complete);
    p = put_num(p, " contents ", (size_t)reader_on_contents(&f->r));
    *p = 0;
    platform_log(line);
    return NWS_FW_OK;
}

char *fw_put_uint(char *p, uint64_t v, int width)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v);
    while (n < width)
        tmp[n++] = '0';
    while (n)
        *p++ = tmp[--n];
    return p;
}

static char *put_num(char *p, const char *label, size_t v)
{
    while (*label)
        *p++ = *label++;
    return fw_put_uint(p, v, 1);
}

/* What the run needed of its static memory, for sizing a board. */
static void report_memory(const fw *f)
{
    char line[160], *p = line;
    const nws_setup_info *in = &f->setup;
    p = put_num(p, "memory: set-up ", in->used);
    p = put_num(p, " (faces ", in->fonts_used);
    p = put_num(p, ", sizes ", in->sizes_used - in->fonts_used);
    p = put_num(p, ", layout ", in->layout_used - in->sizes_used);
    p = put_num(p, ", book ", in->book_used - in->layout_used);
    p = put_num(p, ", pictures ", in->used - in->book_used);
    *p++ = ')';
    p = put_num(p, ", arena peak ", f->core.peak);
    p = put_num(p, " of ", f->core.size);
    p = put_num(p, "; bundle reader peak ", f->bundle_arena.peak);
    p = put_num(p, " of ", f->bundle_arena.size);
    *p = 0;
    platform_log(line);
}

int firmware_run(void)
{
    fw *f = &g_fw;
    memset(f, 0, sizeof *f);
    f->board = board_find(NWS_DEVICE_BOARD);
    if (!f->board)
        return NWS_FW_E_BOARD;
    const nws_board *b = f->board;
    platform_init(b);
    pool p = {_fw_pool_start, _fw_pool_end};
    size_t fb_size = fb_board_bytes(b);
    f->band_size = (size_t)board_native_stride(b) * FW_BAND_ROWS;
    /* The bundle reader: zlib's inflate state and the board's deflate
     * window, which the bundle was packed to fit (newspack --window). */
    uint32_t bundle_size = board_mcu_bundle_memory(b);
    uint8_t *bundle_mem = carve(&p, bundle_size), *fb_mem = carve(&p, fb_size);
    f->band = carve(&p, f->band_size);
    f->core_mem = carve(&p, core_arena_size(b));
    if (!bundle_mem || !fb_mem || !f->band || !f->core_mem)
        return NWS_FW_E_RAM;
    arena_init(&f->bundle_arena, bundle_mem, bundle_size);
    nwsb_allocator al = {bundle_alloc, bundle_free, &f->bundle_arena};
    nwsb_source src = {nws_fw_bundle, NULL, NULL, (uint32_t)(nws_fw_bundle_end - nws_fw_bundle)};
    int brc = nwsb_open(&f->bundle, &src, &al, nwsb_news_dict, nwsb_news_dict_size, NULL);
    if (brc == NWSB_E_NOMEM)
        return NWS_FW_E_WINDOW;
    if (brc != NWSB_OK)
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
    if (fb_init_board(&f->fb, b, fb_mem, fb_size) < 0 ||
        fb_packer_init(&f->packer, &f->fb, b) < 0)
        return NWS_FW_E_BOARD;
    int have = load_position(&f->state);
    unsigned size10 = b->font_size_10;
    if (have && f->state.font_size_10 >= NWS_FONT_MIN_10 && f->state.font_size_10 <= NWS_FONT_MAX_10)
        size10 = f->state.font_size_10;
    int rc = setup(f, size10);
    if (rc)
        return rc;
    reader_init(&f->r, &f->book, (uint16_t)size10);
    if (have)
        reader_restore(&f->r, &f->state, nwsb_identity(f->bundle), &f->page);
    if ((rc = show(f)) != NWS_FW_OK)
        return rc;
    nws_key key;
    uint32_t arg;
    for (;;) {
        /* Number the rest of the book while nobody presses anything: an
         * article at a time, so a key waits at most that long. */
        if (!f->book.complete && !platform_key_pending()) {
            uint64_t t0 = platform_ticks();
            if (book_step(&f->book) < 0)
                return NWS_FW_E_BOOK;
            if (f->book.complete) {
                char line[64], *q = line;
                q = put_num(q, "book numbered: pages ", f->book.total);
                q = put_num(q, ", last step ticks ", (size_t)(platform_ticks() - t0));
                *q = 0;
                platform_log(line);
            }
            continue;
        }
        if (!platform_key(&key, &arg))
            break;
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
        save_position(f);
    }
    report_memory(f);
    return NWS_FW_OK;
}
