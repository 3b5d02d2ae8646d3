/* bench_reader.c -- the reader's response times on this host.
 * Usage: bench-reader BUNDLE BOARD
 * Prints one line: board pages turn_median_ms turn_worst_ms open_ms
 * ahead_median_ms ahead_worst_ms
 *   turn: from a "next page" key to the finished framebuffer, over every
 *         page once; the next page is drawn ahead between key presses
 *         (ahead: that work), so a turn is a copy and the refresh plan,
 *         except onto contents pages and after a re-layout;
 *   open: opening the bundle at a saved position in its middle (state
 *         read, fonts, pagination of the articles up to it, restore,
 *         first screen; the rest is paginated between key presses). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "../../src/app/session.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench-reader BUNDLE BOARD\n");
        return 2;
    }
    view_options vo = {0};
    vo.board = argv[2];
    vo.no_default_fallbacks = 1;
    session s;
    if (session_open(&s, argv[1], &vo, NULL, NULL, 0) < 0)
        return 1;
    /* the book is paginated lazily; count it all first, outside the clock */
    while (book_step(&s.v.book) == 1)
        ;
    uint32_t pages = s.v.book.total;
    if (!pages)
        return 1;
    double *t = malloc(pages * sizeof *t);
    double *ahead = malloc(pages * sizeof *ahead);
    uint32_t n = 0, na = 0;
    for (uint32_t p = 1; p < pages; p++) {
        double t0 = now();
        if (session_idle(&s)) /* between key presses */
            ahead[na++] = (now() - t0) * 1e3;
        t0 = now();
        if (session_key(&s, NWS_KEY_NEXT, 0) < 0)
            return 1;
        t[n++] = (now() - t0) * 1e3;
    }
    qsort(ahead, na, sizeof *ahead, cmp_double);
    qsort(t, n, sizeof *t, cmp_double);
    /* a position in the middle, saved as the reader saves it */
    char path[] = "/tmp/bench-stateXXXXXX";
    int fd = mkstemp(path);
    close(fd);
    unlink(path);
    s.state_path = path;
    reader_key(&s.r, NWS_KEY_GOTO, pages / 2);
    reader_page(&s.r, &s.v.page);
    session_close(&s); /* saves */
    double t0 = now();
    if (session_open(&s, argv[1], &vo, path, NULL, 0) < 0)
        return 1;
    double open_ms = (now() - t0) * 1e3;
    int resumed = s.r.page == pages / 2;
    s.state_path = NULL;
    session_close(&s);
    unlink(path);
    printf("%s %u %.3f %.3f %.1f %.3f %.3f%s\n", argv[2], pages, n ? t[n / 2] : 0,
           n ? t[n - 1] : 0, open_ms, na ? ahead[na / 2] : 0, na ? ahead[na - 1] : 0,
           resumed ? "" : " (did not resume!)");
    free(t);
    free(ahead);
    return 0;
}
