/* linebreaks.c -- reconciling UAX #14 with the device's break rules. */
#include "linebreaks.h"

#include <linebreak.h>
#include <stdlib.h>
#include <string.h>

#include "../core/utf8.h"
#include "../text/breaks.h"

typedef struct insertion {
    size_t at;    /* body offset to insert before */
    uint32_t cp;  /* ZWSP or WJ */
} insertion;

/* One block's text, with the body offset of every byte. */
typedef struct block_text {
    uint8_t *s;
    size_t *where;
    size_t len, cap;
} block_text;

static void bt_add(block_text *t, const uint8_t *p, size_t n, size_t body_off)
{
    if (t->len + n > t->cap) {
        t->cap = (t->len + n) * 2 + 64;
        t->s = xrealloc(t->s, t->cap);
        t->where = xrealloc(t->where, t->cap * sizeof *t->where);
    }
    for (size_t i = 0; i < n; i++) {
        t->s[t->len] = p[i];
        t->where[t->len++] = body_off + i;
    }
}

static void reconcile(const block_text *t, const char *lang, char *brks, insertion **ins,
                      size_t *nins, size_t *cap)
{
    set_linebreaks_utf8(t->s, t->len, lang, brks);
    uint32_t a = 0, b = 0;
    size_t i = 0, b_end = 0;
    while (i < t->len) {
        uint32_t c;
        int ok;
        size_t n = utf8_decode(t->s + i, t->len - i, &c, &ok);
        if (b && b != '\n' && c != '\n') {
            char uax = brks[b_end];
            int dev = nws_break_between(a, b, c);
            uint32_t add = 0;
            if (uax == LINEBREAK_ALLOWBREAK && !dev && b != ' ' && c != ' ' &&
                b != NWS_CP_WORD_JOINER && c != NWS_CP_ZWSP)
                add = NWS_CP_ZWSP;
            else if (uax == LINEBREAK_NOBREAK && dev && b != NWS_CP_ZWSP &&
                     b != NWS_CP_SOFT_HYPHEN)
                add = NWS_CP_WORD_JOINER;
            if (add) {
                if (*nins == *cap) {
                    *cap = *cap ? *cap * 2 : 64;
                    *ins = xrealloc(*ins, *cap * sizeof **ins);
                }
                (*ins)[(*nins)++] = (insertion){t->where[b_end] + 1, add};
            }
        }
        a = b;
        b = c;
        b_end = i + n - 1;
        i += n;
    }
}

size_t linebreaks_mark(nws_article *a)
{
    static int ready;
    if (!ready) {
        init_linebreak();
        ready = 1;
    }
    nws_scanner sc;
    nws_token t;
    block_text bt = {0};
    insertion *ins = NULL;
    size_t nins = 0, cap = 0;
    char *brks = NULL;
    size_t brks_cap = 0;
    int in_pre = 0;
    const char *lang = a->field[NWSB_FIELD_LANGUAGE];
    nws_scan_init(&sc, a->body.data, 0, (uint32_t)a->body.len);
    for (int more = 1; more;) {
        int r = nws_scan_next(&sc, &t);
        more = r == 1;
        if (!more || t.kind == NWS_TOK_BLOCK) {
            if (bt.len && !in_pre) {
                if (bt.len > brks_cap) {
                    brks_cap = bt.len * 2;
                    brks = xrealloc(brks, brks_cap);
                }
                reconcile(&bt, lang, brks, &ins, &nins, &cap);
            }
            bt.len = 0;
            if (more)
                in_pre = t.block_type == NWS_BLOCK_PRE;
        } else if (t.kind == NWS_TOK_TEXT) {
            bt_add(&bt, t.text, t.len, t.offset);
        } else if (t.kind == NWS_TOK_BREAK) {
            bt_add(&bt, (const uint8_t *)"\n", 1, t.offset);
        }
    }
    if (nins) {
        nwbuf out = {0};
        size_t from = 0;
        buf_reserve(&out, a->body.len + nins * 3);
        for (size_t k = 0; k < nins; k++) {
            uint8_t enc[4];
            buf_add(&out, a->body.data + from, ins[k].at - from);
            buf_add(&out, enc, utf8_encode(ins[k].cp, enc));
            from = ins[k].at;
        }
        buf_add(&out, a->body.data + from, a->body.len - from);
        buf_free(&a->body);
        a->body = out;
    }
    free(bt.s);
    free(bt.where);
    free(ins);
    free(brks);
    return nins;
}
