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

int book_paginate(nws_book *bk, nws_layout *lay, nws_arena *arena, lay_page *scratch)
{
    memset(bk, 0, sizeof *bk);
    bk->lay = lay;
    bk->articles = nwsb_article_count(lay->bundle);
    uint32_t na = bk->articles ? bk->articles : 1;
    bk->first_page = arena_alloc(arena, na * sizeof *bk->first_page);
    bk->pages = arena_alloc(arena, na * sizeof *bk->pages);
    if (!bk->first_page || !bk->pages)
        return -1;
    bk->contents_pages = contents_pages_for(lay, scratch, NULL, 0);
    bk->contents_first = arena_alloc(arena, bk->contents_pages * sizeof *bk->contents_first);
    if (!bk->contents_first)
        return -1;
    contents_pages_for(lay, scratch, bk->contents_first, bk->contents_pages);
    uint32_t page = bk->contents_pages + 1;
    for (uint32_t a = 0; a < bk->articles; a++) {
        int r;
        uint32_t count = 0;
        if (layout_begin_article(lay, a) < 0)
            return -1;
        while ((r = layout_next_page(lay, scratch)) == 1)
            count++;
        if (r < 0)
            return -1;
        bk->first_page[a] = page;
        bk->pages[a] = count;
        page += count;
    }
    bk->total = page - 1;
    bk->cur_article = UINT32_MAX;
    return 0;
}

uint32_t book_article_of(const nws_book *bk, uint32_t n)
{
    if (n <= bk->contents_pages || bk->articles == 0)
        return UINT32_MAX;
    uint32_t lo = 0, hi = bk->articles;
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
    if (article >= bk->articles || bk->pages[article] == 0)
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
    if (n == 0 || n > bk->total)
        return -1;
    if (n <= bk->contents_pages) {
        uint32_t first = bk->contents_first[n - 1];
        layout_contents_page(l, page, first, bk->first_page, n == 1);
        layout_decorate(l, page, 0, n, bk->total);
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
    layout_decorate(l, page, bk->pages[lo], n, bk->total);
    return 0;
}
