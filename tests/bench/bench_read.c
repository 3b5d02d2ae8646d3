/* bench_read.c -- decode speed and memory of the device reader.
 * Usage: bench-read BUNDLE [ROUNDS]
 * Prints per-record decode time in place and through a read callback, the
 * peak memory the reader took from its allocator, and the open time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../src/bundle/nwsb.h"
#include "../../src/bundle/nwsb_dict.h"
#include "../../src/app/bundle_file.h"

typedef struct {
    size_t live, peak;
} meter;

typedef struct {
    size_t n;
    max_align_t a;
} hdr;

static void *m_alloc(void *o, size_t n)
{
    meter *m = o;
    hdr *h = malloc(sizeof *h + n);
    if (!h)
        return NULL;
    h->n = n;
    m->live += n;
    if (m->live > m->peak)
        m->peak = m->live;
    return h + 1;
}

static void m_free(void *o, void *p)
{
    meter *m = o;
    if (!p)
        return;
    hdr *h = (hdr *)p - 1;
    m->live -= h->n;
    free(h);
}

static int cb_read(void *o, uint32_t off, void *dst, uint32_t len)
{
    const bundle_file *bf = o;
    memcpy(dst, bf->map + off, len);
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    bundle_file bf;
    nwsb_diag d;
    int rounds = argc > 2 ? atoi(argv[2]) : 20;
    if (argc < 2 || bundle_file_open(argv[1], &bf, &d) != NWSB_OK) {
        fprintf(stderr, "usage: bench-read BUNDLE [ROUNDS]\n");
        return 2;
    }
    static uint8_t out[NWSB_RECORD_MAX];
    for (int mode = 0; mode < 2; mode++) {
        meter m = {0, 0};
        nwsb_allocator a = {m_alloc, m_free, &m};
        nwsb_source src = {mode ? NULL : bf.map, mode ? cb_read : NULL, &bf, (uint32_t)bf.size};
        nwsb_bundle *b;
        double t0 = now();
        if (nwsb_open(&b, &src, &a, nwsb_news_dict, nwsb_news_dict_size, NULL) != NWSB_OK)
            return 1;
        double t_open = now() - t0;
        uint32_t nrec = nwsb_record_count(b);
        uint64_t bytes = 0;
        t0 = now();
        for (int r = 0; r < rounds; r++)
            for (uint32_t i = 0; i < nrec; i++) {
                uint32_t len;
                if (nwsb_record_read(b, i, out, sizeof out, &len, NULL) != NWSB_OK)
                    return 1;
                bytes += len;
            }
        double t = now() - t0;
        printf("%-9s open %7.1f us | record decode %6.1f us avg (%u records x %d) | "
               "%6.1f MB/s text | reader memory %zu B + %u B output buffer\n",
               mode ? "callback" : "in-place", t_open * 1e6, t * 1e6 / ((double)nrec * rounds),
               nrec, rounds, bytes / t / 1e6, m.peak, NWSB_RECORD_MAX);
        nwsb_close(b);
    }
    bundle_file_close(&bf);
    return 0;
}
