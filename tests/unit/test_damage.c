/* test_damage.c -- every single-byte change and every truncation of a
 * bundle is caught, named, and never read out of bounds (run under ASan). */
#include <stdlib.h>
#include <zlib.h>

#include "helpers.h"
#include "test.h"

static const char *const texts[] = {
    "Damage test one\nDate: 2024-05-06\nSource: Test Wire\nA first paragraph of some length, "
    "so that records have real compressed data in them.\nAnd a second one follows.\n",
    "Damage test two\nAuthor: Someone\nShort.\n",
    "Damage test three\nThe last article has three paragraphs.\nHere is the second.\n"
    "And the third closes it.\n",
};

/* Open and read everything; returns 0 if the bundle looked intact. */
static int read_all(const nwbuf *img, nwsb_diag *d)
{
    nwsb_bundle *b = NULL;
    int rc = open_image(img, &b, d);
    if (rc != NWSB_OK) {
        CHECK(b == NULL);
        CHECK(d->part != NULL);
        return rc;
    }
    uint8_t *buf = malloc(NWSB_RECORD_MAX);
    char s[512];
    for (uint32_t i = 0; i < nwsb_article_count(b); i++)
        for (int f = 0; f < NWSB_FIELD_COUNT; f++)
            nwsb_article_field(b, i, (nwsb_field)f, s, sizeof s);
    for (uint32_t r = 0; r < nwsb_record_count(b) && rc == NWSB_OK; r++) {
        uint32_t len;
        rc = nwsb_record_read(b, r, buf, NWSB_RECORD_MAX, &len, d);
        if (rc == NWSB_OK && nws_text_check(buf, len) != 0)
            rc = NWSB_E_TEXT;
        if (rc != NWSB_OK && rc != NWSB_E_TEXT) {
            CHECK_STR(d->part, "record");
            CHECK(d->has_index && d->index == r);
        }
    }
    free(buf);
    nwsb_close(b);
    return rc;
}

static void every_byte_flip_is_caught(void)
{
    writer_options w = default_writer();
    nwbuf img = {0};
    nwsb_diag d;
    w.record_max = 300; /* several records */
    CHECK_INT(pack_strings(texts, 3, &w, &img), 0);
    CHECK_INT(read_all(&img, &d), NWSB_OK);
    unsigned missed = 0;
    for (size_t i = 0; i < img.len; i++) {
        static const uint8_t masks[] = {0x01, 0x80, 0xFF};
        for (size_t m = 0; m < sizeof masks; m++) {
            img.data[i] ^= masks[m];
            if (read_all(&img, &d) == NWSB_OK) {
                missed++;
                fprintf(stderr, "  flip 0x%02x at byte %zu not detected\n", masks[m], i);
            }
            img.data[i] ^= masks[m];
        }
    }
    CHECK_INT(missed, 0);
    buf_free(&img);
}

static void every_truncation_is_caught(void)
{
    writer_options w = default_writer();
    nwbuf img = {0};
    nwsb_diag d;
    w.record_max = 300;
    CHECK_INT(pack_strings(texts, 3, &w, &img), 0);
    size_t full = img.len;
    for (size_t n = 0; n < full; n++) {
        img.len = n;
        int rc = read_all(&img, &d);
        CHECK(rc == NWSB_E_TRUNCATED || rc == NWSB_E_MAGIC);
    }
    img.len = full;
    buf_free(&img);
}

/* A crafted directory whose section sizes wrap around 32 bits back to a
 * tiny file_size (found by the fuzzer): refused, with valid CRCs too. */
static void wrapping_sections_are_refused(void)
{
    FILE *f = fopen("tests/data/fuzz-crash-section-wrap.nwsb", "rb");
    CHECK(f != NULL);
    if (!f)
        return;
    nwbuf img = {0};
    uint8_t chunk[512];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_add(&img, chunk, n);
    fclose(f);
    reseal_header(&img);
    nwsb_bundle *b = NULL;
    nwsb_diag d;
    CHECK_INT(open_image(&img, &b, &d), NWSB_E_LAYOUT);
    CHECK(b == NULL);
    buf_free(&img);
}

const test_case damage_tests[] = {
    {"wrapping_sections_are_refused", wrapping_sections_are_refused},{"every_byte_flip_is_caught", every_byte_flip_is_caught},
                                  {"every_truncation_is_caught", every_truncation_is_caught},
                                  {NULL, NULL}};
