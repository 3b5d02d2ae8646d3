/* breakmemo.c -- line breaks remembered from pagination (device code).
 *
 * Pagination sets every paragraph of the book once, to count its pages;
 * showing a page sets that page's paragraphs again, the same way, and the
 * optimiser (Knuth-Plass) is most of that work.  Where the board's arena
 * has room, the breaks the optimiser chose are kept the first time, in
 * the order the article asks for them, and an article laid out again
 * takes them in that order instead.
 *
 * Every pass over an article starts at its beginning (layout_begin_article)
 * and is deterministic, so the n-th paragraph set in any pass is the n-th
 * of the first.  Each entry still carries a key (the chunk's first and
 * last item by stream offset, its item count and its measure) and a
 * mismatch ends the replay for that pass: a wrong break is never taken.
 * When the log is full, the articles after it are set as before. */
#include <string.h>

#include "layout_internal.h"

#define MEMO_NONE UINT32_MAX
enum { HEADER = 8 }; /* uint16s: first src (2), last src (2), measure (2), items, breaks */

void lay_memo_init(nws_layout *l, nws_arena *arena, uint32_t bytes)
{
    lay_memo *m = &l->memo;
    memset(m, 0, sizeof *m);
    m->cursor = m->article = MEMO_NONE;
    uint32_t articles = nwsb_article_count(l->bundle);
    if (bytes < 1024 || !articles || l->cfg.max_items > UINT16_MAX)
        return;
    uint16_t *log = arena_alloc(arena, bytes);
    uint32_t *from = log ? arena_alloc(arena, 2 * (size_t)articles * sizeof *from) : NULL;
    if (!from) { /* no room: every page is set as before */
        if (log)
            arena_free(arena, log);
        return;
    }
    m->log = log;
    m->from = from;
    m->to = from + articles;
    m->cap = bytes / sizeof *m->log;
    m->articles = articles;
    for (uint32_t a = 0; a < articles; a++)
        m->from[a] = MEMO_NONE;
}

void lay_memo_begin(nws_layout *l, uint32_t article)
{
    lay_memo *m = &l->memo;
    m->cursor = MEMO_NONE;
    m->recording = 0;
    m->article = article;
    if (!m->log || article >= m->articles)
        return;
    if (m->from[article] != MEMO_NONE) {
        m->cursor = m->from[article];
        return;
    }
    m->from[article] = m->to[article] = m->len;
    m->recording = 1;
}

static void key(const nws_layout *l, int32_t measure, uint16_t k[HEADER - 1])
{
    uint32_t first = l->items[0].src, last = l->items[l->nitems - 1].src;
    uint32_t mu = (uint32_t)measure;
    k[0] = (uint16_t)first;
    k[1] = (uint16_t)(first >> 16);
    k[2] = (uint16_t)last;
    k[3] = (uint16_t)(last >> 16);
    k[4] = (uint16_t)mu;
    k[5] = (uint16_t)(mu >> 16);
    k[6] = (uint16_t)l->nitems;
}

const uint16_t *lay_memo_take(nws_layout *l, int32_t measure, uint32_t *count)
{
    lay_memo *m = &l->memo;
    if (m->cursor == MEMO_NONE || !l->nitems)
        return NULL;
    uint32_t a = m->article;
    if (m->cursor >= m->to[a]) {
        /* past what the first pass got to: carry on recording if this
         * article's entries are still the log's last */
        m->cursor = MEMO_NONE;
        m->recording = m->to[a] == m->len;
        return NULL;
    }
    const uint16_t *e = m->log + m->cursor;
    uint16_t k[HEADER - 1];
    key(l, measure, k);
    if (memcmp(e, k, sizeof k) != 0) {
        m->cursor = MEMO_NONE; /* not the same paragraph: never guess */
        m->missed++;
        return NULL;
    }
    *count = e[HEADER - 1];
    m->cursor += HEADER + *count;
    m->replayed++;
    return e + HEADER;
}

void lay_memo_keep(nws_layout *l, int32_t measure, int32_t path, uint32_t count)
{
    lay_memo *m = &l->memo;
    if (!m->recording || !l->nitems)
        return;
    if (count > UINT16_MAX || m->cap - m->len < HEADER + count) {
        m->recording = 0; /* full: the rest is set as before */
        return;
    }
    uint16_t *e = m->log + m->len;
    key(l, measure, e);
    e[HEADER - 1] = (uint16_t)count;
    for (uint32_t i = 0; path >= 0 && i < count; path = l->nodes[path].next)
        e[HEADER + i++] = (uint16_t)l->nodes[path].pos;
    m->len += HEADER + count;
    m->to[m->article] = m->len;
}
