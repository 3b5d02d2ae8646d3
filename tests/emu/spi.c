/* spi.c -- the emulated spidev and GPIO chip, with a panel controller on
 * the wire. */
#include <errno.h>
#include <linux/gpio.h>
#include <linux/spi/spidev.h>
#include <string.h>

#include "emu.h"

int emu_ioctl_spi(emu *e, int fd, int kind, unsigned long req, void *arg);

static void log_line(emu *e, const char *what)
{
    if (e->log)
        fprintf(e->log, "%6llu ms  %s\n", (unsigned long long)e->now, what);
}

static int busy_now(const emu *e)
{
    const emu_ctrl *c = e->ctrl;
    int busy = c->stuck || e->now < c->busy_until;
    return busy ? c->busy_level : !c->busy_level;
}

static void set_line(emu *e, uint32_t offset, int v)
{
    const nws_link *l = &e->board->link;
    if (offset == l->pin_dc) {
        e->dc = v;
    } else if (offset == l->pin_rst) {
        if (!e->rst && v) {
            /* the rising edge ends the reset pulse */
            ctrl_reset(e->ctrl);
            e->ctrl->busy_until = e->now + 5;
            log_line(e, "RST pulse: controller reset");
        }
        e->rst = v;
    } else if (offset == l->pin_power) {
        e->power = v;
        log_line(e, v ? "panel power on" : "panel power off");
    } else {
        emu_fail(e, "output on line %u, which drives nothing on this board", offset);
    }
}

static int transfer(emu *e, const struct spi_ioc_transfer *t)
{
    if (e->spi_fail_after >= 0 && e->spi_transfers >= (unsigned)e->spi_fail_after) {
        errno = EIO;
        return -1;
    }
    e->spi_transfers++;
    if (t->len > 4096)
        emu_fail(e, "SPI transfer of %u bytes, over spidev's 4096-byte buffer", t->len);
    if (t->bits_per_word && t->bits_per_word != 8)
        emu_fail(e, "SPI transfer with %u bits per word", t->bits_per_word);
    if (e->board->link.pin_power != NWS_NO_PIN && !e->power)
        emu_fail(e, "SPI traffic while the panel has no power");
    if (!e->rst)
        emu_fail(e, "SPI traffic while RST is held low");
    const uint8_t *p = (const uint8_t *)(uintptr_t)t->tx_buf;
    emu_ctrl *c = e->ctrl;
    for (uint32_t i = 0; i < t->len; i++) {
        if (e->dc) {
            c->data(c, p[i], e->now);
        } else {
            if (e->log)
                fprintf(e->log, "%6llu ms  %s command 0x%02X\n", (unsigned long long)e->now,
                        c->name, p[i]);
            c->command(c, p[i], e->now);
        }
    }
    return (int)t->len;
}

static int get_lines(emu *e, struct gpio_v2_line_request *r)
{
    uint64_t f = r->config.flags;
    int kind;
    if (f & GPIO_V2_LINE_FLAG_OUTPUT) {
        kind = EMU_LINES_OUT;
        e->nout = r->num_lines;
        memcpy(e->out_offsets, r->offsets, sizeof e->out_offsets);
    } else if (f & GPIO_V2_LINE_FLAG_EDGE_FALLING) {
        kind = EMU_LINES_BUTTONS;
        e->nbuttons = r->num_lines;
        memcpy(e->button_offsets, r->offsets, sizeof e->button_offsets);
        if (!(f & GPIO_V2_LINE_FLAG_BIAS_PULL_UP))
            emu_fail(e, "button lines without a pull-up float");
    } else {
        kind = EMU_LINES_BUSY;
        if (r->num_lines != 1 || r->offsets[0] != e->board->link.pin_busy)
            emu_fail(e, "input request for line %u, BUSY is %u", r->offsets[0],
                     e->board->link.pin_busy);
    }
    if (r->num_lines > 8) {
        errno = EINVAL;
        return -1;
    }
    for (int i = 3; i < 64; i++)
        if (!e->kind[i]) {
            e->kind[i] = kind;
            r->fd = 100 + i;
            if (kind == EMU_LINES_OUT)
                e->line_fd_out = r->fd;
            else if (kind == EMU_LINES_BUSY)
                e->line_fd_busy = r->fd;
            else
                e->line_fd_buttons = r->fd;
            return 0;
        }
    errno = EMFILE;
    return -1;
}

int emu_ioctl_spi(emu *e, int fd, int kind, unsigned long req, void *arg)
{
    (void)fd;
    switch (kind) {
    case EMU_SPI:
        if (req == SPI_IOC_WR_MODE) {
            if (*(uint8_t *)arg != SPI_MODE_0)
                emu_fail(e, "SPI mode %u; the controllers sample in mode 0", *(uint8_t *)arg);
            return 0;
        }
        if (req == SPI_IOC_WR_BITS_PER_WORD || req == SPI_IOC_WR_MAX_SPEED_HZ)
            return 0;
        if (req == SPI_IOC_MESSAGE(1))
            return transfer(e, arg);
        break;
    case EMU_CHIP:
        if (req == GPIO_V2_GET_LINE_IOCTL)
            return get_lines(e, arg);
        break;
    case EMU_LINES_OUT:
        if (req == GPIO_V2_LINE_SET_VALUES_IOCTL) {
            const struct gpio_v2_line_values *v = arg;
            for (uint32_t i = 0; i < e->nout; i++)
                if (v->mask >> i & 1u)
                    set_line(e, e->out_offsets[i], (int)(v->bits >> i & 1u));
            return 0;
        }
        break;
    case EMU_LINES_BUSY:
        if (req == GPIO_V2_LINE_GET_VALUES_IOCTL) {
            struct gpio_v2_line_values *v = arg;
            v->bits = (uint64_t)busy_now(e) & v->mask;
            return 0;
        }
        break;
    default: break;
    }
    emu_fail(e, "ioctl 0x%08lX on an fd that does not take it", req);
    errno = ENOTTY;
    return -1;
}
