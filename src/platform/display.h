/* display.h -- the panel of a Linux device, whatever drives it.
 *
 * The board's link says how the panel is reached (board.h, nws_link):
 * a Linux e-ink framebuffer (linuxfb.c) or an SPI controller of our own
 * (spipanel.c).  The reading session hands over each new screen with the
 * refresh the policy chose; the backend puts it on the glass.  Errors are
 * written into err, naming the device. */
#ifndef NWS_DISPLAY_H
#define NWS_DISPLAY_H

#include <stdint.h>

#include "../board/board.h"
#include "../panel/panel.h"
#include "../reader/refresh.h"
#include "sys.h"

typedef struct nws_display_fb {
    int fd;
    uint8_t *mem;
    size_t len;
    uint32_t xres, yres, bpp, line_length, xoffset, yoffset;
    int turned;                 /* the reading view lies across the fb (90 degrees) */
    uint32_t pixel[256];        /* gray -> the pixel value this screen stores
                                   (inverted gray, RGB565, XRGB...) */
    uint32_t marker;            /* last update marker sent */
    uint8_t *before;            /* the screen as we found it, for restore */
} nws_display_fb;

typedef struct nws_display_spi {
    int spi_fd, chip_fd, out_fd, busy_fd;
    uint32_t out_offsets[3];    /* DC, RST, power: bit i of out_fd's lines */
    unsigned nout;
    uint32_t dc_bit, rst_bit, power_bit, dc_now;
    uint8_t *shown;             /* native image on the glass */
    size_t native_len;
    nws_panel panel;
    uint8_t txbuf[4096];
} nws_display_spi;

typedef struct nws_display {
    const nws_sys *sys;
    const nws_board *board;
    const char *device;         /* path in use */
    const char *gpiochip;
    char err[320];
    uint32_t updates, full_updates;
    nws_display_fb fb;
    nws_display_spi spi;
} nws_display;

/* device/gpiochip: NULL for the board's.  0, or -1 with d->err set. */
int display_open(nws_display *d, const nws_sys *sys, const nws_board *b, const char *device,
                 const char *gpiochip);
/* Show the screen: native is the board's packed image (fb_pack), gray
 * the same as 8-bit gray in the reading view (fb_unpack), needed only
 * when display_wants_gray().  0 or -1. */
int display_wants_gray(const nws_display *d);
int display_show(nws_display *d, const uint8_t *native, const uint8_t *gray,
                 const nws_refresh *rf);
/* Leave the panel sane on the way out: the framebuffer gets back what it
 * showed before we started; an SPI panel keeps the page, its controller
 * asleep and its power off.  0 or -1. */
int display_restore(nws_display *d);
void display_close(nws_display *d);

/* backends */
typedef struct nws_display_ops {
    int wants_gray;          /* show() reads gray (else only native) */
    int (*open)(nws_display *d);
    int (*show)(nws_display *d, const uint8_t *native, const uint8_t *gray, const nws_refresh *rf);
    int (*restore)(nws_display *d);
    void (*close)(nws_display *d);
} nws_display_ops;

extern const nws_display_ops nws_display_linuxfb, nws_display_spipanel;

#endif
