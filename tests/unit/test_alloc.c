/* test_alloc.c -- the reader under a failing allocator (every N), and its
 * memory need for decoding. */
#include <stdlib.h>

#include "../../src/bundle/nwsb_dict.h"
#include "helpers.h"
#include "test.h"

typedef struct counting {
    long fail_at;       /* the allocation number to refuse, -1 for none */
    long count, live;
    size_t bytes, peak;
} counting;

typedef struct {
    size_t size;
    max_align_t align;
} header;

static void *c_alloc(void *opaque, size_t n)
{
    counting *c = opaque;
    if (c->count++ == c->fail_at)
        return NULL;
    header *h = malloc(sizeof *h + n);
    if (!h)
        return NULL;
    h->size = n;
    c->live++;
    c->bytes += n;
    if (c->bytes > c->peak)
        c->peak = c->bytes;
    return h + 1;
}

static void c_free(void *opaque, void *p)
{
    counting *c = opaque;
    if (!p)
        return;
    header *h = (header *)p - 1;
    c->live--;
    c->bytes -= h->size;
    free(h);
}

static int read_everything(nwbuf *img, counting *c, int via_callback);

static int mem_read(void *opaque, uint32_t off, void *dst, uint32_t len)
{
    const nwbuf *img = opaque;
    memcpy(dst, img->data + off, len);
    return 0;
}

static int read_everything(nwbuf *img, counting *c, int via_callback)
{
    nwsb_allocator a = {c_alloc, c_free, c};
    nwsb_source src = {via_callback ? NULL : img->data, via_callback ? mem_read : NULL, img,
                       (uint32_t)img->len};
    nwsb_bundle *b = NULL;
    int rc = nwsb_open(&b, &src, &a, nwsb_news_dict, nwsb_news_dict_size, NULL);
    if (rc != NWSB_OK)
        return rc;
    long after_open = c->count;
    uint8_t *buf = malloc(NWSB_RECORD_MAX);
    for (uint32_t r = 0; r < nwsb_record_count(b) && rc == NWSB_OK; r++) {
        uint32_t len;
        rc = nwsb_record_read(b, r, buf, NWSB_RECORD_MAX, &len, NULL);
    }
    free(buf);
    CHECK_INT(c->count, after_open); /* no allocation after init */
    nwsb_close(b);
    return rc;
}

static void fail_every_allocation(void)
{
    const char *texts[] = {"One\nA paragraph here.\n", "Two\nAnother paragraph.\n"};
    writer_options w = default_writer();
    nwbuf img = {0};
    w.record_max = 256;
    CHECK_INT(pack_strings(texts, 2, &w, &img), 0);
    for (int cb = 0; cb < 2; cb++) {
        int succeeded = 0;
        for (long n = 0; n < 64 && !succeeded; n++) {
            counting c = {n, 0, 0, 0, 0};
            int rc = read_everything(&img, &c, cb);
            CHECK(rc == NWSB_OK || rc == NWSB_E_NOMEM);
            CHECK_INT(c.live, 0); /* nothing leaked on any path */
            succeeded = rc == NWSB_OK && c.count <= n;
        }
        CHECK(succeeded);
    }
    buf_free(&img);
}

static void decode_memory_budget(void)
{
    const char *texts[] = {"Budget\nA paragraph of text to inflate with the dictionary.\n"};
    writer_options w = default_writer();
    nwbuf img = {0};
    CHECK_INT(pack_strings(texts, 1, &w, &img), 0);
    for (int cb = 0; cb < 2; cb++) {
        counting c = {-1, 0, 0, 0, 0};
        CHECK_INT(read_everything(&img, &c, cb), NWSB_OK);
        /* The bound: ~48 KiB to decode any record, counting the
         * caller's output buffer. */
        size_t total = c.peak + NWSB_RECORD_MAX;
        if (total > 48 * 1024)
            fprintf(stderr, "  %s: %zu bytes allocated + %u output\n",
                    cb ? "callback" : "memory", c.peak, NWSB_RECORD_MAX);
        CHECK(total <= 48 * 1024);
    }
    buf_free(&img);
}

/* A bundle packed with an 8 KiB window decodes the same text and takes
 * exactly 24 KiB less from the allocator: what a microcontroller saves. */
static void small_window_memory(void)
{
    char *long_text = malloc(20000);
    size_t at = (size_t)snprintf(long_text, 20000, "Window\n");
    while (at < 19000)
        at += (size_t)snprintf(long_text + at, 20000 - at,
                               "Ferry %zu left the harbour at dawn, the pilot said. ", at);
    const char *texts[] = {long_text};
    size_t peak[2];
    nwbuf img[2] = {{0}, {0}};
    for (int i = 0; i < 2; i++) {
        writer_options w = default_writer();
        w.window_bits = i ? 13 : 0;
        CHECK_INT(pack_strings(texts, 1, &w, &img[i]), 0);
        counting c = {-1, 0, 0, 0, 0};
        CHECK_INT(read_everything(&img[i], &c, 0), NWSB_OK);
        peak[i] = c.peak;
    }
    CHECK_INT((long)(peak[0] - peak[1]), 24 * 1024);
    /* and it still fails cleanly when the window does not fit */
    for (int cb = 0; cb < 2; cb++)
        for (long n = 0; n < 8; n++) {
            counting c = {n, 0, 0, 0, 0};
            int rc = read_everything(&img[1], &c, cb);
            CHECK(rc == NWSB_OK || rc == NWSB_E_NOMEM);
            CHECK_INT(c.live, 0);
        }
    buf_free(&img[0]);
    buf_free(&img[1]);
    free(long_text);
}

const test_case alloc_tests[] = {{"fail_every_allocation", fail_every_allocation},
                                 {"decode_memory_budget", decode_memory_budget},
                                 {"small_window_memory", small_window_memory},
                                 {NULL, NULL}};
