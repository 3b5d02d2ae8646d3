/* bench_render.c -- per-page layout+render time and memory of the device
 * core on this host.  Usage: bench-render BUNDLE BOARD [ROUNDS]
 * Prints one line: board pages paginate_ms ms_per_page arena_peak_bytes
 * body_size_10 and the text box's margins (top right bottom left, pixels,
 * the running header and footer inside) and paragraph_indent, so that the
 * bench can give mutool the same page.
 * A page is what a device does: lay out, draw, pack for the panel. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../../src/app/view.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    view v;
    view_options o = {0};
    int rounds = argc > 3 ? atoi(argv[3]) : 3;
    if (argc < 3) {
        fprintf(stderr, "usage: bench-render BUNDLE BOARD [ROUNDS]\n");
        return 2;
    }
    o.board = argv[2];
    o.no_default_fallbacks = 1;
    double t0 = now();
    if (view_open(&v, argv[1], &o) < 0)
        return 1;
    double t_open = now() - t0; /* includes paginating every article once */
    uint32_t pages = v.book.total;
    t0 = now();
    for (int r = 0; r < rounds; r++)
        for (uint32_t n = 1; n <= pages; n++)
            if (view_render_native(&v, n) < 0)
                return 1;
    double per = (now() - t0) / ((double)pages * rounds);
    const lay_config *c = &v.lay.cfg;
    printf("%s %u %.2f %.4f %zu %u %d %d %d %d %d\n", v.board->name, pages, t_open * 1e3, per * 1e3,
           v.arena.peak, v.board->font_size_10, (int)c->margin_top, (int)c->margin_right,
           (int)c->margin_bottom, (int)c->margin_left, c->paragraph_indent);
    view_close(&v);
    return 0;
}
