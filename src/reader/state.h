/* state.h -- the reading position, saved so that a power cut cannot lose
 * it (device code: bytes in, bytes out; the platform does the I/O).
 *
 * The state file is two 64-byte slots.  Each save writes the slot the
 * last save did not, with a sequence number one higher and a CRC-32 over
 * the slot; loading takes the valid slot with the highest sequence.  A
 * write cut short by a power loss damages only the slot being written,
 * so the previous position survives; a file cut, emptied or garbled
 * anywhere yields the last good slot or nothing, never an error. */
#ifndef NWS_STATE_H
#define NWS_STATE_H

#include <stdint.h>

#define NWS_STATE_SLOT 64u
#define NWS_STATE_SIZE (2u * NWS_STATE_SLOT)

typedef struct nws_state {
    uint32_t seq;          /* set by state_load; state_save writes seq + 1 */
    uint64_t bundle_id;    /* nwsb_identity() of the bundle read */
    uint32_t article;      /* index, or NWS_STATE_CONTENTS */
    uint32_t offset;       /* text stream offset of the page's first text */
    uint32_t page_hint;    /* book page when saved (for a quick start) */
    uint16_t font_size_10; /* body size in tenths of a point */
    uint16_t refresh_every;/* the user's full-refresh setting, 0 = board's */
} nws_state;

#define NWS_STATE_CONTENTS 0xFFFFFFFFu

/* The newest valid slot of file[0..len) into *st: 1 found, 0 none. */
int state_load(const uint8_t *file, uint32_t len, nws_state *st);

/* Encode st with sequence st->seq + 1 into slot[NWS_STATE_SLOT]; returns
 * the byte offset in the file where that slot goes (0 or 64).  st->seq
 * is advanced. */
uint32_t state_save(nws_state *st, uint8_t slot[NWS_STATE_SLOT]);

#endif
