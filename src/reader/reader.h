/* reader.h -- what the reader does with a key (device code, no platform
 * calls).
 *
 * The reader moves over the book's pages: the contents first, then each
 * article.  It keeps the reading position as (article, text offset), so a
 * font-size change lands on the page that holds the same text, and it
 * keeps a short history for "back".  It never draws: reader_key() says
 * what the screen needs (a new page, a moved highlight, a new layout),
 * reader_page() lays out the current page for the caller to draw. */
#ifndef NWS_READER_H
#define NWS_READER_H

#include <stdint.h>

#include "../layout/book.h"
#include "state.h"

typedef enum {
    NWS_KEY_NEXT = 1,     /* next page */
    NWS_KEY_PREV,         /* previous page */
    NWS_KEY_NEXT_ARTICLE, /* first page of the next article */
    NWS_KEY_PREV_ARTICLE, /* first page of this article, else of the one before */
    NWS_KEY_CONTENTS,     /* the contents, with this article selected */
    NWS_KEY_UP,           /* contents: selection up; reading: previous article */
    NWS_KEY_DOWN,         /* contents: selection down; reading: next article */
    NWS_KEY_ENTER,        /* contents: open the selected article */
    NWS_KEY_SIZE_UP,      /* body text one point larger */
    NWS_KEY_SIZE_DOWN,    /* one point smaller */
    NWS_KEY_GOTO,         /* page arg (from 1) */
    NWS_KEY_BACK          /* where I was before the last jump */
} nws_key;

typedef enum {
    NWS_DO_NOTHING = 0, /* the key changes nothing (first page, last page...) */
    NWS_DO_PAGE,        /* show reader_page() */
    NWS_DO_HIGHLIGHT,   /* the same contents page with another selection */
    NWS_DO_RELAYOUT     /* font size changed: lay the book out again at
                           font_size_10, then reader_relayout() */
} nws_action;

#define NWS_READER_HISTORY 8
#define NWS_FONT_MIN_10 60  /* 6 pt */
#define NWS_FONT_MAX_10 240 /* 24 pt */

typedef struct nws_reader {
    nws_book *book;
    uint32_t page;       /* shown book page, from 1 */
    uint32_t selected;   /* contents: the article under the cursor */
    uint32_t history[NWS_READER_HISTORY];
    uint32_t nhistory;
    uint16_t font_size_10;
    /* reading position: article (NWS_STATE_CONTENTS on the contents) and
     * the text offset the page starts at */
    uint32_t article, offset;
} nws_reader;

/* Start on the first page with font size font_size_10. */
void reader_init(nws_reader *r, nws_book *book, uint16_t font_size_10);
nws_action reader_key(nws_reader *r, nws_key key, uint32_t arg);
/* Lay out the current page into page (with the contents selection
 * marked) and note the position it shows.  0 or -1. */
int reader_page(nws_reader *r, lay_page *page);
/* The current page was laid out ahead of time (pre-rendered): note the
 * position it shows, as reader_page() would. */
void reader_shown(nws_reader *r, const lay_page *page);
/* After NWS_DO_RELAYOUT: the new book; the page holding the position. */
int reader_relayout(nws_reader *r, nws_book *book, lay_page *scratch);
/* Saved state in and out.  reader_restore() ignores a state for another
 * bundle (returns 0) and clamps what the bundle no longer has. */
int reader_restore(nws_reader *r, const nws_state *st, uint64_t bundle_id, lay_page *scratch);
void reader_save(const nws_reader *r, uint64_t bundle_id, nws_state *st);

/* 1 while a contents page is shown. */
int reader_on_contents(const nws_reader *r);
/* A reader with four buttons and no touch screen (0 next, 1 previous,
 * 2 contents, 3 open): the key a button means for what is shown.  On the
 * contents next and previous move the selection and open opens it; in an
 * article open goes to the next one.  0, or -1 for no such button. */
int reader_button(const nws_reader *r, unsigned button, nws_key *key);

/* Where the reader is, for the status line. */
typedef struct nws_where {
    uint32_t page, pages;                 /* in the book; pages 0 while the
                                             book is still being paginated */
    uint32_t article, articles;           /* article from 1; 0 on the contents */
    uint32_t page_in_article, article_pages;
} nws_where;
void reader_where(const nws_reader *r, nws_where *w);

#endif
