/* spipanel.c -- an e-paper panel on Linux spidev, with DC, RST, BUSY and
 * panel power on the GPIO character device (Raspberry Pi + Waveshare HAT).
 * The controller's command stream is the driver's (src/panel/); this file
 * only moves bytes and pins. */
#include "display.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/spi/spidev.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpio.h"

#define ERR(d, ...) snprintf((d)->err, sizeof (d)->err, __VA_ARGS__)

/* spidev refuses transfers longer than its bufsiz module parameter,
 * 4096 bytes by default (Documentation/spi/spidev.rst). */
#define SPI_CHUNK 4096u

static int spi_write(nws_display *d, const uint8_t *p, size_t n)
{
    const nws_sys *s = d->sys;
    while (n) {
        size_t k = n < SPI_CHUNK ? n : SPI_CHUNK;
        struct spi_ioc_transfer t;
        memset(&t, 0, sizeof t);
        t.tx_buf = (uintptr_t)p;
        t.len = (uint32_t)k;
        t.speed_hz = d->board->link.spi_hz;
        t.bits_per_word = 8;
        if (s->ioctl(s->ctx, d->spi.spi_fd, SPI_IOC_MESSAGE(1), &t) < 0) {
            ERR(d, "%s: SPI write of %zu bytes failed: %s", d->device, k, strerror(errno));
            return -1;
        }
        p += k;
        n -= k;
    }
    return 0;
}

static int set_dc(nws_display *d, uint32_t level)
{
    if (d->spi.dc_now == level)
        return 0;
    if (gpio_set(d->sys, d->spi.out_fd, d->spi.dc_bit, level ? d->spi.dc_bit : 0) < 0) {
        ERR(d, "%s: setting DC (line %u): %s", d->gpiochip, d->board->link.pin_dc,
            strerror(errno));
        return -1;
    }
    d->spi.dc_now = level;
    return 0;
}

/* --- the bus the controller driver talks over --------------------------------- */

static int bus_data(void *ctx, const uint8_t *data, size_t n)
{
    nws_display *d = ctx;
    if (!n)
        return 0;
    if (set_dc(d, 1) < 0)
        return -1;
    return spi_write(d, data, n);
}

static int bus_command(void *ctx, uint8_t cmd, const uint8_t *data, size_t n)
{
    nws_display *d = ctx;
    if (set_dc(d, 0) < 0 || spi_write(d, &cmd, 1) < 0)
        return -1;
    return bus_data(ctx, data, n);
}

static int bus_reset(void *ctx, uint32_t low_ms, uint32_t high_ms)
{
    nws_display *d = ctx;
    const nws_sys *s = d->sys;
    uint32_t rst = d->spi.rst_bit;
    if (gpio_set(s, d->spi.out_fd, rst, 0) < 0)
        goto fail;
    s->sleep_ms(s->ctx, low_ms);
    if (gpio_set(s, d->spi.out_fd, rst, rst) < 0)
        goto fail;
    s->sleep_ms(s->ctx, high_ms);
    return 0;
fail:
    ERR(d, "%s: setting RST (line %u): %s", d->gpiochip, d->board->link.pin_rst, strerror(errno));
    return -1;
}

/* Poll BUSY every 5 ms: the refresh takes 0.3 to 5 s, so the cost of a
 * late wake-up is noise, and a poll loop with a deadline cannot hang. */
static int bus_wait_idle(void *ctx, int busy_level, uint32_t timeout_ms)
{
    nws_display *d = ctx;
    const nws_sys *s = d->sys;
    uint64_t start = s->now_ms(s->ctx);
    for (;;) {
        uint64_t v;
        if (gpio_get(s, d->spi.busy_fd, 1, &v) < 0) {
            ERR(d, "%s: reading BUSY (line %u): %s", d->gpiochip, d->board->link.pin_busy,
                strerror(errno));
            return -1;
        }
        if ((int)(v & 1u) != busy_level)
            return 0;
        if (s->now_ms(s->ctx) - start >= timeout_ms) {
            ERR(d, "%s: BUSY (line %u) still %s after %u ms", d->gpiochip,
                d->board->link.pin_busy, busy_level ? "high" : "low", timeout_ms);
            return 1;
        }
        s->sleep_ms(s->ctx, 5);
    }
}

static void bus_delay(void *ctx, uint32_t ms)
{
    nws_display *d = ctx;
    d->sys->sleep_ms(d->sys->ctx, ms);
}

/* --- backend ------------------------------------------------------------------ */

static int sp_open(nws_display *d)
{
    const nws_sys *s = d->sys;
    const nws_link *l = &d->board->link;
    nws_display_spi *p = &d->spi;
    if (!l->driver || !d->gpiochip) {
        ERR(d, "board %s names no controller driver or GPIO chip", d->board->name);
        return -1;
    }
    p->spi_fd = s->open(s->ctx, d->device, O_RDWR);
    if (p->spi_fd < 0) {
        ERR(d, "%s: cannot open the SPI device: %s (is SPI enabled? dtparam=spi=on)", d->device,
            strerror(errno));
        return -1;
    }
    uint8_t mode = SPI_MODE_0, bits = 8;
    uint32_t hz = l->spi_hz;
    if (s->ioctl(s->ctx, p->spi_fd, SPI_IOC_WR_MODE, &mode) < 0 ||
        s->ioctl(s->ctx, p->spi_fd, SPI_IOC_WR_BITS_PER_WORD, &bits) < 0 ||
        s->ioctl(s->ctx, p->spi_fd, SPI_IOC_WR_MAX_SPEED_HZ, &hz) < 0) {
        ERR(d, "%s: not an SPI device (mode 0, 8 bits, %u Hz refused: %s)", d->device, hz,
            strerror(errno));
        return -1;
    }
    p->chip_fd = s->open(s->ctx, d->gpiochip, O_RDWR);
    if (p->chip_fd < 0) {
        ERR(d, "%s: cannot open the GPIO chip: %s", d->gpiochip, strerror(errno));
        return -1;
    }
    uint32_t outs[3] = {l->pin_dc, l->pin_rst, l->pin_power};
    p->nout = l->pin_power == NWS_NO_PIN ? 2 : 3;
    p->dc_bit = 1u;
    p->rst_bit = 2u;
    p->power_bit = p->nout == 3 ? 4u : 0;
    p->out_fd = gpio_request(s, p->chip_fd, outs, p->nout, GPIO_OUT, "newsreader");
    uint32_t busy = l->pin_busy;
    if (p->out_fd >= 0)
        p->busy_fd = gpio_request(s, p->chip_fd, &busy, 1, GPIO_IN, "newsreader-busy");
    if (p->out_fd < 0 || p->busy_fd < 0) {
        ERR(d, "%s: cannot claim lines DC %u, RST %u, BUSY %u%s: %s", d->gpiochip, l->pin_dc,
            l->pin_rst, l->pin_busy, p->nout == 3 ? ", power" : "", strerror(errno));
        return -1;
    }
    /* power on, RST released, DC for commands */
    if (gpio_set(s, p->out_fd, p->dc_bit | p->rst_bit | p->power_bit, p->rst_bit | p->power_bit) <
        0) {
        ERR(d, "%s: cannot drive the panel's lines: %s", d->gpiochip, strerror(errno));
        return -1;
    }
    p->dc_now = 0;
    p->native_len = fb_native_bytes(d->board);
    p->shown = malloc(p->native_len);
    if (!p->shown) {
        ERR(d, "%s: out of memory", d->device);
        return -1;
    }
    /* Unknown glass: the first (full) refresh drives every pixel anyway;
     * white is what a cleared panel shows. */
    memset(p->shown, d->board->pack.black_is_zero ? 0xFF : 0x00, p->native_len);
    p->panel.board = d->board;
    p->panel.bus = (nws_panel_bus){.ctx = d, .command = bus_command, .data = bus_data,
                                   .reset = bus_reset, .wait_idle = bus_wait_idle,
                                   .delay_ms = bus_delay};
    return 0;
}

static int sp_show(nws_display *d, const uint8_t *native, const uint8_t *gray,
                   const nws_refresh *rf)
{
    (void)gray;
    nws_display_spi *p = &d->spi;
    const nws_rect *r = &rf->rect;
    nws_panel_window win;
    int have_win = r->w && panel_window(d->board, r->x, r->y, r->w, r->h, &win) == 0;
    if (!have_win && !rf->full)
        return 0;
    const nws_panel_driver *drv = d->board->link.driver;
    d->err[0] = 0;
    nws_panel_status st = panel_update(drv, &p->panel, p->shown, native, have_win ? &win : NULL,
                                      rf->mode->hw);
    if (st != NWS_PANEL_OK) {
        char bus[sizeof d->err];
        memcpy(bus, d->err, sizeof bus);
        ERR(d, "%s: %s, %s: %s%s%.200s", d->device, drv->name, p->panel.stage,
            panel_status_text(st), bus[0] ? "; " : "", bus);
        return -1;
    }
    memcpy(p->shown, native, p->native_len);
    return 0;
}

static int sp_restore(nws_display *d)
{
    nws_display_spi *p = &d->spi;
    if (p->out_fd < 0)
        return 0;
    /* The driver leaves the controller in deep sleep after each update;
     * after a failure it may be awake, so put it to sleep once more
     * (bounded by the same BUSY timeout), then cut the panel's power. */
    const nws_panel_driver *drv = d->board->link.driver;
    int rc = 0;
    if (drv->sleep(&p->panel) != NWS_PANEL_OK)
        rc = -1;
    if (p->power_bit && gpio_set(d->sys, p->out_fd, p->power_bit, 0) < 0)
        rc = -1;
    return rc;
}

static void sp_close(nws_display *d)
{
    const nws_sys *s = d->sys;
    nws_display_spi *p = &d->spi;
    int *fds[] = {&p->busy_fd, &p->out_fd, &p->chip_fd, &p->spi_fd};
    for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
        if (*fds[i] >= 0) {
            s->close(s->ctx, *fds[i]);
            *fds[i] = -1;
        }
    free(p->shown);
    p->shown = NULL;
}

const nws_display_ops nws_display_spipanel = {
    .open = sp_open, .show = sp_show, .restore = sp_restore, .close = sp_close,
};
