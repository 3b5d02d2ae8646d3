/* panel_internal.h -- what the controller drivers share (device code). */
#ifndef NWS_PANEL_INTERNAL_H
#define NWS_PANEL_INTERNAL_H

#include "panel.h"

/* Return the status of e unless it is NWS_PANEL_OK. */
#define PANEL_TRY(e)                                                                              \
    do {                                                                                          \
        nws_panel_status st_ = (e);                                                               \
        if (st_ != NWS_PANEL_OK)                                                                  \
            return st_;                                                                           \
    } while (0)

/* A command with its data, the step noted for the error message. */
nws_panel_status panel_cmd(nws_panel *p, const char *stage, uint8_t c, const uint8_t *d, size_t n);
/* Wait while BUSY reads busy_level, at most ms. */
nws_panel_status panel_wait(nws_panel *p, const char *stage, int busy_level, uint32_t ms);

#endif
