/* display.c -- the backend a board's link names. */
#include "display.h"

#include <stdio.h>
#include <string.h>

static const nws_display_ops *const backends[] = {
    [NWS_LINK_LINUX_FB] = &nws_display_linuxfb,
    [NWS_LINK_SPI] = &nws_display_spipanel,
};

static const nws_display_ops *ops_of(const nws_display *d)
{
    unsigned k = d->board->link.kind;
    return k < sizeof backends / sizeof backends[0] ? backends[k] : NULL;
}

int display_open(nws_display *d, const nws_sys *sys, const nws_board *b, const char *device,
                 const char *gpiochip)
{
    memset(d, 0, sizeof *d);
    d->sys = sys;
    d->board = b;
    d->device = device ? device : b->link.device;
    d->gpiochip = gpiochip ? gpiochip : b->link.gpiochip;
    d->fb.fd = d->spi.spi_fd = d->spi.chip_fd = d->spi.out_fd = d->spi.busy_fd = -1;
    const nws_display_ops *o = ops_of(d);
    if (!o || !d->device) {
        snprintf(d->err, sizeof d->err, "board %s has no Linux display link (it is for the "
                 "simulator or a microcontroller)", b->name);
        return -1;
    }
    return o->open(d);
}

int display_wants_gray(const nws_display *d)
{
    const nws_display_ops *o = ops_of(d);
    return o && o->wants_gray;
}

int display_show(nws_display *d, const uint8_t *native, const uint8_t *gray,
                 const nws_refresh *rf)
{
    const nws_display_ops *o = ops_of(d);
    if (!o || o->show(d, native, gray, rf) < 0)
        return -1;
    d->updates++;
    d->full_updates += rf->full;
    return 0;
}

int display_restore(nws_display *d)
{
    const nws_display_ops *o = ops_of(d);
    return o ? o->restore(d) : 0;
}

void display_close(nws_display *d)
{
    const nws_display_ops *o = ops_of(d);
    if (o)
        o->close(d);
}
