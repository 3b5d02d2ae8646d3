/* breakmemo.c -- line breaks remembered from pagination (device code).
 *
 * Pagination sets every paragraph of the book once, to count its pages;
 * showing a page sets that page's paragraphs again, the same way, and the
 * optimiser (Knuth-Plass) is much of that work.  Where the board's arena
 * has room, the breaks the optimiser chose are kept the first time, in
 * the order the article asks for them, and an article laid out again
 * takes them in that order instead.
 *
 * Every pass over an article starts at its beginning (layout_begin_article)
 * and is deterministic, so the n-th paragraph set in any pass is the n-th
 * of the first.  Each entry still carries a key (a hash of the chunk's
 * first and last item by stream offset, its item count and its measure),
 * and its breaks must rise and end at the chunk's last item: a mismatch
 * ends the replay for that pass, so a wrong break is never taken.  When
 * the log is full, the articles after it are set as before.
 *
 * An entry is small, so that a 7.5" board's few kilobytes hold a book's
 * worth: two bytes of key, the number of breaks, then each break as its
 * distance from the one before (the first from -1), numbers as LEB128
 * (seven bits a byte): about five bytes for a paragraph of four lines. */
#include <string.h>

#include "layout_internal.h"

#define MEMO_NONE UINT32_MAX

static int give_back(void *ctx, size_t need);

void layout_keep_breaks(nws_layout *l, nws_arena *arena, uint32_t bytes, uint32_t reserve)
{
    lay_memo *m = &l->memo;
    memset(m, 0, sizeof *m);
    m->cursor = m->article = MEMO_NONE;
    uint32_t articles = nwsb_article_count(l->bundle);
    size_t index = 2 * (size_t)articles * sizeof *m->from + 64; /* with the arena's headers */
    size_t free = arena->size - arena->used;
    /* what the arena can spare after what must come later */
    if (free < (size_t)reserve + index + 1024)
        return;
    if (bytes > free - reserve - index)
        bytes = (uint32_t)(free - reserve - index);
    if (bytes < 1024 || !articles)
        return;
    uint8_t *log = arena_alloc(arena, bytes);
    uint32_t *from = log ? arena_alloc(arena, 2 * (size_t)articles * sizeof *from) : NULL;
    if (!from) { /* no room: every page is set as before */
        if (log)
            arena_free(arena, log);
        return;
    }
    m->log = log;
    m->from = from;
    m->to = from + articles;
    m->cap = bytes;
    m->articles = articles;
    m->arena = arena;
    for (uint32_t a = 0; a < articles; a++)
        m->from[a] = MEMO_NONE;
    arena->reclaim = give_back;
    arena->reclaim_ctx = l;
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

static uint16_t key(const nws_layout *l, int32_t measure)
{
    uint32_t h = l->items[0].src * 2654435761u;
    h = (h ^ (h >> 15) ^ l->items[l->nitems - 1].src) * 2246822519u;
    h = (h ^ (h >> 13) ^ (uint32_t)measure) * 3266489917u;
    h = (h ^ (h >> 16) ^ l->nitems) * 668265263u;
    return (uint16_t)(h ^ (h >> 16));
}

/* A number at *at, below end; false past the end or beyond 32 bits. */
static int get_number(const uint8_t *log, uint32_t *at, uint32_t end, uint32_t *v)
{
    uint32_t x = 0;
    for (unsigned shift = 0; shift < 35 && *at < end; shift += 7) {
        uint8_t b = log[(*at)++];
        x |= (uint32_t)(b & 0x7F) << shift;
        if (!(b & 0x80)) {
            *v = x;
            return 1;
        }
    }
    return 0;
}

/* v as LEB128 at p (NULL: only counted); returns its bytes. */
static uint32_t put_number(uint8_t *p, uint32_t v)
{
    uint32_t n = 0;
    while (v >= 0x80) {
        if (p)
            p[n] = (uint8_t)(v | 0x80);
        n++;
        v >>= 7;
    }
    if (p)
        p[n] = (uint8_t)v;
    return n + 1;
}

int lay_memo_take(nws_layout *l, int32_t measure, uint32_t *count)
{
    lay_memo *m = &l->memo;
    if (!m->log || !l->nitems)
        return 0;
    /* the key as the paragraph comes, before first fit may widen it */
    m->key = key(l, measure);
    m->items = l->nitems;
    if (m->cursor == MEMO_NONE)
        return 0;
    uint32_t a = m->article, end = m->to[a];
    if (m->cursor >= end) {
        /* past what the first pass got to: carry on recording if this
         * article's entries are still the log's last */
        m->cursor = MEMO_NONE;
        m->recording = end == m->len;
        return 0;
    }
    uint32_t at = m->cursor, n = 0, pos = UINT32_MAX;
    int ok = at + 2 <= end && (uint16_t)(m->log[at] | m->log[at + 1] << 8) == m->key;
    at += 2;
    ok = ok && get_number(m->log, &at, end, &n) && n < l->max_nodes;
    if (ok && n == 0) { /* kept as "set it as before" */
        m->cursor = at;
        return 0;
    }
    /* the path into nodes 1..n, as lay_break_lines reads it */
    for (uint32_t i = 1; ok && i <= n; i++) {
        uint32_t d;
        ok = get_number(m->log, &at, end, &d) && d > 0 && d <= l->nitems - (pos + 1);
        pos += d;
        l->nodes[i].pos = pos;
        l->nodes[i].next = i < n ? (int32_t)i + 1 : -1;
    }
    if (!ok || pos != l->nitems - 1) {
        m->cursor = MEMO_NONE; /* not the same paragraph: never guess */
        m->missed++;
        return 0;
    }
    *count = n;
    m->cursor = at;
    m->replayed++;
    return 1;
}

void lay_memo_keep(nws_layout *l, int32_t path, uint32_t count)
{
    lay_memo *m = &l->memo;
    if (!m->recording || !l->nitems)
        return;
    /* the room it takes, and that the path ends at the chunk's end (a
     * chunk that first fit had to widen does not: it is set as before) */
    uint32_t need = 2 + put_number(NULL, count), prev = UINT32_MAX, last = UINT32_MAX;
    for (int32_t p = path; p >= 0; p = l->nodes[p].next) {
        need += put_number(NULL, l->nodes[p].pos - prev);
        prev = last = l->nodes[p].pos;
    }
    if (last != l->nitems - 1 || l->nitems != m->items) {
        /* the replay would refuse it (first fit made a break inside a
         * word, an item more): kept as "set it as before", so the passes
         * stay in step */
        count = 0;
        need = 3;
    }
    if (m->cap - m->len < need) {
        m->recording = 0; /* full: the rest is set as before */
        return;
    }
    uint8_t *e = m->log + m->len;
    e[0] = (uint8_t)m->key;
    e[1] = (uint8_t)(m->key >> 8);
    uint32_t at = 2 + put_number(e + 2, count);
    prev = UINT32_MAX;
    for (int32_t p = count ? path : -1; p >= 0; p = l->nodes[p].next) {
        at += put_number(e + at, l->nodes[p].pos - prev);
        prev = l->nodes[p].pos;
    }
    m->len += at;
    m->to[m->article] = m->len;
}

/* Where the entry at `at` ends, or 0 if it is damaged. */
static uint32_t entry_end(const lay_memo *m, uint32_t at, uint32_t end)
{
    uint32_t n, d;
    at += 2;
    if (at > end || !get_number(m->log, &at, end, &n))
        return 0;
    for (uint32_t i = 0; i < n; i++)
        if (!get_number(m->log, &at, end, &d))
            return 0;
    return at;
}

static void drop_log(nws_layout *l)
{
    lay_memo *m = &l->memo;
    nws_arena *arena = m->arena;
    arena->reclaim = NULL;
    arena_free(arena, m->from);
    arena_free(arena, m->log);
    memset(m, 0, sizeof *m);
    m->cursor = m->article = MEMO_NONE;
}

/* Keep the log's first cap bytes (whole entries) and give the rest back;
 * the articles cut off are set by the optimiser again. */
static void cut_log(nws_layout *l, uint32_t cap)
{
    lay_memo *m = &l->memo;
    uint32_t len = 0;
    for (uint32_t a = 0; a < m->articles; a++) {
        if (m->from[a] == MEMO_NONE)
            continue;
        if (m->from[a] > cap) {
            m->from[a] = m->to[a] = MEMO_NONE;
            continue;
        }
        if (m->to[a] > cap) { /* the entries that end within the cut */
            uint32_t at = m->from[a], next;
            while (at < m->to[a] && (next = entry_end(m, at, m->to[a])) != 0 && next <= cap)
                at = next;
            m->to[a] = at;
        }
        if (m->to[a] > len)
            len = m->to[a];
    }
    if (m->article < m->articles && m->cursor != MEMO_NONE &&
        (m->to[m->article] == MEMO_NONE || m->cursor >= m->to[m->article]))
        m->cursor = MEMO_NONE; /* its replay ends here */
    m->len = len;
    m->cap = cap;
    m->recording = 0;
    arena_shrink(m->arena, m->log, cap);
}

/* The arena's reclaim hook: the log is a cache, and FreeType's need while
 * drawing comes first. */
static int give_back(void *ctx, size_t need)
{
    nws_layout *l = ctx;
    lay_memo *m = &l->memo;
    if (!m->log)
        return 0;
    size_t give = need + 64 > 4096 ? need + 64 : 4096; /* with a block header's room */
    if (give + 1024 > m->cap) {
        uint32_t given = m->given + m->cap;
        drop_log(l);
        m->given = given;
    } else {
        cut_log(l, m->cap - (uint32_t)give);
        m->given += (uint32_t)give;
    }
    return 1;
}

void layout_trim_breaks(nws_layout *l, nws_arena *arena, size_t keep_free, int fit)
{
    lay_memo *m = &l->memo;
    size_t free = arena->size - arena->used;
    if (!m->log || (free >= keep_free && !fit))
        return;
    size_t give = free >= keep_free ? 0 : keep_free - free;
    if (fit && m->cap - m->len > give)
        give = m->cap - m->len;
    uint32_t cap = give >= m->cap ? 0 : m->cap - (uint32_t)give;
    if (!cap || (fit ? !m->len : cap < 1024))
        drop_log(l); /* nothing worth keeping: all of it back */
    else if (give)
        cut_log(l, cap);
}
