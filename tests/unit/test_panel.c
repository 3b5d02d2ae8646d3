/* test_panel.c -- the controller drivers against the controller emulators
 * (tests/emu/ctrl.c), wired directly: every update kind on every SPI
 * board leaves exactly the new image on the glass, breaking no rule. */
#include <stdlib.h>

#include "../../src/fb/fb.h"
#include "../../src/panel/panel.h"
#include "../emu/emu.h"
#include "test.h"

typedef struct wire {
    emu_ctrl c;
    uint64_t now;
    int fail_after; /* bus calls before the bus fails; -1 never */
    int calls;
} wire;

static int w_command(void *ctx, uint8_t cmd, const uint8_t *data, size_t n)
{
    wire *w = ctx;
    if (w->fail_after >= 0 && w->calls++ >= w->fail_after)
        return -1;
    w->c.command(&w->c, cmd, w->now);
    for (size_t i = 0; i < n; i++)
        w->c.data(&w->c, data[i], w->now);
    return 0;
}

static int w_data(void *ctx, const uint8_t *data, size_t n)
{
    wire *w = ctx;
    for (size_t i = 0; i < n; i++)
        w->c.data(&w->c, data[i], w->now);
    return 0;
}

static int w_reset(void *ctx, uint32_t low_ms, uint32_t high_ms)
{
    wire *w = ctx;
    w->now += low_ms;
    ctrl_reset(&w->c);
    w->c.busy_until = w->now + 5;
    w->now += high_ms;
    return 0;
}

static int w_wait(void *ctx, int busy_level, uint32_t timeout_ms)
{
    wire *w = ctx;
    (void)busy_level;
    for (uint64_t start = w->now; w->c.stuck || w->now < w->c.busy_until; w->now += 5)
        if (w->now - start >= timeout_ms)
            return 1;
    return 0;
}

static void w_delay(void *ctx, uint32_t ms)
{
    ((wire *)ctx)->now += ms;
}

/* A source that hands out rows a few at a time, as firmware does. */
typedef struct rows_ctx {
    const uint8_t *plane[2];
    uint32_t stride;
    unsigned calls;
} rows_ctx;

static int give_rows(void *ctx, int plane, uint32_t y, uint32_t n, uint8_t *out)
{
    rows_ctx *r = ctx;
    r->calls++;
    memcpy(out, r->plane[plane] + (size_t)y * r->stride, (size_t)n * r->stride);
    return 0;
}

static void setup(wire *w, nws_panel *p, const nws_board *b)
{
    memset(w, 0, sizeof *w);
    w->fail_after = -1;
    if (b->link.driver == &nws_panel_uc8179)
        ctrl_init_uc8179(&w->c, b);
    else
        ctrl_init_ssd16xx(&w->c, b, b->link.driver->name);
    memset(p, 0, sizeof *p);
    p->board = b;
    p->bus = (nws_panel_bus){w, w_command, w_data, w_reset, w_wait, w_delay};
}

static void drivers_show_every_kind_exactly(void)
{
    const char *boards[] = {"waveshare-7in5-v2-rpi", "waveshare-4in2-rpi", "waveshare-2in13-v4-rpi"};
    for (size_t k = 0; k < 3; k++) {
        const nws_board *b = board_find(boards[k]);
        CHECK(b != NULL);
        if (!b)
            continue;
        wire w;
        nws_panel p;
        setup(&w, &p, b);
        size_t n = fb_native_bytes(b);
        uint8_t *shown = malloc(n), *next = malloc(n);
        memcpy(shown, w.c.glass, n);
        srand(7);
        for (unsigned kind = 0; kind < 3; kind++) {
            for (size_t i = 0; i < n; i++)
                next[i] = (uint8_t)rand();
            /* a partial update changes only its window on the UC8179 */
            nws_panel_window win = {16, 8, 64, 40}, *pw = NULL;
            if (kind == NWS_UPDATE_PARTIAL && b->link.driver == &nws_panel_uc8179) {
                pw = &win;
                uint32_t stride = board_native_stride(b);
                for (uint32_t y = 0; y < board_native_height(b); y++)
                    for (uint32_t x = 0; x < stride; x++)
                        if (y < win.y || y >= win.y + win.h || x < win.x / 8 ||
                            x >= (win.x + win.w) / 8)
                            next[(size_t)y * stride + x] = shown[(size_t)y * stride + x];
            }
            CHECK_INT(panel_update(b->link.driver, &p, shown, next, pw, kind), NWS_PANEL_OK);
            CHECK(memcmp(w.c.glass, next, n) == 0);
            CHECK(w.c.asleep);
            if (w.c.error[0])
                fprintf(stderr, "  %s: %s\n", b->name, w.c.error);
            CHECK(w.c.error[0] == 0);
            memcpy(shown, next, n);
        }
        /* streamed in bands of 5 rows, with and without the shown image */
        for (int has_shown = 1; has_shown >= 0; has_shown--) {
            for (size_t i = 0; i < n; i++)
                next[i] = (uint8_t)(i * 31u + (unsigned)has_shown);
            uint32_t stride = board_native_stride(b);
            uint8_t *band = malloc((size_t)stride * 5);
            rows_ctx rc = {{shown, next}, stride, 0};
            nws_panel_source src = {.ctx = &rc, .rows = give_rows, .band = band, .band_rows = 5,
                                    .has_shown = has_shown};
            unsigned partials = w.c.refreshes[NWS_UPDATE_PARTIAL];
            CHECK_INT(b->link.driver->update(&p, &src, NULL, NWS_UPDATE_PARTIAL), NWS_PANEL_OK);
            CHECK(memcmp(w.c.glass, next, n) == 0);
            CHECK(rc.calls >= 2 * board_native_height(b) / 5);
            /* unknown shown image: a full refresh instead of a partial one */
            CHECK_INT(w.c.refreshes[NWS_UPDATE_PARTIAL], partials + (unsigned)has_shown);
            CHECK(w.c.error[0] == 0);
            memcpy(shown, next, n);
            free(band);
        }
        /* the SSD1680 has no fast mode: asked for one, it does a full refresh */
        unsigned want_fast = b->link.driver == &nws_panel_ssd1680 ? 0 : 1;
        CHECK_INT(w.c.refreshes[NWS_UPDATE_FAST], want_fast);
        CHECK_INT(w.c.refreshes[NWS_UPDATE_PARTIAL], 2);
        /* a stuck BUSY ends in NWS_PANEL_EBUSY within the board's timeout */
        w.c.stuck = 1;
        uint64_t t0 = w.now;
        CHECK_INT(panel_update(b->link.driver, &p, shown, next, NULL, NWS_UPDATE_FULL), NWS_PANEL_EBUSY);
        CHECK(w.now - t0 <= (uint64_t)b->link.busy_timeout_ms + 100);
        /* a failing bus ends in NWS_PANEL_EBUS, naming the step */
        w.c.stuck = 0;
        w.fail_after = 3;
        w.calls = 0;
        CHECK_INT(panel_update(b->link.driver, &p, shown, next, NULL, NWS_UPDATE_FULL), NWS_PANEL_EBUS);
        CHECK(p.stage != NULL);
        ctrl_free(&w.c);
        free(shown);
        free(next);
    }
}

const test_case panel_tests[] = {
    {"drivers_show_every_kind_exactly", drivers_show_every_kind_exactly},
    {NULL, NULL}};
