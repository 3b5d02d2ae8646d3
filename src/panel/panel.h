/* panel.h -- drivers for e-paper controllers on a serial bus (device code:
 * no stdio, no allocation; the platform supplies the bus).
 *
 * A driver turns "show this native image with that kind of update" into
 * the controller's command stream.  It is handed the image the panel shows
 * now as well as the new one, so it never relies on the controller's RAM
 * surviving deep sleep: each update wakes the controller with a hardware
 * reset, initialises it for the update kind, loads both images (the
 * previous one is what a partial update's waveform is chosen from), starts
 * the refresh, waits for BUSY with the board's timeout and puts the
 * controller back into deep sleep.  Nothing loops without a bound. */
#ifndef NWS_PANEL_H
#define NWS_PANEL_H

#include <stddef.h>
#include <stdint.h>

#include "../board/board.h"

/* The bus, as the platform drives it.  Each returns 0, or -1 after setting
 * its own message (the platform names the device). */
typedef struct nws_panel_bus {
    void *ctx;
    /* DC low for the command byte, DC high for the n data bytes after it. */
    int (*command)(void *ctx, uint8_t cmd, const uint8_t *data, size_t n);
    /* More data bytes (DC high), as many as the caller has. */
    int (*data)(void *ctx, const uint8_t *data, size_t n);
    /* RST low for low_ms, then high, then settle for high_ms. */
    int (*reset)(void *ctx, uint32_t low_ms, uint32_t high_ms);
    /* Wait until BUSY reads !busy_level, at most timeout_ms: 0 idle,
     * 1 timed out, -1 error. */
    int (*wait_idle)(void *ctx, int busy_level, uint32_t timeout_ms);
    void (*delay_ms)(void *ctx, uint32_t ms);
} nws_panel_bus;

/* A region of the native buffer, x and width in whole bytes' pixels. */
typedef struct nws_panel_window {
    uint32_t x, y, w, h;
} nws_panel_window;

typedef enum {
    NWS_PANEL_OK = 0,
    NWS_PANEL_EBUS = -1,     /* the bus failed (its own message says why) */
    NWS_PANEL_EBUSY = -2,    /* BUSY never cleared within the board's timeout */
    NWS_PANEL_EARG = -3      /* image size or window does not fit the board */
} nws_panel_status;

typedef struct nws_panel {
    const nws_board *board;
    nws_panel_bus bus;
    const char *stage;       /* what the driver was doing when it failed */
    uint32_t updates;        /* refreshes completed */
} nws_panel;

/* Where the images come from, a band of native rows at a time, so that a
 * microcontroller can pack them from its framebuffer as they are sent
 * instead of holding whole native images. */
enum { NWS_PLANE_SHOWN = 0, NWS_PLANE_NEXT = 1 };
typedef struct nws_panel_source {
    void *ctx;
    /* Native rows [y, y + n) of a plane into out (n * stride bytes): 0, or -1. */
    int (*rows)(void *ctx, int plane, uint32_t y, uint32_t n, uint8_t *out);
    uint8_t *band;           /* scratch: band_rows native rows */
    uint32_t band_rows;
    /* Or, for images held whole, a row in place (rows and band unused). */
    const uint8_t *(*row_at)(void *ctx, int plane, uint32_t y);
    int has_shown;           /* 0: the shown image is unknown (no partial update) */
} nws_panel_source;

typedef struct nws_panel_driver {
    const char *name;
    int busy_level;          /* BUSY pin level that means busy */
    /* Show the source's next image over its shown one, with NWS_UPDATE_*
     * kind, in window (NULL: all).  A partial update needs the shown image:
     * without it the driver does a full one. */
    nws_panel_status (*update)(nws_panel *p, const nws_panel_source *src,
                               const nws_panel_window *win, unsigned kind);
    /* Power the controller down (deep sleep); the panel keeps its image. */
    nws_panel_status (*sleep)(nws_panel *p);
} nws_panel_driver;

extern const nws_panel_driver nws_panel_uc8179;
extern const nws_panel_driver nws_panel_ssd1680;
extern const nws_panel_driver nws_panel_ssd1683;

/* The native window covering a rectangle of the reading view (rotation
 * applied, x widened to whole bytes).  0, or -1 if empty. */
int panel_window(const nws_board *b, uint32_t x, uint32_t y, uint32_t w, uint32_t h,
                 nws_panel_window *out);

const char *panel_status_text(nws_panel_status st);

/* The update from two whole native images (board_native_stride x native
 * height bytes each). */
nws_panel_status panel_update(const nws_panel_driver *drv, nws_panel *p, const uint8_t *shown,
                              const uint8_t *next, const nws_panel_window *win, unsigned kind);
/* Send rows [y0, y0 + h) of a plane, bytes [bx, bx + bw) of each, as data:
 * what both drivers do with an image. */
nws_panel_status panel_send_rows(nws_panel *p, const nws_panel_source *src, int plane,
                                 uint32_t y0, uint32_t h, uint32_t bx, uint32_t bw);

#endif
