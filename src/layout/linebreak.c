/* linebreak.c -- Knuth-Plass total-fit line breaking in fixed point
 * (device code).  Follows "Breaking Paragraphs into Lines" (Knuth & Plass,
 * 1981): feasible breaks are tracked as active nodes, each line's badness
 * is 100 r^3 for its adjustment ratio r, demerits add line penalties,
 * flagged (hyphen) pairs and fitness-class jumps, and the cheapest path to
 * the final forced break is kept.  The node pool is bounded; when it runs
 * out, or no feasible set of breaks exists, a first-fit pass sets the
 * chunk instead, never producing an overfull line. */
#include <string.h>

#include "layout_internal.h"

#define LINE_PENALTY 10        /* TeX \linepenalty */
#define FLAGGED_DEMERITS 3000  /* TeX \doublehyphendemerits is 10000; news columns are narrow */
#define FITNESS_DEMERITS 10000 /* TeX \adjdemerits */
#define TOLERANCE_FIRST 200    /* TeX \tolerance */
#define TOLERANCE_LAST 10000   /* anything that is not overfull */
#define ONE (1 << 16)          /* ratios in 16.16 */

typedef struct sums {
    int64_t w, y, z;
    int32_t fil;
} sums;

static int64_t badness(int64_t r)
{
    if (r < 0)
        r = -r;
    if (r > 5 * ONE)
        return 10000;
    int64_t r3 = (((r * r) >> 16) * r) >> 16;
    int64_t b = (100 * r3) >> 16;
    return b > 10000 ? 10000 : b;
}

static int fitness_of(int64_t r)
{
    if (r > ONE)
        return 0; /* very loose */
    if (r > ONE / 2)
        return 1; /* loose */
    if (r >= -ONE / 2)
        return 2; /* decent */
    return 3;     /* tight */
}

/* Adjustment ratio of a line of natural width nat with stretch/shrink. */
static int64_t ratio(int64_t measure, int64_t nat, int64_t y, int64_t z, int32_t fil,
                     int64_t extra)
{
    if (nat < measure) {
        if (fil > 0)
            return 0;
        y += extra;
        return y > 0 ? ((measure - nat) << 16) / y : 100 * ONE;
    }
    if (nat > measure)
        return z > 0 ? -(((nat - measure) << 16) / z) - (((nat - measure) << 16) % z != 0)
                     : -100 * ONE;
    return 0;
}

static void add(sums *s, const lay_item *it)
{
    if (it->kind == IT_PENALTY)
        return;
    s->w += it->width;
    if (it->stretch == LAY_FIL_STRETCH)
        s->fil++;
    else
        s->y += it->stretch;
    s->z += it->shrink;
}

/* Totals just after a break at b: discardable items that follow it are
 * dropped at the start of the next line. */
static void after_break(const nws_layout *l, uint32_t b, const sums *at, sums *out)
{
    *out = *at;
    for (uint32_t i = b; i < l->nitems; i++) {
        const lay_item *it = &l->items[i];
        if (it->kind == IT_BOX)
            break;
        if (it->kind == IT_PENALTY && it->penalty == -LAY_INF_PENALTY && i > b)
            break;
        add(out, it);
    }
}

static int legal(const nws_layout *l, uint32_t i)
{
    const lay_item *it = &l->items[i];
    if (it->kind == IT_PENALTY)
        return it->penalty < LAY_INF_PENALTY;
    return it->kind == IT_GLUE && i > 0 && l->items[i - 1].kind == IT_BOX;
}

/* The largest ratio whose badness is within tolerance (badness grows
 * with the ratio), or -1 when every stretched line is: then nothing is
 * too loose to be tried. */
static int64_t max_ratio(int64_t tolerance)
{
    if (badness(100 * ONE) <= tolerance)
        return -1;
    int64_t lo = 0, hi = 100 * ONE; /* badness(lo) <= tolerance < badness(hi) */
    while (hi - lo > 1) {
        int64_t mid = lo + (hi - lo) / 2;
        if (badness(mid) <= tolerance)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Returns the node count of the chosen path, or -1 to fall back. */
static int knuth_plass(nws_layout *l, int64_t measure, int64_t extra, int64_t tolerance,
                       int32_t *last)
{
    uint32_t nn = 0;
    /* Active nodes oldest first (by position, then fitness class).  A
     * line from a later node is a suffix of one from an earlier node, so
     * no wider and no more stretchable: once a node's line is too loose,
     * every later node's is too, and the walk stops there. */
    int32_t active = 0, tail = 0;
    sums s = {0, 0, 0, 0};
    lay_node *n0 = &l->nodes[nn++];
    memset(n0, 0, sizeof *n0);
    n0->prev = -1;
    n0->next = -1;
    n0->fitness = 2;
    /* Most active nodes at a break begin lines still far too short: a
     * product tells them apart without ratio()'s division. */
    int64_t loose = max_ratio(tolerance);
    for (uint32_t b = 0; b < l->nitems; b++) {
        const lay_item *it = &l->items[b];
        if (legal(l, b)) {
            int64_t best[4];
            int32_t best_from[4];
            unsigned found = 0; /* the fitness classes best[] holds */
            int32_t prev_link = -1;
            int forced = it->kind == IT_PENALTY && it->penalty == -LAY_INF_PENALTY;
            int64_t sw = s.w + (it->kind == IT_PENALTY ? it->width : 0);
            for (int32_t a = active; a >= 0;) {
                lay_node *an = &l->nodes[a];
                int32_t next = an->next;
                int64_t nat = sw - an->tw;
                int too_loose = 0;
                if (loose >= 0 && nat < measure && s.fil == an->tfil) {
                    /* ratio() = ((measure - nat) << 16) / y, floored */
                    int64_t y = s.y - an->ty + extra;
                    too_loose = y <= 0 || ((measure - nat) << 16) >= (loose + 1) * y;
                }
                if (too_loose && !forced)
                    break;
                int64_t r = too_loose ? 0 : ratio(measure, nat, s.y - an->ty, s.z - an->tz,
                                                  s.fil - an->tfil, extra);
                int deactivate = r < -ONE || forced;
                int64_t bad = too_loose ? tolerance + 1 : badness(r);
                if (r >= -ONE && bad <= tolerance) {
                    int64_t d = LINE_PENALTY + bad;
                    d *= d;
                    if (it->kind == IT_PENALTY) {
                        if (it->penalty >= 0)
                            d += (int64_t)it->penalty * it->penalty;
                        else if (it->penalty > -LAY_INF_PENALTY)
                            d -= (int64_t)it->penalty * it->penalty;
                        if (it->flagged && an->pos > 0 &&
                            l->items[an->pos].kind == IT_PENALTY && l->items[an->pos].flagged)
                            d += FLAGGED_DEMERITS;
                    }
                    int fit = fitness_of(r);
                    if ((fit > an->fitness ? fit - an->fitness : an->fitness - fit) > 1)
                        d += FITNESS_DEMERITS;
                    d += an->demerits;
                    /* on a tie the later node, as TeX's walk from the newest */
                    if (!(found & 1u << fit) || d <= best[fit]) {
                        best[fit] = d;
                        best_from[fit] = a;
                        found |= 1u << fit;
                    }
                }
                if (deactivate) {
                    if (prev_link < 0)
                        active = next;
                    else
                        l->nodes[prev_link].next = next;
                    if (tail == a)
                        tail = prev_link;
                } else {
                    prev_link = a;
                }
                a = next;
            }
            if (found) {
                sums aft;
                after_break(l, b, &s, &aft);
                /* Nodes at one place differ in what follows only by the
                 * fitness jump (at most FITNESS_DEMERITS): one dearer than
                 * the cheapest by more can never be on the best path. */
                int64_t cheapest = INT64_MAX;
                for (int k = 0; k < 4; k++)
                    if ((found & 1u << k) && best[k] < cheapest)
                        cheapest = best[k];
                for (int k = 0; k < 4; k++) {
                    if (!(found & 1u << k) || best[k] - FITNESS_DEMERITS > cheapest)
                        continue;
                    if (nn >= l->max_nodes)
                        return -1;
                    lay_node *nd = &l->nodes[nn];
                    nd->pos = b;
                    nd->line = (uint16_t)(l->nodes[best_from[k]].line + 1);
                    nd->fitness = (uint8_t)k;
                    nd->demerits = best[k];
                    nd->tw = (int32_t)aft.w;
                    nd->ty = (int32_t)aft.y;
                    nd->tz = (int32_t)aft.z;
                    nd->tfil = aft.fil;
                    nd->prev = best_from[k];
                    nd->next = -1;
                    if (active < 0)
                        active = (int32_t)nn;
                    else
                        l->nodes[tail].next = (int32_t)nn;
                    tail = (int32_t)nn++;
                }
            }
            if (active < 0)
                return -1; /* nothing feasible: try again, looser */
        }
        add(&s, it);
    }
    /* The final forced break left only nodes at the end; take the best. */
    int32_t pick = -1;
    for (int32_t a = active; a >= 0; a = l->nodes[a].next)
        if (l->nodes[a].pos == l->nitems - 1 &&
            (pick < 0 || l->nodes[a].demerits <= l->nodes[pick].demerits))
            pick = a;
    if (pick < 0)
        return -1;
    *last = pick;
    return (int)l->nodes[pick].line;
}

/* First fit, for chunks the optimiser could not take: each line takes
 * what fits, breaking at the last legal place; where a line holds no legal
 * break at all, one is made between two boxes.  The path is written into
 * the node pool as a chain; returns the number of lines. */
static int first_fit(nws_layout *l, int64_t measure, int32_t *last)
{
    uint32_t nn = 1;
    memset(&l->nodes[0], 0, sizeof l->nodes[0]);
    l->nodes[0].prev = -1;
    int32_t cur = 0;
    int64_t w = 0;      /* width of the line so far, from its first box */
    int32_t brk = -1;   /* last legal break in this line */
    for (uint32_t b = 0; b < l->nitems; b++) {
        const lay_item *it = &l->items[b];
        int forced = it->kind == IT_PENALTY && it->penalty == -LAY_INF_PENALTY;
        if (it->kind == IT_BOX && w > 0 && w + it->width > measure) {
            if (brk < 0) {
                /* no break in the line: make one before this box */
                if (l->nitems >= l->cfg.max_items)
                    return -1;
                memmove(&l->items[b + 1], &l->items[b], (l->nitems - b) * sizeof *l->items);
                l->nitems++;
                memset(&l->items[b], 0, sizeof l->items[b]);
                l->items[b].kind = IT_PENALTY;
                brk = (int32_t)b;
                it = &l->items[++b];
            }
            if (nn >= l->max_nodes)
                return -1;
            lay_node *nd = &l->nodes[nn];
            memset(nd, 0, sizeof *nd);
            nd->pos = (uint32_t)brk;
            nd->prev = cur;
            nd->line = (uint16_t)(l->nodes[cur].line + 1);
            cur = (int32_t)nn++;
            /* the new line holds the boxes and glue after the break */
            w = 0;
            uint32_t i = (uint32_t)brk + 1;
            while (i < b && l->items[i].kind != IT_BOX)
                i++;
            for (; i < b; i++)
                if (l->items[i].kind != IT_PENALTY)
                    w += l->items[i].width;
            brk = -1;
        }
        if (forced) {
            if (nn >= l->max_nodes)
                return -1;
            lay_node *nd = &l->nodes[nn];
            memset(nd, 0, sizeof *nd);
            nd->pos = b;
            nd->prev = cur;
            nd->line = (uint16_t)(l->nodes[cur].line + 1);
            cur = (int32_t)nn++;
            w = 0;
            brk = -1;
            continue;
        }
        if (legal(l, b))
            brk = (int32_t)b;
        if (it->kind == IT_BOX || (it->kind == IT_GLUE && w > 0 &&
                                   it->stretch != LAY_FIL_STRETCH))
            w += it->width;
    }
    *last = cur;
    return (int)l->nodes[cur].line;
}

/* Set the line from item a (inclusive) to the break at b. */
static int set_line(nws_layout *l, const lay_block *bk, int32_t measure, uint32_t a, uint32_t b,
                    int first)
{
    /* skip what a break discards */
    while (a < b && l->items[a].kind != IT_BOX)
        a++;
    const lay_item *brk = &l->items[b];
    int hyphen = brk->kind == IT_PENALTY && brk->flagged && brk->width > 0;
    int64_t nat = 0, y = 0, z = 0;
    int32_t fil = 0;
    uint32_t end = b;
    while (end > a && l->items[end - 1].kind != IT_BOX &&
           l->items[end - 1].stretch != LAY_FIL_STRETCH)
        end--; /* trailing glue does not count */
    for (uint32_t i = a; i < end; i++) {
        const lay_item *it = &l->items[i];
        if (it->kind == IT_PENALTY)
            continue;
        nat += it->width;
        if (it->stretch == LAY_FIL_STRETCH)
            fil++;
        else
            y += it->stretch;
        z += it->shrink;
    }
    if (hyphen)
        nat += brk->width;
    int64_t r = bk->ragged ? (nat > measure ? ratio(measure, nat, 0, z, 0, 0) : 0)
                           : ratio(measure, nat, y, z, fil, 0);
    if (r > 0 && (brk->kind == IT_PENALTY && brk->penalty == -LAY_INF_PENALTY && fil > 0))
        r = 0;
    if (r < -ONE)
        r = -ONE;
    if (l->nlines >= l->max_lines)
        return -1;
    lay_line *ln = &l->lines[l->nlines];
    memset(ln, 0, sizeof *ln);
    ln->first_run = l->nline_runs;
    ln->height = bk->line_height;
    ln->ascent = bk->ascent;
    ln->flags = first ? LINE_PARA_START : 0;
    int64_t x = bk->indent_left;
    for (uint32_t i = a; i < end; i++) {
        const lay_item *it = &l->items[i];
        if (it->kind == IT_GLUE) {
            if (it->stretch == LAY_FIL_STRETCH)
                continue;
            int64_t adj = r >= 0 ? (it->stretch * r) >> 16 : (it->shrink * r) >> 16;
            x += it->width + adj;
            continue;
        }
        if (it->kind != IT_BOX)
            continue;
        if (it->len > 0 && ln->nruns > 0 && i > a && l->items[i - 1].kind != IT_GLUE &&
            !(it->flags & LAY_RUN_SPACE_BEFORE)) {
            /* Boxes that touch (ideographs, pieces of a long word) in one
             * font share a run: fewer runs per page, same pixels. */
            lay_run *prev = &l->line_runs[l->nline_runs - 1];
            if (prev->style == it->style && prev->size == it->size &&
                prev->text + prev->len == it->text && prev->len + it->len < 0xFFFF) {
                prev->len = (uint16_t)(prev->len + it->len);
                x += it->width;
                continue;
            }
        }
        if (it->len > 0) {
            if (l->nline_runs >= l->max_line_runs)
                return -1;
            lay_run *run = &l->line_runs[l->nline_runs++];
            run->x = (int32_t)x;
            run->y = 0;
            run->text = it->text;
            run->len = it->len;
            run->style = it->style;
            run->size = it->size;
            run->flags = it->flags & LAY_RUN_SPACE_BEFORE;
            run->src = it->src;
            ln->nruns++;
        }
        x += it->width;
    }
    if (hyphen && ln->nruns > 0)
        l->line_runs[l->nline_runs - 1].flags |= LAY_RUN_HYPHEN;
    l->nlines++;
    return 0;
}

int lay_break_lines(nws_layout *l, const lay_block *bk, int32_t measure, int keep_last,
                    uint32_t *carry)
{
    int32_t last = -1;
    /* Ragged lines get TeX's \rightskip: 0pt plus 3em of virtual stretch. */
    int64_t extra = bk->ragged ? 3 * (int64_t)l->px_of[bk->role] : 0;
    if (bk->ragged) {
        for (uint32_t i = 0; i < l->nitems; i++)
            if (l->items[i].kind == IT_GLUE && l->items[i].stretch != LAY_FIL_STRETCH)
                l->items[i].stretch = 0;
    }
    /* The second pass adds TeX's \emergencystretch (here 3em) to each
     * line's stretch when rating it: badness then tells a loose line from a
     * hopeless one, where it would otherwise call both 10000.  The glue
     * itself still sets the line.  As in TeX, that pass keeps the
     * tolerance: with every line that is not overfull feasible, each break
     * would try every break of the line before it, and a wide Kobo column
     * sends a fifth of its paragraphs there.  Only where it too finds
     * nothing does a third pass take any line that is not overfull. */
    int64_t emergency = 3 * (int64_t)l->px_of[bk->role];
    int32_t path = -1;
    int count = 0;
    uint32_t kept;
    if (lay_memo_take(l, measure, &kept)) { /* as pagination chose them */
        path = 1;
        count = (int)kept;
    } else {
        if (knuth_plass(l, measure, extra, TOLERANCE_FIRST, &last) < 0 &&
            knuth_plass(l, measure, extra + emergency, TOLERANCE_FIRST, &last) < 0 &&
            knuth_plass(l, measure, extra + emergency, TOLERANCE_LAST, &last) < 0 &&
            first_fit(l, measure, &last) < 0)
            return -1;
        /* Walk the chosen path back to front into the node's "next" links. */
        for (int32_t n = last; n > 0; n = l->nodes[n].prev) {
            l->nodes[n].next = path;
            path = n;
            count++;
        }
        lay_memo_keep(l, path, (uint32_t)count);
    }
    if (count < 2)
        keep_last = 0; /* a chunk must set at least one line */
    uint32_t start = 0;
    int first = l->block_is_first_chunk;
    for (int32_t n = path; n >= 0; n = l->nodes[n].next) {
        uint32_t b = l->nodes[n].pos;
        if (keep_last && l->nodes[n].next < 0) {
            *carry = start;
            return 0;
        }
        if (set_line(l, bk, measure, start, b, first) < 0)
            return -1;
        first = 0;
        start = b + 1;
    }
    if (carry)
        *carry = l->nitems;
    return 0;
}

void lay_carry_items(nws_layout *l, uint32_t from)
{
    /* Keep items[from..] and their text, at the front of the buffers. */
    uint32_t n = l->nitems > from ? l->nitems - from : 0;
    uint32_t text_from = l->text_len;
    for (uint32_t i = from; i < l->nitems; i++)
        if (l->items[i].kind == IT_BOX && l->items[i].len > 0 && l->items[i].text < text_from)
            text_from = l->items[i].text;
    memmove(l->items, l->items + from, n * sizeof *l->items);
    l->nitems = n;
    memmove(l->text, l->text + text_from, l->text_len - text_from);
    l->text_len -= text_from;
    for (uint32_t i = 0; i < n; i++)
        if (l->items[i].kind == IT_BOX && l->items[i].len > 0)
            l->items[i].text -= text_from;
    /* The carried line no longer ends the chunk: drop its final break. */
    while (l->nitems > 0 && (l->items[l->nitems - 1].kind == IT_PENALTY ||
                             (l->items[l->nitems - 1].kind == IT_GLUE &&
                              l->items[l->nitems - 1].stretch == LAY_FIL_STRETCH)))
        l->nitems--;
}
