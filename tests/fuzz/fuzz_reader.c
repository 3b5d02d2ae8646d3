/* fuzz_reader.c -- libFuzzer target for the device-side bundle reader.
 * Built with -DNWSB_FUZZING, which skips the CRC comparisons so that the
 * fuzzer reaches the structure checks behind them (a real reader keeps
 * them).  Every input is read both in place and through a callback. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/bundle/nwsb.h"
#include "../../src/bundle/nwsb_dict.h"
#include "../../src/text/nws_text.h"

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

typedef struct {
    const uint8_t *data;
    size_t size;
} blob;

static int f_read(void *opaque, uint32_t off, void *dst, uint32_t len)
{
    const blob *b = opaque;
    if (off > b->size || len > b->size - off)
        return -1;
    memcpy(dst, b->data + off, len);
    return 0;
}

static void exercise(nwsb_bundle *b)
{
    static uint8_t buf[NWSB_RECORD_MAX];
    char s[64];
    for (uint32_t i = 0; i < nwsb_article_count(b) && i < 64; i++)
        for (int f = 0; f < NWSB_FIELD_COUNT; f++)
            nwsb_article_field(b, i, (nwsb_field)f, s, sizeof s);
    nwsb_meta_lookup(b, "title", s, sizeof s);
    for (uint32_t r = 0; r < nwsb_record_count(b) && r < 64; r++) {
        uint32_t len;
        if (nwsb_record_read(b, r, buf, sizeof buf, &len, NULL) == NWSB_OK) {
            nws_scanner sc;
            nws_token t;
            nws_scan_init(&sc, buf, 0, len);
            while (nws_scan_next(&sc, &t) == 1)
                ;
            nws_text_check(buf, len);
        }
    }
    uint32_t rec;
    nwsb_record_find(b, nwsb_text_size(b) / 2, &rec);
    /* pictures: every row of the first few (the CRC is off when fuzzing) */
    static uint8_t row[NWSB_IMAGE_MAX_SIDE];
    for (uint32_t i = 0; i < nwsb_image_count(b) && i < 4; i++) {
        nwsb_image_stream s;
        if (nwsb_image_open(b, i, &s, NULL) != NWSB_OK)
            continue;
        for (uint32_t y = 0; y < s.img.height && (uint64_t)y * s.img.width < (4u << 20); y++)
            if (nwsb_image_row(b, &s, row, NULL) != NWSB_OK)
                break;
    }
    nwsb_image_find(b, nwsb_text_size(b) / 2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nwsb_allocator a = {f_alloc, f_free, NULL};
    nwsb_bundle *b = NULL;
    blob bl = {data, size};
    if (size > 0xFFFFFFFFu)
        return 0;
    nwsb_source mem = {data, NULL, NULL, (uint32_t)size};
    if (nwsb_open(&b, &mem, &a, nwsb_news_dict, nwsb_news_dict_size, NULL) == NWSB_OK) {
        exercise(b);
        nwsb_close(b);
    }
    nwsb_source cb = {NULL, f_read, &bl, (uint32_t)size};
    if (nwsb_open(&b, &cb, &a, nwsb_news_dict, nwsb_news_dict_size, NULL) == NWSB_OK) {
        exercise(b);
        nwsb_close(b);
    }
    return 0;
}
