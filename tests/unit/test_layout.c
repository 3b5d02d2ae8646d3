/* test_layout.c -- pages keep every word exactly once, no line is wider
 * than its measure, and three boards render as their golden pages. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/core/utf8.h"
#include "../../src/host/atomic_file.h"
#include "../../src/host/png_write.h"
#include "../../src/app/view.h"
#include "../../src/layout/layout_internal.h"
#include "../../src/text/breaks.h"
#include "helpers.h"
#include "test.h"

#define CORPUS "../shared/corpus"

static void norm_add(nwbuf *b, const uint8_t *s, size_t n, int *space)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int ok;
        size_t k = utf8_decode(s + i, n - i, &cp, &ok);
        if (cp == ' ' || cp == '\n') {
            *space = b->len > 0 && b->data[b->len - 1] != '\n';
        } else if (!nws_is_invisible(cp)) {
            if (*space)
                buf_addc(b, ' ');
            *space = 0;
            buf_add(b, s + i, k);
        }
        i += k;
    }
}

/* The article's body as the stream has it: blocks on lines. */
static char *expected_text(nwsb_bundle *b, uint32_t art)
{
    size_t len;
    char *stream = read_article_stream(b, art, &len);
    nwbuf out = {0};
    nws_scanner sc;
    nws_token t;
    int space = 0;
    nws_scan_init(&sc, (const uint8_t *)stream, 0, (uint32_t)len);
    while (nws_scan_next(&sc, &t) == 1) {
        if (t.kind == NWS_TOK_BLOCK && out.len) {
            buf_addc(&out, '\n');
            space = 0;
        } else if (t.kind == NWS_TOK_BREAK) {
            space = out.len > 0 && out.data[out.len - 1] != '\n';
        } else if (t.kind == NWS_TOK_TEXT) {
            norm_add(&out, t.text, t.len, &space);
        }
    }
    free(stream);
    return buf_take_str(&out);
}

typedef struct page_check {
    unsigned overfull, outside, text_mismatch, articles, pages, load_errors, stale;
} page_check;

static void check_board(const char *bundle, const char *board, unsigned size10, page_check *pc,
                        int draw)
{
    view v;
    view_options o;
    test_view_options(&o, board, size10);
    memset(pc, 0, sizeof *pc);
    if (view_open(&v, bundle, &o) < 0) {
        CHECK(!"view_open");
        view_close(&v);
        return;
    }
    nws_layout *l = &v.lay;
    int32_t right = (l->cfg.width - l->cfg.margin_right) * 64;
    int32_t bottom = (l->cfg.height - l->cfg.margin_bottom) * 64;
    for (uint32_t a = 0; a < v.book.articles; a++) {
        nwbuf got = {0};
        int space = 0;
        for (uint32_t p = 0; p < v.book.pages[a]; p++) {
            CHECK_INT(draw ? view_render(&v, v.book.first_page[a] + p)
                           : view_layout(&v, v.book.first_page[a] + p), 0);
            const lay_page *pg = &v.page;
            CHECK(!pg->truncated);
            /* only the rows inked then or now were packed: the rest of
             * the panel must still be what a whole packing writes */
            size_t nb = fb_native_bytes(v.board);
            uint8_t *whole = draw ? malloc(nb) : NULL;
            if (whole && fb_pack(&v.fb, v.board, whole, nb) == 0)
                pc->stale += memcmp(whole, v.native, nb) != 0;
            free(whole);
            pc->pages++;
            for (uint32_t i = 0; i < pg->nruns; i++) {
                const lay_run *r = &pg->runs[i];
                if (r->flags & (LAY_RUN_DECORATION | LAY_RUN_META))
                    continue;
                int32_t w = layout_measure(l, r->style, r->size, pg->pool + r->text, r->len);
                if (r->flags & LAY_RUN_HYPHEN)
                    w += fonts_glyph(l->fonts, r->style, r->size, '-')->advance;
                if (r->x + w > right || r->x < l->cfg.margin_left * 64) {
                    if (!pc->overfull)
                        fprintf(stderr, "  %s: page %u: run \"%.*s\" ends at %d > %d\n", board,
                                v.book.first_page[a] + p, r->len, pg->pool + r->text,
                                (r->x + w) / 64, right / 64);
                    pc->overfull++;
                }
                if (r->y > bottom || r->y < 0)
                    pc->outside++;
                if ((r->flags & LAY_RUN_BLOCK_START) && got.len) {
                    buf_addc(&got, '\n');
                    space = 0;
                } else if (r->flags & LAY_RUN_SPACE_BEFORE) {
                    space = got.len > 0 && got.data[got.len - 1] != '\n';
                }
                norm_add(&got, pg->pool + r->text, r->len, &space);
            }
        }
        char *g = buf_take_str(&got);
        char *want = expected_text(v.bf.b, a);
        if (strcmp(g, want) != 0) {
            size_t k = 0;
            while (g[k] && g[k] == want[k])
                k++;
            if (!pc->text_mismatch)
                fprintf(stderr, "  %s: article %u differs at byte %zu: got \"%.40s\" want \"%.40s\"\n",
                        board, a + 1, k, g + k, want + k);
            pc->text_mismatch++;
        }
        pc->articles++;
        free(g);
        free(want);
    }
    pc->load_errors = v.fonts.load_errors;
    view_close(&v);
}

static const char *tmp_bundle(const char *name)
{
    static char path[256];
    snprintf(path, sizeof path, "/tmp/nws-test-%d-%s.nwsb", (int)getpid(), name);
    return path;
}

static void pages_keep_all_text_and_fit(void)
{
    const char *files[] = {CORPUS "/seed", CORPUS "/news-text", "docs/samples"};
    const char *path = tmp_bundle("corpus");
    struct stat st;
    size_t nf = stat(CORPUS "/news-text", &st) == 0 ? 3 : 0;
    if (!nf) {
        fprintf(stderr, "  (shared corpus absent: samples only)\n");
        files[0] = "docs/samples";
        nf = 1;
    }
    CHECK_INT(pack_files(nf == 3 ? files : files, nf, path), 0);
    static const struct {
        const char *board;
        unsigned size10;
    } cases[] = {{"waveshare-7in5-v2", 0}, {"lilygo-t5-4in7", 0}, {"kobo-clara-hd", 160},
                 {"kobo-clara-hd", 0}, {"waveshare-2in13-v4", 0}, {"it8951-10in3", 70},
                 {"inkplate-6", 0}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        page_check pc;
        /* drawing every page too: no glyph may fail to load */
        check_board(path, cases[i].board, cases[i].size10, &pc, i < 2);
        CHECK(pc.articles > 0 && pc.pages >= pc.articles);
        CHECK_INT(pc.load_errors, 0);
        CHECK_INT(pc.text_mismatch, 0);
        CHECK_INT(pc.overfull, 0);
        CHECK_INT(pc.outside, 0);
        CHECK_INT(pc.stale, 0);
    }
    unlink(path);
}

static void pathological_paragraphs(void)
{
    /* one 200 KB paragraph, a word longer than any line, tiny records */
    const char *path = tmp_bundle("patho"), *src = "/tmp/nws-test-patho.txt";
    FILE *f = fopen(src, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fprintf(f, "Pathological\n");
    for (int i = 0; i < 20000; i++)
        fprintf(f, "w%d%s", i, i % 997 == 0 ? " Pneumonoultramicroscopicsilicovolcanoconiosis"
                                              "AndThenSomeMoreLettersWithoutAnySpace " : " ");
    fprintf(f, "\nA short closing paragraph.\n");
    fclose(f);
    const char *files[] = {src};
    CHECK_INT(pack_files(files, 1, path), 0);
    page_check pc;
    check_board(path, "waveshare-2in13-v4", 0, &pc, 0);
    CHECK(pc.pages > 50);
    CHECK_INT(pc.text_mismatch, 0);
    CHECK_INT(pc.overfull, 0);
    check_board(path, "kobo-clara-hd", 0, &pc, 0);
    CHECK_INT(pc.text_mismatch, 0);
    CHECK_INT(pc.overfull, 0);
    unlink(path);
    unlink(src);
}

/* Golden pages: guarded by the FreeType version they were made with. */
static void golden_pages(void)
{
    static const struct {
        const char *board;
        uint32_t page;
    } cases[] = {{"waveshare-7in5-v2", 3}, {"kobo-clara-hd", 3}, {"lilygo-t5-4in7", 6}};
    const char *files[] = {"docs/samples"};
    const char *path = tmp_bundle("golden");
    int update = getenv("UPDATE_GOLDEN") != NULL;
    CHECK_INT(pack_files(files, 1, path), 0);
    char want_ver[32] = "", have_ver[32];
    FILE *vf = fopen("tests/golden/FREETYPE_VERSION", "r");
    if (vf) {
        if (!fgets(want_ver, sizeof want_ver, vf))
            want_ver[0] = '\0';
        want_ver[strcspn(want_ver, "\n")] = '\0';
        fclose(vf);
    }
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        view v;
        view_options o;
        test_view_options(&o, cases[i].board, 0);
        if (view_open(&v, path, &o) < 0) {
            CHECK(!"view_open");
            view_close(&v);
            continue;
        }
        fonts_engine_version(&v.fonts, have_ver, sizeof have_ver);
        CHECK_INT(view_render(&v, cases[i].page), 0);
        char golden[256], err[256];
        snprintf(golden, sizeof golden, "tests/golden/%s-page%u.png", cases[i].board,
                 cases[i].page);
        if (update) {
            CHECK_INT(png_write_gray(golden, v.gray, v.board->width, v.board->height), 0);
            FILE *w = fopen("tests/golden/FREETYPE_VERSION", "w");
            if (w) {
                fprintf(w, "%s\n", have_ver);
                fclose(w);
            }
        } else if (strcmp(want_ver, have_ver) != 0) {
            fprintf(stderr, "  golden %s: made with FreeType %s, this is %s: not compared\n",
                    golden, want_ver[0] ? want_ver : "?", have_ver);
        } else {
            uint32_t w, h;
            uint8_t *px = png_read_gray(golden, &w, &h);
            CHECK(px != NULL);
            if (px && (w != v.board->width || h != v.board->height)) {
                CHECK(!"golden size");
            } else if (px) {
                size_t n = (size_t)w * h, diff = 0;
                uint8_t *d = malloc(n);
                for (size_t k = 0; k < n; k++) {
                    diff += px[k] != v.gray[k];
                    /* the diff image: differing pixels black, the rest faint */
                    d[k] = px[k] != v.gray[k] ? 0 : (uint8_t)(200 + v.gray[k] / 5);
                }
                if (diff) {
                    mkdir("build", 0777);
                    snprintf(err, sizeof err, "build/%s-page%u_err.png", cases[i].board,
                             cases[i].page);
                    png_write_gray(err, d, w, h);
                    snprintf(err, sizeof err, "build/%s-page%u_out.png", cases[i].board,
                             cases[i].page);
                    png_write_gray(err, v.gray, w, h);
                    fprintf(stderr, "  %s: %zu pixels differ; see build/*_err.png\n", golden,
                            diff);
                }
                CHECK_INT(diff, 0);
                free(d);
            }
            free(px);
        }
        view_close(&v);
    }
    unlink(path);
}

/* What a page shows: every run's place, font, flags and text. */
static uint64_t page_signature(const lay_page *p)
{
    uint64_t h = 1469598103934665603ull;
    for (uint32_t i = 0; i < p->nruns; i++) {
        const lay_run *r = &p->runs[i];
        int32_t f[6] = {r->x, r->y, r->len, r->style, r->size, r->flags};
        const uint8_t *bytes[2] = {(const uint8_t *)f, p->pool + r->text};
        size_t lens[2] = {sizeof f, r->flags & LAY_RUN_IMAGE ? 0 : r->len};
        for (int k = 0; k < 2; k++)
            for (size_t j = 0; j < lens[k]; j++)
                h = (h ^ bytes[k][j]) * 1099511628211ull;
    }
    return h;
}

/* Every page of the book in order, then backwards (each jump lays its
 * article out again from the start), into sig[1..total]; returns how
 * many pages differ from want (NULL: none compared). */
static unsigned sign_pages(view *v, uint64_t *sig, const uint64_t *want)
{
    unsigned differ = 0;
    uint32_t total = v->book.total;
    for (uint32_t k = 0; k < 2 * total; k++) {
        uint32_t n = k < total ? k + 1 : 2 * total - k;
        if (view_layout(v, n) < 0)
            return total;
        uint64_t h = page_signature(&v->page);
        if (k < total)
            sig[n] = h;
        differ += want && h != want[n];
        differ += k >= total && h != sig[n];
    }
    return differ;
}

/* Boards with room keep the line breaks pagination found and set pages
 * from them: every page must be what the optimiser sets, read in order or
 * by jumps, and with a log that fills up after a few paragraphs. */
static void remembered_breaks_set_the_same_pages(void)
{
    const char *files[] = {CORPUS "/news-text", "docs/samples"};
    struct stat st;
    int corpus = stat(CORPUS "/news-text", &st) == 0;
    const char *path = tmp_bundle("memo");
    CHECK_INT(pack_files(corpus ? files : files + 1, corpus ? 2 : 1, path), 0);
    const char *boards[] = {"lilygo-t5-4in7", "kobo-clara-hd", "waveshare-7in5-v2"};
    for (size_t b = 0; b < sizeof boards / sizeof boards[0]; b++) {
        view v;
        view_options o;
        test_view_options(&o, boards[b], 0);
        if (view_open(&v, path, &o) < 0) {
            CHECK(!"view_open");
            view_close(&v);
            continue;
        }
        lay_memo *m = &v.lay.memo;
        uint32_t total = v.book.total;
        uint64_t *plain = calloc(total + 1, sizeof *plain), *sig = calloc(total + 1, sizeof *sig);
        if (!m->log) { /* a small board's arena has no room: pages as before */
            CHECK(v.board->ram_budget < 1024 * 1024);
            CHECK_INT(sign_pages(&v, plain, NULL), 0);
        } else {
            CHECK(m->len > 0); /* pagination kept them */
            CHECK_INT(sign_pages(&v, sig, NULL), 0);
            CHECK(m->replayed > 0);
            CHECK_INT(m->missed, 0);
            uint8_t *log = m->log;
            m->log = NULL; /* the optimiser for every paragraph */
            v.book.cur_article = UINT32_MAX; /* each article from its start again */
            CHECK_INT(sign_pages(&v, plain, sig), 0);
            /* a log that holds a few paragraphs of the first article */
            m->log = log;
            m->cap = 64;
            m->len = 0;
            for (uint32_t a = 0; a < m->articles; a++)
                m->from[a] = UINT32_MAX;
            v.book.cur_article = UINT32_MAX;
            uint32_t replayed = m->replayed;
            CHECK_INT(sign_pages(&v, sig, plain), 0);
            CHECK(m->len > 0 && m->len <= 64);
            CHECK(m->replayed > replayed); /* the backward pass took them */
            CHECK_INT(m->missed, 0);
        }
        free(plain);
        free(sig);
        view_close(&v);
    }
    unlink(path);
}

const test_case layout_tests[] = {{"pages_keep_all_text_and_fit", pages_keep_all_text_and_fit},
                                  {"pathological_paragraphs", pathological_paragraphs},
                                  {"golden_pages", golden_pages},
                                  {"remembered_breaks_set_the_same_pages",
                                   remembered_breaks_set_the_same_pages},
                                  {NULL, NULL}};
