/* window_sdl.c -- the simulator window (SDL2): the panel at a scale that
 * fits the screen, driven by keys and by touch zones like a reader, with
 * the panel's behaviour: a full refresh flashes (inverted, black, then the
 * page), every refresh takes the board's time for its mode, and partial
 * refreshes leave a faint trace of the previous image in the region they
 * update until the next full refresh.  A status line under the panel
 * (and the window title) says where the reader is and what the last
 * refresh was. */
#include <SDL.h>
#include <stdlib.h>
#include <string.h>

#include "../core/utf8.h"
#include "../app/diag.h"
#include "../app/session.h"
#include "newsview_read.h"

typedef struct win {
    SDL_Window *w;
    SDL_Renderer *r;
    SDL_Texture *t;
    uint32_t pw, ph;         /* panel pixels */
    uint32_t strip;          /* status line under the panel, in panel pixels */
    uint8_t *status;         /* its gray pixels, pw x strip */
    uint8_t *screen;         /* what the panel shows, 8-bit gray */
    uint8_t *residue;        /* ghosting: darkness left behind, 0..255 */
    uint32_t *rgba;
    int effects;
    char digits[12];         /* "g" then a page number */
    int reading_number;
} win;

static void present(win *g, const uint8_t *gray)
{
    size_t n = (size_t)g->pw * g->ph, m = (size_t)g->pw * g->strip;
    for (size_t i = 0; i < n; i++) {
        uint32_t v = gray[i];
        g->rgba[i] = 0xFF000000u | v << 16 | v << 8 | v;
    }
    /* the status line is the simulator's, not the panel's: tinted */
    for (size_t i = 0; i < m; i++) {
        uint32_t v = g->status[i];
        g->rgba[n + i] = 0xFF000000u | (v * 15 / 16) << 16 | (v * 15 / 16) << 8 | v;
    }
    SDL_UpdateTexture(g->t, NULL, g->rgba, (int)(g->pw * 4));
    SDL_RenderClear(g->r);
    SDL_RenderCopy(g->r, g->t, NULL, NULL);
    SDL_RenderPresent(g->r);
}

static void wait_ms(uint32_t ms)
{
    uint32_t end = SDL_GetTicks() + ms;
    while (!SDL_TICKS_PASSED(SDL_GetTicks(), end)) {
        SDL_PumpEvents(); /* keys typed meanwhile stay queued */
        SDL_Delay(5);
    }
}

/* The status line, set with the reader's own small font (the glyph cache
 * hands out panel levels, or bits on a 1-bit panel). */
static void draw_status(win *g, session *s, const char *text)
{
    nws_fonts *f = &s->v.fonts;
    int size = s->v.lay.size_of[LAY_FONT_SMALL];
    unsigned top = s->v.fb.levels - 1u;
    int32_t asc, desc;
    memset(g->status, 255, (size_t)g->pw * g->strip);
    memset(g->status, 128, g->pw); /* a rule between panel and status */
    fonts_vmetrics(f, NWS_STYLE_REGULAR, size, &asc, &desc);
    int base = ((int)g->strip * 64 + asc + desc) / 2 / 64;
    int32_t x = 6 * 64;
    for (const uint8_t *p = (const uint8_t *)text; *p;) {
        uint32_t cp;
        int ok;
        p += utf8_decode(p, strlen((const char *)p), &cp, &ok);
        const uint8_t *bm;
        const nws_glyph *gl = fonts_render(f, NWS_STYLE_REGULAR, size, cp, &bm);
        if (!gl)
            continue;
        int x0 = (int)(x >> 6) + gl->left, y0 = base - gl->top;
        for (int yy = 0; yy < gl->rows; yy++)
            for (int xx = 0; xx < gl->width; xx++) {
                int px = x0 + xx, py = y0 + yy;
                if (px < 0 || py < 1 || px >= (int)g->pw || py >= (int)g->strip)
                    continue;
                unsigned v = f->mono ? ((bm[yy * ((gl->width + 7) / 8) + xx / 8] & (0x80 >> (xx & 7)))
                                            ? 0 : 255)
                                     : fb_level(&s->v.fb, fonts_gray_at(f, gl, bm, (unsigned)xx,
                                                                       (unsigned)yy)) * 255u / top;
                uint8_t *d = &g->status[(size_t)py * g->pw + (size_t)px];
                if (v < *d)
                    *d = (uint8_t)v;
            }
        x += gl->advance;
    }
}

/* Put the session's new screen on the panel the way e-ink would. */
static void refresh(win *g, session *s)
{
    const nws_refresh *rf = &s->last;
    view_gray(&s->v);
    const uint8_t *next = s->v.gray;
    size_t n = (size_t)g->pw * g->ph;
    if (!g->effects) {
        memcpy(g->screen, next, n);
        present(g, g->screen);
    } else if (rf->full) {
        /* The waveform drives every pixel through black and white: show
         * the inverse, then black, then the page, over the mode's time. */
        uint32_t phase = rf->time_ms / 3;
        for (size_t i = 0; i < n; i++)
            g->screen[i] = (uint8_t)(255 - next[i]);
        present(g, g->screen);
        wait_ms(phase);
        memset(g->screen, 0, n);
        present(g, g->screen);
        wait_ms(phase);
        memcpy(g->screen, next, n);
        memset(g->residue, 0, n);
        present(g, g->screen);
        wait_ms(rf->time_ms - 2 * phase);
    } else if (rf->rect.w) {
        wait_ms(rf->time_ms);
        for (uint32_t y = rf->rect.y; y < rf->rect.y + rf->rect.h && y < g->ph; y++)
            for (uint32_t x = rf->rect.x; x < rf->rect.x + rf->rect.w && x < g->pw; x++) {
                size_t i = (size_t)y * g->pw + x;
                /* ink that went away leaves a little behind; old
                 * traces fade with each update */
                int gone = (int)next[i] - (int)g->screen[i];
                int res = g->residue[i] * 6 / 10 + (gone > 0 ? gone * 12 / 100 : 0);
                g->residue[i] = (uint8_t)(res > 255 ? 255 : res);
                int v = (int)next[i] - g->residue[i];
                g->screen[i] = (uint8_t)(v < 0 ? 0 : v);
            }
        present(g, g->screen);
    }
    nws_where w;
    reader_where(&s->r, &w);
    char title[256], status[200], pages[16] = "…";
    if (w.pages)
        snprintf(pages, sizeof pages, "%u", w.pages);
    snprintf(title, sizeof title,
             "newsview: %s · page %u/%s · article %u of %u, page %u/%u · %s %s %u ms",
             s->v.board->name, w.page, pages, w.article, w.articles, w.page_in_article,
             w.article_pages, rf->mode ? rf->mode->name : "-", rf->full ? "full" : "partial",
             rf->time_ms);
    SDL_SetWindowTitle(g->w, title);
    snprintf(status, sizeof status, "page %u/%s · article %u of %u · last refresh: %s %s, %u ms",
             w.page, pages, w.article, w.articles, rf->mode ? rf->mode->name : "-",
             rf->full ? "full" : "partial", rf->time_ms);
    draw_status(g, s, status);
    present(g, g->screen);
}

static int press(win *g, session *s, nws_key key, uint32_t arg)
{
    int a = session_key(s, key, arg);
    if (a < 0)
        return -1;
    if (a != NWS_DO_NOTHING)
        refresh(g, s);
    return 0;
}

/* Keys: arrows, space and page keys turn; up/down go by article (or move
 * the selection on the contents); Home: contents; Enter: open; +/-: size;
 * g and digits and Enter: go to page; Backspace: back; q/Escape: quit. */
static int on_key(win *g, session *s, SDL_Keycode k, int *quit)
{
    if (g->reading_number) {
        size_t n = strlen(g->digits);
        if (k >= SDLK_0 && k <= SDLK_9 && n + 1 < sizeof g->digits) {
            g->digits[n] = (char)('0' + (k - SDLK_0));
            g->digits[n + 1] = 0;
            return 0;
        }
        g->reading_number = 0;
        if ((k == SDLK_RETURN || k == SDLK_KP_ENTER) && n)
            return press(g, s, NWS_KEY_GOTO, (uint32_t)strtoul(g->digits, NULL, 10));
        return 0;
    }
    switch (k) {
    case SDLK_RIGHT: case SDLK_SPACE: case SDLK_PAGEDOWN: return press(g, s, NWS_KEY_NEXT, 0);
    case SDLK_LEFT: case SDLK_PAGEUP: return press(g, s, NWS_KEY_PREV, 0);
    case SDLK_DOWN: return press(g, s, NWS_KEY_DOWN, 0);
    case SDLK_UP: return press(g, s, NWS_KEY_UP, 0);
    case SDLK_HOME: return press(g, s, NWS_KEY_CONTENTS, 0);
    case SDLK_RETURN: case SDLK_KP_ENTER: return press(g, s, NWS_KEY_ENTER, 0);
    case SDLK_PLUS: case SDLK_EQUALS: case SDLK_KP_PLUS: return press(g, s, NWS_KEY_SIZE_UP, 0);
    case SDLK_MINUS: case SDLK_KP_MINUS: return press(g, s, NWS_KEY_SIZE_DOWN, 0);
    case SDLK_BACKSPACE: return press(g, s, NWS_KEY_BACK, 0);
    case SDLK_g:
        g->reading_number = 1;
        g->digits[0] = 0;
        return 0;
    case SDLK_q: case SDLK_ESCAPE: *quit = 1; return 0;
    default: return 0;
    }
}

/* Touch zones of a reader: the top band opens the contents, the left
 * third goes back, the right third forward; the middle opens the entry
 * on the contents. */
static int on_tap(win *g, session *s, int x, int y, int ww, int wh)
{
    if (y < wh / 8)
        return press(g, s, NWS_KEY_CONTENTS, 0);
    if (x < ww / 3)
        return press(g, s, NWS_KEY_PREV, 0);
    if (x >= ww * 2 / 3)
        return press(g, s, NWS_KEY_NEXT, 0);
    return press(g, s, NWS_KEY_ENTER, 0);
}

int window_run(session *s, const read_opts *ro)
{
    win g;
    memset(&g, 0, sizeof g);
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        diag_error(NULL, 0, "cannot open a window: %s (is DISPLAY set?)", SDL_GetError());
        return -1;
    }
    g.pw = s->v.board->width;
    g.ph = s->v.board->height;
    g.strip = (uint32_t)((s->v.lay.px_of[LAY_FONT_SMALL] * 18 / 10 + 63) / 64) + 2;
    g.effects = !ro->no_effects;
    unsigned pct = ro->scale_pct;
    if (!pct) {
        /* fit the desktop, leaving room for the window frame */
        SDL_DisplayMode dm;
        pct = 100;
        if (SDL_GetDesktopDisplayMode(0, &dm) == 0) {
            while (pct > 10 && (g.pw * pct / 100 > (uint32_t)dm.w * 95 / 100 ||
                                g.ph * pct / 100 > (uint32_t)dm.h * 90 / 100))
                pct -= 5;
        }
    }
    int ww = (int)(g.pw * pct / 100), wh = (int)((g.ph + g.strip) * pct / 100);
    int panel_h = (int)(g.ph * pct / 100);
    g.w = SDL_CreateWindow("newsview", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, ww, wh, 0);
    g.r = g.w ? SDL_CreateRenderer(g.w, -1, SDL_RENDERER_SOFTWARE) : NULL;
    g.t = g.r ? SDL_CreateTexture(g.r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING,
                                  (int)g.pw, (int)(g.ph + g.strip))
              : NULL;
    size_t n = (size_t)g.pw * g.ph;
    g.screen = calloc(n, 1);
    g.residue = calloc(n, 1);
    g.status = malloc((size_t)g.pw * g.strip);
    g.rgba = calloc(n + (size_t)g.pw * g.strip, 4);
    int rc = 0;
    if (!g.t || !g.screen || !g.residue || !g.rgba || !g.status) {
        diag_error(NULL, 0, "cannot open a window: %s", g.t ? "out of memory" : SDL_GetError());
        rc = -1;
    } else {
        SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear");
        refresh(&g, s); /* the first screen, as the session planned it */
        int quit = 0;
        while (!quit && rc == 0) {
            SDL_Event ev;
            /* between key presses: the rest of the book and the next page,
             * a bounded step at a time, as long as no key is waiting */
            while (!SDL_HasEvents(SDL_FIRSTEVENT, SDL_LASTEVENT) && session_idle(s))
                SDL_PumpEvents();
            if (!SDL_WaitEvent(&ev))
                break;
            if (ev.type == SDL_QUIT)
                quit = 1;
            else if (ev.type == SDL_KEYDOWN)
                rc = on_key(&g, s, ev.key.keysym.sym, &quit);
            else if (ev.type == SDL_MOUSEBUTTONDOWN && ev.button.button == SDL_BUTTON_LEFT &&
                     ev.button.y < panel_h)
                rc = on_tap(&g, s, ev.button.x, ev.button.y, ww, panel_h);
            else if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_EXPOSED)
                present(&g, g.screen);
        }
    }
    free(g.screen);
    free(g.residue);
    free(g.status);
    free(g.rgba);
    if (g.t)
        SDL_DestroyTexture(g.t);
    if (g.r)
        SDL_DestroyRenderer(g.r);
    if (g.w)
        SDL_DestroyWindow(g.w);
    SDL_Quit();
    return rc;
}
