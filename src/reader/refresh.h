/* refresh.h -- which e-ink refresh to use for a screen change (device
 * code; a pure function of its inputs, unit-tested).
 *
 * E-ink keeps a faint trace of the previous image after a partial
 * (non-flashing) update; the trace builds up, most from dark pixels that
 * turn light, until a flashing full refresh clears it.  The policy picks,
 * from the board's mode table:
 *   - a fast mode (DU, A2, or the 1-bit panel's partial) for highlights
 *     that move in a menu;
 *   - the gray text mode (GL16, REAGL, partial) for page turns;
 *   - the flashing full mode (GC16, full) after N partial updates, when
 *     the estimated ghosting crosses a threshold, when a page with a
 *     picture leaves the screen, and for the first screen.
 * Roles are found from the modes' properties, not their names. */
#ifndef NWS_REFRESH_H
#define NWS_REFRESH_H

#include <stdint.h>

#include "../board/board.h"
#include "../fb/fb.h"

typedef enum {
    NWS_CHANGE_FIRST = 0, /* nothing on the panel yet */
    NWS_CHANGE_PAGE,      /* a new page (turn, jump, contents) */
    NWS_CHANGE_HIGHLIGHT  /* a selection moved on the same screen */
} nws_change;

typedef struct nws_rect {
    uint32_t x, y, w, h; /* w == 0: nothing changed */
} nws_rect;

/* What the panel has been through since its last full refresh; zeroed
 * is "just cleared". */
typedef struct nws_refresh_state {
    uint32_t partials;    /* non-flashing updates since */
    uint32_t ghost;       /* estimate, in hundredths of a screen of dark-to-light change */
    uint8_t picture;      /* the screen shows a picture */
} nws_refresh_state;

typedef struct nws_refresh {
    const nws_refresh_mode *mode;
    nws_rect rect;        /* region to update (whole screen when full) */
    uint32_t time_ms;     /* expected panel time */
    uint8_t full;         /* flashing, clears ghosting */
    const char *reason;   /* static text for the log */
} nws_refresh;

/* Ghosting past this (a whole screen's worth of dark-to-light change,
 * summed over partial updates) asks for a full refresh. */
#define NWS_GHOST_LIMIT 100u
/* Partial updates before a full one, when the board does not say. */
#define NWS_FULL_EVERY_DEFAULT 6u

/* Bounding box of the pixels that differ between two fbs of one size. */
nws_rect refresh_changed(const nws_fb *before, const nws_fb *after);

/* Plan the update from before to after.  full_every: partial updates
 * allowed between full ones (0: the board's, else the default).  The
 * state is advanced.  0, or -1 if the board has no modes. */
int refresh_plan(const nws_board *b, nws_refresh_state *st, const nws_fb *before,
                 const nws_fb *after, nws_change change, int after_has_picture,
                 unsigned full_every, nws_refresh *out);

#endif
