/* fbdev.c -- the emulated /dev/fb0 with an i.MX EPDC behind it, and the
 * evdev devices. */
#include <errno.h>
#include <linux/fb.h>
#include <linux/input.h>
#include <string.h>

#include "../../src/platform/mxcfb.h"
#include "emu.h"

int emu_ioctl_fb(emu *e, unsigned long req, void *arg);
int emu_ioctl_input(emu *e, int kind, unsigned long req, void *arg);

static uint8_t gray_at(const emu *e, uint32_t fx, uint32_t fy)
{
    const emu_fb_cfg *c = &e->fbc;
    const uint8_t *p = e->fbmem + (size_t)fy * c->line_length;
    unsigned g;
    switch (c->bpp) {
    case 8: g = c->grayscale == 2 ? 255u - p[fx] : p[fx]; break;
    case 16: {
        uint16_t v;
        memcpy(&v, p + (size_t)fx * 2u, 2);
        unsigned g6 = (v >> 5) & 0x3Fu;
        g = g6 << 2 | g6 >> 4;
        break;
    }
    default: g = p[(size_t)fx * 4u + 1u]; /* green of XRGB8888, little-endian */
    }
    /* what the panel can show: the nearest of its gray levels */
    unsigned L = e->board->gray_levels;
    unsigned level = (g * (L - 1u) + 127u) / 255u;
    return (uint8_t)(level * 255u / (L - 1u));
}

static int turned(const emu *e)
{
    return e->fbc.xres != e->board->width;
}

static void apply(emu *e, const nws_mxcfb_rect *r)
{
    const nws_board *b = e->board;
    for (uint32_t fy = r->top; fy < r->top + r->height; fy++)
        for (uint32_t fx = r->left; fx < r->left + r->width; fx++) {
            uint32_t x = fx, y = fy;
            if (turned(e)) {
                x = fy;
                y = b->height - 1 - fx;
            }
            if (x < b->width && y < b->height)
                e->fb_glass[(size_t)y * b->width + x] = gray_at(e, fx, fy);
        }
}

static int update(emu *e, const nws_mxcfb_rect *r, uint32_t waveform, uint32_t mode,
                  uint32_t marker, int32_t temp)
{
    const nws_board *b = e->board;
    const nws_refresh_mode *m = NULL;
    for (int i = 0; i < NWS_BOARD_MAX_MODES && b->modes[i].name; i++)
        if (b->modes[i].hw == waveform)
            m = &b->modes[i];
    if (!m)
        emu_fail(e, "update with waveform %u, which board %s does not have", waveform, b->name);
    if (!r->width || !r->height || r->left + r->width > e->fbc.xres ||
        r->top + r->height > e->fbc.yres) {
        emu_fail(e, "update region %ux%u at %u,%u outside the %ux%u screen", r->width, r->height,
                 r->left, r->top, e->fbc.xres, e->fbc.yres);
        errno = EINVAL;
        return -1;
    }
    if (mode > 1 || temp != NWS_MXCFB_TEMP_AMBIENT || !marker || marker <= e->last_marker)
        emu_fail(e, "update with mode %u, temp %d, marker %u (last %u)", mode, temp, marker,
                 e->last_marker);
    if (!e->fb_mapped)
        emu_fail(e, "update before the framebuffer was mapped");
    e->last_marker = marker;
    e->fb_updates++;
    e->fb_full += mode == 1;
    if (waveform < 16)
        e->by_waveform[waveform]++;
    if (e->log)
        fprintf(e->log, "%6llu ms  MXCFB_SEND_UPDATE %s waveform %u (%s) %ux%u at %u,%u marker %u\n",
                (unsigned long long)e->now, mode ? "full" : "partial", waveform,
                m ? m->name : "?", r->width, r->height, r->left, r->top, marker);
    apply(e, r);
    emu_dump(e, e->fb_glass);
    return 0;
}

int emu_ioctl_fb(emu *e, unsigned long req, void *arg)
{
    const emu_fb_cfg *c = &e->fbc;
    if (req == FBIOGET_VSCREENINFO) {
        struct fb_var_screeninfo *v = arg;
        memset(v, 0, sizeof *v);
        v->xres = v->xres_virtual = c->xres;
        v->yres = v->yres_virtual = c->yres;
        v->bits_per_pixel = c->bpp;
        v->grayscale = c->grayscale;
        if (c->bpp == 16) {
            v->red = (struct fb_bitfield){11, 5, 0};
            v->green = (struct fb_bitfield){5, 6, 0};
            v->blue = (struct fb_bitfield){0, 5, 0};
        } else if (c->bpp == 32) {
            v->red = (struct fb_bitfield){16, 8, 0};
            v->green = (struct fb_bitfield){8, 8, 0};
            v->blue = (struct fb_bitfield){0, 8, 0};
            v->transp = (struct fb_bitfield){24, 8, 0};
        } else {
            v->red = v->green = v->blue = (struct fb_bitfield){0, 8, 0};
        }
        return 0;
    }
    if (req == FBIOGET_FSCREENINFO) {
        struct fb_fix_screeninfo *f = arg;
        memset(f, 0, sizeof *f);
        strcpy(f->id, "mxc_epdc_fb");
        f->line_length = c->line_length;
        f->smem_len = (uint32_t)e->fblen;
        f->visual = c->bpp == 8 ? FB_VISUAL_STATIC_PSEUDOCOLOR : FB_VISUAL_TRUECOLOR;
        return 0;
    }
    unsigned abi = e->board->link.fb_abi;
    if (req == NWS_MXCFB_SEND_UPDATE_KOBO && abi == NWS_FB_ABI_KOBO_MARK7) {
        const nws_mxcfb_update_kobo *u = arg;
        return update(e, &u->update_region, u->waveform_mode, u->update_mode, u->update_marker,
                      u->temp);
    }
    if (req == NWS_MXCFB_SEND_UPDATE_REX && abi == NWS_FB_ABI_KINDLE_REX) {
        const nws_mxcfb_update_rex *u = arg;
        return update(e, &u->update_region, u->waveform_mode, u->update_mode, u->update_marker,
                      u->temp);
    }
    if (req == NWS_MXCFB_WAIT_FOR_UPDATE_COMPLETE && abi != NWS_FB_ABI_NONE) {
        const nws_mxcfb_marker *m = arg;
        if (!m->update_marker || m->update_marker > e->last_marker)
            emu_fail(e, "wait for update marker %u, never sent (last %u)", m->update_marker,
                     e->last_marker);
        e->fb_waits++;
        if (e->log)
            fprintf(e->log, "%6llu ms  MXCFB_WAIT_FOR_UPDATE_COMPLETE marker %u\n",
                    (unsigned long long)e->now, m->update_marker);
        e->now += 450; /* a flashing update's time */
        return 0;
    }
    emu_fail(e, "framebuffer ioctl 0x%08lX that this kernel does not have", req);
    errno = ENOTTY;
    return -1;
}

#define SETBIT(a, b) ((a)[(b) / (8 * sizeof(unsigned long))] |= 1ul << ((b) % (8 * sizeof(unsigned long))))

int emu_ioctl_input(emu *e, int kind, unsigned long req, void *arg)
{
    if (_IOC_TYPE(req) != 'E') {
        errno = ENOTTY;
        return -1;
    }
    if (req == EVIOCGRAB) {
        if (e->log)
            fprintf(e->log, "%6llu ms  EVIOCGRAB %s\n", (unsigned long long)e->now,
                    kind == EMU_TOUCH ? "touch" : "keys");
        return 0;
    }
    unsigned nr = _IOC_NR(req);
    size_t len = _IOC_SIZE(req);
    if (nr == 0x20) { /* EVIOCGBIT(0): event types */
        unsigned long bits[EV_MAX / (8 * sizeof(unsigned long)) + 1] = {0};
        SETBIT(bits, EV_SYN);
        SETBIT(bits, EV_KEY);
        if (kind == EMU_TOUCH)
            SETBIT(bits, EV_ABS);
        memset(arg, 0, len);
        memcpy(arg, bits, len < sizeof bits ? len : sizeof bits);
        return (int)len;
    }
    if (nr == 0x20 + EV_ABS) {
        unsigned long bits[ABS_MAX / (8 * sizeof(unsigned long)) + 1] = {0};
        if (kind == EMU_TOUCH) {
            SETBIT(bits, ABS_MT_POSITION_X);
            SETBIT(bits, ABS_MT_POSITION_Y);
            SETBIT(bits, ABS_MT_TRACKING_ID);
        }
        memset(arg, 0, len);
        memcpy(arg, bits, len < sizeof bits ? len : sizeof bits);
        return (int)len;
    }
    if (nr == 0x40 + ABS_MT_POSITION_X || nr == 0x40 + ABS_MT_POSITION_Y) {
        struct input_absinfo *ai = arg;
        memset(ai, 0, sizeof *ai);
        ai->maximum = nr == 0x40 + ABS_MT_POSITION_X ? EMU_TOUCH_MAX_X : EMU_TOUCH_MAX_Y;
        return 0;
    }
    errno = EINVAL;
    return -1;
}
