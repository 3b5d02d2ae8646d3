/* test_glyphs.c -- glyphs from the cache to the page: the 'kern' glyph
 * sets that spare FreeType the pairs no table lists (never a kerned pair
 * dropped, damaged tables read safely), and the word-at-a-time drawing of
 * gray glyphs against a pixel-at-a-time reference. */
#include <stdlib.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "../../src/app/mapfile.h"
#include "../../src/core/utf8.h"
#include "../../src/fb/fb.h"
#include "../../src/font/font.h"
#include "../../src/font/kernset.h"
#include "../../src/render/render.h"
#include "test.h"

static const char *const faces[4] = {"fonts/LiberationSerif-Regular.ttf", "fonts/LiberationSerif-Italic.ttf",
                                     "fonts/LiberationSerif-Bold.ttf", "fonts/LiberationSerif-BoldItalic.ttf"};

/* Every pair of Basic Latin and Latin-1 letters, in every style, mono and
 * gray, at a small size (where FreeType scales kerning down) and a body
 * size: the filtered cache gives exactly what FreeType gives. */
static void kerning_sets_never_drop_a_pair(void)
{
    mapped_file m[4];
    nws_font_file files[4];
    for (int i = 0; i < 4; i++) {
        if (map_file(faces[i], &m[i]) < 0) {
            CHECK(!"fonts/ readable");
            return;
        }
        files[i].data = m[i].data;
        files[i].size = m[i].size;
    }
    FT_Library lib;
    CHECK_INT(FT_Init_FreeType(&lib), 0);
    size_t asize = 4u << 20;
    void *mem = malloc(asize);
    long kerned = 0, differ = 0, asked = 0;
    for (int mono = 0; mono < 2; mono++) {
        nws_arena arena;
        nws_fonts f;
        arena_init(&arena, mem, asize);
        CHECK_INT(fonts_init(&f, &arena, files, NULL, 0, mono ? NWS_FONT_MONO : 0, 512, 64 * 1024), 0);
        static const int32_t px[2] = {13 * 64, 46 * 64};
        for (int style = 0; style < 4; style++) {
            CHECK(f.kern_sets[style] != NULL);
            FT_Face ref;
            CHECK_INT(FT_New_Memory_Face(lib, files[style].data, (FT_Long)files[style].size, 0, &ref), 0);
            for (int s = 0; s < 2; s++) {
                int size = fonts_size(&f, px[s]);
                CHECK_INT(FT_Set_Char_Size(ref, 0, px[s], 72, 72), 0);
                for (uint32_t a = 0x21; a < 0x100; a++) {
                    if (a >= 0x7F && a < 0xA1)
                        continue;
                    const nws_glyph *ga = fonts_glyph(&f, style, size, a);
                    uint32_t gia = ga->gindex, facea = ga->face;
                    for (uint32_t b = 0x21; b < 0x100; b++) {
                        if (b >= 0x7F && b < 0xA1)
                            continue;
                        const nws_glyph *gb = fonts_glyph(&f, style, size, b);
                        FT_Vector want;
                        FT_Get_Kerning(ref, gia, gb->gindex, FT_KERNING_DEFAULT, &want);
                        int32_t got = fonts_kerning_glyphs(&f, size, (uint8_t)facea, gia, gb->face, gb->gindex);
                        kerned += want.x != 0;
                        differ += got != want.x;
                        asked++;
                    }
                }
            }
            FT_Done_Face(ref);
        }
        fonts_done(&f);
        CHECK_INT(arena.used, 0);
    }
    CHECK_INT(differ, 0);
    CHECK(kerned > 1000); /* the comparison saw real kerning ("AV", "T.") */
    CHECK(asked > 200000);
    FT_Done_FreeType(lib);
    free(mem);
    for (int i = 0; i < 4; i++)
        unmap_file(&m[i]);
}

/* A minimal sfnt: 'kern' (version 0) and 'maxp'. */
typedef struct sfnt {
    uint8_t b[256];
    size_t len, kern;
} sfnt;

static void put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, v >> 16);
    put16(p + 2, v & 0xFFFF);
}

/* pairs: n (left, right) glyph pairs in one format-0 subtable */
static void make_sfnt(sfnt *s, const uint16_t (*pairs)[2], unsigned n)
{
    memset(s, 0, sizeof *s);
    put32(s->b, 0x00010000);
    put16(s->b + 4, 2);
    size_t maxp = 12 + 2 * 16;
    s->kern = maxp + 8;
    memcpy(s->b + 12, "kern", 4);
    put32(s->b + 12 + 8, (uint32_t)s->kern);
    memcpy(s->b + 28, "maxp", 4);
    put32(s->b + 28 + 8, (uint32_t)maxp);
    put32(s->b + 28 + 12, 6);
    put32(s->b + maxp, 0x00005000);
    put16(s->b + maxp + 4, 10);
    uint8_t *k = s->b + s->kern;
    put16(k + 2, 1);                 /* one subtable */
    put16(k + 6, (uint32_t)(14 + 6 * n)); /* its length */
    put16(k + 8, 0x0001);            /* horizontal, format 0 */
    put16(k + 10, n);
    for (unsigned i = 0; i < n; i++) {
        put16(k + 18 + 6 * i, pairs[i][0]);
        put16(k + 20 + 6 * i, pairs[i][1]);
        put16(k + 22 + 6 * i, 0xFFF0);
    }
    put32(s->b + 12 + 12, (uint32_t)(18 + 6 * n));
    s->len = s->kern + 18 + 6 * n;
}

static void fill(const sfnt *s, size_t len, uint8_t *l, uint8_t *r)
{
    memset(l, 0xAA, 2);
    memset(r, 0xAA, 2);
    kernset_fill(s->b, len, 13, l, r);
}

static void kerning_sets_read_damaged_tables(void)
{
    static const uint16_t pairs[3][2] = {{1, 2}, {3, 4}, {9, 12}};
    sfnt s;
    uint8_t l[2], r[2];
    make_sfnt(&s, pairs, 3);
    CHECK_INT(kernset_span(s.b, s.len), 13); /* glyphs 0..12 */
    fill(&s, s.len, l, r);
    CHECK_INT(l[0], 0x0A); /* glyphs 1 and 3 */
    CHECK_INT(l[1], 0x02); /* glyph 9 */
    CHECK_INT(r[0], 0x14); /* 2 and 4 */
    CHECK_INT(r[1], 0x10); /* 12 */
    CHECK(kernset_has(r, 13, 12));
    CHECK(!kernset_has(r, 13, 13)); /* past the span: in no pair */
    CHECK(!kernset_has(l, 13, 2));

    /* Every cut of the file: never a read past it, and the sets hold
     * only pairs that are there. */
    for (size_t len = 0; len < s.len; len++) {
        uint32_t n = kernset_span(s.b, len);
        CHECK(n == 0 || n == 13);
        fill(&s, len, l, r);
        CHECK((l[0] & ~0x0A) == 0 && (l[1] & ~0x02) == 0);
    }
    /* A table the directory cuts short: the pairs that fit count. */
    static const uint32_t span_at[4] = {0, 3, 5, 13};
    for (unsigned n = 0; n <= 3; n++) {
        put32(s.b + 12 + 12, 18 + 6 * n);
        CHECK_INT(kernset_span(s.b, s.len), span_at[n]);
    }
    put32(s.b + 12 + 12, 18 + 6 * 3);
    /* A pair count, a subtable length and a subtable count far beyond the
     * table: only what is inside counts. */
    uint8_t *k = s.b + s.kern;
    put16(k + 10, 60000);
    fill(&s, s.len, l, r);
    CHECK_INT(l[0], 0x0A);
    put16(k + 6, 65000);
    put16(k + 2, 60000);
    fill(&s, s.len, l, r);
    CHECK_INT(r[0], 0x14);
    CHECK_INT(kernset_span(s.b, s.len), 13);
    /* A subtable of another format adds nothing (FreeType skips it). */
    make_sfnt(&s, pairs, 3);
    put16(s.b + s.kern + 8, 0x0201);
    CHECK_INT(kernset_span(s.b, s.len), 0);
    fill(&s, s.len, l, r);
    CHECK_INT(l[0] | l[1] | r[0] | r[1], 0);
    /* A glyph id past what sets are worth: no sets, FreeType answers. */
    static const uint16_t far[1][2] = {{1, 9000}};
    make_sfnt(&s, far, 1);
    CHECK_INT(kernset_span(s.b, s.len), 0);
    /* A table directory pointing outside the file, or a collection whose
     * first face lies outside it: no sets. */
    make_sfnt(&s, pairs, 3);
    put32(s.b + 12 + 8, 1000);
    CHECK_INT(kernset_span(s.b, s.len), 0);
    make_sfnt(&s, pairs, 3);
    memcpy(s.b, "ttcf", 4);
    put32(s.b + 12, 5000);
    CHECK_INT(kernset_span(s.b, s.len), 0);
    CHECK_INT(kernset_span(NULL, 0), 0);
    /* Random damage anywhere (sanitizer builds catch a read outside): the
     * span stays within what sets are made for, and filling sets of that
     * size stays inside them. */
    uint32_t seed = 12345;
    static uint8_t big_l[NWS_KERNSET_MAX_GLYPHS / 8 + 8], big_r[NWS_KERNSET_MAX_GLYPHS / 8 + 8];
    int bad_span = 0;
    for (int i = 0; i < 3000; i++) {
        make_sfnt(&s, pairs, 3);
        for (int flips = 0; flips < 1 + i % 4; flips++) {
            seed = seed * 1103515245u + 12345u;
            s.b[(seed >> 8) % s.len] = (uint8_t)(seed >> 24);
        }
        uint32_t n = kernset_span(s.b, s.len);
        bad_span += n > NWS_KERNSET_MAX_GLYPHS;
        if (n) {
            memset(big_l + (n + 7) / 8, 0x5A, 8);
            kernset_fill(s.b, s.len, n, big_l, big_r);
            bad_span += big_l[(n + 7) / 8] != 0x5A; /* nothing written past the set */
        }
    }
    CHECK_INT(bad_span, 0);
}

/* Liberation Serif alone in fonts of its own arena, for drawing tests. */
typedef struct {
    mapped_file file;
    void *mem;
    nws_arena arena;
    nws_fonts fonts;
} drawing_fonts;

static int drawing_fonts_open(drawing_fonts *d, unsigned flags, uint32_t slots, uint32_t pool)
{
    if (map_file(faces[0], &d->file) < 0) {
        CHECK(!"fonts/ readable");
        return -1;
    }
    nws_font_file files[4] = {{d->file.data, d->file.size}, {0, 0}, {0, 0}, {0, 0}};
    size_t asize = 2u << 20;
    d->mem = malloc(asize);
    arena_init(&d->arena, d->mem, asize);
    CHECK_INT(fonts_init(&d->fonts, &d->arena, files, NULL, 0, flags, slots, pool), 0);
    return 0;
}

static void drawing_fonts_close(drawing_fonts *d)
{
    fonts_done(&d->fonts);
    free(d->mem);
    unmap_file(&d->file);
}

/* The reference drawing of a page: the same pens as render_page, every
 * glyph pixel by pixel from the cache, the darkest level winning. */
static void draw_by_pixels(nws_fonts *f, const lay_page *page, int mono, const nws_fb *fb,
                           uint8_t *want, unsigned W, unsigned H)
{
    unsigned levels = fb->levels;
    memset(want, (int)levels - 1, (size_t)W * H);
    for (uint32_t i = 0; i < page->nruns; i++) {
        const lay_run *r = &page->runs[i];
        int32_t x = r->x;
        uint8_t pf = 0xFF;
        uint32_t pg = 0;
        for (uint32_t c = r->text; c < r->text + r->len; c++) {
            const uint8_t *bm;
            const nws_glyph *g = fonts_render(f, 0, r->size, page->pool[c], &bm);
            if (pf != 0xFF)
                x += fonts_kerning_glyphs(f, r->size, pf, pg, g->face, g->gindex);
            int x0 = (int)((x + 32) >> 6) + g->left, y0 = (int)((r->y + 32) >> 6) - g->top;
            for (unsigned gy = 0; gy < g->rows; gy++)
                for (unsigned gx = 0; gx < g->width; gx++) {
                    int px = x0 + (int)gx, py = y0 + (int)gy;
                    unsigned lv = !mono ? fb_level(fb, fonts_gray_at(f, g, bm, gx, gy))
                                  : (bm[gy * ((g->width + 7u) / 8u) + gx / 8] >> (7 - (gx & 7))) & 1 ? 0 : 1;
                    if (px >= 0 && py >= 0 && px < (int)W && py < (int)H && lv < want[py * W + px])
                        want[py * W + px] = (uint8_t)lv;
                }
            x += g->advance;
            pf = g->face;
            pg = g->gindex;
        }
    }
}

/* Pixels of fb other than want (the reference); *ink: want's inked ones. */
static long pixels_differ(const nws_fb *fb, const uint8_t *want, long *ink)
{
    long differ = 0;
    for (unsigned y = 0; y < fb->height; y++)
        for (unsigned x = 0; x < fb->width; x++) {
            differ += fb_get(fb, x, y) != want[y * fb->width + x];
            *ink += want[y * fb->width + x] < fb->levels - 1u;
        }
    return differ;
}

/* Runs at every x parity (every bit offset for 1-bit), overlapping each
 * other, and cut by all four edges of a 4-bit or 1-bit fb (odd width):
 * each pixel must be the darkest level any glyph gives it, as a
 * pixel-by-pixel reading of the cache says. */
enum { MODEL_PACKED, MODEL_LOW_FIRST, MODEL_SPREAD }; /* 4-bit high first, low first, 8-bit */
static void glyphs_draw_as_pixels_say(int mono, int model)
{
    drawing_fonts d;
    if (drawing_fonts_open(&d, mono ? NWS_FONT_MONO : 0, 512, 64 * 1024) < 0)
        return;
    nws_fonts *f = &d.fonts;
    /* 23 px: glyph rows shorter than a word; 90 px: rows of several */
    static const int32_t sizes[2] = {23 * 64, 90 * 64};
    const unsigned W = 161, H = 97;
    for (int t = 0; t < 4; t++) {
        unsigned levels = mono ? 2 : t & 1 ? 16 : 8;
        int size = fonts_size(f, sizes[t / 2]);
        int scale = t / 2 ? 3 : 1;
        static uint8_t fbmem[161 * 97], want[161 * 97];
        nws_fb fb;
        CHECK_INT(fb_init_depth(&fb, W, H, levels, model == MODEL_SPREAD ? 8 : 1, fbmem, sizeof fbmem), 0);
        fb.low_first = model == MODEL_LOW_FIRST;
        CHECK_INT(fb.bpp, mono ? 1 : model == MODEL_SPREAD ? 8 : 4);
        /* nine runs of the words, and a last one of "ll" in the fb's last
         * bytes (its words end at the buffer's end) */
        static const char text[] = "AVWay, {gj}ll";
        enum { NRUNS = 10, WORDS = 11 };
        lay_run runs[NRUNS];
        static const int xs[NRUNS] = {-5, 0, 1, 2, 3, 30, 31, 50, 57, 0};
        static const int ys[NRUNS] = {20, 3, 20, 21, 36, 18, 19, 30, 12, 0};
        lay_page page = {0};
        page.runs = runs;
        page.nruns = page.runs_cap = NRUNS;
        page.pool = (uint8_t *)text;
        page.pool_len = page.pool_cap = sizeof text - 1;
        for (int i = 0; i < NRUNS; i++) {
            memset(&runs[i], 0, sizeof runs[i]);
            runs[i].x = xs[i] * scale * 64 + (i & 1) * 32; /* half pixels round either way */
            runs[i].y = ys[i] * scale * 64;
            runs[i].len = WORDS;
            runs[i].size = (uint8_t)size;
        }
        runs[NRUNS - 1].text = WORDS;
        runs[NRUNS - 1].len = 2;
        const uint8_t *lbm;
        const nws_glyph *l = fonts_render(f, 0, size, 'l', &lbm);
        runs[NRUNS - 1].x = ((int)W - 2 - l->left - l->width - (l->advance >> 6)) * 64;
        runs[NRUNS - 1].y = ((int)H + l->top - l->rows) * 64; /* on the bottom row */
        render_page(f, &page, &fb);
        draw_by_pixels(f, &page, mono, &fb, want, W, H);
        /* the last run ("ll") is not cut by the edges */
        const nws_glyph *last = fonts_render(f, 0, size, 'l', &lbm);
        int lx = (int)((runs[NRUNS - 1].x + 32) >> 6) + last->left;
        int ly = (int)((runs[NRUNS - 1].y + 32) >> 6) - last->top;
        CHECK(lx >= 0 && lx + (int)(last->advance >> 6) + last->width <= (int)W &&
              ly + last->rows <= (int)H);
        long ink = 0;
        CHECK_INT(pixels_differ(&fb, want, &ink), 0);
        CHECK(ink > 300 * scale);
    }
    CHECK_INT(f->nibbles, mono || model == MODEL_SPREAD ? 0
                          : model == MODEL_LOW_FIRST ? NWS_NIBBLES_LOW_FIRST
                                                     : NWS_NIBBLES_HIGH_FIRST);
    drawing_fonts_close(&d);
}

/* Gray glyphs wider than the vector path takes (over 96 pixels) go word
 * by word on every CPU: kerned and overlapping, at both x parities, and
 * drawn twice one pixel apart over the model's last bytes. */
static void wide_gray_glyphs_draw_as_pixels_say(void)
{
    drawing_fonts d;
    if (drawing_fonts_open(&d, 0, 64, 256 * 1024) < 0)
        return;
    nws_fonts *f = &d.fonts;
    enum { W = 331, H = 181, NRUNS = 4 };
    static uint8_t fbmem[W * H], want[W * H];
    static const char text[] = "AVWA";
    for (unsigned t = 0; t < 6; t++) {
        unsigned levels = t & 1 ? 16 : 8, model = t / 2;
        int size = fonts_size(f, 150 * 64);
        nws_fb fb;
        CHECK_INT(fb_init_depth(&fb, W, H, levels, model == MODEL_SPREAD ? 8 : 4, fbmem, sizeof fbmem), 0);
        fb.low_first = model == MODEL_LOW_FIRST;
        const uint8_t *bm;
        const nws_glyph *a = fonts_render(f, 0, size, 'A', &bm);
        CHECK(a->width > 2 * 16 * 3); /* wider than three vectors of model bytes */
        int ax = W - 2 - a->left - a->width, ay = H + a->top - a->rows; /* on the last row */
        lay_run runs[NRUNS] = {
            {.text = 0, .len = 2, .x = 2 * 64, .y = 120 * 64},       /* "AV" */
            {.text = 2, .len = 2, .x = 37 * 64 + 32, .y = 131 * 64}, /* "WA" over it */
            {.text = 3, .len = 1, .x = ax * 64, .y = ay * 64},       /* "A" at the end */
            {.text = 3, .len = 1, .x = (ax + 1) * 64, .y = ay * 64}, /* and a pixel right */
        };
        for (int i = 0; i < NRUNS; i++)
            runs[i].size = (uint8_t)size;
        lay_page page = {0};
        page.runs = runs;
        page.nruns = page.runs_cap = NRUNS;
        page.pool = (uint8_t *)text;
        page.pool_len = page.pool_cap = sizeof text - 1;
        render_page(f, &page, &fb);
        draw_by_pixels(f, &page, 0, &fb, want, W, H);
        long ink = 0;
        CHECK_INT(pixels_differ(&fb, want, &ink), 0);
        CHECK(ink > 5000);
        unsigned last_ink = 0; /* the serif of the last 'A' in the model's last 8 bytes */
        for (unsigned x = W - 16; x < W; x++)
            last_ink += want[(H - 1) * W + x] < levels - 1;
        CHECK(last_ink > 2);
    }
    drawing_fonts_close(&d);
}

static void gray_glyphs_draw_as_pixels_say(void)
{
    glyphs_draw_as_pixels_say(0, MODEL_PACKED);
}

/* The same into the models that keep a panel's layout: epdiy's low nibble
 * first, and the Kobo's byte a pixel. */
static void gray_glyphs_draw_as_pixels_say_low_first(void)
{
    glyphs_draw_as_pixels_say(0, MODEL_LOW_FIRST);
}

static void gray_glyphs_draw_as_pixels_say_spread(void)
{
    glyphs_draw_as_pixels_say(0, MODEL_SPREAD);
}

static void mono_glyphs_draw_as_pixels_say(void)
{
    glyphs_draw_as_pixels_say(1, MODEL_PACKED);
}

/* Characters no face has (private use here): each shows the one .notdef
 * of its style and size, takes no entry of its own (a small table never
 * flushes for them), and is counted once however often it comes back,
 * exactly up to NWS_FONT_MISSING_COUNTED. */
static void missing_characters_share_notdef_and_count_once(void)
{
    drawing_fonts d;
    if (drawing_fonts_open(&d, 0, 64, 16 * 1024) < 0)
        return;
    nws_fonts *f = &d.fonts;
    int size = fonts_size(f, 20 * 64);
    const uint8_t *bm0 = NULL;
    const nws_glyph *nd = fonts_render(f, 0, size, 0xE000, &bm0);
    CHECK(nd != NULL && nd->gindex == 0 && nd->width > 0);
    int32_t advance = nd ? nd->advance : 0;
    for (int round = 0; round < 3; round++)
        for (uint32_t cp = 0xE000; cp < 0xE000 + 40; cp++) {
            const nws_glyph *g = fonts_glyph(f, 0, size, cp);
            CHECK(g != NULL && g->gindex == 0 && g->advance == advance);
            const uint8_t *bm = NULL;
            g = fonts_render(f, 0, size, cp, &bm);
            CHECK(g != NULL && bm != NULL && g->width == nd->width && g->rows == nd->rows);
            CHECK(g && bm && memcmp(bm, bm0, (size_t)g->width * g->rows) == 0);
            CHECK(fonts_glyph(f, 0, size, 'a' + cp % 26) != NULL); /* Latin between */
        }
    CHECK_INT(f->missing, 40);
    CHECK_INT(f->flushes, 0);
    CHECK_INT(f->nmissing_cp, NWS_FONT_MISSING_KEPT);
    CHECK_INT(f->missing_cp[0], 0xE000);
    CHECK_INT(f->missing_cp[NWS_FONT_MISSING_KEPT - 1], 0xE000 + NWS_FONT_MISSING_KEPT - 1);
    for (uint32_t cp = 0xF000; cp < 0xF000 + 500; cp++)
        CHECK(fonts_glyph(f, 0, size, cp) != NULL);
    CHECK_INT(f->missing, NWS_FONT_MISSING_COUNTED);
    CHECK_INT(f->flushes, 0);
    CHECK_INT(f->load_errors, 0);
    drawing_fonts_close(&d);
}

const test_case glyph_tests[] = {
    {"gray_glyphs_draw_as_pixels_say", gray_glyphs_draw_as_pixels_say},
    {"gray_glyphs_draw_as_pixels_say_low_first", gray_glyphs_draw_as_pixels_say_low_first},
    {"gray_glyphs_draw_as_pixels_say_spread", gray_glyphs_draw_as_pixels_say_spread},
    {"mono_glyphs_draw_as_pixels_say", mono_glyphs_draw_as_pixels_say},
    {"wide_gray_glyphs_draw_as_pixels_say", wide_gray_glyphs_draw_as_pixels_say},
    {"missing_characters_share_notdef_and_count_once", missing_characters_share_notdef_and_count_once},
    {"kerning_sets_never_drop_a_pair", kerning_sets_never_drop_a_pair},
    {"kerning_sets_read_damaged_tables", kerning_sets_read_damaged_tables},
    {NULL, NULL},
};
