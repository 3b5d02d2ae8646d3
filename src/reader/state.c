/* state.c -- the two-slot position file (device code). */
#include "state.h"

#include <string.h>
#include <zlib.h>

#include "../bundle/nwsb_format.h"

/* Slot layout (little-endian):
 *   0  "NWST"      4  u16 version (1)   6  u16 slot size (64)
 *   8  u32 seq    12  u64 bundle id    20  u32 article   24  u32 offset
 *  28  u32 page   32  u16 font size    34  u16 refresh   36..59 zero
 *  60  u32 CRC-32 of bytes 0..59 */
#define S_MAGIC "NWST"
#define S_VERSION 1

static int slot_ok(const uint8_t *s, nws_state *st)
{
    if (memcmp(s, S_MAGIC, 4) != 0 || nwsb_get16(s + 4) != S_VERSION ||
        nwsb_get16(s + 6) != NWS_STATE_SLOT)
        return 0;
    if ((uint32_t)crc32(crc32(0L, Z_NULL, 0), s, 60) != nwsb_get32(s + 60))
        return 0;
    st->seq = nwsb_get32(s + 8);
    st->bundle_id = nwsb_get64(s + 12);
    st->article = nwsb_get32(s + 20);
    st->offset = nwsb_get32(s + 24);
    st->page_hint = nwsb_get32(s + 28);
    st->font_size_10 = nwsb_get16(s + 32);
    st->refresh_every = nwsb_get16(s + 34);
    return 1;
}

int state_load(const uint8_t *file, uint32_t len, nws_state *st)
{
    nws_state a, b;
    int ha = len >= NWS_STATE_SLOT && slot_ok(file, &a);
    int hb = len >= NWS_STATE_SIZE && slot_ok(file + NWS_STATE_SLOT, &b);
    memset(st, 0, sizeof *st);
    /* Sequence numbers compare by their difference, so wrapping past
     * 2^32 saves still picks the newer slot. */
    if (ha && (!hb || (int32_t)(a.seq - b.seq) > 0))
        *st = a;
    else if (hb)
        *st = b;
    return ha || hb;
}

uint32_t state_save(nws_state *st, uint8_t slot[NWS_STATE_SLOT])
{
    st->seq++;
    memset(slot, 0, NWS_STATE_SLOT);
    memcpy(slot, S_MAGIC, 4);
    nwsb_put16(slot + 4, S_VERSION);
    nwsb_put16(slot + 6, NWS_STATE_SLOT);
    nwsb_put32(slot + 8, st->seq);
    nwsb_put64(slot + 12, st->bundle_id);
    nwsb_put32(slot + 20, st->article);
    nwsb_put32(slot + 24, st->offset);
    nwsb_put32(slot + 28, st->page_hint);
    nwsb_put16(slot + 32, st->font_size_10);
    nwsb_put16(slot + 34, st->refresh_every);
    nwsb_put32(slot + 60, (uint32_t)crc32(crc32(0L, Z_NULL, 0), slot, 60));
    /* odd sequence numbers in slot 0, even in slot 1: saves alternate */
    return (st->seq & 1u) ? 0 : NWS_STATE_SLOT;
}
