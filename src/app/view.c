/* view.c -- setting up the device core on the host (simulator). */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../reader/setup.h"
#include "../render/render.h"
#include "buf.h"
#include "diag.h"

#ifndef FONTDIR
#define FONTDIR "/usr/local/share/newsreader/fonts"
#endif

static const char *const face_files[4] = {
    "LiberationSerif-Regular.ttf", "LiberationSerif-Italic.ttf", "LiberationSerif-Bold.ttf",
    "LiberationSerif-BoldItalic.ttf"};

/* Symbols and scripts the reading face lacks, when the system has them,
 * and when the board has the memory: FreeType needs about 2 MB for a CJK
 * face (min_budget). */
static const struct {
    const char *path;
    uint32_t min_budget;
} default_fallbacks[] = {
    {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0},
    {"/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 4u << 20},
    {"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 4u << 20},
};

static int exists(const char *p)
{
    return access(p, R_OK) == 0;
}

/* fonts/ beside the source tree (build/newsview -> ../fonts), then the
 * installed copy. */
static const char *find_font_dir(const char *given, char *buf, size_t cap)
{
    if (given)
        return given;
    const char *env = getenv("NEWSVIEW_FONTS");
    if (env && *env)
        return env;
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            /* installed: PREFIX/bin/newsview -> PREFIX/share/newsreader/fonts,
             * wherever PREFIX (or a DESTDIR staging tree) is */
            snprintf(buf, cap, "%s/../share/newsreader/fonts/%s", exe, face_files[0]);
            if (exists(buf)) {
                snprintf(buf, cap, "%s/../share/newsreader/fonts", exe);
                return buf;
            }
            /* a device's unpacked tarball: fonts/ beside the binary */
            snprintf(buf, cap, "%s/fonts/%s", exe, face_files[0]);
            if (exists(buf)) {
                snprintf(buf, cap, "%s/fonts", exe);
                return buf;
            }
            for (int up = 1; up <= 3; up++) {
                snprintf(buf, cap, "%s/%s/fonts/%s", exe,
                         up == 1 ? ".." : up == 2 ? "../.." : "../../..", face_files[0]);
                if (exists(buf)) {
                    snprintf(buf, cap, "%s/%s/fonts", exe,
                             up == 1 ? ".." : up == 2 ? "../.." : "../../..");
                    return buf;
                }
            }
        }
    }
    return FONTDIR;
}

int view_open(view *v, const char *bundle_path, const view_options *o)
{
    char dirbuf[4200], path[4400];
    nwsb_diag d;
    memset(v, 0, sizeof *v);
    v->board = board_find(o->board ? o->board : VIEW_DEFAULT_BOARD);
    if (!v->board) {
        diag_error(NULL, 0, "unknown board '%s' (see --list-boards)", o->board);
        return -1;
    }
    const nws_board *b = v->board;
    memset(&d, 0, sizeof d);
    int rc = bundle_file_open(bundle_path, &v->bf, &d);
    if (rc != NWSB_OK) {
        if (d.part) {
            char place[128];
            bundle_diag_place(&d, place, sizeof place);
            diag_error(bundle_path, 0, "%s: %s", place, nwsb_strerror(rc));
        }
        return -1;
    }
    const char *dir = find_font_dir(o->font_dir, dirbuf, sizeof dirbuf);
    nws_font_file main[4], fb[VIEW_MAX_FALLBACKS];
    for (int s = 0; s < 4; s++) {
        snprintf(path, sizeof path, "%s/%s", dir, face_files[s]);
        if (map_file(path, &v->fonts_main[s]) < 0) {
            diag_error(NULL, 0, "reading fonts not found in %s (use --font-dir)", dir);
            return -1;
        }
        main[s].data = v->fonts_main[s].data;
        main[s].size = v->fonts_main[s].size;
    }
    for (int i = 0; i < o->nfallbacks && v->nfallback < VIEW_MAX_FALLBACKS; i++) {
        if (map_file(o->fallbacks[i], &v->fonts_fallback[v->nfallback]) < 0)
            return -1;
        v->fallback_path[v->nfallback++] = o->fallbacks[i];
    }
    uint32_t budget = o->arena_bytes ? o->arena_bytes : b->ram_budget;
    for (size_t i = 0; !o->no_default_fallbacks && i < sizeof default_fallbacks /
                                                            sizeof default_fallbacks[0]; i++) {
        if (v->nfallback < VIEW_MAX_FALLBACKS && budget >= default_fallbacks[i].min_budget &&
            exists(default_fallbacks[i].path) &&
            map_file(default_fallbacks[i].path, &v->fonts_fallback[v->nfallback]) == 0)
            v->fallback_path[v->nfallback++] = default_fallbacks[i].path;
    }
    for (int i = 0; i < v->nfallback; i++) {
        fb[i].data = v->fonts_fallback[i].data;
        fb[i].size = v->fonts_fallback[i].size;
    }

    /* One arena of the board's budget holds FreeType, the glyph cache and
     * the layout; framebuffers and font files are outside it, as on a
     * device (framebuffer in its own RAM, fonts in flash). */
    v->arena_mem = xmalloc(budget);
    arena_init(&v->arena, v->arena_mem, budget);
    nws_setup_out out = {&v->fonts, &v->lay, &v->book, &v->pictures, &v->page};
    nws_setup_info info;
    rc = core_setup(&v->arena, b, v->bf.b, main, fb, v->nfallback, o->font_size_10, o->dither,
                    o->lazy, &out, &info);
    switch (rc) {
    case NWS_SETUP_E_FONTS:
        diag_error(NULL, 0, "board %s: fonts do not fit its %u-byte budget, or a font file is "
                            "unreadable (error %d)", b->name, budget, info.font_error);
        return -1;
    case NWS_SETUP_E_LAYOUT:
        diag_error(NULL, 0, "board %s: layout does not fit its %u-byte budget (fonts and "
                            "glyph cache took %zu)", b->name, budget, info.fonts_used);
        return -1;
    case NWS_SETUP_E_BOOK:
        diag_error(bundle_path, 0, "cannot lay out the bundle: %s",
                   v->lay.fail ? v->lay.fail : "out of memory");
        return -1;
    case NWS_SETUP_E_HEADROOM:
        diag_error(NULL, 0, "board %s: %u-byte budget leaves %zu bytes free after set-up; "
                            "%u needed (a larger font size needs less)", b->name, budget,
                   v->arena.size - v->arena.used, NWS_SETUP_HEADROOM);
        return -1;
    default: break;
    }
    for (int i = 0; i < v->nfallback; i++) {
        if (!(v->fonts.fallback_skipped & (1u << i)))
            continue;
        /* a font the user named must work; a system default may not fit */
        if (i < o->nfallbacks) {
            diag_error(v->fallback_path[i], 0, "not a font FreeType can load in the %u-byte "
                                               "budget", budget);
            return -1;
        }
        diag_warn(v->fallback_path[i], 0, "fallback font left out: it does not fit the "
                                          "%u-byte budget", budget);
    }
    if (!info.pictures)
        diag_warn(bundle_path, 0, "board %s: no room in its %u-byte budget to draw pictures; "
                                  "they show as frames", b->name, budget);
    v->arena_after_init = info.used;
    /* Where the model is what the panel takes, it is drawn in the native
     * buffer itself: packing a page is then nothing (on a Kobo, a copy
     * of a megabyte and a half the less). */
    size_t fbsize = fb_board_native_model(b) ? 0 : fb_board_bytes(b);
    v->native = xmalloc(fb_native_bytes(b));
    v->fb_mem = xmalloc(fbsize + fb_ink_bytes(b->height));
    if (fbsize)
        fb_init_board(&v->fb, b, v->fb_mem, fbsize);
    else
        fb_init_board(&v->fb, b, v->native, fb_native_bytes(b));
    fb_keep_ink(&v->fb, v->fb_mem + fbsize);
    fb_packer_init(&v->packer, &v->fb, b); /* fb has the board's size and levels */
    v->gray = xmalloc((size_t)b->width * b->height);
    return 0;
}

int view_pack(view *v)
{
    return fb_pack_changed(&v->packer, v->native, fb_native_bytes(v->board));
}

int view_layout(view *v, uint32_t n)
{
    return book_page(&v->book, n, &v->page);
}

void view_draw(view *v, const lay_page *page, nws_fb *fb)
{
    render_page(&v->fonts, page, fb);
    v->picture_failures += (unsigned)picture_draw_page(&v->pictures, page, fb);
}

int view_render_native(view *v, uint32_t n)
{
    if (book_page(&v->book, n, &v->page) < 0)
        return -1;
    view_draw(v, &v->page, &v->fb);
    return view_pack(v);
}

int view_gray(view *v)
{
    if (view_pack(v) < 0 || fb_unpack(v->board, v->native, fb_native_bytes(v->board), v->gray) < 0)
        return -1;
    return 0;
}

int view_render(view *v, uint32_t n)
{
    if (view_render_native(v, n) < 0 ||
        fb_unpack(v->board, v->native, fb_native_bytes(v->board), v->gray) < 0)
        return -1;
    return 0;
}

void view_close(view *v)
{
    if (v->fonts.lib)
        fonts_done(&v->fonts);
    free(v->arena_mem);
    free(v->fb_mem);
    free(v->native);
    free(v->gray);
    for (int s = 0; s < 4; s++)
        unmap_file(&v->fonts_main[s]);
    for (int i = 0; i < v->nfallback; i++)
        unmap_file(&v->fonts_fallback[i]);
    if (v->bf.b)
        bundle_file_close(&v->bf);
    memset(v, 0, sizeof *v);
}
