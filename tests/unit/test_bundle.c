/* test_bundle.c -- writing and reading bundles through the device API. */
#include <stdlib.h>
#include <zlib.h>

#include "../../src/bundle/nwsb_dict.h"
#include "../../src/app/bundle_file.h"
#include "../../src/text/nws_text.h"
#include "helpers.h"
#include "test.h"

static const char *const sample[] = {
    "First article\nDate: 2024-01-02\nAuthor: Jo Reporter\nURL: https://example.org/1\n"
    "It's the \"first\" paragraph.\nSecond paragraph -- with a dash.\n",
    "Second \xCE\xB1\xCF\x81\xCE\xB8\xCF\x81\xCE\xBF (Greek) and \xD1\x81\xD1\x82\xD0\xB0"
    "\xD1\x82\xD1\x8C\xD1\x8F\nLanguage: el\nOne paragraph only.\n",
    NULL, /* filled with a long article by make_long() */
};

static char *make_long(void)
{
    nwbuf b = {0};
    buf_adds(&b, "Long article\n");
    for (int p = 0; p < 40; p++) {
        for (int w = 0; w < 60 + p * 7; w++) {
            char word[32];
            snprintf(word, sizeof word, "w%d\xC3\xA9%d ", p, w);
            buf_adds(&b, word);
        }
        buf_adds(&b, "\n");
    }
    return buf_take_str(&b);
}

/* The bodies the parser makes from the sample, for comparison. */
static char *expected_body(const char *text, size_t *len)
{
    nws_article *a = parse_string(text, FORMAT_TEXT, 1);
    char *s = xstrndup((const char *)a->body.data, a->body.len);
    *len = a->body.len;
    article_free(a);
    return s;
}

static void check_roundtrip(nwsb_bundle *b, const char *const *texts, size_t n)
{
    char field[256];
    CHECK_INT(nwsb_article_count(b), n);
    for (uint32_t i = 0; i < n; i++) {
        size_t want_len, got_len = 0;
        char *want = expected_body(texts[i], &want_len);
        char *got = read_article_stream(b, i, &got_len);
        CHECK(got != NULL);
        CHECK_INT(got_len, want_len);
        CHECK(got && memcmp(got, want, want_len) == 0);
        free(want);
        free(got);
    }
    nwsb_article_field(b, 0, NWSB_FIELD_TITLE, field, sizeof field);
    CHECK_STR(field, "First article");
    nwsb_article_field(b, 0, NWSB_FIELD_URL, field, sizeof field);
    CHECK_STR(field, "https://example.org/1");
    nwsb_article_field(b, 1, NWSB_FIELD_LANGUAGE, field, sizeof field);
    CHECK_STR(field, "el");
    nwsb_article_field(b, 1, NWSB_FIELD_DATE, field, sizeof field);
    CHECK_STR(field, "");
    CHECK_INT(nwsb_meta_lookup(b, "title", field, sizeof field), NWSB_OK);
    CHECK_STR(field, "Test bundle");
    /* Every record is self-describing: it starts with a block marker and
     * its text is well formed on its own. */
    uint8_t *buf = malloc(NWSB_RECORD_MAX);
    for (uint32_t r = 0; r < nwsb_record_count(b); r++) {
        uint32_t len = 0;
        CHECK_INT(nwsb_record_read(b, r, buf, NWSB_RECORD_MAX, &len, NULL), NWSB_OK);
        CHECK(len > 0 && buf[0] == NWS_MARK_BLOCK);
        CHECK_INT(nws_text_check(buf, len), 0);
    }
    free(buf);
}

static void roundtrip_memory(void)
{
    const char *texts[3] = {sample[0], sample[1], make_long()};
    for (unsigned rs = 256; rs <= NWSB_RECORD_MAX; rs *= 4) {
        writer_options w = default_writer();
        nwbuf img = {0};
        nwsb_bundle *b = NULL;
        w.record_max = rs;
        CHECK_INT(pack_strings(texts, 3, &w, &img), 0);
        CHECK_INT(open_image(&img, &b, NULL), NWSB_OK);
        if (b) {
            if (rs == 256)
                CHECK(nwsb_record_count(b) > 40);
            check_roundtrip(b, texts, 3);
            /* Each text offset maps to the record that holds it. */
            for (uint32_t off = 0; off < nwsb_text_size(b); off += 97) {
                uint32_t r;
                nwsb_record rec;
                CHECK_INT(nwsb_record_find(b, off, &r), NWSB_OK);
                nwsb_record_get(b, r, &rec);
                CHECK(rec.text_offset <= off && off < rec.text_offset + rec.text_size);
            }
        }
        nwsb_close(b);
        buf_free(&img);
    }
    free((char *)texts[2]);
}

typedef struct {
    const nwbuf *img;
    unsigned calls;
} cb_src;

static int cb_read(void *opaque, uint32_t off, void *dst, uint32_t len)
{
    cb_src *s = opaque;
    s->calls++;
    if (off > s->img->len || len > s->img->len - off)
        return -1;
    memcpy(dst, s->img->data + off, len);
    return 0;
}

static void roundtrip_callback_and_dicts(void)
{
    const char *texts[3] = {sample[0], sample[1], make_long()};
    static const uint8_t own_dict[] = "the paragraph article w1 w2 w3 \xC3\xA9 and of to";
    for (int kind = 0; kind < 3; kind++) {
        writer_options w = default_writer();
        nwbuf img = {0};
        nwsb_bundle *b = NULL;
        w.record_max = 1000;
        if (kind == 1) {
            w.dict_kind = NWSB_DICT_NONE;
            w.dict = NULL;
            w.dict_size = 0;
        } else if (kind == 2) {
            w.dict_kind = NWSB_DICT_EMBEDDED;
            w.dict = own_dict;
            w.dict_size = sizeof own_dict - 1;
        }
        CHECK_INT(pack_strings(texts, 3, &w, &img), 0);
        cb_src s = {&img, 0};
        nwsb_source src = {NULL, cb_read, &s, (uint32_t)img.len};
        CHECK_INT(nwsb_open(&b, &src, &host_allocator, nwsb_news_dict, nwsb_news_dict_size, NULL),
                  NWSB_OK);
        if (b) {
            uint32_t k, id, size;
            nwsb_dict_info(b, &k, &id, &size);
            CHECK_INT(k, w.dict_kind);
            check_roundtrip(b, texts, 3);
            CHECK(s.calls > 0);
        }
        nwsb_close(b);
        /* A bundle packed with the built-in dictionary needs it. */
        nwsb_diag d;
        int rc = nwsb_open(&b, &src, &host_allocator, NULL, 0, &d);
        CHECK_INT(rc, kind == 0 ? NWSB_E_DICT : NWSB_OK);
        nwsb_close(b);
        buf_free(&img);
    }
    free((char *)texts[2]);
}

static void version_rules(void)
{
    nwbuf img = {0};
    writer_options w = default_writer();
    nwsb_bundle *b = NULL;
    nwsb_diag d;
    CHECK_INT(pack_strings(sample, 2, &w, &img), 0);
    nwsb_put16(img.data + NWSB_H_MINOR, 7); /* newer minor: still readable */
    reseal_header(&img);
    CHECK_INT(open_image(&img, &b, &d), NWSB_OK);
    nwsb_close(b);
    nwsb_put16(img.data + NWSB_H_MAJOR, 2); /* newer major: refused by name */
    reseal_header(&img);
    CHECK_INT(open_image(&img, &b, &d), NWSB_E_VERSION);
    CHECK(b == NULL);
    nwsb_put16(img.data + NWSB_H_MAJOR, 2);
    img.data[NWSB_H_CRC] ^= 1; /* even with a bad CRC the version is named */
    CHECK_INT(open_image(&img, &b, &d), NWSB_E_VERSION);
    buf_free(&img);
}

/* The window section: a smaller window reads the same text; a window
 * outside zlib's 9..15 or a short section is refused as damage. */
static void window_section(void)
{
    nwbuf img = {0};
    writer_options w = default_writer();
    w.window_bits = 9;
    CHECK_INT(pack_strings(sample, 2, &w, &img), 0);
    nwsb_bundle *b = NULL;
    nwsb_diag d;
    CHECK_INT(open_image(&img, &b, &d), NWSB_OK);
    unsigned major, minor;
    nwsb_version(b, &major, &minor);
    CHECK_INT(minor, NWSB_VERSION_MINOR_WINDOW);
    CHECK_INT(nwsb_window_bits(b), 9);
    check_roundtrip(b, sample, 2);
    nwsb_close(b);
    /* try bad values, resealed so only they are wrong */
    uint32_t size = 0, ent = 0;
    uint32_t off = section_offset(&img, NWSB_SEC_WINDOW, &size, &ent);
    CHECK(off != 0 && size == NWSB_WINDOW_HEAD);
    static const uint32_t bad[] = {8, 16, 0, 0xFFFFFFFFu};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0] && off; k++) {
        nwsb_put32(img.data + off, bad[k]);
        reseal_section(&img, ent);
        CHECK_INT(open_image(&img, &b, &d), NWSB_E_CORRUPT);
        CHECK(d.part && strcmp(d.part, "window") == 0);
    }
    buf_free(&img);
    /* the default writes no section and stays 1.1 */
    w.window_bits = 0;
    CHECK_INT(pack_strings(sample, 2, &w, &img), 0);
    CHECK_INT(open_image(&img, &b, &d), NWSB_OK);
    nwsb_version(b, &major, &minor);
    CHECK_INT(minor, 1);
    CHECK_INT(nwsb_window_bits(b), 15);
    nwsb_close(b);
    buf_free(&img);
}

static void strings_cut_at_characters(void)
{
    nwbuf img = {0};
    writer_options w = default_writer();
    nwsb_bundle *b = NULL;
    char small[9];
    CHECK_INT(pack_strings(sample, 2, &w, &img), 0);
    CHECK_INT(open_image(&img, &b, NULL), NWSB_OK);
    if (b) {
        /* "Second α..." cut to fit 8 bytes: never inside the 2-byte alpha */
        CHECK_INT(nwsb_article_field(b, 1, NWSB_FIELD_TITLE, small, sizeof small), NWSB_E_BUFFER);
        CHECK_STR(small, "Second ");
        CHECK_INT(nwsb_article_field(b, 5, NWSB_FIELD_TITLE, small, sizeof small), NWSB_E_RANGE);
        CHECK_STR(small, "");
        uint32_t len;
        uint8_t tiny[16];
        CHECK_INT(nwsb_record_read(b, 0, tiny, sizeof tiny, &len, NULL), NWSB_E_BUFFER);
        CHECK_INT(nwsb_record_read(b, 99, tiny, sizeof tiny, &len, NULL), NWSB_E_RANGE);
    }
    nwsb_close(b);
    buf_free(&img);
    CHECK_STR(nwsb_strerror(NWSB_E_VERSION), "bundle needs a newer reader (format major version)");
    CHECK_STR(nwsb_strerror(12345), "unknown error");
}

const test_case bundle_tests[] = {
    {"roundtrip_memory", roundtrip_memory},
    {"roundtrip_callback_and_dicts", roundtrip_callback_and_dicts},
    {"version_rules", version_rules},
    {"window_section", window_section},
    {"strings_cut_at_characters", strings_cut_at_characters},
    {NULL, NULL}};
