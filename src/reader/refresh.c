/* refresh.c -- the refresh policy (device code). */
#include "refresh.h"

#include <string.h>

nws_rect refresh_changed(const nws_fb *before, const nws_fb *after)
{
    nws_rect r = {0, 0, 0, 0};
    uint32_t x0 = UINT32_MAX, x1 = 0, y0 = UINT32_MAX, y1 = 0;
    uint32_t bpp = after->bpp;
    for (uint32_t y = 0; y < after->height; y++) {
        const uint8_t *a = before->pix + (size_t)y * before->stride;
        const uint8_t *b = after->pix + (size_t)y * after->stride;
        if (memcmp(a, b, after->stride) == 0)
            continue;
        uint32_t first = 0, last = after->stride - 1;
        while (a[first] == b[first])
            first++;
        while (a[last] == b[last])
            last--;
        /* bytes to pixels: a byte holds 8 / bpp of them */
        uint32_t px0 = first * 8 / bpp, px1 = (last + 1) * 8 / bpp - 1;
        if (px1 >= after->width)
            px1 = after->width - 1;
        if (px0 < x0)
            x0 = px0;
        if (px1 > x1)
            x1 = px1;
        if (y < y0)
            y0 = y;
        y1 = y;
    }
    if (y0 != UINT32_MAX) {
        r.x = x0;
        r.y = y0;
        r.w = x1 - x0 + 1;
        r.h = y1 - y0 + 1;
    }
    return r;
}

/* Pixels inside r that go from the darker half to the lighter half: they
 * are what leaves the trace: a light area keeps a shadow of the ink. */
static uint64_t dark_to_light(const nws_fb *before, const nws_fb *after, nws_rect r)
{
    uint64_t n = 0;
    /* the middle level as the model stores it (its values rise with the
     * level, spread or not) */
    unsigned bpp = after->bpp, mask = (1u << bpp) - 1u, mid = fb_value(after, after->levels / 2u);
    uint32_t per = 8u / bpp; /* pixels per byte */
    for (uint32_t y = r.y; y < r.y + r.h; y++) {
        const uint8_t *a = before->pix + (size_t)y * before->stride;
        const uint8_t *b = after->pix + (size_t)y * after->stride;
        for (uint32_t i = r.x / per; i <= (r.x + r.w - 1) / per; i++) {
            if (a[i] == b[i])
                continue; /* most bytes of a page turn stay as they were */
            for (unsigned k = 0; k < per; k++) {
                unsigned sh = fb_shift(after, k);
                unsigned va = (a[i] >> sh) & mask, vb = (b[i] >> sh) & mask;
                n += va < mid && vb >= mid;
            }
        }
    }
    return n;
}

/* Mode roles from their properties: the flashing mode with the most
 * levels; the non-flashing one with the most levels (ties: the first
 * listed); the quickest non-flashing one. */
static void roles(const nws_board *b, const nws_refresh_mode **full, const nws_refresh_mode **text,
                  const nws_refresh_mode **fast)
{
    *full = *text = *fast = NULL;
    for (int i = 0; i < NWS_BOARD_MAX_MODES && b->modes[i].name; i++) {
        const nws_refresh_mode *m = &b->modes[i];
        if (m->flashing) {
            if (!*full || m->levels > (*full)->levels)
                *full = m;
        } else {
            if (!*text || m->levels > (*text)->levels)
                *text = m;
            if (!*fast || m->time_ms < (*fast)->time_ms)
                *fast = m;
        }
    }
    if (!*full)
        *full = *text;
    if (!*text)
        *text = *full;
    if (!*fast)
        *fast = *text;
}

int refresh_plan(const nws_board *b, nws_refresh_state *st, const nws_fb *before,
                 const nws_fb *after, nws_change change, int after_has_picture,
                 unsigned full_every, nws_refresh *out)
{
    const nws_refresh_mode *full, *text, *fast;
    roles(b, &full, &text, &fast);
    memset(out, 0, sizeof *out);
    if (!full)
        return -1;
    if (!full_every)
        full_every = b->full_refresh_every ? b->full_refresh_every : NWS_FULL_EVERY_DEFAULT;
    nws_rect whole = {0, 0, after->width, after->height};
    nws_rect r = change == NWS_CHANGE_FIRST ? whole : refresh_changed(before, after);
    uint64_t area = (uint64_t)after->width * after->height;
    uint32_t ghost = st->ghost;
    if (change != NWS_CHANGE_FIRST && r.w)
        ghost += (uint32_t)((dark_to_light(before, after, r) * 100u + area - 1) / area);

    const char *why = NULL;
    if (change == NWS_CHANGE_FIRST)
        why = "first screen";
    else if (st->picture && change == NWS_CHANGE_PAGE)
        why = "a picture left the screen";
    else if (change == NWS_CHANGE_PAGE && st->partials + 1 > full_every)
        why = "partial updates reached the limit";
    else if (ghost >= NWS_GHOST_LIMIT)
        why = "ghosting estimate over the limit";

    if (why) {
        out->mode = full;
        out->rect = whole;
        out->full = 1;
        out->reason = why;
        st->partials = 0;
        st->ghost = 0;
    } else {
        out->mode = change == NWS_CHANGE_HIGHLIGHT ? fast : text;
        out->rect = r;
        out->reason = change == NWS_CHANGE_HIGHLIGHT ? "highlight moved" : "page turn";
        if (r.w) {
            st->partials++;
            st->ghost = ghost;
        }
    }
    /* A controller drives the whole waveform whatever the region's size,
     * so the time is the mode's; nothing changed costs nothing. */
    out->time_ms = out->rect.w ? out->mode->time_ms : 0;
    st->picture = (uint8_t)(after_has_picture != 0);
    return 0;
}
