/* test_reader.c -- the reader's state machine, the saved position and the
 * refresh policy. */
#include <stdlib.h>
#include <unistd.h>

#include "../../src/host/atomic_file.h"
#include "../../src/app/view.h"
#include "../../src/reader/reader.h"
#include "../../src/reader/refresh.h"
#include "../../src/reader/state.h"
#include "helpers.h"
#include "test.h"

static nws_state sample_state(uint32_t article, uint32_t offset)
{
    nws_state st = {0};
    st.bundle_id = 0x1122334455667788ull;
    st.article = article;
    st.offset = offset;
    st.page_hint = 7;
    st.font_size_10 = 110;
    return st;
}

static int same_state(const nws_state *a, const nws_state *b)
{
    return a->bundle_id == b->bundle_id && a->article == b->article && a->offset == b->offset &&
           a->font_size_10 == b->font_size_10 && a->seq == b->seq;
}

static void saved_state_survives_any_damage(void)
{
    uint8_t file[NWS_STATE_SIZE] = {0}, slot[NWS_STATE_SLOT];
    nws_state st = sample_state(2, 1000), got;
    CHECK_INT(state_load(file, sizeof file, &got), 0); /* empty: nothing */
    uint32_t at = state_save(&st, slot);
    memcpy(file + at, slot, NWS_STATE_SLOT);
    nws_state older = st;
    CHECK_INT(state_load(file, sizeof file, &got), 1);
    CHECK(same_state(&got, &older));
    nws_state newer = st;
    newer.offset = 2000;
    uint32_t at2 = state_save(&newer, slot);
    CHECK(at2 != at); /* saves alternate between the slots */
    /* a power cut while writing the new slot: any prefix of it written */
    for (uint32_t k = 0; k <= NWS_STATE_SLOT; k++) {
        uint8_t f[NWS_STATE_SIZE];
        memcpy(f, file, sizeof f);
        memcpy(f + at2, slot, k);
        CHECK_INT(state_load(f, sizeof f, &got), 1);
        CHECK(same_state(&got, k == NWS_STATE_SLOT ? &newer : &older));
    }
    memcpy(file + at2, slot, NWS_STATE_SLOT);
    /* the file cut at every length: the newest slot that is whole, or none */
    for (uint32_t len = 0; len <= NWS_STATE_SIZE; len++) {
        int r = state_load(file, len, &got);
        if (len < NWS_STATE_SLOT) {
            CHECK_INT(r, 0);
        } else {
            CHECK_INT(r, 1);
            const nws_state *want = len == NWS_STATE_SIZE || at2 == 0 ? &newer : &older;
            CHECK(same_state(&got, want));
        }
    }
    /* one garbled byte anywhere: the other slot carries on */
    for (uint32_t i = 0; i < NWS_STATE_SIZE; i++) {
        for (int bit = 0; bit < 8; bit += 3) {
            uint8_t f[NWS_STATE_SIZE];
            memcpy(f, file, sizeof f);
            f[i] ^= (uint8_t)(1u << bit);
            CHECK_INT(state_load(f, sizeof f, &got), 1);
            int in_new = i >= at2 && i < at2 + NWS_STATE_SLOT;
            CHECK(same_state(&got, in_new ? &older : &newer));
        }
    }
    /* sequence numbers that wrap still order the slots */
    nws_state w = sample_state(1, 1);
    w.seq = 0xFFFFFFFEu;
    memset(file, 0, sizeof file);
    at = state_save(&w, slot); /* seq 0xFFFFFFFF */
    memcpy(file + at, slot, NWS_STATE_SLOT);
    w.offset = 5;
    at = state_save(&w, slot); /* seq 0 */
    memcpy(file + at, slot, NWS_STATE_SLOT);
    CHECK_INT(state_load(file, sizeof file, &got), 1);
    CHECK_INT(got.offset, 5);
}

static void fb_for(const nws_board *b, nws_fb *fb, unsigned fill)
{
    size_t n = fb_bytes(b->width, b->height, b->gray_levels);
    fb_init(fb, b->width, b->height, b->gray_levels, malloc(n), n);
    fb_fill(fb, fill);
}

static void refresh_policy_picks_modes(void)
{
    const nws_board *kobo = board_find("kobo-clara-hd");
    nws_fb a, b;
    fb_for(kobo, &a, 15);
    fb_for(kobo, &b, 15);
    nws_refresh_state st = {0};
    nws_refresh r;
    CHECK_INT(refresh_plan(kobo, &st, &a, &b, NWS_CHANGE_FIRST, 0, 0, &r), 0);
    CHECK(r.full);
    CHECK_STR(r.mode->name, "GC16");
    CHECK_INT(r.time_ms, 450);
    /* a small change: its box, in the gray text mode */
    fb_fill_rect(&b, 100, 200, 30, 10, 0);
    CHECK_INT(refresh_plan(kobo, &st, &a, &b, NWS_CHANGE_PAGE, 0, 0, &r), 0);
    CHECK(!r.full);
    CHECK_STR(r.mode->name, "GL16");
    CHECK_INT(r.rect.x, 100);
    CHECK_INT(r.rect.y, 200);
    CHECK_INT(r.rect.w, 30);
    CHECK_INT(r.rect.h, 10);
    CHECK_INT(st.partials, 1);
    /* the sixth partial is allowed, the seventh page turn flashes */
    size_t bytes = (size_t)a.stride * a.height;
    for (int i = 0; i < 5; i++) {
        memcpy(a.pix, b.pix, bytes);
        fb_fill_rect(&b, 400 + 10 * i, 500, 5, 5, 0);
        refresh_plan(kobo, &st, &a, &b, NWS_CHANGE_PAGE, 0, 0, &r);
        CHECK(!r.full);
    }
    CHECK_INT(st.partials, 6);
    memcpy(a.pix, b.pix, bytes);
    fb_fill_rect(&b, 300, 300, 5, 5, 0);
    refresh_plan(kobo, &st, &a, &b, NWS_CHANGE_PAGE, 0, 0, &r);
    CHECK(r.full);
    CHECK_STR(r.reason, "partial updates reached the limit");
    CHECK_INT(st.partials, 0);
    /* a user setting of 2 */
    for (int i = 0; i < 2; i++) {
        memcpy(a.pix, b.pix, bytes);
        fb_fill_rect(&b, 10, 10 + 10 * i, 5, 5, 0);
        refresh_plan(kobo, &st, &a, &b, NWS_CHANGE_PAGE, 0, 2, &r);
        CHECK(!r.full);
    }
    memcpy(a.pix, b.pix, bytes);
    fb_fill_rect(&b, 50, 50, 5, 5, 0);
    refresh_plan(kobo, &st, &a, &b, NWS_CHANGE_PAGE, 0, 2, &r);
    CHECK(r.full);
    /* a highlight uses the fastest non-flashing mode and never flashes */
    memcpy(a.pix, b.pix, bytes);
    fb_fill_rect(&a, 0, 0, 20, 20, 0);
    refresh_plan(kobo, &st, &b, &a, NWS_CHANGE_HIGHLIGHT, 0, 0, &r);
    CHECK_STR(r.mode->name, "A2");
    CHECK(!r.full);
    /* a picture on screen: leaving it flashes */
    refresh_plan(kobo, &st, &a, &b, NWS_CHANGE_PAGE, 1, 0, &r);
    fb_fill_rect(&a, 70, 70, 5, 5, 0);
    refresh_plan(kobo, &st, &b, &a, NWS_CHANGE_PAGE, 0, 0, &r);
    CHECK(r.full);
    CHECK_STR(r.reason, "a picture left the screen");
    /* a whole black screen turning white: ghosting over the limit */
    fb_fill(&a, 0);
    fb_fill(&b, 0);
    st = (nws_refresh_state){0};
    refresh_plan(kobo, &st, &a, &b, NWS_CHANGE_PAGE, 0, 0, &r); /* nothing changed */
    CHECK_INT(r.rect.w, 0);
    CHECK_INT(r.time_ms, 0);
    fb_fill(&b, 15);
    refresh_plan(kobo, &st, &a, &b, NWS_CHANGE_PAGE, 0, 0, &r);
    CHECK(r.full);
    CHECK_STR(r.reason, "ghosting estimate over the limit");
    free(a.pix);
    free(b.pix);
    /* a 1-bit SPI panel: partial for turns, its full mode when due */
    const nws_board *ws = board_find("waveshare-7in5-v2");
    fb_for(ws, &a, 1);
    fb_for(ws, &b, 1);
    st = (nws_refresh_state){0};
    refresh_plan(ws, &st, &a, &b, NWS_CHANGE_FIRST, 0, 0, &r);
    CHECK_STR(r.mode->name, "full");
    fb_fill_rect(&b, 9, 3, 17, 2, 0);
    refresh_plan(ws, &st, &a, &b, NWS_CHANGE_PAGE, 0, 0, &r);
    CHECK_STR(r.mode->name, "partial");
    CHECK_INT(r.rect.x, 8); /* whole bytes of eight pixels */
    CHECK_INT(r.rect.w, 24);
    free(a.pix);
    free(b.pix);
}

/* The samples (5 articles) as a bundle file; its path in path. */
static int samples_bundle(char *path)
{
    static const char *const samples[] = {"docs/samples"};
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    close(fd);
    return pack_files(samples, 1, path);
}

static int open_at(view *v, const char *path, const char *board, unsigned size10)
{
    view_options o;
    test_view_options(&o, board, size10);
    return view_open(v, path, &o);
}

static void reader_moves_and_keeps_its_place(void)
{
    char path[] = "/tmp/nwreadXXXXXX";
    CHECK_INT(samples_bundle(path), 0);
    view v;
    if (open_at(&v, path, "waveshare-4in2", 110) < 0) {
        CHECK(!"view_open");
        view_close(&v);
        return;
    }
    nws_reader r;
    nws_book *bk = &v.book;
    reader_init(&r, bk, 110);
    CHECK_INT(bk->articles, 5);
    CHECK_INT(r.page, 1);
    CHECK_INT(reader_key(&r, NWS_KEY_PREV, 0), NWS_DO_NOTHING); /* first page */
    /* contents: down twice moves the highlight, enter opens article 3 */
    CHECK_INT(reader_key(&r, NWS_KEY_DOWN, 0), NWS_DO_HIGHLIGHT);
    CHECK_INT(reader_key(&r, NWS_KEY_DOWN, 0), NWS_DO_HIGHLIGHT);
    CHECK_INT(r.selected, 2);
    CHECK_INT(reader_key(&r, NWS_KEY_ENTER, 0), NWS_DO_PAGE);
    CHECK_INT(r.page, bk->first_page[2]);
    CHECK_INT(reader_page(&r, &v.page), 0);
    CHECK_INT(r.article, 2);
    nws_where w;
    reader_where(&r, &w);
    CHECK_INT(w.article, 3);
    CHECK_INT(w.articles, 5);
    CHECK_INT(w.page_in_article, 1);
    /* next article, previous article, back */
    CHECK_INT(reader_key(&r, NWS_KEY_NEXT_ARTICLE, 0), NWS_DO_PAGE);
    CHECK_INT(r.page, bk->first_page[3]);
    CHECK_INT(reader_key(&r, NWS_KEY_BACK, 0), NWS_DO_PAGE);
    CHECK_INT(r.page, bk->first_page[2]);
    CHECK_INT(reader_key(&r, NWS_KEY_BACK, 0), NWS_DO_PAGE); /* to the contents */
    CHECK_INT(r.page, 1);
    CHECK_INT(reader_key(&r, NWS_KEY_BACK, 0), NWS_DO_NOTHING);
    /* the contents open with the article being read selected */
    reader_key(&r, NWS_KEY_GOTO, bk->first_page[4] + 1);
    CHECK_INT(reader_key(&r, NWS_KEY_CONTENTS, 0), NWS_DO_PAGE);
    CHECK_INT(r.selected, 4);
    CHECK_INT(reader_key(&r, NWS_KEY_DOWN, 0), NWS_DO_NOTHING); /* the last one */
    /* goto clamps; next on the last page does nothing */
    CHECK_INT(reader_key(&r, NWS_KEY_GOTO, 100000), NWS_DO_PAGE);
    CHECK_INT(r.page, bk->total);
    CHECK_INT(reader_key(&r, NWS_KEY_NEXT, 0), NWS_DO_NOTHING);
    /* a font-size change on the last page keeps the text on screen */
    CHECK_INT(reader_page(&r, &v.page), 0);
    uint32_t article = r.article, offset = r.offset;
    CHECK_INT(reader_key(&r, NWS_KEY_SIZE_UP, 0), NWS_DO_RELAYOUT);
    CHECK_INT(r.font_size_10, 120);
    view_close(&v);
    CHECK_INT(open_at(&v, path, "waveshare-4in2", r.font_size_10), 0);
    CHECK_INT(reader_relayout(&r, &v.book, &v.page), 0);
    CHECK_INT(reader_page(&r, &v.page), 0);
    CHECK_INT(r.article, article);
    CHECK(r.offset <= offset);
    if (r.page < v.book.first_page[article] + v.book.pages[article] - 1) {
        /* the next page starts after the old position */
        lay_page *p = &v.page;
        CHECK_INT(book_page(&v.book, r.page + 1, p), 0);
        CHECK(p->text_start > offset);
    }
    /* saved and restored, on a fresh session */
    nws_state st = {0};
    uint64_t id = nwsb_identity(v.bf.b);
    reader_save(&r, id, &st);
    uint32_t page = r.page;
    view_close(&v);
    CHECK_INT(open_at(&v, path, "waveshare-4in2", st.font_size_10), 0);
    nws_reader r2;
    reader_init(&r2, &v.book, st.font_size_10);
    CHECK_INT(reader_restore(&r2, &st, nwsb_identity(v.bf.b), &v.page), 1);
    CHECK_INT(r2.page, page);
    /* a state for another bundle is not used */
    st.bundle_id ^= 1;
    nws_reader r3;
    reader_init(&r3, &v.book, 110);
    CHECK_INT(reader_restore(&r3, &st, nwsb_identity(v.bf.b), &v.page), 0);
    CHECK_INT(r3.page, 1);
    view_close(&v);
    unlink(path);
}

/* A lazily paginated book does only the work asked for, and ends up with
 * the same page numbers as one paginated at once. */
static void pagination_is_lazy_and_bounded(void)
{
    char path[] = "/tmp/nwlazyXXXXXX";
    CHECK_INT(samples_bundle(path), 0);
    view eager, lazy;
    view_options o;
    test_view_options(&o, "waveshare-4in2", 0);
    CHECK_INT(view_open(&eager, path, &o), 0);
    o.lazy = 1;
    CHECK_INT(view_open(&lazy, path, &o), 0);
    nws_book *bk = &lazy.book;
    CHECK_INT(bk->done, 0);
    CHECK(!bk->complete);
    CHECK_INT(bk->total, bk->contents_pages);
    /* a position in article 3 paginates articles 0..3 only */
    nws_reader r;
    reader_init(&r, bk, 110);
    nwsb_article a;
    nwsb_article_get(lazy.bf.b, 3, &a);
    r.article = 3;
    r.offset = a.text_offset;
    CHECK_INT(reader_relayout(&r, bk, &lazy.page), 0);
    CHECK_INT(bk->done, 4);
    CHECK(!bk->complete);
    CHECK_INT(r.page, eager.book.first_page[3]);
    /* the footer does not claim a page count it does not know */
    CHECK_INT(reader_page(&r, &lazy.page), 0);
    int dots = 0;
    for (uint32_t i = 0; i < lazy.page.nruns; i++) {
        const lay_run *run = &lazy.page.runs[i];
        const char *t = (const char *)lazy.page.pool + run->text;
        for (uint32_t k = 0; k + 3 <= run->len; k++)
            dots |= memcmp(t + k, "\xE2\x80\xA6", 3) == 0 && k > 0 && t[k - 1] == ' ';
    }
    CHECK(dots);
    /* one step per pause, then the same numbers as the eager book */
    int steps = 0;
    while (book_step(bk) == 1)
        steps++;
    CHECK_INT(steps, 0); /* article 4 was the last one left */
    CHECK(bk->complete);
    CHECK_INT(bk->total, eager.book.total);
    for (uint32_t i = 0; i < bk->articles; i++) {
        CHECK_INT(bk->first_page[i], eager.book.first_page[i]);
        CHECK_INT(bk->pages[i], eager.book.pages[i]);
    }
    /* "next" past what is counted paginates on demand */
    view_close(&lazy);
    CHECK_INT(view_open(&lazy, path, &o), 0);
    reader_init(&r, &lazy.book, 110);
    CHECK_INT(reader_key(&r, NWS_KEY_GOTO, eager.book.total), NWS_DO_PAGE);
    CHECK_INT(r.page, eager.book.total);
    CHECK(lazy.book.complete);
    view_close(&lazy);
    view_close(&eager);
    unlink(path);
}

const test_case reader_tests[] = {
    {"pagination_is_lazy_and_bounded", pagination_is_lazy_and_bounded},
    {"saved_state_survives_any_damage", saved_state_survives_any_damage},
    {"refresh_policy_picks_modes", refresh_policy_picks_modes},
    {"reader_moves_and_keeps_its_place", reader_moves_and_keeps_its_place},
    {NULL, NULL}};
