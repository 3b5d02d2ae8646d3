/* book.c -- numbering the pages of a bundle (device code). */
#include "book.h"

#include <string.h>

static uint32_t contents_pages_for(nws_layout *l, lay_page *scratch, uint32_t *firsts,
                                   uint32_t cap)
{
    uint32_t n = nwsb_article_count(l->bundle), at = 0, pages = 0;
    while (at < n || pages == 0) {
        if (pages < cap && firsts)
            firsts[pages] = at;
        uint32_t placed = layout_contents_page(l, scratch, at, NULL, pages == 0);
        pages++;
        if (placed == 0)
            break;
        at += placed;
    }
    return pages;
}

int book_start(nws_book *bk, nws_layout *lay, nws_arena *arena, lay_page *scratch)
{
    memset(bk, 0, sizeof *bk);
    bk->lay = lay;
    bk->scratch = scratch;
    bk->articles = nwsb_article_count(lay->bundle);
    uint32_t na = bk->articles ? bk->articles : 1;
    bk->first_page = arena_alloc(arena, na * sizeof *bk->first_page);
    bk->pages = arena_alloc(arena, na * sizeof *bk->pages);
    if (!bk->first_page || !bk->pages)
        return -1;
    memset(bk->first_page, 0, na * sizeof *bk->first_page);
    memset(bk->pages, 0, na * sizeof *bk->pages);
    bk->contents_pages = contents_pages_for(lay, scratch, NULL, 0);
    bk->contents_first = arena_alloc(arena, bk->contents_pages * sizeof *bk->contents_first);
    if (!bk->contents_first)
        return -1;
    contents_pages_for(lay, scratch, bk->contents_first, bk->contents_pages);
    bk->total = bk->contents_pages;
    bk->complete = bk->articles == 0;
    bk->cur_article = UINT32_MAX;
    return 0;
}

int book_step(nws_book *bk)
{
    if (bk->complete)
        return 0;
    nws_layout *lay = bk->lay;
    uint32_t a = bk->done, count = 0;
    int r;
    if (layout_begin_article(lay, a) < 0)
        return -1;
    /* Only the number of pages is wanted here: the pages' runs need not
     * be copied out (a few per cent of pagination). */
    bk->scratch->count_only = 1;
    while ((r = layout_next_page(lay, bk->scratch)) == 1)
        count++;
    bk->scratch->count_only = 0;
    if (r < 0)
        return -1;
    bk->first_page[a] = bk->total + 1;
    bk->pages[a] = count;
    bk->total += count;
    bk->done = a + 1;
    bk->complete = bk->done == bk->articles;
    bk->cur_article = UINT32_MAX; /* the layout no longer sits where book_page left it */
    return bk->complete ? 0 : 1;
}

int book_ensure_article(nws_book *bk, uint32_t a)
{
    while (!bk->complete && bk->done <= a)
        if (book_step(bk) < 0)
            return -1;
    return 0;
}

int book_ensure_page(nws_book *bk, uint32_t n)
{
    while (!bk->complete && bk->total < n)
        if (book_step(bk) < 0)
            return -1;
    return 0;
}

int book_paginate(nws_book *bk, nws_layout *lay, nws_arena *arena, lay_page *scratch)
{
    if (book_start(bk, lay, arena, scratch) < 0)
        return -1;
    while (!bk->complete)
        if (book_step(bk) < 0)
            return -1;
    return 0;
}

uint32_t book_article_of(const nws_book *bk, uint32_t n)
{
    if (n <= bk->contents_pages || bk->done == 0)
        return UINT32_MAX;
    uint32_t lo = 0, hi = bk->done;
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (bk->first_page[mid] <= n)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

uint32_t book_contents_page_of(const nws_book *bk, uint32_t article)
{
    uint32_t p = 1;
    while (p < bk->contents_pages && bk->contents_first[p] <= article)
        p++;
    return p;
}

uint32_t book_find(nws_book *bk, uint32_t article, uint32_t off, lay_page *scratch)
{
    if (article >= bk->articles || book_ensure_article(bk, article) < 0 ||
        bk->pages[article] == 0)
        return 0;
    uint32_t first = bk->first_page[article], found = first;
    for (uint32_t k = 0; k < bk->pages[article]; k++) {
        if (book_page(bk, first + k, scratch) < 0)
            return 0;
        /* a page of pictures only, or the title page, starts where it starts */
        if (scratch->text_start != UINT32_MAX && scratch->text_start > off)
            break;
        found = first + k;
    }
    return found;
}

int book_page(nws_book *bk, uint32_t n, lay_page *page)
{
    nws_layout *l = bk->lay;
    if (n == 0 || book_ensure_page(bk, n) < 0 || n > bk->total)
        return -1;
    if (n <= bk->contents_pages) {
        uint32_t first = bk->contents_first[n - 1];
        layout_contents_page(l, page, first, bk->first_page, n == 1);
        layout_decorate(l, page, 0, n, bk->complete ? bk->total : 0);
        return 0;
    }
    uint32_t lo = book_article_of(bk, n);
    uint32_t want = n - bk->first_page[lo] + 1;
    if (bk->cur_article != lo || bk->cur_page >= want) {
        if (layout_begin_article(l, lo) < 0)
            return -1;
        bk->cur_article = lo;
        bk->cur_page = 0;
    }
    while (bk->cur_page < want) {
        int r = layout_next_page(l, page);
        if (r != 1)
            return -1;
        bk->cur_page++;
    }
    layout_decorate(l, page, bk->pages[lo], n, bk->complete ? bk->total : 0);
    return 0;
}
