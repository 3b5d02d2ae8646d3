/* nws_text.c -- scanning the article text stream (device code). */
#include "nws_text.h"

#include "../core/utf8.h"

void nws_scan_init(nws_scanner *s, const uint8_t *buf, uint32_t start, uint32_t end)
{
    s->buf = buf;
    s->pos = start;
    s->end = end;
}

static int is_text_byte(uint8_t c)
{
    return c >= 0x20 && c != 0x7F;
}

int nws_scan_next(nws_scanner *s, nws_token *t)
{
    const uint8_t *b = s->buf;
    if (s->pos >= s->end)
        return 0;
    t->offset = s->pos;
    uint8_t c = b[s->pos];
    if (c == NWS_MARK_BLOCK) {
        if (s->end - s->pos < 2)
            return -1;
        uint8_t a = b[s->pos + 1];
        uint8_t type = a & NWS_ATTR_TYPE_MASK;
        if (type == 0 || type > NWS_BLOCK_TYPE_MAX)
            return -1;
        t->kind = NWS_TOK_BLOCK;
        t->block_type = type;
        t->depth = (a >> NWS_ATTR_DEPTH_SHIFT) & NWS_ATTR_DEPTH_MAX;
        t->continued = (a & NWS_ATTR_CONTINUED) != 0;
        t->ordinal = 0;
        s->pos += 2;
        if (type == NWS_BLOCK_LIST_ITEM) {
            /* LEB128, at most 5 bytes for 32 bits */
            uint32_t v = 0;
            for (int shift = 0;; shift += 7) {
                if (s->pos >= s->end || shift > 28)
                    return -1;
                uint8_t byte = b[s->pos++];
                if (shift == 28 && byte > 0x0F)
                    return -1;
                v |= (uint32_t)(byte & 0x7F) << shift;
                if (!(byte & 0x80))
                    break;
            }
            t->ordinal = v;
        }
        return 1;
    }
    if (c == NWS_MARK_STYLE) {
        if (s->end - s->pos < 2 || b[s->pos + 1] > NWS_STYLE_MAX)
            return -1;
        t->kind = NWS_TOK_STYLE;
        t->style = b[s->pos + 1];
        s->pos += 2;
        return 1;
    }
    if (c == NWS_MARK_BREAK) {
        t->kind = NWS_TOK_BREAK;
        s->pos++;
        return 1;
    }
    if (!is_text_byte(c))
        return -1;
    uint32_t start = s->pos;
    while (s->pos < s->end && is_text_byte(b[s->pos]))
        s->pos++;
    t->kind = NWS_TOK_TEXT;
    t->text = b + start;
    t->len = s->pos - start;
    return 1;
}

uint32_t nws_text_check(const uint8_t *buf, uint32_t len)
{
    nws_scanner s;
    nws_token t;
    int r, first = 1;
    nws_scan_init(&s, buf, 0, len);
    while ((r = nws_scan_next(&s, &t)) == 1) {
        if (first && t.kind != NWS_TOK_BLOCK)
            return t.offset + 1;
        first = 0;
        if (t.kind != NWS_TOK_TEXT)
            continue;
        for (uint32_t i = 0; i < t.len;) {
            uint32_t cp;
            int ok;
            i += (uint32_t)utf8_decode(t.text + i, t.len - i, &cp, &ok);
            if (!ok)
                return t.offset + i;
        }
    }
    return r < 0 ? s.pos + 1 : 0;
}
