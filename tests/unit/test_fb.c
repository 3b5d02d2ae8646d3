/* test_fb.c -- the framebuffer model and every board's native packing. */
#include <stdlib.h>
#include <string.h>

#include "../../src/board/board.h"
#include "../../src/fb/fb.h"
#include "test.h"

typedef unsigned (*level_fn)(const nws_board *b, uint32_t x, uint32_t y);

/* Draw level_at into each board's model, pack, unpack, and compare. */
static void round_trip_every_board(level_fn level_at)
{
    for (size_t i = 0; i < nws_board_count; i++) {
        const nws_board *b = nws_boards[i];
        size_t fbs = fb_bytes(b->width, b->height, b->gray_levels);
        uint8_t *mem = malloc(fbs), *native = malloc(fb_native_bytes(b));
        uint8_t *gray = malloc((size_t)b->width * b->height);
        nws_fb fb;
        CHECK_INT(fb_init(&fb, b->width, b->height, b->gray_levels, mem, fbs), 0);
        for (uint32_t y = 0; y < b->height; y++)
            for (uint32_t x = 0; x < b->width; x++)
                fb_fill_rect(&fb, (int)x, (int)y, 1, 1, level_at(b, x, y));
        CHECK_INT(fb_pack(&fb, b, native, fb_native_bytes(b)), 0);
        /* in bands of 7 rows, as firmware sends a screen: the same bytes */
        uint32_t stride = board_native_stride(b), nh = board_native_height(b);
        uint8_t *band = malloc((size_t)stride * 7);
        nws_packer pk;
        CHECK_INT(fb_packer_init(&pk, &fb, b), 0);
        int same = 1;
        for (uint32_t y = 0; y < nh; y += 7) {
            uint32_t n = nh - y < 7 ? nh - y : 7;
            CHECK_INT(fb_pack_rows(&pk, y, n, band, (size_t)stride * 7), 0);
            same &= memcmp(band, native + (size_t)y * stride, (size_t)n * stride) == 0;
        }
        CHECK(same);
        CHECK_INT(fb_pack_rows(&pk, nh - 1, 2, band, (size_t)stride * 7), -1);
        free(band);
        /* every fast path writes what the pixel-by-pixel one writes; a
         * board packed by vector arithmetic also by its table */
        uint8_t *ref = malloc(fb_native_bytes(b));
        nws_packer other = pk;
        other.path = NWS_PACK_GENERIC;
        CHECK_INT(fb_pack_rows(&other, 0, nh, ref, fb_native_bytes(b)), 0);
        CHECK(memcmp(ref, native, fb_native_bytes(b)) == 0);
        if (pk.path == NWS_PACK_SPREAD) {
            other.path = NWS_PACK_4_TO_8;
            CHECK_INT(fb_pack_rows(&other, 0, nh, ref, fb_native_bytes(b)), 0);
            CHECK(memcmp(ref, native, fb_native_bytes(b)) == 0);
        }
        free(ref);
        CHECK_INT(fb_unpack(b, native, fb_native_bytes(b), gray), 0);
        unsigned bad = 0, top = b->gray_levels - 1u;
        for (uint32_t y = 0; y < b->height; y++)
            for (uint32_t x = 0; x < b->width; x++)
                bad += gray[(size_t)y * b->width + x] != (level_at(b, x, y) * 255 + top / 2) / top;
        if (bad)
            fprintf(stderr, "  %s: %u pixels differ\n", b->name, bad);
        CHECK_INT(bad, 0);
        free(mem);
        free(native);
        free(gray);
    }
}

static unsigned every_level(const nws_board *b, uint32_t x, uint32_t y)
{
    return (x * 7 + y * 3) % b->gray_levels;
}

/* A pattern with every level, packed and read back through each board. */
static void packing_round_trips_on_every_board(void)
{
    round_trip_every_board(every_level);
}

/* Paper with a dark pixel on every seventh row, at a different place in
 * each, so that every offset from a word boundary occurs. */
static unsigned mostly_paper(const nws_board *b, uint32_t x, uint32_t y)
{
    unsigned top = b->gray_levels - 1u;
    return y % 7 == 0 && x == (y * 13) % b->width ? (y / 7) % top : top;
}

/* Mostly-paper pages take the packers' fast paths (runs of white model
 * bytes written as whole words): dark pixels must still land where they
 * belong. */
static void sparse_pages_pack_exactly(void)
{
    round_trip_every_board(mostly_paper);
}

/* The first native byte(s) when the top-left pixel is black and the rest
 * white: this pins bit order, nibble order, polarity and rotation to what
 * each controller documents (see the board files). */
static void native_layouts_match_the_controllers(void)
{
    static const struct {
        const char *board;
        uint32_t offset; /* byte that holds the reading view's pixel (0,0) */
        uint8_t expect;
        uint32_t stride;
        int word_copy; /* packed as a copy, complement or nibble swap */
    } cases[] = {
        {"waveshare-7in5-v2", 0, 0x80, 100, 1},  /* UC8179 DTM2: 1 = black, MSB first */
        {"waveshare-4in2", 0, 0x7F, 50, 1},      /* SSD1683: 0 = black, MSB first */
        {"waveshare-2in13-v4", 15, 0xBF, 16, 0}, /* portrait RAM, 122 px in 16 bytes, x = 121 */
        {"lilygo-t5-4in7", 0, 0xF0, 480, 1},     /* epdiy: even pixel in the low nibble */
        {"inkplate-6", 0, 0x07, 400, 1},         /* 3-bit values 0..7, even pixel high */
        {"it8951-10in3", 0, 0xF0, 936, 1},       /* IT8951 4bpp: pixel 0 in bits 3..0 */
        {"kobo-clara-hd", 0, 0x00, 1088, 0},     /* Y8, rows padded to 1088 */
        {"kindle-paperwhite-4", 1, 0xFF, 1088, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const nws_board *b = board_find(cases[i].board);
        CHECK(b != NULL);
        if (!b)
            continue;
        size_t fbs = fb_bytes(b->width, b->height, b->gray_levels);
        uint8_t *mem = malloc(fbs), *native = malloc(fb_native_bytes(b));
        nws_fb fb;
        fb_init(&fb, b->width, b->height, b->gray_levels, mem, fbs);
        fb_fill(&fb, b->gray_levels - 1u);
        fb_fill_rect(&fb, 0, 0, 1, 1, 0);
        fb_pack(&fb, b, native, fb_native_bytes(b));
        if (native[cases[i].offset] != cases[i].expect)
            fprintf(stderr, "  %s: byte %u is 0x%02X, want 0x%02X\n", b->name, cases[i].offset,
                    native[cases[i].offset], cases[i].expect);
        CHECK_INT(native[cases[i].offset], cases[i].expect);
        CHECK_INT(board_native_stride(b), cases[i].stride);
        /* word-wise packing where the table allows it: the round trips
         * above cover every such board */
        nws_packer pk;
        fb_packer_init(&pk, &fb, b);
        CHECK_INT(pk.path == NWS_PACK_XOR, cases[i].word_copy);
        /* Y8 boards: by vector arithmetic where the compiler has vectors */
        if (b->pack.bpp == 8) {
#ifdef NWS_VECTORS
            CHECK_INT(pk.path, NWS_PACK_SPREAD);
#else
            CHECK_INT(pk.path, NWS_PACK_4_TO_8);
#endif
        }
        free(mem);
        free(native);
    }
    const nws_board *k = board_find("kobo-clara-hd");
    CHECK(k && board_native_width(k) == 1072 && board_native_height(k) == 1448);
    const nws_board *w = board_find("waveshare-2in13-v4");
    CHECK(w && board_native_width(w) == 122 && board_native_height(w) == 250);
    CHECK(board_find("no-such-board") == NULL);
}

/* Pages one after another into one native buffer, packing only changed
 * rows: after each, the buffer must hold what packing the whole page
 * writes, and a fill to white, which clears only inked rows, must leave
 * all white (as page 0, empty, packs).  Pages: empty, bands of ink at
 * varying rows (some over the last page's, some not), a full one, and
 * single pixels at the edges. */
static void changed_rows_pack_as_whole_pages(void)
{
    for (size_t i = 0; i < nws_board_count; i++) {
        const nws_board *b = nws_boards[i];
        size_t fbs = fb_bytes(b->width, b->height, b->gray_levels), nb = fb_native_bytes(b);
        uint8_t *mem = malloc(fbs), *ink = malloc(fb_ink_bytes(b->height));
        uint8_t *native = malloc(nb), *whole = malloc(nb), *white = malloc(nb), *paper = malloc(nb);
        nws_fb fb;
        CHECK_INT(fb_init(&fb, b->width, b->height, b->gray_levels, mem, fbs), 0);
        CHECK(fb.ink == NULL);
        memset(mem, 0, fbs); /* black: the first fill must clear it all */
        memset(native, 0x5A, nb);
        fb_keep_ink(&fb, ink);
        nws_packer pk;
        CHECK_INT(fb_packer_init(&pk, &fb, b), 0);
        unsigned top = b->gray_levels - 1u, stale = 0, unwhite = 0;
        int h = (int)b->height, w = (int)b->width;
        for (int page = 0; page < 9; page++) {
            fb_fill(&fb, top);
            CHECK_INT(fb_pack(&fb, b, white, nb), 0);
            switch (page) {
            case 0: case 5: break; /* empty */
            case 3: fb_fill(&fb, 0); break;
            case 7:
                fb_put(&fb, 0, 0, 0);
                fb_put(&fb, w - 1, h - 1, 1);
                fb_darken(&fb, w / 2, h / 2, 0);
                break;
            default:
                for (int y = page * 3; y < h; y += 17 + page)
                    fb_fill_rect(&fb, page * 5 % w, y, w / 3, 1 + page % 4, (unsigned)page % top);
            }
            CHECK_INT(fb_pack_changed(&pk, native, nb), 0);
            CHECK_INT(fb_pack(&fb, b, whole, nb), 0);
            stale += memcmp(native, whole, nb) != 0;
            /* the page before drawing, after the fill: wholly white */
            if (page == 0)
                memcpy(paper, native, nb);
            unwhite += memcmp(white, paper, nb) != 0;
        }
        if (stale || unwhite)
            fprintf(stderr, "  %s: %u pages stale, %u not white\n", b->name, stale, unwhite);
        CHECK_INT(stale, 0);
        CHECK_INT(unwhite, 0);
        CHECK_INT(fb_pack_changed(&pk, native, nb - 1), -1);
        free(mem);
        free(ink);
        free(native);
        free(whole);
        free(white);
        free(paper);
    }
}

static void fb_levels_and_clipping(void)
{
    uint8_t mem[64];
    nws_fb fb;
    CHECK_INT(fb_init(&fb, 10, 4, 16, mem, sizeof mem), 0);
    CHECK_INT(fb.bpp, 4);
    CHECK_INT(fb.stride, 5);
    fb_fill(&fb, 15);
    fb_darken(&fb, 3, 2, 9);
    fb_darken(&fb, 3, 2, 12); /* lighter: ignored */
    fb_darken(&fb, -1, 0, 0); /* outside: ignored */
    fb_darken(&fb, 10, 0, 0);
    CHECK_INT(fb_get(&fb, 3, 2), 9);
    CHECK_INT(fb_get(&fb, 4, 2), 15);
    CHECK_INT(fb_init(&fb, 100, 100, 16, mem, sizeof mem), -1);
    CHECK_INT(fb_init(&fb, 4, 4, 1, mem, sizeof mem), -1);
}

const test_case fb_tests[] = {
    {"sparse_pages_pack_exactly", sparse_pages_pack_exactly},
    {"packing_round_trips_on_every_board", packing_round_trips_on_every_board},
    {"native_layouts_match_the_controllers", native_layouts_match_the_controllers},
    {"fb_levels_and_clipping", fb_levels_and_clipping},
    {"changed_rows_pack_as_whole_pages", changed_rows_pack_as_whole_pages},
    {NULL, NULL}};
