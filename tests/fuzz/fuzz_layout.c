/* fuzz_layout.c -- libFuzzer target: arbitrary bundles through the whole
 * device core (reader, layout, pagination, rendering, packing) on a small
 * 1-bit board and a gray one.  Built with -DNWSB_FUZZING so that inputs
 * need not carry valid CRCs.  Fonts are read once from fonts/. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/board/board.h"
#include "../../src/bundle/nwsb_dict.h"
#include "../../src/fb/fb.h"
#include "../../src/layout/book.h"
#include "../../src/render/picture.h"
#include "../../src/render/render.h"

static nws_font_file faces[4];

static void *f_alloc(void *o, size_t n)
{
    (void)o;
    return malloc(n);
}

static void f_free(void *o, void *p)
{
    (void)o;
    free(p);
}

static void load_font(const char *path, nws_font_file *ff)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "fuzz_layout: %s: run from the project directory\n", path);
        exit(1);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    uint8_t *d = malloc((size_t)n);
    if (!d || fread(d, 1, (size_t)n, f) != (size_t)n)
        exit(1);
    fclose(f);
    ff->data = d;
    ff->size = (size_t)n;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    static const char *const names[4] = {
        "fonts/LiberationSerif-Regular.ttf", "fonts/LiberationSerif-Italic.ttf",
        "fonts/LiberationSerif-Bold.ttf", "fonts/LiberationSerif-BoldItalic.ttf"};
    for (int i = 0; i < 4; i++)
        load_font(names[i], &faces[i]);
    return 0;
}

static void run_board(nwsb_bundle *b, const nws_board *bd)
{
    static uint8_t arena_mem[512 * 1024];
    nws_arena arena;
    nws_fonts fonts;
    nws_layout lay;
    nws_book book;
    nws_pictures pics;
    lay_page page;
    arena_init(&arena, arena_mem, sizeof arena_mem);
    if (fonts_init(&fonts, &arena, faces, NULL, 0,
                   (bd->gray_levels == 2 ? NWS_FONT_MONO : 0) | NWS_FONT_SHARED_SIZES, 128,
                   16 * 1024) != NWS_FONT_OK)
        return;
    lay_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.width = bd->width;
    cfg.height = bd->height;
    cfg.body_px = (int32_t)((int64_t)bd->font_size_10 * bd->dpi * 64 / 720);
    cfg.margin_top = cfg.margin_bottom = 20;
    cfg.margin_left = cfg.margin_right = 8;
    cfg.paragraph_indent = 1;
    cfg.max_items = 120; /* small chunks: the chunking paths get exercised */
    cfg.max_text = 600;
    size_t fbs = fb_bytes(bd->width, bd->height, bd->gray_levels);
    uint8_t *fbm = malloc(fbs), *native = malloc(fb_native_bytes(bd));
    nws_fb fb;
    if (fbm && native && fb_init(&fb, bd->width, bd->height, bd->gray_levels, fbm, fbs) == 0 &&
        layout_init(&lay, &arena, &fonts, b, &cfg) == 0 &&
        layout_page_alloc(&lay, &arena, &page) == 0 &&
        book_paginate(&book, &lay, &arena, &page) == 0 &&
        picture_init(&pics, &arena, b, (uint32_t)(cfg.width - cfg.margin_left - cfg.margin_right),
                     NWS_DITHER_DEFAULT) == 0) {
        for (uint32_t n = 1; n <= book.total && n <= 40; n++) {
            if (book_page(&book, n, &page) < 0)
                break;
            render_page(&fonts, &page, &fb);
            picture_draw_page(&pics, &page, &fb);
            fb_pack(&fb, bd, native, fb_native_bytes(bd));
        }
    }
    free(fbm);
    free(native);
    fonts_done(&fonts);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nwsb_allocator a = {f_alloc, f_free, NULL};
    nwsb_bundle *b = NULL;
    if (size > 0xFFFFFFFFu)
        return 0;
    nwsb_source src = {data, NULL, NULL, (uint32_t)size};
    if (nwsb_open(&b, &src, &a, nwsb_news_dict, nwsb_news_dict_size, NULL) != NWSB_OK)
        return 0;
    run_board(b, board_find("waveshare-2in13-v4"));
    run_board(b, board_find("inkplate-6"));
    nwsb_close(b);
    return 0;
}
