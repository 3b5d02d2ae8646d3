/* test_images.c -- pictures: references, decoding, the bundle's image
 * sections, layout (never split, scaled to fit) and dithering. */
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>

#include "../../src/host/atomic_file.h"
#include "../../src/host/image_load.h"
#include "../../src/app/view.h"
#include "helpers.h"
#include "test.h"

/* A w x h test picture: a diagonal ramp, so rows differ and Sub filtering
 * has something to do. */
static uint8_t *ramp(uint32_t w, uint32_t h)
{
    uint8_t *p = malloc((size_t)w * h);
    for (uint32_t y = 0; y < h; y++)
        for (uint32_t x = 0; x < w; x++)
            p[(size_t)y * w + x] = (uint8_t)((x * 255 / (w - 1) + y * 3) & 0xFF);
    return p;
}

static uint8_t *flat(uint32_t w, uint32_t h, uint8_t v)
{
    uint8_t *p = malloc((size_t)w * h);
    memset(p, v, (size_t)w * h);
    return p;
}

/* An article: a paragraph, a captioned picture, a paragraph, and an
 * uncaptioned picture at the end. */
static nws_article *picture_article(uint8_t *first, uint16_t w1, uint16_t h1, uint8_t *second,
                                    uint16_t w2, uint16_t h2)
{
    nws_article *a = article_new("pictures.html");
    article_set(a, NWSB_FIELD_TITLE, "Pictures", 8);
    nws_builder b;
    builder_init(&b, a, 0);
    const char *p1 = "A first paragraph of words before the picture, long enough to wrap.";
    builder_block(&b, NWS_BLOCK_PARAGRAPH, 0, 0);
    builder_text(&b, p1, strlen(p1));
    builder_image(&b, first, w1, h1, "The caption of the first picture.");
    builder_block(&b, NWS_BLOCK_PARAGRAPH, 0, 0);
    builder_text(&b, "Text between.", 13);
    builder_image(&b, second, w2, h2, NULL);
    builder_finish(&b);
    return a;
}

static int build_one(nws_article *a, nwbuf *out)
{
    article_list l = {0};
    article_list_add(&l, a);
    writer_options w = default_writer();
    bundle_meta meta = {"Pictures", "2026-11-28T00:00:00Z", "en", "unit tests"};
    writer_stats st;
    int rc = bundle_build(&l, &meta, &w, out, &st);
    article_list_free(&l);
    return rc;
}

static void pictures_round_trip_losslessly(void)
{
    uint8_t *p1 = ramp(300, 200), *p2 = ramp(97, 31);
    uint8_t *want1 = malloc(300 * 200), *want2 = malloc(97 * 31);
    memcpy(want1, p1, 300 * 200);
    memcpy(want2, p2, 97 * 31);
    nwbuf img = {0};
    CHECK_INT(build_one(picture_article(p1, 300, 200, p2, 97, 31), &img), 0);
    nwsb_bundle *b = NULL;
    nwsb_diag d;
    CHECK_INT(open_image(&img, &b, &d), NWSB_OK);
    if (b) {
        unsigned major, minor;
        nwsb_version(b, &major, &minor);
        CHECK_INT(minor, 1);
        CHECK_INT(nwsb_image_count(b), 2);
        CHECK_INT(nwsb_image_max_width(b), 300);
        nwsb_image im0, im1;
        nwsb_article a;
        CHECK_INT(nwsb_image_get(b, 0, &im0), NWSB_OK);
        CHECK_INT(nwsb_image_get(b, 1, &im1), NWSB_OK);
        CHECK_INT(nwsb_article_get(b, 0, &a), NWSB_OK);
        CHECK_INT(im0.width, 300);
        CHECK_INT(im0.height, 200);
        CHECK(im0.flags & NWSB_IF_CAPTIONED);
        CHECK(!(im1.flags & NWSB_IF_CAPTIONED));
        /* the first stands before its caption block, the second ends the article */
        CHECK(im0.text_offset > a.text_offset);
        CHECK_INT(im1.text_offset, a.text_offset + a.text_size);
        CHECK_INT(nwsb_image_find(b, im0.text_offset), 0);
        CHECK_INT(nwsb_image_find(b, im0.text_offset + 1), 1);
        uint8_t *text = malloc(NWSB_RECORD_MAX);
        uint32_t len;
        CHECK_INT(nwsb_record_read(b, 0, text, NWSB_RECORD_MAX, &len, NULL), NWSB_OK);
        CHECK_INT(text[im0.text_offset], NWS_MARK_BLOCK);
        free(text);
        const uint8_t *want[2] = {want1, want2};
        for (uint32_t i = 0; i < 2; i++) {
            nwsb_image_stream s;
            CHECK_INT(nwsb_image_open(b, i, &s, NULL), NWSB_OK);
            uint8_t row[300];
            int same = 1;
            for (uint32_t y = 0; y < s.img.height; y++) {
                CHECK_INT(nwsb_image_row(b, &s, row, NULL), NWSB_OK);
                same &= memcmp(row, want[i] + (size_t)y * s.img.width, s.img.width) == 0;
            }
            CHECK(same);
            CHECK_INT(nwsb_image_row(b, &s, row, NULL), NWSB_E_RANGE);
        }
        nwsb_close(b);
    }
    free(want1);
    free(want2);
    buf_free(&img);
}

static void damaged_pictures_are_caught(void)
{
    nwbuf img = {0};
    CHECK_INT(build_one(picture_article(ramp(120, 80), 120, 80, ramp(60, 40), 60, 40), &img), 0);
    uint32_t size, dirent;
    uint32_t data = section_offset(&img, NWSB_SEC_IMAGE_DATA, &size, &dirent);
    CHECK(data > 0 && size > 10);
    /* a flipped pixel byte: the picture's CRC names it, the rest opens */
    img.data[data + 5] ^= 0x40;
    nwsb_bundle *b = NULL;
    nwsb_diag d;
    CHECK_INT(open_image(&img, &b, &d), NWSB_OK);
    if (b) {
        nwsb_image_stream s;
        CHECK_INT(nwsb_image_open(b, 0, &s, &d), NWSB_E_IMAGE_CRC);
        CHECK_STR(d.part, "image");
        CHECK_INT(d.index, 0);
        CHECK_INT(nwsb_image_open(b, 1, &s, &d), NWSB_OK);
        nwsb_close(b);
    }
    img.data[data + 5] ^= 0x40;
    /* an image table entry out of order is refused at open (its section
     * CRC is made to match, as a crafted file would) */
    uint32_t tsize, tdirent;
    uint32_t tab = section_offset(&img, NWSB_SEC_IMAGES, &tsize, &tdirent);
    uint8_t *e1 = img.data + tab + NWSB_TABLE_HEAD + NWSB_IMAGE_ENTRY_SIZE;
    uint32_t keep = nwsb_get32(e1 + NWSB_I_TEXT_OFFSET);
    nwsb_put32(e1 + NWSB_I_TEXT_OFFSET, 0);
    reseal_section(&img, tdirent);
    CHECK_INT(open_image(&img, &b, &d), NWSB_E_CORRUPT);
    CHECK_STR(d.part, "image table");
    nwsb_put32(e1 + NWSB_I_TEXT_OFFSET, keep);
    buf_free(&img);
}

static void references_and_formats(void)
{
    char dir[] = "/tmp/nwimgXXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char cmd[4200], page[300], why[256], self[4096];
    /* mkimages is built beside this program (make test-programs) */
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    self[n > 0 ? n : 0] = 0;
    char *slash = strrchr(self, '/');
    if (slash)
        *slash = 0;
    snprintf(cmd, sizeof cmd, "%s/mkimages %s", slash ? self : "build", dir);
    CHECK_INT(system(cmd), 0);
    snprintf(page, sizeof page, "%s/page.html", dir);
    nwbuf bytes = {0};
    gray_image g;
    /* relative, with a query; file: URL with percent-escapes; data: URI */
    CHECK_INT(image_fetch(page, "photo.png?v=3#x", &bytes, why, sizeof why), IMAGE_OK);
    CHECK_INT(image_decode(bytes.data, bytes.len, 320, 1000, &g, why, sizeof why), IMAGE_OK);
    CHECK_INT(g.w, 320); /* 640x400 halved, aspect kept */
    CHECK_INT(g.h, 200);
    /* the right edge fades out by alpha, composed over white */
    CHECK(g.pix[100 * 320 + 319] > 230);
    CHECK(g.pix[100 * 320 + 100] < 150); /* inside the dark disc */
    gray_image_free(&g);
    char url[400];
    snprintf(url, sizeof url, "file://%s/%%70hoto.jpg", dir);
    CHECK_INT(image_fetch(page, url, &bytes, why, sizeof why), IMAGE_OK);
    CHECK_INT(image_decode(bytes.data, bytes.len, 400, 400, &g, why, sizeof why), IMAGE_OK);
    CHECK_INT(g.w, 400); /* 1600x1000 to fit 400x400 */
    CHECK_INT(g.h, 250);
    gray_image_free(&g);
    CHECK_INT(image_fetch(page, "data:text/plain,a%20b", &bytes, why, sizeof why), IMAGE_OK);
    CHECK_INT(bytes.len, 3);
    CHECK_INT(image_fetch(page, "data:image/png;base64,iVBORw0KGgo=", &bytes, why, sizeof why),
              IMAGE_OK);
    CHECK(bytes.len == 8 && memcmp(bytes.data, "\x89PNG\r\n\x1a\n", 8) == 0);
    CHECK_INT(image_fetch(page, "https://example.com/a.jpg", &bytes, why, sizeof why),
              IMAGE_REMOTE);
    CHECK_INT(image_fetch(page, "//cdn.example.com/a.jpg", &bytes, why, sizeof why),
              IMAGE_REMOTE);
    CHECK_INT(image_fetch(page, "cid:part1", &bytes, why, sizeof why), IMAGE_FAILED);
    CHECK_INT(image_fetch(page, "missing.png", &bytes, why, sizeof why), IMAGE_FAILED);
    CHECK(strstr(why, "missing.png") != NULL);
    /* formats: gray JPEG, Adobe CMYK, cut-off JPEG, GIF */
    static const struct {
        const char *file;
        int rc;
        const char *why;
    } cases[] = {{"gray.jpg", IMAGE_OK, NULL},
                 {"cmyk.jpg", IMAGE_OK, NULL},
                 {"cut.jpg", IMAGE_FAILED, "broken JPEG"},
                 {"fake.gif", IMAGE_FAILED, "GIF is not supported"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CHECK_INT(image_fetch(page, cases[i].file, &bytes, why, sizeof why), IMAGE_OK);
        int rc = image_decode(bytes.data, bytes.len, 1000, 1000, &g, why, sizeof why);
        CHECK_INT(rc, cases[i].rc);
        if (cases[i].why)
            CHECK(strstr(why, cases[i].why) != NULL);
        if (rc == IMAGE_OK) {
            CHECK_INT(g.w, 300);
            CHECK_INT(g.h, 200);
            /* the sky (top) is light, the stripes' dark bars dark */
            CHECK(g.pix[5 * 300 + 250] > 180);
            gray_image_free(&g);
        }
    }
    buf_free(&bytes);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK_INT(system(cmd), 0);
}

/* Render a bundle holding one flat picture on a board; returns the share
 * of black pixels inside it, in per mille (-1 on failure). */
static int black_share(uint8_t level, const char *board, nws_dither dither, unsigned *levels)
{
    nwbuf img = {0};
    char path[] = "/tmp/nwpicXXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    close(fd);
    build_one(picture_article(flat(400, 300, level), 400, 300, flat(40, 40, level), 40, 40),
              &img);
    atomic_write(path, img.data, img.len);
    buf_free(&img);
    view v;
    view_options o;
    test_view_options(&o, board, 0);
    o.dither = dither;
    int share = -1;
    if (view_open(&v, path, &o) == 0) {
        for (uint32_t n = 1; n <= v.book.total && share < 0; n++) {
            view_render(&v, n);
            for (uint32_t i = 0; i < v.page.nruns; i++) {
                const lay_run *r = &v.page.runs[i];
                if (!(r->flags & LAY_RUN_IMAGE) || r->img_w < 100)
                    continue;
                int x0 = (r->x + 32) >> 6, y1 = (r->y + 32) >> 6;
                unsigned black = 0, seen[256] = {0};
                for (int y = y1 - r->img_h; y < y1; y++)
                    for (int x = x0; x < x0 + r->img_w; x++) {
                        uint8_t g = v.gray[(size_t)y * v.board->width + (size_t)x];
                        black += g == 0;
                        seen[g] = 1;
                    }
                *levels = 0;
                for (int k = 0; k < 256; k++)
                    *levels += seen[k];
                share = (int)(1000u * black / ((unsigned)r->img_w * r->img_h));
            }
        }
    }
    CHECK_INT(v.picture_failures, 0);
    view_close(&v);
    unlink(path);
    return share;
}

static void dithering_keeps_the_tone(void)
{
    unsigned levels = 0;
    /* 1-bit panel: mid gray is half black with either kernel */
    int fs = black_share(128, "waveshare-7in5-v2", NWS_DITHER_FLOYD_STEINBERG, &levels);
    CHECK(fs >= 470 && fs <= 530);
    CHECK_INT(levels, 2);
    int atk = black_share(128, "waveshare-7in5-v2", NWS_DITHER_ATKINSON, &levels);
    CHECK(atk >= 400 && atk <= 600);
    /* a quarter gray: a quarter black */
    int q = black_share(191, "waveshare-7in5-v2", NWS_DITHER_FLOYD_STEINBERG, &levels);
    CHECK(q >= 220 && q <= 280);
    /* no dithering posterises: all one level */
    int none = black_share(128, "waveshare-7in5-v2", NWS_DITHER_NONE, &levels);
    CHECK(none == 0 || none == 1000);
    CHECK_INT(levels, 1);
    /* a 16-level panel mixes the two levels nearest the tone, no black */
    int gray = black_share(128, "kobo-clara-hd", NWS_DITHER_FLOYD_STEINBERG, &levels);
    CHECK_INT(gray, 0);
    CHECK(levels >= 1 && levels <= 2);
}

static void pictures_fit_and_never_split(void)
{
    /* tall pictures on a small panel: each must be scaled to the page and
     * stand whole inside the text area */
    nws_article *a = article_new("tall.html");
    article_set(a, NWSB_FIELD_TITLE, "Tall", 4);
    nws_builder b;
    builder_init(&b, a, 0);
    for (int i = 0; i < 4; i++) {
        const char *t = "Words before a tall picture, enough of them to fill a line or two.";
        builder_block(&b, NWS_BLOCK_PARAGRAPH, 0, 0);
        builder_text(&b, t, strlen(t));
        builder_image(&b, ramp(500, 1400), 500, 1400, "A tall one.");
    }
    builder_finish(&b);
    nwbuf img = {0};
    CHECK_INT(build_one(a, &img), 0);
    char path[] = "/tmp/nwtallXXXXXX";
    int fd = mkstemp(path);
    close(fd);
    atomic_write(path, img.data, img.len);
    buf_free(&img);
    view v;
    view_options o;
    test_view_options(&o, "waveshare-4in2", 0);
    unsigned pictures = 0;
    if (view_open(&v, path, &o) == 0) {
        const lay_config *c = &v.lay.cfg;
        for (uint32_t n = 1; n <= v.book.total; n++) {
            CHECK_INT(view_render(&v, n), 0);
            for (uint32_t i = 0; i < v.page.nruns; i++) {
                const lay_run *r = &v.page.runs[i];
                if (!(r->flags & LAY_RUN_IMAGE))
                    continue;
                pictures++;
                int32_t top = r->y - r->img_h * 64, bottom = r->y;
                CHECK(top >= c->margin_top * 64);
                CHECK(bottom <= (c->height - c->margin_bottom) * 64);
                CHECK(r->x >= c->margin_left * 64);
                CHECK(r->x + r->img_w * 64 <= (c->width - c->margin_right) * 64);
                /* aspect kept within a pixel */
                CHECK(abs((int)r->img_w * 1400 - (int)r->img_h * 500) <= 1400);
            }
        }
        CHECK_INT(v.picture_failures, 0);
    } else {
        CHECK(!"view_open");
    }
    CHECK_INT(pictures, 4);
    view_close(&v);
    unlink(path);
}

/* A bundle written by newspack 0.1 (format 1.0: 48-byte article entries,
 * no pictures) opens, reads and lays out as before. */
static void format_1_0_bundles_still_open(void)
{
    FILE *f = fopen("tests/data/format-1.0.nwsb", "rb");
    nwbuf img = {0};
    CHECK(f != NULL);
    if (!f)
        return;
    buf_reserve(&img, 4096);
    img.len = fread(img.data, 1, img.cap, f);
    fclose(f);
    nwsb_bundle *b = NULL;
    nwsb_diag d;
    CHECK_INT(open_image(&img, &b, &d), NWSB_OK);
    if (b) {
        unsigned major, minor;
        nwsb_version(b, &major, &minor);
        CHECK_INT(minor, 0);
        nwsb_article a;
        CHECK_INT(nwsb_article_get(b, 0, &a), NWSB_OK);
        CHECK_INT(a.script, 0);
        CHECK_INT(a.flags, 0);
        CHECK_INT(nwsb_image_count(b), 0);
        char title[128];
        nwsb_article_field(b, 0, NWSB_FIELD_TITLE, title, sizeof title);
        CHECK_STR(title, "Night ferry returns to the harbour after a winter away");
        size_t len;
        char *text = read_article_stream(b, 0, &len);
        CHECK(text && len > 100);
        free(text);
        nwsb_close(b);
    }
    buf_free(&img);
}

const test_case image_tests[] = {
    {"format_1_0_bundles_still_open", format_1_0_bundles_still_open},
    {"pictures_round_trip_losslessly", pictures_round_trip_losslessly},
    {"damaged_pictures_are_caught", damaged_pictures_are_caught},
    {"references_and_formats", references_and_formats},
    {"dithering_keeps_the_tone", dithering_keeps_the_tone},
    {"pictures_fit_and_never_split", pictures_fit_and_never_split},
    {NULL, NULL}};
