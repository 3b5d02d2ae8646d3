/* book.h -- the bundle as numbered pages: contents first, then each
 * article from a new page (device code). */
#ifndef NWS_BOOK_H
#define NWS_BOOK_H

#include "layout.h"

typedef struct nws_book {
    nws_layout *lay;
    uint32_t articles;
    uint32_t contents_pages;
    uint32_t *first_page;     /* per article, bundle page number from 1 */
    uint32_t *pages;          /* per article */
    uint32_t total;
    uint32_t *contents_first; /* first entry on each contents page */
    /* where sequential reading is: the article page made last */
    uint32_t cur_article, cur_page;
    /* pagination so far: articles [0, done) have their pages counted;
     * first_page and total are known for them only */
    uint32_t done;
    int complete;
    lay_page *scratch;
} nws_book;

/* Lays out every article once to count pages (no drawing).  Arrays come
 * from the arena.  0 or negative. */
int book_paginate(nws_book *bk, nws_layout *lay, nws_arena *arena, lay_page *scratch);
/* The same in bounded steps: book_start() counts only the contents pages;
 * each book_step() paginates one more article (1: more remain, 0: done,
 * negative on error).  Until the book is complete, page numbers are known
 * up to total, and the footer leaves the bundle's page count out.  The
 * functions below step as far as they need to.  scratch must outlive the
 * book. */
int book_start(nws_book *bk, nws_layout *lay, nws_arena *arena, lay_page *scratch);
int book_step(nws_book *bk);
int book_ensure_article(nws_book *bk, uint32_t a);
int book_ensure_page(nws_book *bk, uint32_t n);
/* Page n (from 1), decorated.  Consecutive pages cost one page of layout
 * each; a jump re-lays the article from its start. */
int book_page(nws_book *bk, uint32_t n, lay_page *page);

/* The page of article a holding stream offset off (its last page when
 * off is past the article's text).  Lays the article out; 0 on error. */
uint32_t book_find(nws_book *bk, uint32_t article, uint32_t off, lay_page *scratch);
/* The contents page listing article a. */
uint32_t book_contents_page_of(const nws_book *bk, uint32_t article);
/* The article a page belongs to, or UINT32_MAX for a contents page. */
uint32_t book_article_of(const nws_book *bk, uint32_t page);

#endif
