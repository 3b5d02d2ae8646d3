/* ctrl.c -- UC8179 and SSD16xx controllers as the datasheets describe
 * them, enough to rebuild the panel image from the SPI command stream and
 * to catch what a real chip would not forgive: commands in deep sleep, a
 * refresh without power or resolution, a partial update whose "old" image
 * is not what the panel shows, data past the RAM window. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "emu.h"

void ctrl_fail(emu_ctrl *c, const char *fmt, ...)
{
    if (c->error[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = snprintf(c->error, sizeof c->error, "%s: ", c->name);
    vsnprintf(c->error + n, sizeof c->error - (size_t)n, fmt, ap);
    va_end(ap);
}

static void common_init(emu_ctrl *c, const nws_board *b, const char *name)
{
    memset(c, 0, sizeof *c);
    c->name = name;
    c->board = b;
    c->stride = board_native_stride(b);
    c->rows = board_native_height(b);
    size_t n = (size_t)c->stride * c->rows;
    c->ram_new = malloc(n);
    c->ram_old = malloc(n);
    c->glass = malloc(n);
    /* a panel fresh from the factory is white */
    memset(c->glass, b->pack.black_is_zero ? 0xFF : 0x00, n);
    c->cmd = -1;
    c->asleep = 1; /* powered up: nothing works before a reset */
}

void ctrl_free(emu_ctrl *c)
{
    free(c->ram_new);
    free(c->ram_old);
    free(c->glass);
}

/* A hardware reset: registers to defaults, RAM undefined (filled with a
 * pattern, so a driver counting on RAM kept over a reset shows up). */
void ctrl_reset(emu_ctrl *c)
{
    size_t n = (size_t)c->stride * c->rows;
    memset(c->ram_new, 0x5A, n);
    memset(c->ram_old, 0xA5, n);
    memset(c->regs, 0, sizeof c->regs);
    memset(c->nparam, 0, sizeof c->nparam);
    c->asleep = c->powered = c->lut_loaded = c->partial_mode = 0;
    c->cmd = -1;
    c->xs = c->ys = c->xc = c->yc = 0;
    c->xe = c->stride - 1;
    c->ye = c->rows - 1;
}

static uint32_t mode_time(const emu_ctrl *c, unsigned kind)
{
    for (int i = 0; i < NWS_BOARD_MAX_MODES && c->board->modes[i].name; i++)
        if (c->board->modes[i].hw == kind)
            return c->board->modes[i].time_ms;
    return 1000;
}

static void refresh(emu_ctrl *c, unsigned kind, uint64_t now)
{
    c->refreshes[kind]++;
    c->busy_until = now + mode_time(c, kind);
    if (c->on_refresh)
        c->on_refresh(c, kind);
}

/* --- UC8179 ------------------------------------------------------------------- */

static void uc_window(const emu_ctrl *c, uint32_t *x0, uint32_t *y0, uint32_t *bw, uint32_t *h)
{
    if (c->partial_mode) {
        const uint8_t *p = c->regs[0x90];
        uint32_t hrst = ((uint32_t)p[0] << 8 | p[1]) & 0x3F8u;
        uint32_t hred = ((uint32_t)p[2] << 8 | p[3]) | 0x7u;
        uint32_t vrst = ((uint32_t)p[4] << 8 | p[5]) & 0x3FFu;
        uint32_t vred = ((uint32_t)p[6] << 8 | p[7]) & 0x3FFu;
        *x0 = hrst / 8u;
        *bw = hred >= hrst ? (hred - hrst + 1u) / 8u : 0;
        *y0 = vrst;
        *h = vred >= vrst ? vred - vrst + 1u : 0;
    } else {
        *x0 = *y0 = 0;
        *bw = c->stride;
        *h = c->rows;
    }
}

static void uc_command(emu_ctrl *c, uint8_t cmd, uint64_t now)
{
    if (c->asleep) {
        ctrl_fail(c, "command 0x%02X while in deep sleep (only a hardware reset wakes it)", cmd);
        return;
    }
    c->cmd = cmd;
    c->pos = 0;
    c->nparam[cmd] = 0;
    switch (cmd) {
    case 0x04: c->powered = 1; c->busy_until = now + 80; break;
    case 0x02: c->powered = 0; c->busy_until = now + 30; break;
    case 0x91: c->partial_mode = 1; break;
    case 0x92: c->partial_mode = 0; break;
    case 0x12: {
        const uint8_t *t = c->regs[0x61];
        uint32_t w = (uint32_t)t[0] << 8 | t[1], h = (uint32_t)t[2] << 8 | t[3];
        if (!c->powered)
            ctrl_fail(c, "display refresh (0x12) with the power off (no 0x04)");
        else if (c->nparam[0x61] != 4 || w != board_native_width(c->board) ||
                 h != board_native_height(c->board))
            ctrl_fail(c, "display refresh with resolution %ux%u set, panel is %ux%u", w, h,
                      board_native_width(c->board), board_native_height(c->board));
        else if (!(c->regs[0x00][0] & 0x10))
            ctrl_fail(c, "display refresh without KW mode in the panel setting (0x00)");
        unsigned kind = NWS_UPDATE_FULL;
        if (c->partial_mode)
            kind = NWS_UPDATE_PARTIAL;
        else if ((c->regs[0xE0][0] & 0x02) && c->regs[0xE5][0])
            kind = NWS_UPDATE_FAST;
        uint32_t x0, y0, bw, h2;
        uc_window(c, &x0, &y0, &bw, &h2);
        for (uint32_t y = y0; y < y0 + h2 && y < c->rows; y++) {
            size_t o = (size_t)y * c->stride + x0;
            if (kind == NWS_UPDATE_PARTIAL && memcmp(c->ram_old + o, c->glass + o, bw) != 0) {
                ctrl_fail(c, "partial refresh: the old image (0x10) differs from the panel "
                             "at row %u", y);
                break;
            }
        }
        for (uint32_t y = y0; y < y0 + h2 && y < c->rows; y++)
            memcpy(c->glass + (size_t)y * c->stride + x0, c->ram_new + (size_t)y * c->stride + x0,
                   bw);
        refresh(c, kind, now);
        break;
    }
    default: break;
    }
}

static void uc_data(emu_ctrl *c, uint8_t b, uint64_t now)
{
    (void)now;
    if (c->cmd < 0) {
        ctrl_fail(c, "data byte 0x%02X with no command", b);
        return;
    }
    if (c->cmd == 0x10 || c->cmd == 0x13) {
        uint32_t x0, y0, bw, h;
        uc_window(c, &x0, &y0, &bw, &h);
        if (!bw || c->pos >= (size_t)bw * h) {
            ctrl_fail(c, "image data (0x%02X) past the %s", c->cmd,
                      c->partial_mode ? "partial window" : "screen");
            return;
        }
        uint8_t *plane = c->cmd == 0x10 ? c->ram_old : c->ram_new;
        plane[(size_t)(y0 + c->pos / bw) * c->stride + x0 + c->pos % bw] = b;
        c->pos++;
        return;
    }
    if (c->pos < sizeof c->regs[0])
        c->regs[c->cmd][c->pos] = b;
    c->pos++;
    c->nparam[c->cmd]++;
    if (c->cmd == 0x07) {
        if (b == 0xA5)
            c->asleep = 1;
        else
            ctrl_fail(c, "deep sleep (0x07) without its check code 0xA5");
    }
}

void ctrl_init_uc8179(emu_ctrl *c, const nws_board *b)
{
    common_init(c, b, "UC8179");
    c->busy_level = 0; /* BUSY_N */
    c->command = uc_command;
    c->data = uc_data;
}

/* --- SSD1680 / SSD1683 ----------------------------------------------------------- */

static void ssd_command(emu_ctrl *c, uint8_t cmd, uint64_t now)
{
    if (c->asleep) {
        ctrl_fail(c, "command 0x%02X while in deep sleep (only a hardware reset wakes it)", cmd);
        return;
    }
    c->cmd = cmd;
    c->pos = 0;
    c->nparam[cmd] = 0;
    switch (cmd) {
    case 0x12: ctrl_reset(c); c->busy_until = now + 10; break;
    case 0x24:
    case 0x26:
        if (c->regs[0x11][0] != 0x03)
            ctrl_fail(c, "RAM write with data entry mode 0x%02X (the emulator follows 0x03)",
                      c->regs[0x11][0]);
        break;
    case 0x20: {
        uint8_t seq = c->regs[0x22][0];
        if (seq & 0x10)
            c->lut_loaded = 1;
        c->busy_until = now + 20;
        if (!(seq & 0x04))
            break;
        uint32_t gates = ((uint32_t)c->regs[0x01][1] << 8 | c->regs[0x01][0]) + 1u;
        if (gates != c->rows)
            ctrl_fail(c, "refresh with %u gates set (0x01), panel has %u", gates, c->rows);
        if (!c->lut_loaded)
            ctrl_fail(c, "display (0x22 = 0x%02X) with no waveform loaded", seq);
        unsigned kind = (seq & 0x08)    ? NWS_UPDATE_PARTIAL
                        : !(seq & 0x10) ? NWS_UPDATE_FAST
                                        : NWS_UPDATE_FULL;
        size_t n = (size_t)c->stride * c->rows;
        if (kind == NWS_UPDATE_PARTIAL && memcmp(c->ram_old, c->glass, n) != 0)
            ctrl_fail(c, "partial refresh: RED RAM (0x26) is not what the panel shows");
        memcpy(c->glass, c->ram_new, n);
        refresh(c, kind, now);
        break;
    }
    default: break;
    }
}

static void ssd_data(emu_ctrl *c, uint8_t b, uint64_t now)
{
    (void)now;
    if (c->cmd < 0) {
        ctrl_fail(c, "data byte 0x%02X with no command", b);
        return;
    }
    if (c->cmd == 0x24 || c->cmd == 0x26) {
        if (c->xc >= c->stride || c->yc >= c->rows) {
            ctrl_fail(c, "RAM address %u,%u outside the panel", c->xc, c->yc);
            return;
        }
        uint8_t *plane = c->cmd == 0x24 ? c->ram_new : c->ram_old;
        plane[(size_t)c->yc * c->stride + c->xc] = b;
        /* X increments within the window, then Y (data entry mode 0x03) */
        if (c->xc >= c->xe) {
            c->xc = c->xs;
            c->yc = c->yc >= c->ye ? c->ys : c->yc + 1u;
        } else {
            c->xc++;
        }
        return;
    }
    if (c->pos < sizeof c->regs[0])
        c->regs[c->cmd][c->pos] = b;
    c->pos++;
    c->nparam[c->cmd]++;
    const uint8_t *p = c->regs[c->cmd];
    switch (c->cmd) {
    case 0x44:
        c->xs = p[0];
        c->xe = p[1];
        break;
    case 0x45:
        c->ys = (uint32_t)p[1] << 8 | p[0];
        c->ye = (uint32_t)p[3] << 8 | p[2];
        break;
    case 0x4E: c->xc = p[0]; break;
    case 0x4F: c->yc = (uint32_t)p[1] << 8 | p[0]; break;
    case 0x10:
        if (b & 0x03)
            c->asleep = 1;
        break;
    default: break;
    }
}

void ctrl_init_ssd16xx(emu_ctrl *c, const nws_board *b, const char *name)
{
    common_init(c, b, name);
    c->busy_level = 1;
    c->command = ssd_command;
    c->data = ssd_data;
}
