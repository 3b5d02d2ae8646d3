/* reader.c -- the reader's state machine (device code). */
#include "reader.h"

#include <string.h>

void reader_init(nws_reader *r, nws_book *book, uint16_t font_size_10)
{
    memset(r, 0, sizeof *r);
    r->book = book;
    r->page = 1;
    r->font_size_10 = font_size_10;
    r->article = NWS_STATE_CONTENTS;
}

static void push(nws_reader *r)
{
    if (r->nhistory == NWS_READER_HISTORY) {
        memmove(r->history, r->history + 1, (NWS_READER_HISTORY - 1) * sizeof r->history[0]);
        r->nhistory--;
    }
    r->history[r->nhistory++] = r->page;
}

static nws_action go(nws_reader *r, uint32_t page, int remember)
{
    /* pages past those counted so far: paginate as far as needed */
    if (page > r->book->total && book_ensure_page(r->book, page) < 0)
        return NWS_DO_NOTHING;
    if (page < 1)
        page = 1;
    if (page > r->book->total)
        page = r->book->total;
    if (page == r->page)
        return NWS_DO_NOTHING;
    if (remember)
        push(r);
    r->page = page;
    uint32_t a = book_article_of(r->book, page);
    if (a != UINT32_MAX)
        r->selected = a; /* the contents open on the article being read */
    return NWS_DO_PAGE;
}

int reader_on_contents(const nws_reader *r)
{
    return r->page <= r->book->contents_pages;
}

int reader_button(const nws_reader *r, unsigned button, nws_key *key)
{
    static const nws_key reading[4] = {NWS_KEY_NEXT, NWS_KEY_PREV, NWS_KEY_CONTENTS,
                                       NWS_KEY_NEXT_ARTICLE};
    static const nws_key contents[4] = {NWS_KEY_DOWN, NWS_KEY_UP, NWS_KEY_CONTENTS, NWS_KEY_ENTER};
    if (button >= 4)
        return -1;
    *key = reader_on_contents(r) ? contents[button] : reading[button];
    return 0;
}

static nws_action select_entry(nws_reader *r, uint32_t a)
{
    nws_book *bk = r->book;
    if (bk->articles == 0 || a >= bk->articles || a == r->selected)
        return NWS_DO_NOTHING;
    r->selected = a;
    uint32_t p = book_contents_page_of(bk, a);
    if (p != r->page) {
        r->page = p;
        return NWS_DO_PAGE;
    }
    return NWS_DO_HIGHLIGHT;
}

static nws_action size(nws_reader *r, int step)
{
    int s = r->font_size_10 + step;
    if (s < NWS_FONT_MIN_10 || s > NWS_FONT_MAX_10)
        return NWS_DO_NOTHING;
    r->font_size_10 = (uint16_t)s;
    return NWS_DO_RELAYOUT;
}

nws_action reader_key(nws_reader *r, nws_key key, uint32_t arg)
{
    nws_book *bk = r->book;
    uint32_t a = book_article_of(bk, r->page);
    switch (key) {
    case NWS_KEY_NEXT:
        return go(r, r->page + 1, 0);
    case NWS_KEY_PREV:
        return r->page > 1 ? go(r, r->page - 1, 0) : NWS_DO_NOTHING;
    case NWS_KEY_NEXT_ARTICLE: {
        uint32_t to = a == UINT32_MAX ? 0 : a + 1;
        if (to >= bk->articles || book_ensure_article(bk, to) < 0)
            return NWS_DO_NOTHING;
        return go(r, bk->first_page[to], 1);
    }
    case NWS_KEY_PREV_ARTICLE:
        if (a == UINT32_MAX)
            return NWS_DO_NOTHING;
        if (r->page > bk->first_page[a])
            return go(r, bk->first_page[a], 1);
        return go(r, a > 0 ? bk->first_page[a - 1] : 1, 1);
    case NWS_KEY_CONTENTS:
        if (a != UINT32_MAX)
            r->selected = a;
        return go(r, book_contents_page_of(bk, r->selected), 1);
    case NWS_KEY_UP:
        if (reader_on_contents(r))
            return r->selected > 0 ? select_entry(r, r->selected - 1) : NWS_DO_NOTHING;
        return reader_key(r, NWS_KEY_PREV_ARTICLE, 0);
    case NWS_KEY_DOWN:
        if (reader_on_contents(r))
            return select_entry(r, r->selected + 1);
        return reader_key(r, NWS_KEY_NEXT_ARTICLE, 0);
    case NWS_KEY_ENTER:
        if (!reader_on_contents(r) || bk->articles == 0 || book_ensure_article(bk, r->selected) < 0)
            return NWS_DO_NOTHING;
        return go(r, bk->first_page[r->selected], 1);
    case NWS_KEY_SIZE_UP:
        return size(r, 10);
    case NWS_KEY_SIZE_DOWN:
        return size(r, -10);
    case NWS_KEY_GOTO:
        return arg >= 1 ? go(r, arg, 1) : NWS_DO_NOTHING;
    case NWS_KEY_BACK:
        if (r->nhistory == 0)
            return NWS_DO_NOTHING;
        return go(r, r->history[--r->nhistory], 0);
    }
    return NWS_DO_NOTHING;
}

int reader_page(nws_reader *r, lay_page *page)
{
    nws_book *bk = r->book;
    bk->lay->contents_mark = reader_on_contents(r) && bk->articles ? r->selected + 1 : 0;
    int rc = book_page(bk, r->page, page);
    bk->lay->contents_mark = 0;
    if (rc < 0)
        return -1;
    reader_shown(r, page);
    return 0;
}

void reader_shown(nws_reader *r, const lay_page *page)
{
    nws_book *bk = r->book;
    r->article = book_article_of(bk, r->page);
    if (r->article == UINT32_MAX) {
        r->article = NWS_STATE_CONTENTS;
        r->offset = 0;
    } else if (page->text_start != UINT32_MAX) {
        r->offset = page->text_start;
    } else {
        /* a page of pictures: its place is the article's start when it
         * comes first, else where the last page with text left off */
        nwsb_article art;
        if (r->page == bk->first_page[r->article] &&
            nwsb_article_get(bk->lay->bundle, r->article, &art) == NWSB_OK)
            r->offset = art.text_offset;
    }
}

int reader_relayout(nws_reader *r, nws_book *book, lay_page *scratch)
{
    r->book = book;
    r->nhistory = 0; /* page numbers of the old layout mean nothing now */
    if (r->article == NWS_STATE_CONTENTS || r->article >= book->articles) {
        r->page = book_contents_page_of(book, r->selected < book->articles ? r->selected : 0);
        return 0;
    }
    uint32_t p = book_find(book, r->article, r->offset, scratch);
    if (p == 0)
        return -1;
    r->page = p;
    r->selected = r->article;
    return 0;
}

int reader_restore(nws_reader *r, const nws_state *st, uint64_t bundle_id, lay_page *scratch)
{
    if (st->bundle_id != bundle_id)
        return 0;
    r->article = st->article;
    r->offset = st->offset;
    if (r->article != NWS_STATE_CONTENTS && r->article < r->book->articles)
        r->selected = r->article;
    return reader_relayout(r, r->book, scratch) == 0;
}

void reader_save(const nws_reader *r, uint64_t bundle_id, nws_state *st)
{
    st->bundle_id = bundle_id;
    st->article = r->article;
    st->offset = r->offset;
    st->page_hint = r->page;
    st->font_size_10 = r->font_size_10;
}

void reader_where(const nws_reader *r, nws_where *w)
{
    const nws_book *bk = r->book;
    memset(w, 0, sizeof *w);
    w->page = r->page;
    w->pages = bk->complete ? bk->total : 0; /* 0: still being counted */
    w->articles = bk->articles;
    uint32_t a = book_article_of(bk, r->page);
    if (a != UINT32_MAX) {
        w->article = a + 1;
        w->page_in_article = r->page - bk->first_page[a] + 1;
        w->article_pages = bk->pages[a];
    } else {
        w->page_in_article = r->page;
        w->article_pages = bk->contents_pages;
    }
}
